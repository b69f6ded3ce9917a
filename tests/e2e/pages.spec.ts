import { expect, test } from '@playwright/test';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { builtPages, DIST, readBuilt, watchPage } from './helpers.ts';

const INDEXES = [
  '/',
  '/models/',
  '/hardware/',
  '/tools/',
  '/errors/',
  '/guides/',
  '/learn/',
  '/pulse/',
  '/glossary/',
  '/benchmarks/',
  '/compare/',
  '/will-it-run/',
  '/choose-my-gpu/',
  '/cost-vs-cloud/',
  '/quick-answers/',
  '/sitemap/',
  '/search/',
];
const COLLECTION_DIRS = ['models', 'hardware', 'tools', 'errors', 'guides', 'learn', 'pulse', 'glossary'];

/** One entry page per collection: the first built page under each folder. */
function oneEntryEach(): string[] {
  const pages = builtPages();
  return COLLECTION_DIRS.map((dir) => {
    const found = pages.find((p) => p.startsWith(`/${dir}/`) && p.split('/').length === 4 && !p.includes('/category/'));
    if (!found) throw new Error(`no built entry page under /${dir}/`);
    return found;
  });
}

for (const path of [...INDEXES, ...oneEntryEach(), '/about/', '/privacy/']) {
  test(`${path} renders with a heading, no console errors and no external requests`, async ({ page }) => {
    const problems = watchPage(page);
    const res = await page.goto(path);
    expect(res?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
    await expect(page.getByRole('main')).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(problems).toEqual([]);
  });
}

test('glossary term page shows its sections in the required order', async ({ page }) => {
  await page.goto('/glossary/ai-alignment/');
  const main = page.getByRole('main');
  await expect(main.getByText('Ethics, safety & society').first()).toBeVisible();
  await expect(main.getByRole('heading', { level: 1, name: 'AI Alignment' })).toBeVisible();
  const order = await main.evaluate((root) => {
    const marks: [string, Element | null][] = [
      ['category', root.querySelector('header p')],
      ['term', root.querySelector('h1')],
      ['definition', root.querySelector('[data-section="definition"]')],
      ['deeper', [...root.querySelectorAll('h2')].find((h) => h.textContent?.trim() === 'Deeper dive') ?? null],
      [
        'practical',
        [...root.querySelectorAll('h2')].find((h) => h.textContent?.trim() === 'Practical example') ?? null,
      ],
      ['workflow', [...root.querySelectorAll('h2')].find((h) => h.textContent?.trim() === 'Workflow example') ?? null],
      ['reviewed', root.querySelector('[data-section="reviewed"]')],
      ['guides', root.querySelector('#buyer-guides')],
      ['errors', root.querySelector('#when-it-fails')],
    ];
    const missing = marks.filter(([, el]) => !el).map(([n]) => n);
    if (missing.length) return `missing: ${missing.join(', ')}`;
    const els = marks.map(([, el]) => el!);
    for (let i = 1; i < els.length; i++) {
      if (!(els[i - 1]!.compareDocumentPosition(els[i]!) & Node.DOCUMENT_POSITION_FOLLOWING))
        return `out of order at ${marks[i]![0]}`;
    }
    return 'ok';
  });
  expect(order).toBe('ok');
  await expect(main.getByRole('link', { name: /The RunLocalAI editors/ })).toBeVisible();
  await expect(main.getByRole('link', { name: 'editorial policy' })).toHaveAttribute('href', '/editorial-policy/');
  const guides = page.locator('#buyer-guides').locator('..');
  // One link per buyer guide in the catalog.
  const guideCount = readdirSync(new URL('../../content/guides/', import.meta.url)).filter((f) =>
    f.endsWith('.mdx'),
  ).length;
  await expect(guides.getByRole('link')).toHaveCount(guideCount);
  await expect(page.locator('#when-it-fails').locator('..').getByRole('link').first()).toHaveAttribute(
    'href',
    /^\/errors\//,
  );
  await expect(main.locator('pre').first()).toBeVisible();
  await expect(main.getByRole('button', { name: 'Copy code to clipboard' }).first()).toBeVisible();
});

test('glossary index groups by category and jumps A-Z', async ({ page }) => {
  await page.goto('/glossary/');
  const jump = page.getByRole('navigation', { name: 'Jump to letter' });
  const k = jump.getByRole('link', { name: 'K', exact: true });
  await k.click();
  await expect(page).toHaveURL(/#letter-K$/);
  await expect(page.locator('#letter-K')).toBeInViewport();
  await expect(page.getByRole('heading', { level: 3, name: 'Ethics, safety & society' })).toBeVisible();
  await page.getByRole('link', { name: 'Ethics, safety & society' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ethics, safety & society' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'AI Alignment' })).toBeVisible();
});

test('no built page links to a missing internal page or asset', () => {
  const pages = builtPages();
  const broken: string[] = [];
  for (const path of pages) {
    const html = readBuilt(path);
    for (const [, href] of html.matchAll(/\s(?:href|src)="([^"#?]*)[^"]*"/g)) {
      if (!href || !href.startsWith('/') || href.startsWith('//')) continue;
      const target = join(DIST, href);
      const ok = href.endsWith('/') ? existsSync(join(target, 'index.html')) : existsSync(target);
      if (!ok) broken.push(`${path} -> ${href}`);
    }
  }
  expect(pages.length).toBeGreaterThan(50);
  expect(broken).toEqual([]);
});

test('pages without interactive features ship no JavaScript files', () => {
  for (const path of [
    '/',
    '/models/',
    '/hardware/',
    '/glossary/',
    '/sitemap/',
    '/privacy/',
    '/methodology/accuracy/',
  ]) {
    const html = readBuilt(path);
    expect(html, path).not.toMatch(/<script[^>]+src=/);
    const inline = [...html.matchAll(/<script(?![^>]*application\/(?:ld\+)?json)[^>]*>([\s\S]*?)<\/script>/g)].map(
      (m) => m[1] ?? '',
    );
    const bytes = inline.reduce((n, s) => n + s.length, 0);
    expect(bytes, `${path} inline script bytes`).toBeLessThan(2000);
  }
});

test('HTML and CSS stay within their byte budgets', () => {
  const pages = builtPages();
  // Budgets on what travels: gzip. Every page under 40 KB, glossary term pages under 30 KB.
  const sizes = pages.map((p) => ({ p, bytes: gzipSync(readBuilt(p)).length })).sort((a, b) => b.bytes - a.bytes);
  console.log(`largest HTML: ${sizes[0]!.p} ${sizes[0]!.bytes} bytes gzip`);
  expect(sizes[0]!.bytes, sizes[0]!.p).toBeLessThanOrEqual(40 * 1024);
  const glossary = sizes.find((s) => /^\/glossary\/[^/]+\/$/.test(s.p) && !s.p.startsWith('/glossary/category/'))!;
  console.log(`largest glossary term: ${glossary.p} ${glossary.bytes} bytes gzip`);
  expect(glossary.bytes).toBeLessThanOrEqual(30 * 1024);
  // Every page but the search page shares one stylesheet.
  const css = [...readBuilt('/').matchAll(/<link[^>]+href="(\/_astro\/[^"]+\.css)"/g)].map((m) =>
    readFileSync(join(DIST, m[1]!)),
  );
  const gz = css.reduce((n, b) => n + gzipSync(b).length, 0);
  console.log(`site CSS: ${gz} bytes gzip`);
  expect(css.length).toBe(1);
  expect(gz).toBeLessThanOrEqual(8 * 1024);
});

test('no built page links to a missing fragment (#id) on itself or another page', () => {
  const pages = builtPages();
  const ids = new Map<string, Set<string>>();
  const idsOf = (path: string) => {
    let set = ids.get(path);
    if (!set) {
      set = new Set([...readBuilt(path).matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!));
      ids.set(path, set);
    }
    return set;
  };
  const broken: string[] = [];
  let checked = 0;
  for (const path of pages) {
    const html = readBuilt(path);
    for (const [, target, fragment] of html.matchAll(/\shref="((?:\/[^"#?]*)?)(?:\?[^"#]*)?#([^"]+)"/g)) {
      const page = target || path;
      if (!page.endsWith('/') || !existsSync(join(DIST, page, 'index.html'))) continue;
      checked++;
      if (!idsOf(page).has(decodeURIComponent(fragment!))) broken.push(`${path} -> ${page}#${fragment}`);
    }
  }
  console.log(`fragment links checked: ${checked}`);
  expect(checked).toBeGreaterThan(100);
  expect(broken).toEqual([]);
});
