import { expect, test } from '@playwright/test';

test('search finds a glossary term and an error by its message', async ({ page }) => {
  await page.goto('/search/');
  const box = page.getByRole('searchbox').or(page.locator('pagefind-searchbox input')).first();
  await box.fill('KV cache');
  await expect(page.getByRole('link', { name: /KV cache/ }).first()).toBeVisible({ timeout: 10_000 });
  await box.fill('out of memory');
  await expect(page.getByRole('link', { name: /CUDA out of memory/ }).first()).toBeVisible({ timeout: 10_000 });
});
