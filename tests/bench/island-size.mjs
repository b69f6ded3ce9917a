// Where the "Will it run?" island's gzip budget goes: the engine on its own (bundled and minified
// the way the site build does it, with Vite), then the built island and its JSON payload from
// dist/. Prints numbers only; part of `npm run bench`.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const gz = (text) => gzipSync(text, { level: 9 }).length;

/**
 * Bundles `source` (an ES module re-exporting from src/lib, paths from the repo root) minified.
 * As an IIFE because Vite keeps whitespace in minified ES-format library builds; the island itself
 * is an ES module minified in full, which this matches within a few percent.
 */
async function bundle(source) {
  const id = '\0island-size-entry';
  source = source.replaceAll("from './", `from '${ROOT}`);
  const out = await build({
    root: ROOT,
    configFile: false,
    logLevel: 'silent',
    plugins: [
      {
        name: 'entry',
        enforce: 'pre',
        resolveId: (s) => (s === 'entry' || s.endsWith('/entry') ? id : null),
        load: (s) => (s === id ? source : null),
      },
    ],
    build: {
      write: false,
      minify: true,
      lib: { entry: 'entry', formats: ['iife'], name: 'island', fileName: 'entry' },
    },
  });
  return [out]
    .flat()[0]
    .output.map((chunk) => chunk.code ?? '')
    .join('');
}

const parts = [
  ['engine, estimate() with advice and commands', "export { estimate } from './src/lib/engine.ts';"],
  ['engine alone, estimateEngine()', "export { estimateEngine } from './src/lib/engine/fit.ts';"],
  ['answer wording, answerView()', "export { answerView } from './src/lib/answer.ts';"],
  [
    'URL state, parse + serialize',
    "export { parseCheckerQuery, serializeCheckerState } from './src/lib/query-state.ts';",
  ],
];
for (const [label, source] of parts) {
  const code = await bundle(source);
  console.log(`${label.padEnd(46)} ${String(gz(code)).padStart(6)} B gzip (${code.length} B minified, alone)`);
}

const catalog = `${ROOT}dist/will-it-run/catalog.json`;
if (!existsSync(catalog)) {
  console.log('built island: no dist/ (run npm run build first)');
} else {
  const payload = readFileSync(catalog, 'utf8');
  const data = JSON.parse(payload);
  // The island's module plus the inline scripts every page carries (theme, search shortcut).
  const html = readFileSync(`${ROOT}dist/will-it-run/index.html`, 'utf8');
  const inline = [
    ...html.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*application\/(?:ld\+)?json)[^>]*>([\s\S]*?)<\/script>/g),
  ]
    .map((m) => m[1])
    .join('');
  const js =
    readdirSync(`${ROOT}dist/_astro`)
      .filter((f) => f.startsWith('Checker'))
      .map((f) => readFileSync(`${ROOT}dist/_astro/${f}`, 'utf8'))
      .join('') + inline;
  const worker = readdirSync(`${ROOT}dist/_astro`)
    .filter((f) => f.startsWith('checker-worker'))
    .map((f) => readFileSync(`${ROOT}dist/_astro/${f}`, 'utf8'))
    .join('');
  const perEntry = (list) => {
    const sizes = list.map((entry) => gz(JSON.stringify(entry)));
    return `${Math.round(sizes.reduce((a, b) => a + b, 0) / Math.max(1, sizes.length))} B gzip each alone`;
  };
  console.log(`${'built island JS + inline scripts (page load)'.padEnd(46)} ${String(gz(js)).padStart(6)} B gzip`);
  console.log(
    `${'worker: advice, launch plan, config (on demand)'.padEnd(46)} ${String(gz(worker)).padStart(6)} B gzip`,
  );
  console.log(
    `${'catalog.json (fetched after the first answer)'.padEnd(46)} ${String(gz(payload)).padStart(6)} B gzip (${data.models.length} models, ${data.hardware.length} devices)`,
  );
  console.log(`${'  per model'.padEnd(46)} ${perEntry(data.models)}`);
  console.log(`${'  per device'.padEnd(46)} ${perEntry(data.hardware)}`);
}
