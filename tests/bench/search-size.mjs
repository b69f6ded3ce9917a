// Search cost, for `npm run bench`: the Pagefind index on disk, and the bytes a visitor downloads
// for a first search from the header box (search code, Pagefind, its WebAssembly, index chunks,
// fragments), measured in Chromium against the built site (astro preview serves files uncompressed;
// Pagefind stores its index chunks gzip-compressed already). Prints numbers only.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { chromium } from '@playwright/test';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PAGEFIND = join(ROOT, 'dist/pagefind');

function du(dir) {
  let bytes = 0;
  let files = 0;
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    const s = statSync(full);
    if (s.isDirectory()) {
      const sub = du(full);
      bytes += sub.bytes;
      files += sub.files;
    } else {
      bytes += s.size;
      files += 1;
    }
  }
  return { bytes, files };
}

const total = du(PAGEFIND);
console.log(
  `pagefind index on disk                          ${String(total.bytes).padStart(9)} B (${total.files} files)`,
);
for (const part of ['index', 'fragment', 'filter']) {
  const d = du(join(PAGEFIND, part));
  console.log(`  ${part.padEnd(46)}${String(d.bytes).padStart(9)} B (${d.files} files)`);
}

const port = 4399;
// Node runs Astro directly (not through npx), so killing the child stops the server.
const server = spawn(
  process.execPath,
  [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'preview', '--host', '127.0.0.1', '--port', String(port)],
  {
    cwd: ROOT,
    stdio: 'ignore',
  },
);
try {
  await new Promise((r) => setTimeout(r, 2500));
  const browser = await chromium.launch({
    executablePath: statSync('/usr/bin/chromium', { throwIfNoEntry: false }) ? '/usr/bin/chromium' : undefined,
    args: ['--no-sandbox'],
  });
  for (const query of [
    '3090',
    'llama 3.1 8b',
    'model requires more system memory (11.4 GiB) than is available (7.2 GiB)',
  ]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    // Pagefind searches in a Web Worker; Playwright attributes the worker's requests to the page.
    let bytes = 0;
    let requests = 0;
    let counting = false;
    const files = [];
    page.on('requestfinished', async (request) => {
      if (!counting) return;
      const sizes = await request.sizes();
      bytes += sizes.responseBodySize + sizes.responseHeadersSize;
      requests += 1;
      files.push(new URL(request.url()).pathname);
    });
    await page.goto(`http://127.0.0.1:${port}/hardware/`);
    await page.waitForLoadState('networkidle');
    counting = true;
    const started = Date.now();
    await page.keyboard.press('/');
    await page.keyboard.type(query);
    await page.locator('#site-search-list [role=option]').first().waitFor({ timeout: 60_000 });
    const ms = Date.now() - started;
    await page.waitForLoadState('networkidle');
    console.log(
      `first search "${query.slice(0, 28)}${query.length > 28 ? '…' : ''}"`.padEnd(48) +
        `${String(bytes).padStart(9)} B over the wire (${requests} requests), results in ${ms} ms`,
    );
    await context.close();
  }
  await browser.close();
} finally {
  server.kill();
}
