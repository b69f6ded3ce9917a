import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { DIST, readBuilt } from './helpers.ts';

const DATASETS = ['models', 'hardware', 'benchmarks', 'cloud', 'quality'];

/** RFC 4180 rows (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

test('every data file parses, matches its published JSON Schema, and its CSV has a row per record', async ({
  request,
}) => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  for (const id of DATASETS) {
    const response = await request.get(`/data/${id}.json`);
    expect(response.status(), id).toBe(200);
    const data = (await response.json()) as {
      dataset: string;
      version: string;
      built: string;
      count: number;
      records: { id: string; asOf: string; sources: { url: string }[] }[];
    };
    const schema = (await (await request.get(`/data/${id}.schema.json`)).json()) as object;
    const validate = ajv.compile(schema);
    expect(validate(data), `${id}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    expect(data.dataset).toBe(id);
    expect(data.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(Date.parse(data.built)).not.toBeNaN();
    expect(data.count).toBe(data.records.length);
    expect(data.count).toBeGreaterThan(id === 'quality' ? 5 : 10);
    for (const r of data.records) {
      expect(r.sources.length, `${id}/${r.id} sources`).toBeGreaterThan(0);
      expect(r.asOf, `${id}/${r.id} asOf`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    // The schema rejects what it should: a record without sources.
    const broken = structuredClone(data);
    delete (broken.records[0] as Partial<(typeof data.records)[number]>).sources;
    expect(validate(broken), `${id} schema must require sources`).toBe(false);

    const csv = await (await request.get(`/data/${id}.csv`)).text();
    const rows = parseCsv(csv);
    const [header, ...body] = rows;
    expect(header!.slice(0, 1)).toEqual(['id']);
    expect(header).toContain('sources');
    expect(body.map((r) => r[0])).toEqual(data.records.map((r) => r.id));
    for (const r of body) expect(r).toHaveLength(header!.length);
  }
  const hardware = parseCsv(readFileSync(join(DIST, 'data/hardware.csv'), 'utf8'));
  const col = hardware[0]!.indexOf('memoryGiB');
  expect(hardware.find((r) => r[0] === 'nvidia-rtx-3090-24gb')![col]).toBe('24');
});

test('the /data/ page documents each dataset, its columns and the licence', async ({ page }) => {
  await page.goto('/data/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Open data');
  for (const id of DATASETS) {
    await expect(page.locator(`a[href="/data/${id}.json"]`).first()).toBeVisible();
    await expect(page.locator(`a[href="/data/${id}.csv"]`).first()).toBeVisible();
    await expect(page.locator(`a[href="/data/${id}.schema.json"]`).first()).toBeVisible();
  }
  await expect(page.getByRole('region', { name: 'Hardware: CSV columns' })).toContainText('bandwidthGBs');
  await expect(page.getByRole('link', { name: 'CC BY 4.0' })).toBeVisible();
});

test('Pulse has a valid RSS feed and a JSON Feed 1.1 with the same notes, both linked from the head and footer', async ({
  request,
  page,
}) => {
  const rss = await (await request.get('/pulse/rss.xml')).text();
  const json = (await (await request.get('/pulse/feed.json')).json()) as {
    version: string;
    title: string;
    home_page_url: string;
    feed_url: string;
    items: { id: string; url: string; title: string; content_text: string; date_published: string }[];
  };
  expect(json.version).toBe('https://jsonfeed.org/version/1.1');
  expect(json.title).toBeTruthy();
  expect(json.feed_url).toMatch(/\/pulse\/feed\.json$/);
  expect(json.items.length).toBeGreaterThan(3);
  for (const item of json.items) {
    expect(item.id).toBeTruthy();
    expect(item.content_text).toBeTruthy();
    expect(item.date_published).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00Z$/);
  }
  // RSS: well-formed XML (the browser's parser), one <item> per JSON Feed item, in the same order.
  await page.goto('/');
  const parsed = await page.evaluate((xml) => {
    const doc = new DOMParser().parseFromString(xml, 'application/xml');
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      channel: doc.querySelector('rss > channel > title')?.textContent,
      links: [...doc.querySelectorAll('item > link')].map((l) => l.textContent),
    };
  }, rss);
  expect(parsed.error).toBeNull();
  expect(parsed.channel).toBe(json.title);
  expect(parsed.links).toEqual(json.items.map((i) => i.url));
  // Discoverable from every page's head, and offered in the footer.
  await expect(page.locator('link[rel="alternate"][type="application/rss+xml"]')).toHaveAttribute(
    'href',
    '/pulse/rss.xml',
  );
  await expect(page.locator('link[rel="alternate"][type="application/feed+json"]')).toHaveAttribute(
    'href',
    '/pulse/feed.json',
  );
  const footer = page.locator('footer');
  await expect(footer.getByRole('link', { name: 'RSS feed' })).toBeVisible();
  await expect(footer.getByRole('link', { name: 'JSON Feed' })).toBeVisible();
});

test('with no digest endpoint configured, the footer offers the feeds instead of a form; nothing names a placeholder host', () => {
  const html = readBuilt('/');
  expect(html).not.toContain('id="digest-email"');
  expect(html).toContain('data-feeds');
  for (const file of ['index.html', 'contact/index.html', 'privacy/index.html', '_headers', 'sitemap-0.xml']) {
    expect(readFileSync(join(DIST, file), 'utf8'), file).not.toContain('.example');
  }
});

test('a pair badge renders, says the verdict in words, and the answer page offers Markdown and HTML to embed it', async ({
  page,
  request,
}) => {
  const path = '/badge/llama-3.1-8b-instruct/nvidia-rtx-3060-12gb.svg';
  const response = await request.get(path);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toContain('image/svg+xml');
  expect(await response.text()).toContain('Runs fully on GPU');
  expect(readdirSync(join(DIST, 'badge/llama-3.1-8b-instruct')).length).toBeGreaterThan(50);

  await page.goto('/will-it-run/llama-3.1-8b-instruct/nvidia-rtx-3060-12gb/');
  const img = page.locator('img[data-badge]');
  await expect(img).toHaveAttribute('alt', /Llama 3\.1 8B Instruct on GeForce RTX 3060 12GB: ✓ Runs fully on GPU/);
  expect(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 100)).toBe(true);
  const embed = page.getByRole('region', { name: 'Embed this answer' });
  await expect(embed.locator('pre').first()).toContainText(`[![Llama 3.1 8B Instruct on GeForce RTX 3060 12GB`);
  await expect(embed.locator('pre').first()).toContainText(`${path})](`);
  await expect(embed.locator('pre').nth(1)).toContainText('<a href="');
});

/** The schema.org types a page carries, from every JSON-LD block (top level and @graph). */
function ldTypes(path: string): string[] {
  const html = readBuilt(path);
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].flatMap((m) => {
    const doc = JSON.parse(m[1]!) as { '@context': string; '@type'?: string; '@graph'?: { '@type': string }[] };
    expect(doc['@context']).toBe('https://schema.org');
    return doc['@graph'] ? doc['@graph'].map((n) => n['@type']) : [doc['@type']!];
  });
}

test('each page type carries JSON-LD that fits it, plus a BreadcrumbList', () => {
  const expected: [string, string][] = [
    ['/', 'WebSite'],
    ['/glossary/kv-cache/', 'DefinedTerm'],
    ['/errors/cuda-out-of-memory/', 'TechArticle'],
    ['/guides/best-gpu-for-local-ai/', 'Article'],
    ['/learn/how-much-vram-do-you-need/', 'TechArticle'],
    ['/start/windows-ollama/', 'HowTo'],
    ['/hardware/nvidia-rtx-3090-24gb/', 'Product'],
    ['/tools/llama-cpp/', 'SoftwareApplication'],
    ['/models/llama-3.1-8b-instruct/', 'CreativeWork'],
    ['/quick-answers/vram-for-70b-model/', 'FAQPage'],
    ['/data/', 'DataCatalog'],
  ];
  for (const [path, type] of expected) {
    const types = ldTypes(path);
    expect(types, path).toContain(type);
    if (path !== '/') expect(types, path).toContain('BreadcrumbList');
  }
  const howTo = readBuilt('/start/windows-ollama/');
  expect(howTo).toMatch(/"@type":"HowToStep","position":1,"name":"1\. /);
  // Canonical and social metadata on every page type.
  for (const [path] of expected) {
    const html = readBuilt(path);
    expect(html, path).toMatch(/<link rel="canonical" href="http[^"]+"/);
    expect(html, path).toContain('property="og:title"');
    expect(html, path).toContain('name="twitter:card"');
  }
});
