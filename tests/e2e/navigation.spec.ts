import { expect, test } from '@playwright/test';
import { FOOTER_GROUPS, HEADER_CTA, HEADER_NAV } from '../../src/site.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, watchPage } from './helpers.ts';

test('header nav and call to action lead to real pages', async ({ page }) => {
  const problems = watchPage(page);
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const link of HEADER_NAV) {
    await expect(nav.getByRole('link', { name: link.label, exact: true })).toHaveAttribute('href', link.href);
  }
  await expect(page.getByRole('banner').getByRole('link', { name: HEADER_CTA.label })).toHaveAttribute(
    'href',
    HEADER_CTA.href,
  );
  for (const link of HEADER_NAV) {
    await nav.getByRole('link', { name: link.label, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${link.href.replaceAll('/', '\\/')}$`));
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(
      page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link.label, exact: true }),
    ).toHaveAttribute('aria-current', 'page');
  }
  expect(problems).toEqual([]);
});

test('every footer group and link is present and resolves', async ({ page, request }) => {
  await page.goto('/');
  const footer = page.getByRole('contentinfo');
  for (const group of FOOTER_GROUPS) {
    const nav = footer.getByRole('navigation', { name: group.title });
    await expect(nav.getByRole('heading', { name: group.title })).toBeVisible();
    for (const link of group.links) {
      await expect(nav.getByRole('link', { name: link.label, exact: true })).toHaveAttribute('href', link.href);
      const res = await request.get(link.href);
      expect(res.status(), link.href).toBe(200);
    }
  }
  // No digest endpoint is configured in this build: the footer offers the feeds, not a dead form
  // (a configured build is checked in tests/unit/build).
  await expect(footer.getByRole('textbox', { name: 'Email address' })).toHaveCount(0);
  await expect(footer.getByRole('link', { name: 'RSS feed' })).toHaveAttribute('href', '/pulse/rss.xml');
  await expect(footer.getByRole('link', { name: 'JSON Feed' })).toHaveAttribute('href', '/pulse/feed.json');
  await expect(footer.getByText('Affiliate disclosure:')).toBeVisible();
});

test('unknown URLs get the real 404 page', async ({ page }) => {
  const res = await page.goto('/no-such-page/');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'This page does not exist' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Search the site' })).toBeVisible();
});

test('theme toggle cycles system, light, dark and persists', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/glossary/');
  const toggle = page.getByRole('button', { name: /Colour theme/ });
  await expect(toggle).toHaveText('Theme: system');
  await toggle.press('Enter');
  await expect(toggle).toHaveText('Theme: light');
  await toggle.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(bg).toBe('rgb(18, 20, 23)');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('entry pages carry breadcrumbs back to their index', async ({ page }) => {
  await page.goto('/glossary/kv-cache/');
  const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
  await expect(crumbs.getByRole('link', { name: 'Home' })).toHaveAttribute('href', '/');
  await expect(crumbs.getByRole('link', { name: 'Glossary' })).toHaveAttribute('href', '/glossary/');
  await expect(crumbs.locator('[aria-current="page"]')).toHaveText('KV cache');
});

test('old URLs of renamed hardware land on the new pages, and old checker links still work', async ({ page }) => {
  await page.goto('/hardware/nvidia-rtx-4090/');
  await expect(page).toHaveURL(/\/hardware\/nvidia-rtx-4090-24gb\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('RTX 4090');
  await page.goto('/will-it-run/phi-4/amd-rx-7900-xtx/');
  await expect(page).toHaveURL(/\/will-it-run\/phi-4\/amd-rx-7900-xtx-24gb\/$/);
  const redirects = readFileSync(join(DIST, '_redirects'), 'utf8');
  expect(redirects).toContain('/hardware/nvidia-rtx-3090/ /hardware/nvidia-rtx-3090-24gb/ 301\n');
  expect(readFileSync(join(DIST, 'sitemap-0.xml'), 'utf8')).not.toMatch(/nvidia-rtx-4090\/</);
  await page.goto('/will-it-run/?model=phi-4&hw=nvidia-rtx-4090');
  await expect(page.getByLabel('GPU or machine 1')).toHaveValue('nvidia-rtx-4090-24gb');
  await expect(page.locator('[data-slot="notices"]')).toBeHidden();
  await expect(page).toHaveURL(/hw=nvidia-rtx-4090-24gb/);
});

test('the home page’s first step lands on the answer for the chosen pair', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Model', { exact: true }).selectOption('qwen3-14b');
  await page.getByLabel('Your GPU, Mac or PC').selectOption('nvidia-rtx-4060-ti-16gb');
  await page.getByLabel('Your GPU, Mac or PC').focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Will it run?' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/will-it-run\/qwen3-14b\/nvidia-rtx-4060-ti-16gb\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Qwen3 14B');
  await page.goto('/');
  await expect(page.getByRole('region', { name: 'Often asked' })).toBeVisible();
  const popular = page.locator('section[aria-labelledby="popular-heading"] li');
  expect(await popular.count()).toBeGreaterThanOrEqual(6);
});
