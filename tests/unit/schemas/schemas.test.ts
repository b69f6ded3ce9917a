import { describe, expect, it } from 'vitest';
import type { z } from 'astro/zod';
import { BenchmarkSchema } from '../../../src/schemas/benchmarks.ts';
import { CloudPriceSchema } from '../../../src/schemas/cloud.ts';
import { ErrorSchema } from '../../../src/schemas/errors.ts';
import { GlossarySchema } from '../../../src/schemas/glossary.ts';
import { GuideSchema } from '../../../src/schemas/guides.ts';
import { HardwareSchema } from '../../../src/schemas/hardware.ts';
import { LearnSchema } from '../../../src/schemas/learn.ts';
import { ModelSchema } from '../../../src/schemas/models.ts';
import { PageSchema } from '../../../src/schemas/pages.ts';
import { PulseSchema } from '../../../src/schemas/pulse.ts';
import { ToolSchema } from '../../../src/schemas/tools.ts';

const sources = [{ url: 'https://example.org/spec', title: 'Spec sheet', accessed: '2026-11-29' }];

const valid = {
  glossary: {
    term: 'KV cache',
    category: 'inference-performance',
    definition: 'The keys and values of past tokens that a transformer keeps in memory so it does not recompute them.',
    example: { model: 'llama-3.1-8b-instruct', hardware: 'nvidia-rtx-3060-12gb' },
    related: ['context-window'],
    errors: ['cuda-out-of-memory'],
    reviewed: '2026-11-29',
    sources,
  },
  model: {
    name: 'Llama 3.1 8B Instruct',
    org: 'Meta',
    family: 'Llama 3.1',
    summary: 'A dependable all-rounder for 8 to 12 GB cards.',
    modality: ['text'],
    releaseDate: '2024-07-23',
    license: 'Llama 3.1 Community License',
    hfRepo: 'meta-llama/Llama-3.1-8B-Instruct',
    ollamaTag: 'llama3.1:8b',
    paramsTotal: 8030261248,
    contextLength: 131072,
    architecture: {
      layers: 32,
      hiddenSize: 4096,
      heads: 32,
      kvHeads: 8,
      headDim: 128,
      ffnSize: 14336,
      vocabSize: 128256,
      tiedEmbeddings: false,
    },
    files: [{ format: 'Q4_K_M', bytes: 4920739168, url: 'https://example.org/files' }],
    tools: ['ollama'],
    asOf: '2026-11-29',
    sources,
  },
  hardware: {
    name: 'GeForce RTX 3060 12GB',
    vendor: 'NVIDIA',
    kind: 'gpu',
    summary: 'The cheapest new card with 12 GB of VRAM.',
    memoryGiB: 12,
    memoryType: 'GDDR6',
    bandwidthGBs: 360,
    fp16Tflops: 51.2,
    architecture: 'Ampere',
    backends: ['CUDA', 'Vulkan'],
    asOf: '2026-01-07',
    sources,
  },
  tool: {
    name: 'Ollama',
    kind: 'runtime',
    summary: 'The quickest way to run a model locally.',
    license: 'MIT',
    platforms: ['Linux', 'macOS', 'Windows'],
    backends: ['CUDA', 'Metal', 'CPU'],
    formats: ['GGUF'],
    website: 'https://ollama.com',
    asOf: '2026-11-29',
    sources,
  },
  error: {
    title: 'CUDA out of memory',
    message: 'CUDA error: out of memory',
    summary: 'The GPU ran out of memory while loading or running the model.',
    tools: ['llama-cpp'],
    updated: '2026-11-29',
    sources,
  },
  guide: {
    title: 'Best GPU for local AI',
    shortTitle: 'Best GPU',
    description: 'Which graphics card to buy for running models locally.',
    kind: 'buyer',
    picks: [{ hardware: 'nvidia-rtx-3060-12gb', role: 'Best value', why: 'Twelve gigabytes for little money.' }],
    updated: '2026-11-29',
    sources,
  },
  learn: {
    title: 'Start',
    description: 'What you need to run AI locally.',
    order: 1,
    level: 'beginner',
    updated: '2026-11-29',
    sources,
  },
  benchmark: {
    model: 'llama-3-8b-instruct',
    hardware: 'nvidia-rtx-4090-24gb',
    tool: 'llama-cpp',
    format: 'Q4_K_M',
    promptTokens: 512,
    generatedTokens: 512,
    promptTokS: 1000,
    decodeTokS: 130.58,
    toolVersion: 'b3000',
    backend: 'CUDA',
    command: 'llama-bench -m llama-3-8b.Q4_K_M.gguf -p 512 -n 512',
    trust: 'community',
    setup: 'llama-bench',
    measured: '2024-05-01',
    sources,
  },
  pulse: { title: 'gpt-oss released', date: '2025-08-05', summary: 'OpenAI published open-weight models.', sources },
  page: {
    title: 'About',
    description: 'Who we are and why this site exists.',
    section: 'editor',
    updated: '2026-11-29',
  },
  cloud: {
    provider: 'Lambda',
    gpu: 'H100 SXM',
    gpuMemoryGiB: 80,
    usdPerGpuHour: 3.78,
    pricing: 'on demand',
    asOf: '2026-05-07',
    sources,
  },
};

const schemas: [keyof typeof valid, z.ZodType][] = [
  ['glossary', GlossarySchema],
  ['model', ModelSchema],
  ['hardware', HardwareSchema],
  ['tool', ToolSchema],
  ['error', ErrorSchema],
  ['guide', GuideSchema],
  ['learn', LearnSchema],
  ['benchmark', BenchmarkSchema],
  ['pulse', PulseSchema],
  ['page', PageSchema],
  ['cloud', CloudPriceSchema],
];

/** "path: message" of the first issue, or "ok". */
function firstIssue(schema: z.ZodType, data: unknown): string {
  const r = schema.safeParse(data);
  if (r.success) return 'ok';
  const issue = r.error.issues[0]!;
  return `${issue.path.join('.')}: ${issue.message}`;
}

describe.each(schemas)('%s schema', (name, schema) => {
  const fixture = valid[name] as Record<string, unknown>;
  it('accepts a valid entry', () => {
    expect(firstIssue(schema, fixture)).toBe('ok');
  });
  it('rejects a misspelt key, naming it', () => {
    const r = schema.safeParse({ ...fixture, sumary: 'typo' });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain('sumary');
  });
  it('rejects each missing required field, naming it', () => {
    const required = Object.keys(fixture).filter((k) => !schema.safeParse({ ...fixture, [k]: undefined }).success);
    expect(required.length).toBeGreaterThan(0);
    for (const key of required) {
      const { [key]: _removed, ...rest } = fixture;
      expect(firstIssue(schema, rest)).toMatch(new RegExp(`^${key}(\\.|:)`));
    }
  });
});

describe('field errors carry actionable messages', () => {
  it.each([
    ['glossary', { ...valid.glossary, category: 'cooking' }, /^category: Pick a category from: hardware-memory, /],
    [
      'glossary',
      { ...valid.glossary, definition: 'Too short.' },
      'definition: The definition must be a full paragraph (40+ characters)',
    ],
    ['glossary', { ...valid.glossary, errors: [] }, 'errors: Link at least one error page in "errors"'],
    [
      'glossary',
      { ...valid.glossary, reviewed: '29/11/2026' },
      'reviewed: Use a calendar date written as YYYY-MM-DD, e.g. 2026-11-29',
    ],
    [
      'glossary',
      { ...valid.glossary, related: ['Not An Id'] },
      'related.0: Ids are lowercase letters, digits, dots and dashes, e.g. "rtx-4090"',
    ],
    ['model', { ...valid.model, sources: [] }, 'sources: Add at least one source { url, accessed }'],
    ['benchmark', { ...valid.benchmark, sources: [] }, 'sources: Add at least one source { url, accessed }'],
    ['benchmark', { ...valid.benchmark, trust: 'trust-me' }, /^trust: /],
    ['benchmark', { ...valid.benchmark, backend: 'OpenCL' }, /^backend: /],
    [
      'model',
      { ...valid.model, sources: [{ url: 'example.org', accessed: '2026-11-29' }] },
      'sources.0.url: A source needs a full URL starting with https://',
    ],
    ['model', { ...valid.model, hfRepo: 'llama' }, 'hfRepo: hfRepo is "owner/name"'],
    ['model', { ...valid.model, paramsTotal: '8B' }, /^paramsTotal: /],
    ['model', { ...valid.model, architecture: { ...valid.model.architecture, heads: 0 } }, /^architecture\.heads: /],
    ['hardware', { ...valid.hardware, memoryGiB: -12 }, /^memoryGiB: /],
    ['hardware', { ...valid.hardware, vendor: 'Nvidia' }, /^vendor: /],
    ['hardware', { ...valid.hardware, backends: ['OpenCL'] }, /^backends\.0: /],
  ] as const)('%s %#', (name, data, expected) => {
    const schema = schemas.find(([n]) => n === name)![1];
    const got = firstIssue(schema, data);
    if (typeof expected === 'string') expect(got).toBe(expected);
    else expect(got).toMatch(expected);
  });

  it('accepts YAML dates that arrive as Date objects', () => {
    expect(firstIssue(GlossarySchema, { ...valid.glossary, reviewed: new Date('2026-11-29T00:00:00Z') })).toBe('ok');
    expect(GlossarySchema.parse({ ...valid.glossary, reviewed: new Date('2026-11-29T00:00:00Z') }).reviewed).toBe(
      '2026-11-29',
    );
  });
});
