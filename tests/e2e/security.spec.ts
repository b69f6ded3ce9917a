// Privacy and security gates: one Content Security Policy on every page with no 'unsafe-inline'
// script source, every inline script allowed by its hash (in the page's <meta> and in the
// _headers file for static hosts), the usual security headers, and pages that run under the
// policy without a single violation (the search runs its WebAssembly, the checker its worker).
import { expect, test } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, builtPages, readBuilt, watchPage } from './helpers.ts';

const inlineScripts = (html: string) =>
  [...html.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*application\/(?:ld\+)?json)[^>]*>([\s\S]*?)<\/script>/g)]
    .map((m) => m[1] ?? '')
    .filter(Boolean);
const hash = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;
const scriptSrc = (policy: string) => /script-src ([^;]*)/.exec(policy)?.[1] ?? '';

test('every page carries the policy, and it allows each of its inline scripts by hash only', () => {
  const headers = readFileSync(join(DIST, '_headers'), 'utf8');
  const headerPolicy = /Content-Security-Policy: (.*)/.exec(headers)?.[1] ?? '';
  expect(scriptSrc(headerPolicy)).not.toContain('unsafe-inline');
  const pages = builtPages();
  expect(pages.length).toBeGreaterThan(100);
  const headerSrc = scriptSrc(headerPolicy);
  // Thousands of pages: collect what is wrong and assert once (one expect per page is minutes of overhead).
  const problems: string[] = [];
  const hashes = new Map<string, string>();
  for (const path of pages) {
    const html = readBuilt(path);
    const meta = /<meta http-equiv="content-security-policy" content="([^"]*)"/.exec(html)?.[1];
    if (!meta) {
      problems.push(`${path}: no CSP <meta>`);
      continue;
    }
    const src = scriptSrc(meta);
    if (src.includes('unsafe-inline')) problems.push(`${path}: 'unsafe-inline' scripts`);
    if (/unsafe-eval(?!')|'unsafe-eval'/.test(src)) problems.push(`${path}: 'unsafe-eval'`);
    if (!meta.includes("object-src 'none'")) problems.push(`${path}: no object-src 'none'`);
    for (const s of inlineScripts(html)) {
      let h = hashes.get(s);
      if (h === undefined) hashes.set(s, (h = hash(s)));
      if (!src.includes(h)) problems.push(`${path}: an inline script is not allowed by the page's policy`);
      if (!headerSrc.includes(h)) problems.push(`${path}: an inline script is not allowed by _headers`);
    }
  }
  expect(problems).toEqual([]);
  // The loop saw the inline scripts it checks (theme, toggle and search stubs at least).
  expect(hashes.size).toBeGreaterThanOrEqual(3);
});

test('_headers sets the security headers for every path', () => {
  const headers = readFileSync(join(DIST, '_headers'), 'utf8');
  expect(headers.split('\n')[0]).toBe('/*');
  for (const name of [
    'Content-Security-Policy',
    'X-Content-Type-Options: nosniff',
    'Referrer-Policy',
    'Permissions-Policy',
    'X-Frame-Options: DENY',
  ])
    expect(headers).toContain(name);
  expect(headers).toContain("frame-ancestors 'none'");
});

test('pages run under the policy with no violation and no third-party request', async ({ page }) => {
  test.setTimeout(120_000);
  const problems = watchPage(page);
  await page.addInitScript(() => {
    (window as unknown as { cspViolations: string[] }).cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { cspViolations: string[] }).cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const violations = () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
  for (const path of ['/', '/glossary/kv-cache/', '/models/llama-3.1-8b-instruct/', '/errors/cuda-out-of-memory/']) {
    await page.goto(path);
    await page.getByRole('button', { name: /Colour theme/ }).click();
    expect(await violations(), path).toEqual([]);
  }
  await page.goto('/will-it-run/');
  await page.getByLabel('KV-cache type').selectOption('q8_0');
  await expect(page.locator('[data-answer] [data-command="llama-cpp"] code')).toContainText('-ctk q8_0');
  expect(await violations(), 'checker').toEqual([]);
  await page.goto('/search/');
  const box = page.getByRole('searchbox').or(page.locator('pagefind-input input')).first();
  await box.fill('KV cache');
  await expect(page.getByRole('list', { name: 'Search results' }).getByRole('link').first()).toBeVisible({
    timeout: 30_000,
  });
  expect(await violations(), 'search').toEqual([]);
  expect(problems).toEqual([]);
});
