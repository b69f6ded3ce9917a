import { expect, test, type Page } from '@playwright/test';
import { readBuilt } from './helpers.ts';

// The first query loads index chunks for thousands of pages; on a busy 2-core runner that takes a while.
test.describe.configure({ timeout: 120_000 });

const box = (page: Page) => page.getByRole('combobox', { name: 'Search the site' });
const options = (page: Page) => page.getByRole('listbox', { name: 'Search results' }).getByRole('option');

/** Types a query into the header box after focusing it with "/", as a keyboard user would. */
async function searchFromHeader(page: Page, query: string) {
  await page.keyboard.press('/');
  await expect(page.locator('#site-search-q')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(query);
  await expect(options(page).first()).toBeVisible({ timeout: 30_000 });
}

test('"/" focuses the header search; results come by keyboard and Enter opens the canonical page first', async ({
  page,
}) => {
  await page.goto('/models/');
  for (const [query, first] of [
    ['3090', '/hardware/nvidia-rtx-3090-24gb/'],
    ['llama 3.1 8b', '/models/llama-3.1-8b-instruct/'],
    ['kv cache', '/glossary/kv-cache/'],
    [
      'model requires more system memory (11.4 GiB) than is available (7.2 GiB)',
      '/errors/ollama-requires-more-system-memory/',
    ],
    ['3090 vs 4090', '/compare/nvidia-rtx-3090-24gb-vs-nvidia-rtx-4090-24gb/'],
  ] as const) {
    await searchFromHeader(page, query);
    await expect(options(page).first().getByRole('link')).toHaveAttribute('href', first);
    await page.keyboard.press('Escape');
    await expect(box(page)).toHaveAttribute('aria-expanded', 'false');
  }
  // Arrow keys move the active option; Enter opens it.
  await searchFromHeader(page, '3090');
  await expect(options(page).first()).toContainText('24 GiB VRAM');
  await expect(options(page).first()).toContainText('Hardware');
  await page.keyboard.press('ArrowDown');
  await expect(options(page).first()).toHaveAttribute('aria-selected', 'true');
  await expect(box(page)).toHaveAttribute('aria-activedescendant', 'site-search-option-0');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/hardware\/nvidia-rtx-3090-24gb\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('RTX 3090');
});

test('Ctrl/Cmd-K focuses the search, a model result shows its key fact, and Enter without a choice opens the search page', async ({
  page,
}) => {
  await page.goto('/glossary/');
  await page.keyboard.press('ControlOrMeta+k');
  await expect(page.locator('#site-search-q')).toBeFocused();
  await page.keyboard.type('llama 3.1 8b');
  // The first search loads Pagefind's index: allow for a slow runner.
  await expect(options(page).first()).toContainText('8.03B parameters', { timeout: 20_000 });
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/search\/\?q=llama\+3\.1\+8b$/);
  await expect(page.locator('#search-q')).toHaveValue('llama 3.1 8b');
  const results = page.getByRole('list', { name: 'Search results' });
  await expect(results.getByRole('link').first()).toHaveAttribute('href', '/models/llama-3.1-8b-instruct/', {
    timeout: 30_000,
  });
});

test('a /search/ link runs its query with its type filters, and changes go back into the URL', async ({ page }) => {
  await page.goto('/search/?q=out+of+memory&type=glossary');
  await expect(page.getByRole('checkbox', { name: 'Glossary' })).toBeChecked();
  const results = page.getByRole('list', { name: 'Search results' });
  await expect(results.getByRole('link').first()).toBeVisible({ timeout: 30_000 });
  await expect(results.locator('a[href^="/errors/"]')).toHaveCount(0);
  await expect(results.locator('a[href^="/glossary/"]').first()).toBeVisible();
  await page.getByRole('checkbox', { name: 'Glossary' }).uncheck();
  await page.getByRole('checkbox', { name: 'Error', exact: true }).check();
  await expect(page).toHaveURL(/\/search\/\?q=out\+of\+memory&type=error$/);
  await expect(results.locator('a[href="/errors/cuda-out-of-memory/"]')).toBeVisible({ timeout: 30_000 });
  await expect(results.locator('a[href^="/glossary/"]')).toHaveCount(0);
  // Glossary aliases are found: "quantisation" is an alias of Quantization.
  await page.locator('#search-q').fill('quantisation');
  await page.getByRole('checkbox', { name: 'Error', exact: true }).uncheck();
  await expect(results.getByRole('link').first()).toHaveAttribute('href', '/glossary/quantization/', {
    timeout: 30_000,
  });
});

test('garbage in the search URL falls back with a visible notice and injects nothing', async ({ page }) => {
  await page.goto('/search/?q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&type=%3Cscript%3Ex%3C%2Fscript%3E');
  const notices = page.locator('[data-search-notices]');
  await expect(notices).toContainText('is not a page type; showing every type instead.');
  await expect(page.locator('#search-q')).toHaveValue('<img src=x onerror=alert(1)>');
  await expect(page.locator('img[src="x"], main script:text("x")')).toHaveCount(0);
  await expect(page.locator('[data-search-status]')).not.toHaveText('Searching…', { timeout: 30_000 });
});

test('pages load no search code until the box is used', async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await page.goto('/hardware/');
  await page.waitForLoadState('networkidle');
  expect(requested.filter((p) => p.includes('search-ui') || p.startsWith('/pagefind/'))).toEqual([]);
  await page.locator('#site-search-q').focus();
  await page.keyboard.type('gguf');
  await expect(options(page).first()).toBeVisible({ timeout: 30_000 });
  expect(requested.some((p) => p.includes('search-ui'))).toBe(true);
  expect(requested).toContain('/pagefind/pagefind.js');
  // Without JavaScript the header box is a plain form that opens the search page.
  const html = readBuilt('/hardware/');
  expect(html).toMatch(/<form[^>]+action="\/search\/"[^>]+role="search"/);
});
