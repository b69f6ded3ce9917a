/**
 * Benchmark: time of one estimate and of the whole catalog matrix
 * (every model x format x 5 context sizes x every hardware entry). Prints numbers only.
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { CatalogHardware, CatalogModel, HardwareSetup, ModelSpec } from '../lib/engine.ts';
import { FORMAT_IDS, estimate, estimateCore, hardwareFromCatalog, modelFromCatalog } from '../lib/engine.ts';
import { contentDir, listIds, readEntry } from './catalog-io.ts';

let root = contentDir();
if (listIds('models', root).length === 0 || listIds('hardware', root).length === 0) {
  const fallback = fileURLToPath(new URL('../../tests/fixtures/configs/catalog', import.meta.url));
  process.stdout.write(`(no catalog in ${root}; using test fixtures in ${fallback})\n`);
  root = fallback;
}
const models: ModelSpec[] = [];
for (const id of listIds('models', root)) {
  try {
    models.push(modelFromCatalog(id, readEntry('models', id, root) as CatalogModel));
  } catch (err) {
    process.stdout.write(`skip model ${id}: ${(err as Error).message}\n`);
  }
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

const m0 = models[0];
const h0 = hardware[0];
if (m0 === undefined || h0 === undefined) {
  process.stdout.write('no models or hardware to benchmark\n');
  process.exit(0);
}

// One estimate: cold (first call, fills caches) and warm (median of 200).
let t = performance.now();
estimate({ model: m0, format: 'Q4_K_M', context: 8192, hardware: h0 });
const cold = performance.now() - t;
const warm: number[] = [];
for (let i = 0; i < 200; i++) {
  t = performance.now();
  estimate({ model: m0, format: 'Q4_K_M', context: 8192 + (i % 7) * 256, hardware: h0 });
  warm.push(performance.now() - t);
}
warm.sort((a, b) => a - b);

// Whole matrix (verdict + speed + commands, no advice). First pass fills the per-format weight cache.
let count = 0;
let errors = 0;
function catalogFormats(model: ModelSpec): readonly string[] {
  const listed = [...new Set((model.files ?? []).map((f) => f.format))];
  return listed.length > 0 ? listed : ['Q4_K_M'];
}
function matrixPass(allFormats: boolean): number {
  count = 0;
  errors = 0;
  const start = performance.now();
  for (const model of models) {
    for (const format of allFormats ? FORMAT_IDS : catalogFormats(model)) {
      for (const context of contexts) {
        for (const hw of hardware) {
          try {
            estimateCore({ model, format, context, hardware: hw });
          } catch {
            errors++;
          }
          count++;
        }
      }
    }
  }
  return performance.now() - start;
}
const matrix = matrixPass(true);
const matrixWarm = matrixPass(true);
const countAll = count;
const matrixCatalog = matrixPass(false);
const countCatalog = count;
count = countAll;

process.stdout.write(
  [
    `one estimate (cold, incl. per-tensor simulation): ${cold.toFixed(3)} ms`,
    `one estimate (warm, with advice when needed), median of 200: ${(warm[100] ?? 0).toFixed(3)} ms, p95 ${(warm[190] ?? 0).toFixed(3)} ms`,
    `catalog matrix (each model's listed formats x ${contexts.length} contexts x ${hardware.length} hardware) = ${countCatalog} estimates in ${matrixCatalog.toFixed(1)} ms`,
    `full matrix: ${models.length} models x ${FORMAT_IDS.length} formats x ${contexts.length} contexts x ${hardware.length} hardware = ${count} estimates in ${matrix.toFixed(1)} ms (${((matrix / Math.max(1, count)) * 1000).toFixed(1)} µs each${errors > 0 ? `, ${errors} errors` : ''})`,
    `full matrix again (weights cached): ${matrixWarm.toFixed(1)} ms (${((matrixWarm / Math.max(1, count)) * 1000).toFixed(1)} µs each)`,
  ].join('\n') + '\n',
);
