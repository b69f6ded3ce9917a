/**
 * Benchmark: time of one estimate and of the whole catalog matrix (every model x format x 5
 * context sizes x every hardware entry, via fitMatrix). Prints numbers only.
 *
 * "cold" = the first call in a fresh process (JIT not warmed up, weights not yet simulated; the
 * cold matrix runs in a child process so nothing before it warms it up);
 * "warm" = the median of repeated calls (what the island pays on every keystroke).
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { CatalogHardware, CatalogModel, HardwareSetup, ModelSpec } from '../lib/engine.ts';
import { FORMAT_IDS, estimate, fitMatrix, hardwareFromCatalog, modelFromCatalog } from '../lib/engine.ts';
import { contentDir, listIds, readEntry } from './catalog-io.ts';

let root = contentDir();
if (listIds('models', root).length === 0 || listIds('hardware', root).length === 0) {
  const fallback = fileURLToPath(new URL('../../tests/fixtures/configs/catalog', import.meta.url));
  process.stdout.write(`(no catalog in ${root}; using test fixtures in ${fallback})\n`);
  root = fallback;
}

/** Fresh ModelSpec objects (the weight caches are keyed by them, so new objects start cold). */
function loadModels(): ModelSpec[] {
  const models: ModelSpec[] = [];
  for (const id of listIds('models', root)) {
    try {
      models.push(modelFromCatalog(id, readEntry('models', id, root) as CatalogModel));
    } catch (err) {
      process.stdout.write(`skip model ${id}: ${(err as Error).message}\n`);
    }
  }
  return models;
}
const hardware: HardwareSetup[] = [];
for (const id of listIds('hardware', root)) {
  try {
    hardware.push(hardwareFromCatalog(id, readEntry('hardware', id, root) as CatalogHardware));
  } catch (err) {
    process.stdout.write(`skip hardware ${id}: ${(err as Error).message}\n`);
  }
}
const contexts = [2048, 8192, 16384, 32768, 131072];
const ms = (t: number): string => `${t.toFixed(t < 1 ? 3 : 1)} ms`;
/** Median; sorts xs in place. */
const median = (xs: number[]): number => xs.sort((a, b) => a - b)[xs.length >> 1] ?? 0;
function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

// Child mode: time one matrix in this fresh process and print the milliseconds.
if (process.argv.includes('--cold-matrix')) {
  const models = loadModels();
  process.stdout.write(`${time(() => fitMatrix(models, FORMAT_IDS, contexts, hardware))}\n`);
  process.exit(0);
}

const estimateModels = loadModels();
const m0 = estimateModels[0];
const h0 = hardware[0];
if (m0 === undefined || h0 === undefined) {
  process.stdout.write('no models or hardware to benchmark\n');
  process.exit(0);
}

// One full estimate (advice and commands included): cold, then the median of 1000 varied calls.
const cold = time(() => estimate({ model: m0, format: 'Q4_K_M', context: 8192, hardware: h0 }));
const warm: number[] = [];
for (let i = 0; i < 1000; i++) {
  const model = estimateModels[i % estimateModels.length]!;
  const hw = hardware[i % hardware.length]!;
  warm.push(time(() => estimate({ model, format: 'Q4_K_M', context: 8192 + (i % 7) * 1024, hardware: hw })));
}

// The whole matrix: cold in a fresh child process, then with new model objects (weights simulated
// again, JIT warm), then warm (median of 30 passes).
const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--cold-matrix'], {
  encoding: 'utf8',
  env: { ...process.env, RUNLOCALAI_CONTENT_DIR: root },
});
const matrixCold = Number(child.stdout.trim().split('\n').pop());
const models = loadModels();
fitMatrix(models, FORMAT_IDS, contexts, hardware);
const matrixFresh = time(() => fitMatrix(loadModels(), FORMAT_IDS, contexts, hardware));
let matrix = fitMatrix(models, FORMAT_IDS, contexts, hardware);
const passes: number[] = [];
for (let i = 0; i < 30; i++) passes.push(time(() => (matrix = fitMatrix(models, FORMAT_IDS, contexts, hardware))));
const cells = matrix.verdict.length;
const matrixWarm = median(passes);

process.stdout.write(
  [
    `one estimate, cold (first call, simulates the weights): ${ms(cold)}`,
    `one estimate, warm (advice and commands included), median of ${warm.length}: ${ms(median(warm))} (p95 ${ms(warm[Math.floor(warm.length * 0.95)] ?? 0)})`,
    `matrix: ${models.length} models x ${FORMAT_IDS.length} formats x ${contexts.length} contexts x ${hardware.length} hardware = ${cells} cells${matrix.errors.length > 0 ? ` (${matrix.errors.length} settings failed)` : ''}`,
    `  cold (first call in a fresh process): ${Number.isFinite(matrixCold) ? ms(matrixCold) : 'n/a'}`,
    `  new model objects (weights simulated again, JIT warm): ${ms(matrixFresh)}`,
    `  warm, median of ${passes.length}: ${ms(matrixWarm)} (${((matrixWarm / Math.max(1, cells)) * 1000).toFixed(2)} µs per cell; fastest ${ms(Math.min(...passes))})`,
  ].join('\n') + '\n',
);
