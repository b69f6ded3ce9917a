// Benchmark of the "Will it run?" island in real Chromium: how long one input change takes from
// the event to an updated, laid-out answer, against the 16.7 ms of one frame at 60 Hz. Needs a
// built site (npm run build). Prints numbers only; `npm run bench` runs it after the engine bench.
//
// Each sample sets one form control (model, format, context, KV type, hardware) to a new value,
// dispatches the same events a person's input fires, and times the synchronous handler (estimate,
// advice, commands, chart and DOM writes) plus the style and layout it forces. The first visit to
// a model x format pays for the weight simulation ("cold"); later ones hit the caches ("warm").
import { chromium } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { chromiumPath } from '../browser.mjs';

const DIST = new URL('../../dist/', import.meta.url).pathname;
if (!existsSync(join(DIST, 'will-it-run/index.html'))) {
  console.log('island bench: no built site in dist/ (run npm run build first)');
  process.exit(0);
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };
const browser = await chromium.launch({ executablePath: chromiumPath() });
const page = await browser.newPage();
// Serve dist/ straight from disk: no server process, no port.
await page.route('http://bench.local/**', (route) => {
  let path = decodeURIComponent(new URL(route.request().url()).pathname);
  if (path.endsWith('/')) path += 'index.html';
  const file = join(DIST, path);
  if (!existsSync(file)) return route.fulfill({ status: 404, body: '' });
  return route.fulfill({ body: readFileSync(file), contentType: TYPES[extname(file)] ?? 'application/octet-stream' });
});
await page.goto('http://bench.local/will-it-run/');
await page.waitForFunction(() => document.querySelector('[data-submit]')?.textContent === 'Update the answer');

const samples = await page.evaluate(() => {
  const form = document.querySelector('will-it-run form');
  const select = (id) => document.getElementById(`wir-${id}`);
  const options = (id) => [...select(id).options].filter((o) => !o.disabled && o.value).map((o) => o.value);
  const change = (id, value) => {
    const el = select(id);
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  };
  const models = options('model');
  const quants = ['Q4_K_M', 'Q8_0', 'Q5_K_M', 'IQ4_XS', 'Q3_K_M', 'Q6_K', 'MLX-4bit', 'FP16'];
  const contexts = ['2048', '8192', '32768', '131072', '4096', '16384'];
  const kvs = ['f16', 'q8_0', 'q4_0'];
  const hardware = options('hw-0');
  const steps = [];
  for (let i = 0; i < 60; i++) {
    steps.push(['model', models[i % models.length]]);
    steps.push(['quant', quants[i % quants.length]]);
    steps.push(['ctx', contexts[i % contexts.length]]);
    steps.push(['kv', kvs[i % kvs.length]]);
    steps.push(['hw-0', hardware[(i * 7) % hardware.length]]);
  }
  const seen = new Set();
  const out = [];
  for (const [id, value] of steps) {
    const t0 = performance.now();
    change(id, value);
    const t1 = performance.now();
    void form.offsetHeight; // force style + layout of the new answer
    const ms = performance.now() - t0;
    const key = `${select('model').value}|${select('quant').value}`;
    out.push({ id, ms, handler: t1 - t0, cold: !seen.has(key) });
    seen.add(key);
  }
  return out;
});
await browser.close();

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return `median ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms, max ${s[s.length - 1].toFixed(2)} ms (n=${s.length})`;
};
const FRAME_MS = 1000 / 60;
const all = samples.map((x) => x.ms);
console.log(`island input -> laid-out answer, all:  ${stats(all)}`);
console.log(`  of which the handler (engine + DOM): ${stats(samples.map((x) => x.handler))}`);
console.log(`  warm (model x format seen before):   ${stats(samples.filter((x) => !x.cold).map((x) => x.ms))}`);
console.log(`  cold (first visit to a model x format): ${stats(samples.filter((x) => x.cold).map((x) => x.ms))}`);
for (const id of ['model', 'quant', 'ctx', 'kv', 'hw-0']) {
  console.log(`  ${id.padEnd(6)} ${stats(samples.filter((x) => x.id === id).map((x) => x.ms))}`);
}
console.log(
  `within one 60 Hz frame (${FRAME_MS.toFixed(1)} ms): ${all.filter((ms) => ms <= FRAME_MS).length} of ${all.length}`,
);
