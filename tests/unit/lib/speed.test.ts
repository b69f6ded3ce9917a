import { describe, expect, it } from 'vitest';
import { cpuSetup, estimate, gpuSetup, hardwareFromCatalog, type CatalogHardware } from '../../../src/lib/engine.ts';
import type { FormatId, ModelSpec } from '../../../src/lib/engine.ts';
import { readEntry } from '../../../src/cli/catalog-io.ts';
import { archForLabel, catalogHardware, catalogModel, hardwareForLabel, loadReference } from './helpers.ts';

const { data: ref } = loadReference();

/** Model for a reference label: the catalog entry (with its real file size) when we have one. */
function modelForLabel(label: string): ModelSpec {
  if (/llama 3 8b/i.test(label)) return catalogModel('llama-3-8b-instruct');
  return { name: label, architecture: archForLabel(label) };
}

describe('decode speed vs measured llama-bench rows', () => {
  const rows = ref.speed_observations.map((r) => {
    const e = estimate({
      model: modelForLabel(r.model),
      format: r.quant as FormatId,
      context: 512,
      decodeDepth: 256, // tg512: average depth of 256 tokens
      hardware: hardwareForLabel(r.hardware),
      advice: false,
    });
    const t = e.tokensPerSecond;
    if (t === undefined) throw new Error(`no speed for ${r.hardware}`);
    const mid = (t.low + t.high) / 2;
    return { ...r, mid, low: t.low, high: t.high, err: Math.abs(mid / r.tg_tok_s - 1), pp: e.promptTokensPerSecond };
  });
  it('median absolute error <= 15%', () => {
    const errs = rows.map((r) => r.err).sort((a, b) => a - b);
    const n = errs.length;
    const median = n % 2 === 1 ? (errs[(n - 1) / 2] ?? 1) : ((errs[n / 2 - 1] ?? 1) + (errs[n / 2] ?? 1)) / 2;
    expect(n).toBeGreaterThanOrEqual(10);
    expect(median).toBeLessThanOrEqual(0.15);
  });
  it.each(rows.map((r) => [r.hardware, r.quant, r] as const))(
    '%s %s: range is ordered and within 35%% of the measurement',
    (_h, _q, r) => {
      expect(r.low).toBeLessThan(r.high);
      expect(r.err).toBeLessThan(0.35);
      expect(r.pp?.expected ?? 0).toBeGreaterThan(0);
    },
  );
});

describe('speed physics', () => {
  const llama8 = catalogModel('llama-3.1-8b-instruct');
  const rtx = catalogHardware('nvidia-rtx-4090-24gb');
  it('decode slows down as the context fills', () => {
    const e = estimate({ model: llama8, format: 'Q4_K_M', context: 32768, hardware: rtx });
    expect(e.tokensPerSecondAtFullContext?.expected ?? 0).toBeLessThan((e.tokensPerSecond?.expected ?? 0) * 0.8);
  });
  it('MoE reads only the active experts', () => {
    const moe = estimate({
      model: catalogModel('qwen3-30b-a3b'),
      format: 'Q4_K_M',
      context: 4096,
      hardware: gpuSetup({ vramGiB: 48, bandwidthGBs: 1000 }),
    });
    const dense = estimate({
      model: llama8,
      format: 'Q4_K_M',
      context: 4096,
      hardware: gpuSetup({ vramGiB: 48, bandwidthGBs: 1000 }),
    });
    expect(moe.tokensPerSecond?.expected ?? 0).toBeGreaterThan(dense.tokensPerSecond?.expected ?? 0);
  });
  it('offloaded layers run at CPU bandwidth', () => {
    const full = estimate({
      model: llama8,
      format: 'Q8_0',
      context: 8192,
      hardware: gpuSetup({ vramGiB: 24, bandwidthGBs: 1000 }),
    });
    const part = estimate({
      model: llama8,
      format: 'Q8_0',
      context: 8192,
      hardware: gpuSetup({ vramGiB: 6, bandwidthGBs: 1000 }),
    });
    expect(part.fit?.verdict).toBe('partial-offload');
    expect(part.tokensPerSecond?.expected ?? 0).toBeLessThan((full.tokensPerSecond?.expected ?? 0) / 3);
    const cpu = estimate({
      model: llama8,
      format: 'Q8_0',
      context: 8192,
      hardware: cpuSetup({ ramGiB: 64, bandwidthGBs: 100 }),
    });
    expect(cpu.tokensPerSecond?.expected ?? 0).toBeCloseTo(
      (100e9 * 0.65) / (cpu.weightsBytes - cpu.weightsInRamBytes + 0),
      -1,
    );
  });
  it('prompt processing uses fp16 TFLOPS when known', () => {
    const slow = estimate({
      model: llama8,
      format: 'Q4_K_M',
      context: 4096,
      hardware: gpuSetup({ vramGiB: 24, bandwidthGBs: 1000, fp16Tflops: 50 }),
    });
    const fast = estimate({
      model: llama8,
      format: 'Q4_K_M',
      context: 4096,
      hardware: gpuSetup({ vramGiB: 24, bandwidthGBs: 1000, fp16Tflops: 150 }),
    });
    expect((fast.promptTokensPerSecond?.expected ?? 0) / (slow.promptTokensPerSecond?.expected ?? 1)).toBeCloseTo(3, 5);
  });
});

describe('prompt speed with the real catalog hardware entries', () => {
  // The site's hardware JSON (shader FP16 TFLOPS), not the fixtures: what visitors actually see.
  const ids: Record<string, string> = {
    'RTX 3070': 'nvidia-rtx-3070-8gb',
    'RTX 3080': 'nvidia-rtx-3080-10gb',
    'RTX 3090': 'nvidia-rtx-3090-24gb',
    'RTX 4090': 'nvidia-rtx-4090-24gb',
    'M2 Ultra': 'apple-m2-ultra-192gb',
    'M3 Max': 'apple-m3-max-64gb',
  };
  const content = (id: string) => readEntry('hardware', id) as CatalogHardware;
  const errors = ref.speed_observations.flatMap((r) => {
    const key = Object.keys(ids).find((k) => r.hardware.includes(k));
    if (!key) return [];
    const e = estimate({
      model: modelForLabel(r.model),
      format: r.quant as FormatId,
      context: 512,
      hardware: hardwareFromCatalog(ids[key]!, content(ids[key]!)),
      advice: false,
    });
    // Only rows that run fully on the GPU (F16 does not fit on 8-10 GB cards).
    if (e.fit?.verdict !== 'fits' && e.fit?.verdict !== 'tight') return [];
    return [Math.abs((e.promptTokensPerSecond?.expected ?? 0) / r.pp_tok_s - 1)];
  });
  it('median absolute error of pp512 <= 30%', () => {
    const sorted = [...errors].sort((a, b) => a - b);
    expect(sorted.length).toBeGreaterThanOrEqual(6);
    expect(sorted[Math.floor(sorted.length / 2)]!).toBeLessThanOrEqual(0.3);
  });
});
