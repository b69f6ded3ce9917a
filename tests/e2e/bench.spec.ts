import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { readEntry } from '../../src/cli/catalog-io.ts';
import { join } from 'node:path';
import {
  estimateEngine,
  hardwareFromCatalog,
  modelFromCatalog,
  parseFormatId,
  withoutAccelerators,
  type Backend,
} from '../../src/lib/engine.ts';
import { watchPage } from './helpers.ts';

const CONTENT = new URL('../../content/', import.meta.url).pathname;
// Models and hardware are MDX (frontmatter); the other collections are JSON.
const read = (folder: string, id: string) =>
  folder === 'models' || folder === 'hardware'
    ? (readEntry(folder, id, CONTENT) as any) // eslint-disable-line @typescript-eslint/no-explicit-any
    : JSON.parse(readFileSync(join(CONTENT, folder, `${id}.json`), 'utf8'));
const benchIds = readdirSync(join(CONTENT, 'benchmarks')).map((f) => f.replace(/\.json$/, ''));

/** The engine's decode estimate for a row, as the table should show it ('' when it cannot estimate the format). */
function engineDecode(id: string): string {
  const b = read('benchmarks', id);
  const h = read('hardware', b.hardware);
  // A CPU-only run on a machine with a GPU is that machine with its accelerators unused.
  const full = hardwareFromCatalog(b.hardware, { ...h, backends: [b.backend as Backend] });
  const e = estimateEngine({
    model: modelFromCatalog(b.model, read('models', b.model)),
    format: b.format,
    context: (b.depth ?? 0) + b.promptTokens + b.generatedTokens,
    hardware: b.backend === 'CPU' && h.kind !== 'cpu' ? withoutAccelerators(full) : full,
    decodeDepth: (b.depth ?? 0) + Math.round(b.generatedTokens / 2),
    promptTokens: b.promptTokens,
  });
  return e.tokensPerSecond?.expected.toFixed(1) ?? '';
}
const estimable = (id: string) => parseFormatId(read('benchmarks', id).format) !== undefined;

test('the benchmark table filters and sorts by keyboard, keeps its state in the URL, and shows the engine estimate', async ({
  page,
}) => {
  const problems = watchPage(page);
  await page.goto('/benchmarks/');
  const rows = page.locator('tbody tr');
  await expect(rows).toHaveCount(benchIds.length);
  await expect(page.getByText(`Showing ${benchIds.length} of ${benchIds.length} rows`)).toBeVisible();

  // Every row's estimate is the engine's.
  for (const id of benchIds.filter(estimable)) {
    await expect(page.locator(`tr[data-id="${id}"] [data-estimate]`)).toHaveText(engineDecode(id));
  }
  // A format the engine does not model (e.g. a publisher's dynamic quant) shows no estimate rather than a guess.
  for (const id of benchIds.filter((x) => !estimable(x))) {
    await expect(page.locator(`tr[data-id="${id}"] [data-estimate]`)).toHaveCount(0);
  }

  // Filter by backend with the keyboard.
  const backend = page.getByLabel('Backend');
  await backend.focus();
  await backend.selectOption('Metal');
  await expect(page).toHaveURL(/\?backend=Metal$/);
  const metal = benchIds.filter((id) => read('benchmarks', id).backend === 'Metal').length;
  await expect(page.locator('tbody tr:not([hidden])')).toHaveCount(metal);
  await expect(page.getByText(`Showing ${metal} of ${benchIds.length} rows`)).toBeVisible();

  // Sort by prompt speed: visible rows are in descending order.
  await page.getByLabel('Sort by').selectOption('prompt');
  await expect(page).toHaveURL(/backend=Metal&sort=prompt/);
  const speeds = await page
    .locator('tbody tr:not([hidden])')
    .evaluateAll((trs) => trs.map((tr) => Number((tr as HTMLElement).dataset['sortPrompt'] ?? NaN)));
  const known = speeds.filter((s) => !Number.isNaN(s));
  expect(known).toEqual([...known].sort((a, b) => b - a));

  // A reload of the shared URL reproduces the state.
  await page.reload();
  await expect(page.getByLabel('Backend')).toHaveValue('Metal');
  await expect(page.getByLabel('Sort by')).toHaveValue('prompt');
  await expect(page.locator('tbody tr:not([hidden])')).toHaveCount(metal);
  expect(problems).toEqual([]);
});

test('garbage in the benchmark URL falls back to all rows with a notice and injects nothing', async ({ page }) => {
  await page.goto('/benchmarks/?backend=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&sort=nope');
  await expect(page.locator('[data-slot="notices"]')).toContainText('Unknown backend "<img src=x onerror=alert(1)>"');
  await expect(page.locator('[data-slot="notices"] img')).toHaveCount(0);
  await expect(page.locator('tbody tr:not([hidden])')).toHaveCount(benchIds.length);
  await expect(page).toHaveURL(/\/benchmarks\/$/);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the benchmark table shows every row, and the accuracy page its numbers', async ({ page }) => {
    await page.goto('/benchmarks/');
    await expect(page.locator('tbody tr')).toHaveCount(benchIds.length);
    await expect(page.getByLabel('Backend')).toBeHidden();
    await page.goto('/methodology/accuracy/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('How accurate are the estimates?');
    await expect(
      page.getByRole('region', { name: 'Every benchmark run against its estimate' }).locator('tbody tr'),
    ).toHaveCount(benchIds.filter(estimable).length);
  });
});
