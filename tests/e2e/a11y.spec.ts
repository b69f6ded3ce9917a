import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

import { TEMPLATES } from './templates.ts';
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Three passes per page: everything at 1280 px in light; at 360 px in light everything but colour
 * contrast (colours do not depend on width; layout, target sizes and scrolling regions do); and
 * colour contrast in dark (the only thing the dark theme changes).
 */
const PASSES = [
  { width: 1280, scheme: 'light', only: null, skip: [] },
  { width: 360, scheme: 'light', only: null, skip: ['color-contrast'] },
  { width: 1280, scheme: 'dark', only: ['color-contrast'], skip: [] },
] as const;

for (const path of TEMPLATES) {
  test(`${path} has no WCAG 2.2 A/AA violations at 360 and 1280 px, light and dark`, async ({ page }) => {
    test.setTimeout(90_000);
    const found: string[] = [];
    for (const pass of PASSES) {
      await page.setViewportSize({ width: pass.width, height: pass.width === 360 ? 740 : 900 });
      await page.emulateMedia({ colorScheme: pass.scheme });
      await page.goto(path);
      let axe = new AxeBuilder({ page }).withTags(TAGS);
      if (pass.only) axe = axe.withRules([...pass.only]);
      if (pass.skip.length) axe = axe.disableRules([...pass.skip]);
      const r = await axe.analyze();
      for (const v of r.violations)
        found.push(
          `${pass.width}px ${pass.scheme} ${v.id}: ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join(' | ')}`,
        );
    }
    expect(found).toEqual([]);
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
  // Focus moves into the content, so the next Tab starts there, not back in the header.
  await expect(page.locator('main')).toBeFocused();
});

test('layout fits a 360 px screen without horizontal scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of ['/', '/glossary/kv-cache/', '/models/', '/hardware/nvidia-rtx-4090-24gb/']) {
    await page.goto(path);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
});
