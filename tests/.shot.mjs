import { chromium } from '@playwright/test';
const [,, path, name, width = '1280', scheme = 'light', full = '1'] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const page = await browser.newPage({ viewport: { width: +width, height: 900 }, colorScheme: scheme });
await page.goto('http://127.0.0.1:4500' + path);
await page.waitForTimeout(400);
await page.screenshot({ path: `/tmp/${name}.png`, fullPage: full === '1' });
await browser.close();
