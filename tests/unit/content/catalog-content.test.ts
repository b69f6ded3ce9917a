// Checks over the real content tree that schemas cannot express: glossary body structure,
// coverage the foundation promises, and that prose leaves fit numbers to the engine.
import { readFrontmatter } from '../../../src/cli/catalog-io.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GLOSSARY_CATEGORIES } from '../../../src/lib/taxonomy.ts';

const CONTENT = new URL('../../../content/', import.meta.url).pathname;
const files = (dir: string, ext: RegExp) =>
  readdirSync(join(CONTENT, dir)).filter((f) => ext.test(f) && !f.startsWith('_')).map((f) => join(CONTENT, dir, f));
const frontmatter = (text: string) => /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
const body = (text: string) => text.replace(/^---\n[\s\S]*?\n---/, '');

describe('glossary bodies', () => {
  const terms = files('glossary', /\.mdx?$/);
  it.each(terms.map((f) => [f.split('/').pop()!, f]))('%s has Deeper dive, Practical example, Workflow example in order', (_name, file) => {
    const text = body(readFileSync(file, 'utf8'));
    const headings = [...text.matchAll(/^## (.+)$/gm)].map((m) => m[1]!.trim());
    expect(headings.slice(0, 3)).toEqual(['Deeper dive', 'Practical example', 'Workflow example']);
    const workflow = text.slice(text.indexOf('## Workflow example'));
    expect(workflow, 'Workflow example needs a fenced code block').toMatch(/```[a-z]+\n[\s\S]+?```/);
  });
});

describe('starter catalog coverage', () => {
  it('has at least 12 glossary terms across at least 5 categories, including AI Alignment', () => {
    const terms = files('glossary', /\.mdx?$/).map((f) => readFileSync(f, 'utf8'));
    expect(terms.length).toBeGreaterThanOrEqual(12);
    const categories = new Set(terms.map((t) => /^category:\s*(\S+)/m.exec(frontmatter(t))?.[1]));
    expect([...categories].filter((c) => GLOSSARY_CATEGORIES.some((k) => k.id === c)).length).toBeGreaterThanOrEqual(5);
    expect(terms.some((t) => /^term:\s*['"]?AI Alignment['"]?\s*$/m.test(frontmatter(t)))).toBe(true);
  });

  it('has 8+ models, 12+ hardware entries from NVIDIA, AMD, Intel and Apple, 5+ tools, 6+ errors, 3 buyer guides', () => {
    expect(files('models', /\.mdx$/).length).toBeGreaterThanOrEqual(8);
    const hardware = files('hardware', /\.mdx$/).map((f) => readFrontmatter(f) as { vendor: string });
    expect(hardware.length).toBeGreaterThanOrEqual(12);
    expect(new Set(hardware.map((h) => h.vendor))).toEqual(new Set(['NVIDIA', 'AMD', 'Intel', 'Apple']));
    expect(files('tools', /\.mdx?$/).length).toBeGreaterThanOrEqual(5);
    expect(files('errors', /\.mdx?$/).map((f) => f.split('/').pop())).toEqual(
      expect.arrayContaining(['cuda-out-of-memory.mdx', 'ollama-running-slowly.mdx', 'rocm-gpu-not-detected.mdx']),
    );
    expect(files('errors', /\.mdx?$/).length).toBeGreaterThanOrEqual(6);
    expect(files('guides', /\.mdx?$/).map((f) => f.split('/').pop()).sort()).toEqual(
      expect.arrayContaining(['best-gpu-for-local-ai.mdx', 'best-laptop-for-local-ai.mdx', 'best-mac-for-local-ai.mdx']),
    );
  });

  it('has every editorial and legal page the footer links to', () => {
    const pages = files('pages', /\.mdx?$/).map((f) => f.split('/').pop()!.replace(/\.mdx?$/, ''));
    expect(pages).toEqual(
      expect.arrayContaining(['about', 'author', 'how-we-make-money', 'editorial-policy', 'contact', 'privacy', 'terms', 'methodology', 'trust', 'affiliate-disclosure']),
    );
  });

  it('has the reference sections at full size: quick answers, prompting kits, start paths, learn', () => {
    expect(files('quick-answers', /\.mdx$/).length).toBeGreaterThanOrEqual(20);
    expect(files('prompting-kits', /\.mdx$/).length).toBeGreaterThanOrEqual(8);
    expect(files('learn', /\.mdx$/).length).toBeGreaterThanOrEqual(10);
    // One path per operating system and runtime.
    const start = files('start', /\.mdx$/).map((f) => f.split('/').pop()!.replace(/\.mdx$/, ''));
    for (const os of ['windows', 'macos', 'linux'])
      for (const runtime of ['ollama', 'lm-studio', 'llama-cpp']) expect(start).toContain(`${os}-${runtime}`);
  });
});

describe('prose leaves fit verdicts and speed estimates to the engine', () => {
  // Measured speeds (with their source) and exact KV arithmetic are fine in prose; an estimate
  // phrased as a verdict ("fits in 6 GB", "runs at 40 tok/s") must come from <Fit /> instead.
  const claim = /\bfits?\s+(?:comfortably\s+)?(?:in|into|on)\s+(?:about\s+|roughly\s+|~)?\d+(?:\.\d+)?\s*(?:GB|GiB)\b|\b(?:runs?|generates?)\s+at\s+(?:about\s+|around\s+|roughly\s+|~)?\d+(?:\.\d+)?\s*(?:tok\/s|tokens per second)/i;
  const prose = ['glossary', 'guides', 'learn', 'errors', 'tools', 'quick-answers', 'start', 'prompting-kits', 'pulse']
    .flatMap((d) => files(d, /\.mdx?$/))
    .map((f) => [f.replace(CONTENT, ''), body(readFileSync(f, 'utf8')).replace(/```[\s\S]*?```/g, '').replace(/`[^`]*`/g, '')] as const);
  it.each(prose.map(([name, text]) => [name, text]))('%s', (_name, text) => {
    expect(claim.exec(text)?.[0] ?? null).toBeNull();
  });
  it('the pattern catches estimate phrasing', () => {
    expect(claim.test('It fits in 6.2 GB on this card.')).toBe(true);
    expect(claim.test('It runs at about 40 tok/s.')).toBe(true);
    expect(claim.test('It generated 115.4 tokens per second in a measured run.')).toBe(false);
  });
});
