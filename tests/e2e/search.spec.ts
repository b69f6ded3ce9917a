import { expect, test } from '@playwright/test';

test('search finds a glossary term, an error by its message, and filters by type', async ({ page }) => {
  // The first query loads index chunks for thousands of pages; on a busy 2-core runner that takes a while.
  test.setTimeout(120_000);
  await page.goto('/search/');
  const box = page.getByRole('searchbox').or(page.locator('pagefind-input input')).first();
  await box.fill('KV cache');
  const results = page.getByRole('list', { name: 'Search results' });
  await expect(results.getByRole('link', { name: 'KV cache', exact: true })).toBeVisible({ timeout: 30_000 });
  await box.fill('Insufficient Memory (00000008:kIOGPUCommandBufferCallbackErrorOutOfMemory)');
  await expect(results.getByRole('link', { name: /Metal out of memory/ }).first()).toBeVisible({ timeout: 30_000 });
  await box.fill('out of memory');
  await expect(results.getByRole('link', { name: /CUDA out of memory/ }).first()).toBeVisible({ timeout: 30_000 });
  await page.getByRole('checkbox', { name: /^glossary/ }).check();
  await expect(results.getByRole('link', { name: /CUDA out of memory/ })).toHaveCount(0);
});
