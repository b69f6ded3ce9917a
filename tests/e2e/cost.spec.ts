import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { costView, parseCostQuery, type CostData } from '../../src/lib/cost-tool.ts';
import { DIST, watchPage } from './helpers.ts';

const data = JSON.parse(readFileSync(join(DIST, 'cost-vs-cloud/data.json'), 'utf8')) as CostData;
const usd = (v: number) =>
  `$${v.toLocaleString('en-US', { maximumFractionDigits: v < 10 ? 2 : 0, minimumFractionDigits: v < 10 ? 2 : 0 })}`;

test('Cost vs cloud: change inputs by keyboard, numbers follow the cost model, the URL reproduces them', async ({
  page,
}) => {
  const problems = watchPage(page);
  // The price data arrives late, so the changes below are made before the tool has it: they must
  // all count, the new machine's launch price and power included.
  await page.context().route('**/cost-vs-cloud/data.json', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 700));
    await route.continue();
  });
  await page.goto('/cost-vs-cloud/');
  const hw = page.getByLabel('Your hardware');
  await expect(hw).toBeVisible();
  await hw.focus();
  await hw.selectOption('nvidia-rtx-3090-24gb');
  await page.getByRole('combobox', { name: /^Model/ }).selectOption('qwen3-32b');
  const kwh = page.getByLabel('Electricity (USD per kWh)');
  await kwh.fill('0.30');
  await page.getByLabel('Generated tokens per day').fill('2000000');
  await expect(page).toHaveURL(
    /hw=nvidia-rtx-3090-24gb&model=qwen3-32b&price=1499&months=36&kwh=0.3&watts=350&out=2000000/,
  );

  const { state } = parseCostQuery(new URL(page.url()).search, data);
  const v = costView(state, data);
  await expect(page.locator('[data-value="local"]')).toHaveText(usd(v.result!.localUsdPerMillion));
  await expect(page.locator('[data-value="api"]')).toHaveText(usd(v.result!.apiUsdPerMillion!));
  await expect(page.locator('[data-slot="summary"]')).toHaveText(v.summary);
  await expect(page.locator('[data-line="own"]')).toHaveAttribute('d', v.chart!.own);

  await page.reload();
  await expect(page.getByLabel('Electricity (USD per kWh)')).toHaveValue('0.3');
  await expect(page.locator('[data-slot="summary"]')).toHaveText(v.summary);
  expect(problems).toEqual([]);
});

test('Cost vs cloud: garbage in the URL falls back with a notice and injects nothing', async ({ page }) => {
  await page.goto('/cost-vs-cloud/?hw=%3Cscript%3Ex%3C%2Fscript%3E&kwh=-4&out=lots');
  const notices = page.locator('[data-slot="notices"]');
  await expect(notices).toContainText('Unknown hw "<script>x</script>": using the default.');
  await expect(notices).toContainText('"-4" is not a valid kwh');
  await expect(notices).toContainText('"lots" is not a valid out');
  await expect(notices.locator('script')).toHaveCount(0);
  await expect(page.getByLabel('Your hardware')).toHaveValue('nvidia-rtx-4090-24gb');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('Cost vs cloud shows the default answer and its chart', async ({ page }) => {
    await page.goto('/cost-vs-cloud/');
    const { state } = parseCostQuery('', data);
    const v = costView(state, data);
    await expect(page.locator('[data-slot="summary"]')).toHaveText(v.summary);
    await expect(page.locator('[data-line="own"]')).toHaveAttribute('d', v.chart!.own);
    await expect(page.getByLabel('Your hardware')).toBeHidden();
  });
});
