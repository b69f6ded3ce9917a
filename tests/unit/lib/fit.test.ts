import { describe, expect, it } from 'vitest';
import {
  GiB,
  MiB,
  SAFETY_MARGIN_BYTES,
  cpuSetup,
  estimate,
  gpuSetup,
  runtimeOverheadBytes,
  unifiedSetup,
} from '../../../src/lib/engine.ts';
import type { ModelSpec } from '../../../src/lib/engine.ts';
import { catalogHardware, catalogModel, fixtureArch } from './helpers.ts';

const llama8 = catalogModel('llama-3.1-8b-instruct');
const llama70 = catalogModel('llama-3.1-70b-instruct');
const qwenMoe = catalogModel('qwen3-30b-a3b');

describe('estimate: memory terms reported separately', () => {
  it('sums weights + KV + compute + overhead', () => {
    const e = estimate({ model: llama8, format: 'Q4_K_M', context: 8192 });
    expect(e.totalBytes).toBe(e.weightsBytes + e.kvCacheBytes + e.computeBytes + e.overheadBytes);
    expect(e.kvCacheBytes).toBe(1024 * MiB);
    expect(e.overheadBytes).toBe(457 * MiB);
    expect(e.marginBytes).toBe(SAFETY_MARGIN_BYTES);
    expect(e.weightsSource).toBe('file');
  });
  it('untied embeddings: token_embd stays in RAM; tied: duplicated on the GPU', () => {
    const e = estimate({ model: llama8, format: 'Q4_K_M', context: 4096 });
    expect(e.weightsInRamBytes).toBeGreaterThan(250 * MiB);
    expect(e.weightsOnGpuBytes + e.weightsInRamBytes).toBe(e.weightsBytes);
    const tied: ModelSpec = { name: 'tied', architecture: fixtureArch('llama-3.2-3b-instruct') };
    const t = estimate({ model: tied, format: 'Q4_K_M', context: 4096 });
    expect(t.weightsOnGpuBytes).toBe(t.weightsBytes);
    expect(t.weightsInRamBytes).toBeGreaterThan(0);
  });
  it.each([0, 1, 1048576])('context %d works', (ctx) => {
    const e = estimate({
      model: llama8,
      format: 'Q4_K_M',
      context: ctx,
      hardware: catalogHardware('nvidia-rtx-4090-24gb'),
    });
    expect(Number.isFinite(e.totalBytes)).toBe(true);
    if (ctx === 1048576) expect(e.fit?.verdict).not.toBe('fits');
    if (ctx === 0) expect(e.kvCacheBytes).toBe(0);
  });
  it('unknown quant throws with the list of formats', () => {
    expect(() => estimate({ model: llama8, format: 'Q9_K', context: 4096 })).toThrow(
      /Unknown weight format "Q9_K".*Q4_K_M/,
    );
  });
  it('negative context throws', () => {
    expect(() => estimate({ model: llama8, format: 'Q4_K_M', context: -1 })).toThrow(/Context/);
  });
  it('missing architecture numbers throw a clear message', () => {
    const bad = { name: 'bad', architecture: { ...fixtureArch('llama-3.1-8b-instruct'), heads: 0 } };
    expect(() => estimate({ model: bad, format: 'Q4_K_M', context: 4096 })).toThrow(
      /"heads" must be a positive integer/,
    );
  });
});

describe('verdicts', () => {
  const base = estimate({
    model: llama8,
    format: 'Q4_K_M',
    context: 8192,
    hardware: gpuSetup({ vramGiB: 24, bandwidthGBs: 1000 }),
  });
  const required = base.fit?.requiredBytes ?? 0;
  it.each([
    ['exactly required + margin', required + SAFETY_MARGIN_BYTES, 'fits'],
    ['exactly required', required, 'tight'],
    ['one byte short', required - 1, 'partial-offload'],
  ] as const)('at capacity: %s -> %s', (_label, bytes, verdict) => {
    const e = estimate({
      model: llama8,
      format: 'Q4_K_M',
      context: 8192,
      hardware: gpuSetup({ vramGiB: bytes / GiB, bandwidthGBs: 1000 }),
    });
    expect(e.fit?.verdict).toBe(verdict);
  });
  it('partial offload reports how many layers fit', () => {
    const e = estimate({
      model: llama70,
      format: 'Q4_K_M',
      context: 8192,
      hardware: catalogHardware('nvidia-rtx-4090-24gb'),
    });
    expect(e.fit?.verdict).toBe('partial-offload');
    expect(e.fit?.gpuLayers).toBeGreaterThan(30);
    expect(e.fit?.gpuLayers).toBeLessThan(80);
    expect(e.fit?.outputOnGpu).toBe(false);
    expect(e.commands.llamaCpp).toContain(`-ngl ${e.fit?.gpuLayers}`);
    expect(e.tokensPerSecond?.high).toBeLessThan(10);
  });
  it('multi-GPU: splits layers per card, never one pool', () => {
    const two = estimate({
      model: llama70,
      format: 'Q4_K_M',
      context: 8192,
      hardware: catalogHardware('nvidia-rtx-4090-24gb', { gpus: 2 }),
    });
    expect(two.fit?.verdict).toBe('fits');
    const d = two.fit?.devices ?? [];
    expect(d).toHaveLength(2);
    expect((d[0]?.layers ?? 0) + (d[1]?.layers ?? 0)).toBe(80);
    for (const card of d) expect(card.usedBytes + SAFETY_MARGIN_BYTES).toBeLessThanOrEqual(card.usableBytes);
    expect(two.overheadBytes).toBe(2 * 457 * MiB);
    // 2 x 12 GiB cards cannot hold a model that needs ~22 GiB in one piece plus per-card overheads.
    const e = estimate({
      model: llama8,
      format: 'F16',
      context: 8192,
      hardware: gpuSetup({ vramGiB: 9, bandwidthGBs: 500, count: 2 }),
    });
    expect(e.fit?.verdict).not.toBe('fits');
  });
  it('MoE: experts of the first layers go to system RAM (--n-cpu-moe)', () => {
    const e = estimate({
      model: qwenMoe,
      format: 'Q4_K_M',
      context: 16384,
      hardware: catalogHardware('nvidia-rtx-3060-12gb', { ramGiB: 64 }),
    });
    expect(e.fit?.verdict).toBe('partial-offload');
    expect(e.fit?.gpuLayers).toBe(48);
    expect(e.fit?.cpuMoeLayers).toBeGreaterThan(0);
    expect(e.fit?.cpuMoeLayers).toBeLessThan(48);
    expect(e.commands.llamaCpp).toContain(`--n-cpu-moe ${e.fit?.cpuMoeLayers}`);
    expect(e.tokensPerSecond?.low).toBeGreaterThan(5);
  });
  it('Apple: only the GPU-wired share of unified memory counts', () => {
    const m4 = catalogHardware('apple-m4-16gb');
    expect(m4.devices[0]?.usableBytes).toBe(16 * GiB * 0.7);
    const e = estimate({ model: llama8, format: 'Q6_K', context: 32768, hardware: m4 });
    expect(e.fit?.verdict).toBe('tight');
    expect(e.advice.some((a) => a.kind === 'apple-wired-limit')).toBe(true);
    const big = unifiedSetup({ memoryGiB: 64, bandwidthGBs: 400 });
    expect(big.devices[0]?.usableBytes).toBe(64 * GiB * 0.75);
    expect(big.devices[0]?.overheadBytes).toBe(runtimeOverheadBytes('Metal'));
  });
  it('CPU only machine', () => {
    const e = estimate({
      model: llama8,
      format: 'Q4_K_M',
      context: 8192,
      hardware: cpuSetup({ ramGiB: 32, bandwidthGBs: 80 }),
    });
    expect(e.fit?.verdict).toBe('cpu-only');
    expect(e.fit?.gpuLayers).toBe(0);
    expect(e.tokensPerSecond?.expected).toBeGreaterThan(5);
    expect(e.tokensPerSecond?.expected).toBeLessThan(15);
    expect(e.commands.llamaCpp).toContain('-ngl 0');
  });
  it("won't run when neither VRAM nor RAM can hold it", () => {
    const ds = catalogModel('deepseek-r1');
    const e = estimate({
      model: ds,
      format: 'Q4_K_M',
      context: 8192,
      hardware: catalogHardware('nvidia-rtx-4090-24gb', { ramGiB: 64 }),
    });
    expect(e.fit?.verdict).toBe('wont-run');
    expect(e.tokensPerSecond).toBeUndefined();
    expect(e.fit?.summary).toMatch(/GiB/);
  });
  it('MLX only on Apple, AWQ only on CUDA/ROCm', () => {
    const mlxOnNvidia = estimate({
      model: llama8,
      format: 'MLX-4bit',
      context: 4096,
      hardware: catalogHardware('nvidia-rtx-4090-24gb'),
    });
    expect(mlxOnNvidia.fit?.verdict).toBe('wont-run');
    const mlx = estimate({
      model: llama8,
      format: 'MLX-4bit',
      context: 4096,
      hardware: catalogHardware('apple-m3-max-64gb'),
    });
    expect(mlx.fit?.verdict).toBe('fits');
    expect(mlx.commands.mlx).toContain('--max-kv-size 4096');
    const awq = estimate({
      model: llama8,
      format: 'AWQ-4bit',
      context: 4096,
      hardware: catalogHardware('nvidia-rtx-4090-24gb', { gpus: 2 }),
    });
    expect(awq.fit?.verdict).toBe('fits');
    expect(awq.commands.vllm).toContain('--tensor-parallel-size 2');
  });
  it('SWA and MLA models get their real KV in the verdict', () => {
    const gemma = catalogModel('gemma-3-12b-it');
    const e = estimate({
      model: gemma,
      format: 'Q4_K_M',
      context: 131072,
      hardware: catalogHardware('nvidia-rtx-4090-24gb'),
    });
    expect(e.kvCacheBytes).toBeLessThan(12 * GiB);
    expect(e.fit?.verdict).toBe('fits');
  });
});
