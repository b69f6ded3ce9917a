import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

const SAMPLE = [
  '/',
  '/glossary/',
  '/glossary/kv-cache/',
  '/models/',
  '/models/llama-3.1-8b-instruct/',
  '/hardware/nvidia-rtx-3060-12gb/',
  '/errors/cuda-out-of-memory/',
  '/guides/best-gpu-for-local-ai/',
  '/compare/',
  '/cost-vs-cloud/',
  '/learn/',
  '/about/',
  '/search/',
  '/will-it-run/',
  '/will-it-run/all/',
  '/will-it-run/qwen3-30b-a3b/nvidia-rtx-3060-12gb/',
  '/hardware/apple-m4-pro-48gb/',
];

for (const scheme of ['light', 'dark'] as const) {
  for (const path of SAMPLE) {
    test(`${path} has no WCAG A/AA violations (${scheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(path);
      const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      expect(
        r.violations.map(
          (v) =>
            `${v.id}: ${v.nodes
              .map((n) => n.target.join(' '))
              .slice(0, 3)
              .join(' | ')}`,
        ),
      ).toEqual([]);
    });
  }
}

// Phone width: narrow layouts, sideways-scrolling tables and the checker's sticky mini-answer only
// exist there. Colours do not depend on width, so dark mode is checked once, on the checker.
const PHONE = [
  ...SAMPLE.map((path) => [path, 'light'] as const),
  ['/will-it-run/llama-3.1-8b-instruct/amd-ryzen-9-9950x/', 'light'] as const,
  ['/tools/llama-cpp/', 'light'] as const,
  ['/will-it-run/', 'dark'] as const,
];
for (const [path, scheme] of PHONE) {
  test(`${path} at 360 px has no WCAG A/AA violations (${scheme})`, async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(path);
    const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
  });
}

test('keyboard users can skip to content and see focus', async ({ page }) => {
  await page.goto('/models/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  const outline = await skip.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
});

test('layout fits a 360 px screen without horizontal scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of ['/', '/glossary/kv-cache/', '/models/', '/hardware/nvidia-rtx-4090/']) {
    await page.goto(path);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
});
