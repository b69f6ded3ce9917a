// The README's test command (`npm test`): type check, lint, build (with the search index), unit
// tests, browser tests, then ONE plain line "N passed, N failed" read from the JSON reports, which
// is what CI reads. Runs under the Node 22 that `npm run` puts first on PATH.
// Set RUNLOCALAI_SKIP_BUILD=1 to reuse an existing dist/ (local iteration only).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { chromiumPath } from './browser.mjs';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);
mkdirSync('reports', { recursive: true });
const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' };

/** Runs a command inheriting stdio; returns true when it exits 0. */
function run(label, cmd, args) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  return r.status === 0;
}

const failures = [];

// A browser for Playwright: Debian's chromium, installed through apt when missing and we are root.
const browser = chromiumPath({ install: true });
if (browser) env.CHROME_PATH = browser;
else console.log('No Chromium found and none could be installed; Playwright will try its own browser.');

if (!run('astro check', 'astro', ['check'])) failures.push('astro check');
if (!run('lint', 'eslint', ['.', '--max-warnings', '0'])) failures.push('lint');
if (!run('format', 'prettier', ['--check', '--log-level', 'warn', '.'])) failures.push('format (run npm run format)');

let built = true;
if (process.env.RUNLOCALAI_SKIP_BUILD !== '1' || !existsSync('dist/index.html')) {
  built = run('build', 'astro', ['build']);
  if (!built) failures.push('build');
}

for (const f of ['reports/unit.json', 'reports/e2e.json']) rmSync(f, { force: true });
// Whether each runner exited 0: a runner can fail before any test (Playwright when its web server
// cannot start, say) and still write a report with nothing failed in it.
const exitedOk = {};
exitedOk.vitest = run('unit tests', 'vitest', [
  'run',
  '--config',
  'tests/vitest.config.ts',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=reports/unit.json',
]);
exitedOk.playwright = built && run('browser tests', 'playwright', ['test', '--config', 'tests/playwright.config.ts']);

let passed = 0;
let failed = failures.length;
let skipped = 0;
for (const [kind, file] of [
  ['vitest', 'reports/unit.json'],
  ['playwright', 'reports/e2e.json'],
]) {
  if (!existsSync(file)) {
    console.log(`${kind}: no report (${file})`);
    failed += 1;
    continue;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const [p, reportedFailed, s] =
    kind === 'vitest'
      ? // A test file that fails to load has no failed test but marks the run unsuccessful: count it.
        [r.numPassedTests, r.numFailedTests || (r.success === false ? 1 : 0), r.numPendingTests + (r.numTodoTests ?? 0)]
      : [r.stats.expected + r.stats.flaky, r.stats.unexpected, r.stats.skipped];
  let f = reportedFailed;
  // A runner that exited non-zero, or ran no test at all, failed even when its report lists no
  // failed test (e.g. Playwright's "http://127.0.0.1:4321/ is already used").
  if (f === 0 && (!exitedOk[kind] || p === 0)) {
    f = 1;
    failures.push(`${kind} ${p === 0 ? 'ran no test' : 'exited with an error'} (see its output above)`);
  }
  console.log(`${kind}: ${p} passed, ${f} failed, ${s} skipped`);
  passed += p;
  failed += f;
  skipped += s;
}
for (const f of failures) console.log(`failed step: ${f}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
