import { expect, test } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { DIST, readBuilt, watchPage } from './helpers.ts';

const answer = (page: import('@playwright/test').Page) => page.locator('[data-answer]');

test('drives the checker by keyboard only and copies a command', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const problems = watchPage(page);
  await page.goto('/will-it-run/');
  const verdict = answer(page).locator('[data-slot="label"]');
  await expect(verdict).toHaveText('Runs fully on GPU');
  const total = answer(page).locator('[data-slot="total"]');
  const before = await total.textContent();

  // Model: filter by typing, then pick with the keyboard.
  await page.getByLabel('Filter models').focus();
  await page.keyboard.type('70b');
  await expect(page.getByLabel('Model', { exact: true })).toHaveValue('llama-3.3-70b-instruct');
  await expect(verdict).not.toHaveText('Runs fully on GPU');
  await expect(page).toHaveURL(/model=llama-3\.3-70b-instruct/);
  await page.getByLabel('Filter models').fill('');

  // Format: a smaller quant by keyboard.
  await page.getByLabel('Format').focus();
  await page.keyboard.press('Home');
  await expect(page.getByLabel('Format')).toHaveValue('Q2_K');
  await expect(page).toHaveURL(/quant=Q2_K/);

  // Context: slider stops by arrow keys.
  await page.getByLabel('Context length stops').focus();
  await page.keyboard.press('Home');
  await expect(page.getByLabel('Context length (tokens)')).toHaveValue('2048');
  await expect(page).toHaveURL(/ctx=2048/);

  // Hardware: a bigger machine.
  await page.getByLabel('GPU or machine 1').focus();
  await page.getByLabel('GPU or machine 1').selectOption('apple-m4-max-128gb');
  await expect(verdict).toHaveText('Runs fully on GPU');
  await expect(total).not.toHaveText(before ?? '');
  await expect(page).toHaveURL(/hw=apple-m4-max-128gb/);

  // Copy the llama.cpp command with the keyboard.
  const copy = answer(page).locator('[data-command="llama-cpp"] button');
  await copy.focus();
  await page.keyboard.press('Enter');
  await expect(copy).toHaveText('Copied');
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  expect(clip).toMatch(/^llama-server .* -c 2048 /);
  expect(problems).toEqual([]);
});

test('a shared URL reloads to the same answer', async ({ page }) => {
  await page.goto('/will-it-run/?model=qwen3-30b-a3b&quant=Q4_K_M&ctx=32768&kv=q8_0&hw=nvidia-rtx-3060-12gb');
  await expect(page.getByLabel('Model', { exact: true })).toHaveValue('qwen3-30b-a3b');
  await expect(page.getByLabel('KV-cache type')).toHaveValue('q8_0');
  const snapshot = await answer(page).locator('[data-slot="summary"]').textContent();
  const total = await answer(page).locator('[data-slot="total"]').textContent();
  expect(snapshot).toBeTruthy();
  await page.reload();
  await expect(answer(page).locator('[data-slot="summary"]')).toHaveText(snapshot!);
  await expect(answer(page).locator('[data-slot="total"]')).toHaveText(total!);
  await expect(page.locator('[data-slot="notices"]')).toBeHidden();
});

test('two GPUs split the model per card', async ({ page }) => {
  await page.goto('/will-it-run/?model=llama-3.3-70b-instruct&quant=Q4_K_M&ctx=8192&hw=nvidia-rtx-3090');
  await expect(answer(page).locator('[data-slot="label"]')).toHaveText('Partial offload to system RAM');
  await page.getByRole('button', { name: 'Add another GPU' }).click();
  await expect(page.getByLabel('GPU 2', { exact: true })).toHaveValue('nvidia-rtx-3090');
  await expect(answer(page).locator('[data-slot="label"]')).toHaveText(/Runs fully on GPU|Fits, but tight/);
  await expect(page).toHaveURL(/hw=nvidia-rtx-3090&hw=nvidia-rtx-3090/);
  await page.getByRole('button', { name: 'Remove GPU 2' }).click();
  await expect(answer(page).locator('[data-slot="label"]')).toHaveText('Partial offload to system RAM');
});

test('custom machine numbers and a pasted config.json work', async ({ page }) => {
  await page.goto('/will-it-run/?vram=24&bw=1008&ram=64');
  await expect(page.getByLabel('GPU or machine 1')).toHaveValue('');
  await expect(page.locator('[data-slot="question"]')).toHaveText(/Custom 24 GiB GPU/);
  await page.getByText('Model not listed? Paste its config.json').click();
  await page.getByLabel('Hugging Face config.json').fill(JSON.stringify({ model_type: 'llama', num_hidden_layers: 16, hidden_size: 2048, intermediate_size: 8192, num_attention_heads: 32, num_key_value_heads: 8, head_dim: 64, vocab_size: 128256, max_position_embeddings: 131072, tie_word_embeddings: true }));
  await page.getByRole('button', { name: 'Use this config' }).click();
  await expect(page.getByLabel('Model', { exact: true })).toHaveValue('pasted');
  await expect(page.getByRole('status').filter({ hasText: 'pasted' })).toContainText('16 layers');
  await expect(answer(page).locator('[data-slot="label"]')).toHaveText('Runs fully on GPU');
  await page.getByLabel('Hugging Face config.json').fill('{"model_type": "llama"');
  await page.getByRole('button', { name: 'Use this config' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Could not use' })).toContainText('not valid JSON');
});

test('hostile queries fall back to defaults with a visible notice and inject nothing', async ({ page }) => {
  const problems = watchPage(page);
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs += 1;
    void d.dismiss();
  });
  await page.goto('/will-it-run/?model=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&quant=%3Cscript%3Ealert(2)%3C%2Fscript%3E&ctx=-99&kv=zz&hw=%22%3E%3Csvg%20onload%3Dalert(3)%3E&vram=1e999');
  const notices = page.locator('[data-slot="notices"]');
  await expect(notices).toBeVisible();
  await expect(notices.getByRole('listitem')).toHaveCount(6);
  await expect(notices).toContainText('Unknown model "<img src=x onerror=alert(1)>"');
  await expect(page.getByLabel('Model', { exact: true })).toHaveValue('llama-3.1-8b-instruct');
  await expect(answer(page).locator('[data-slot="label"]')).toHaveText('Runs fully on GPU');
  expect(await page.locator('img[src="x"], svg[onload], script:text("alert")').count()).toBe(0);
  expect(await page.locator('main').innerHTML()).not.toContain('<img src="x"');
  expect(dialogs).toBe(0);
  expect(problems).toEqual([]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the checker still shows an answer and the form lands on the table of every pair', async ({ page }) => {
    await page.goto('/will-it-run/');
    await expect(answer(page).locator('[data-slot="label"]')).toHaveText('Runs fully on GPU');
    await expect(answer(page).locator('[data-slot="total"]')).toHaveText(/GiB$/);
    await expect(page.locator('[data-command="llama-cpp"] code')).toContainText('llama-server');
    await page.getByRole('button', { name: 'Show answers' }).click();
    await expect(page).toHaveURL(/\/will-it-run\/all\/\?model=/);
    await expect(page.getByRole('heading', { level: 1, name: 'Every model on every machine' })).toBeVisible();
    await page.getByRole('link', { name: 'GeForce RTX 3060 12GB' }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('run');
  });
});

test('answer pages are static, searchable and in the sitemap', async ({ page, request }) => {
  await page.goto('/will-it-run/llama-3.1-8b-instruct/nvidia-rtx-3060-12gb/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Can the GeForce RTX 3060 12GB run Llama 3.1 8B Instruct?');
  await expect(answer(page).locator('[data-slot="label"]')).toBeVisible();
  const html = readBuilt('/will-it-run/llama-3.1-8b-instruct/nvidia-rtx-3060-12gb/');
  expect(html).toContain('data-pagefind-body');
  expect(html).not.toMatch(/<script[^>]+src=/);
  const sitemap = await (await request.get('/sitemap-0.xml')).text();
  expect(sitemap).toContain('/will-it-run/llama-3.1-8b-instruct/nvidia-rtx-3060-12gb/');
});

// Issue #4 asks for 15 KB gzip including engine and payload; the full engine alone is ~13.5 KB, so
// the island is currently ~20 KB. This gate stops it growing while that target stays open.
const ISLAND_BUDGET_BYTES = 21 * 1024;

test('the checker island (JS + engine + data payload) stays within its gzip budget', () => {
  const html = readBuilt('/will-it-run/');
  const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]!);
  const payload = /<script type="application\/json" data-checker-payload>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
  expect(payload.length).toBeGreaterThan(1000);
  // Module scripts and everything they import from /_astro/.
  const seen = new Set<string>();
  const queue = scripts.filter((s) => s.startsWith('/_astro/'));
  while (queue.length) {
    const src = queue.pop()!;
    if (seen.has(src)) continue;
    seen.add(src);
    const code = readFileSync(join(DIST, src), 'utf8');
    for (const m of code.matchAll(/["'](\.\/[^"']+\.js|\/_astro\/[^"']+\.js)["']/g)) queue.push(m[1]!.startsWith('./') ? `/_astro/${m[1]!.slice(2)}` : m[1]!);
  }
  const inline = [...html.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)].map((m) => m[1]!).join('');
  const js = [...seen].map((s) => readFileSync(join(DIST, s), 'utf8')).join('') + inline;
  const bytes = gzipSync(js + payload, { level: 9 }).length;
  console.log(`checker island: ${bytes} bytes gzip (${seen.size} files)`);
  expect(bytes).toBeLessThanOrEqual(ISLAND_BUDGET_BYTES);
  expect(readdirSync(join(DIST, '_astro')).length).toBeGreaterThan(0);
});
