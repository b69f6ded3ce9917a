import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { readEntry } from '../../src/cli/catalog-io.ts';
import { join } from 'node:path';
import { chooseHardware, formFactor, type Candidate } from '../../src/lib/choose.ts';
import { estimateEngine, hardwareFromCatalog, modelFromCatalog } from '../../src/lib/engine.ts';
import { watchPage } from './helpers.ts';

const CONTENT = new URL('../../content/', import.meta.url).pathname;
// Models and hardware are MDX (frontmatter); the other collections are JSON.
const read = (folder: string, id: string) =>
  folder === 'models' || folder === 'hardware'
    ? (readEntry(folder, id, CONTENT) as any) // eslint-disable-line @typescript-eslint/no-explicit-any
    : JSON.parse(readFileSync(join(CONTENT, folder, `${id}.json`), 'utf8'));
const candidates: Candidate[] = readdirSync(join(CONTENT, 'hardware')).map((f) => {
  const id = f.replace(/\.mdx$/, '');
  const h = read('hardware', id);
  return {
    id,
    name: h.name,
    price: h.msrpUsd ?? null,
    market: h.marketPrice ? { usd: h.marketPrice.usd, month: h.marketPrice.observedMonth } : null,
    watts: h.tdpW ?? null,
    form: formFactor(h),
    setup: hardwareFromCatalog(id, h),
  };
});

test('Choose my GPU: answer the questions by keyboard; the ranking is the engine’s; the URL keeps it', async ({
  page,
}) => {
  const problems = watchPage(page);
  await page.goto('/choose-my-gpu/');
  const budget = page.getByLabel('Budget (USD)');
  await expect(budget).toBeVisible();
  await budget.fill('1200');
  await page.getByLabel('Model you want to run').selectOption('qwen3-14b');
  await page.getByLabel('Context length').selectOption('32768');
  await page.getByLabel('Form factor').selectOption('desktop');
  await expect(page).toHaveURL(/\?budget=1200&model=qwen3-14b&ctx=32768&form=desktop&watts=0$/);

  const r = chooseHardware(estimateEngine, modelFromCatalog('qwen3-14b', read('models', 'qwen3-14b')), candidates, {
    budget: 1200,
    model: 'qwen3-14b',
    ctx: 32768,
    form: 'desktop',
    watts: 0,
    buy: 'new',
  });
  expect(r.picks.length).toBeGreaterThan(0);
  const items = page.locator('[data-slot="picks"] li');
  await expect(items).toHaveCount(Math.min(8, r.picks.length));
  await expect(items.first()).toContainText(`1. ${r.picks[0]!.name}`);
  await expect(items.first()).toContainText(r.picks[0]!.reason);
  if (r.stepUp) await expect(page.locator('[data-slot="step-up"]')).toContainText(`Next step up: the ${r.stepUp.name}`);

  await page.reload();
  await expect(page.getByLabel('Budget (USD)')).toHaveValue('1200');
  await expect(items.first()).toContainText(r.picks[0]!.reason);
  expect(problems).toEqual([]);
});

test('Choose my GPU judges cards by their market price when asked, and keeps that in the URL', async ({ page }) => {
  const problems = watchPage(page);
  // The ranking data arrives late, so the change below lands while the link's state is loading:
  // both the link's settings and the change must survive.
  await page.context().route('**/choose-my-gpu/data.json', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 700));
    await route.continue();
  });
  await page.goto('/choose-my-gpu/?budget=800&model=qwen3-14b&ctx=16384&form=desktop&watts=0');
  const buying = page.getByLabel('Buying');
  await buying.focus();
  await buying.selectOption('market');
  await expect(page).toHaveURL(/\?budget=800&model=qwen3-14b&ctx=16384&form=desktop&watts=0&buy=market$/);
  await expect(page.getByLabel('Model you want to run')).toHaveValue('qwen3-14b');
  const r = chooseHardware(estimateEngine, modelFromCatalog('qwen3-14b', read('models', 'qwen3-14b')), candidates, {
    budget: 800,
    model: 'qwen3-14b',
    ctx: 16384,
    form: 'desktop',
    watts: 0,
    buy: 'market',
  });
  // The catalog has market prices for some cards; the ranking is the engine's at those prices.
  expect(r.picks.length).toBeGreaterThan(0);
  const items = page.locator('[data-slot="picks"] li');
  await expect(items.first()).toContainText(r.picks[0]!.reason);
  await expect(items.first()).toContainText('market price (cheapest listings,');
  await expect(page.locator('[data-slot="title"]')).toHaveText(
    'Best machines under $800 at market prices for Qwen3 14B at 16K context',
  );
  await page.reload();
  await expect(buying).toHaveValue('market');
  expect(problems).toEqual([]);
});

test('Choose my GPU: bad values in the URL fall back with a notice', async ({ page }) => {
  await page.goto('/choose-my-gpu/?budget=abc&form=%3Ci%3Ex%3C%2Fi%3E&buy=%3Cb%3Ex');
  const notices = page.locator('[data-slot="notices"]');
  await expect(notices).toContainText('"abc" is not a valid budget');
  await expect(notices).toContainText('Unknown form factor "<i>x</i>": showing all.');
  await expect(notices).toContainText('Unknown price "<b>x" (new, market or any): using launch prices.');
  await expect(notices.locator('i, b')).toHaveCount(0);
  await expect(page.getByLabel('Buying')).toHaveValue('new');
  await expect(page.getByLabel('Budget (USD)')).toHaveValue('1000');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('Choose my GPU shows the default ranking', async ({ page }) => {
    await page.goto('/choose-my-gpu/');
    await expect(page.locator('[data-slot="picks"] li').first()).toContainText('Runs Qwen3 32B at');
    await expect(page.getByLabel('Budget (USD)')).toBeHidden();
  });
});
