// `npm run audit`: Lighthouse (mobile profile, Debian's Chromium when present) against the local
// preview of dist/ for one page of each main template; prints the four category scores and
// LCP/TBT/CLS per page. A benchmark, not a test: timings are noisy on shared machines.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PORT = 4398;
// Pages to audit: the arguments, or one page of each main template.
const PAGES =
  process.argv.length > 2
    ? process.argv.slice(2)
    : [
        '/',
        '/glossary/kv-cache/',
        '/models/llama-3.1-8b-instruct/',
        '/hardware/nvidia-rtx-3090-24gb/',
        '/will-it-run/llama-3.1-8b-instruct/nvidia-rtx-3060-12gb/',
        '/will-it-run/',
        '/tools/llama-cpp/',
        '/search/',
        '/compare/',
        '/choose-my-gpu/',
        '/cost-vs-cloud/',
        '/benchmarks/',
      ];

if (!existsSync(join(ROOT, 'dist/index.html'))) throw new Error('No dist/: run npm run build first');
const server = spawn(
  process.execPath,
  [join(ROOT, 'node_modules/astro/bin/astro.mjs'), 'preview', '--host', '127.0.0.1', '--port', String(PORT)],
  { cwd: ROOT, stdio: 'ignore' },
);
const chrome = await chromeLauncher.launch({
  chromePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
});
try {
  await new Promise((r) => setTimeout(r, 2500));
  const score = (c) => String(Math.round((c?.score ?? 0) * 100)).padStart(4);
  console.log(`${'page'.padEnd(58)}perf a11y  bp  seo    LCP ms  TBT ms    CLS`);
  for (const path of PAGES) {
    const result = await lighthouse(`http://127.0.0.1:${PORT}${path}`, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
      formFactor: 'mobile',
    });
    const { categories: c, audits: a } = result.lhr;
    console.log(
      `${path.padEnd(58)}${score(c.performance)}${score(c.accessibility)}${score(c['best-practices'])}${score(c.seo)}` +
        `${String(Math.round(a['largest-contentful-paint'].numericValue)).padStart(10)}` +
        `${String(Math.round(a['total-blocking-time'].numericValue)).padStart(8)}` +
        `${a['cumulative-layout-shift'].numericValue.toFixed(3).padStart(7)}`,
    );
    const failing = Object.values(c)
      .flatMap((cat) => cat.auditRefs.filter((r) => r.weight > 0).map((r) => a[r.id]))
      .filter((audit) => audit && audit.score !== null && audit.score < 1 && audit.scoreDisplayMode === 'binary');
    for (const audit of failing) {
      const where = (audit.details?.items ?? [])
        .slice(0, 3)
        .map((i) => i.node?.snippet ?? i.href ?? i.text ?? '')
        .join(' | ');
      console.log(`    not passed: ${audit.id} (${audit.title}) ${where}`.slice(0, 400));
    }
  }
} finally {
  await chrome.kill();
  server.kill();
}
