import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  FORMAT_IDS,
  VERDICTS,
  cpuSetup,
  estimate,
  fitMatrix,
  gpuSetup,
  unifiedSetup,
} from '../../../src/lib/engine.ts';
import type { FitMatrixOptions, HardwareSetup } from '../../../src/lib/engine.ts';
import { CATALOG_DIR, catalogHardware, catalogModel, fixtureArch } from './helpers.ts';

const ids = (kind: string): string[] =>
  readdirSync(`${CATALOG_DIR}/${kind}`)
    .filter((f) => f.endsWith('.mdx') && !f.startsWith('_'))
    .map((f) => f.slice(0, -'.mdx'.length));

const models = [
  ...ids('models').map(catalogModel),
  { name: 'Mixtral (config only)', architecture: fixtureArch('mixtral-8x7b-instruct') },
];
const hardware: HardwareSetup[] = [
  ...ids('hardware').map((id) => catalogHardware(id)),
  catalogHardware('nvidia-rtx-4090-24gb', { gpus: 2, ramGiB: 128 }),
  catalogHardware('nvidia-rtx-3060-12gb', { ramGiB: 64 }),
  gpuSetup({ vramGiB: 9, bandwidthGBs: 500, count: 3, backend: 'ROCm' }),
  unifiedSetup({ memoryGiB: 128, bandwidthGBs: 256, apple: false }),
  cpuSetup({ ramGiB: 8, bandwidthGBs: 40 }),
];
const contexts = [0, 4096, 32768, 131072];

describe('fitMatrix', () => {
  it.each<FitMatrixOptions>([
    {},
    { kvType: 'q8_0', parallel: 2 },
    { kvType: 'q4_0', flashAttention: false, ubatch: 1024, decodeDepth: 4096 },
  ])(
    'every cell equals estimate() for %j',
    (options) => {
      const m = fitMatrix(models, FORMAT_IDS, contexts, hardware, options);
      expect(m.verdict).toHaveLength(models.length * FORMAT_IDS.length * contexts.length * hardware.length);
      expect(m.errors).toEqual([]);
      const seen = new Set<string>();
      models.forEach((model, mi) =>
        FORMAT_IDS.forEach((format, fi) =>
          contexts.forEach((context, ci) =>
            hardware.forEach((hw, hi) => {
              const i = m.index(mi, fi, ci, hi);
              const e = estimate({ ...options, model, format, context, hardware: hw, advice: false });
              const got = {
                verdict: VERDICTS[m.verdict[i]!]?.id,
                totalBytes: m.totalBytes[i],
                gpuLayers: m.gpuLayers[i],
                cpuMoeLayers: m.cpuMoeLayers[i],
                tokensPerSecond: m.tokensPerSecond[i],
              };
              const want = {
                verdict: e.fit?.verdict,
                totalBytes: e.totalBytes,
                gpuLayers: e.fit?.gpuLayers,
                cpuMoeLayers: e.fit?.cpuMoeLayers,
                tokensPerSecond: e.tokensPerSecond?.expected ?? 0,
              };
              if (JSON.stringify(got) !== JSON.stringify(want))
                expect({ model: model.name, format, context, hw: hw.name, ...got }).toEqual({
                  model: model.name,
                  format,
                  context,
                  hw: hw.name,
                  ...want,
                });
              seen.add(want.verdict ?? '');
            }),
          ),
        ),
      );
      // The sample exercises every verdict, expert offload included.
      expect([...seen].sort()).toEqual(VERDICTS.map((v) => v.id).sort());
      expect(Math.max(...m.cpuMoeLayers)).toBeGreaterThan(0);
      // Thousands of estimate() calls: allow for a busy machine (this is a correctness test, not a timing one).
    },
    60_000,
  );

  it('flags settings it cannot estimate and keeps the other cells', () => {
    const m = fitMatrix(models.slice(0, 1), ['Q4_K_M', 'Q9_X'], [8192, -1], hardware.slice(0, 2));
    // Cells in order: Q4_K_M x 8192 (both machines), Q4_K_M x -1, Q9_X x 8192, Q9_X x -1.
    expect(m.verdict[m.index(0, 0, 0, 0)]).toBeGreaterThanOrEqual(0);
    expect(m.verdict[m.index(0, 0, 0, 1)]).toBeGreaterThanOrEqual(0);
    expect([...m.verdict.slice(2)]).toEqual([-1, -1, -1, -1, -1, -1]);
    expect(m.errors).toHaveLength(3);
    expect(m.errors.join('\n')).toMatch(/Unknown weight format "Q9_X"/);
    expect(m.errors.join('\n')).toMatch(/Context must be a number of tokens >= 0/);
  });
});
