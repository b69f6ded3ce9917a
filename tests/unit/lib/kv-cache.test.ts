import { describe, expect, it } from 'vitest';
import { MiB, computeBufferBytes, kvCache, kvReadBytesPerToken } from '../../../src/lib/engine.ts';
import type { KvCacheType } from '../../../src/lib/engine.ts';
import { archForLabel, fixtureArch, loadReference } from './helpers.ts';

const { data: ref } = loadReference();

function parallelOf(backend: string): number {
  const m = /-np\s+(\d+)/.exec(backend);
  return m?.[1] !== undefined ? Number(m[1]) : 1;
}

describe('KV cache equals llama.cpp printed KV buffer (within 0.5%)', () => {
  it.each(ref.kv_observations)('$model ctx $ctx $cache_type ($backend)', (obs) => {
    const arch = archForLabel(obs.model);
    const kv = kvCache(arch, {
      context: obs.ctx,
      kvType: obs.cache_type as KvCacheType,
      parallel: parallelOf(obs.backend),
      flashAttention: !/flash_attn 0/.test(obs.backend) || obs.cache_type === 'f16',
    });
    expect(Math.abs(kv.totalBytes / MiB - obs.kv_mib)).toBeLessThanOrEqual(obs.kv_mib * 0.005);
  });
});

describe('KV cache terms', () => {
  const llama = archForLabel('Llama 3 8B');
  it.each([
    ['f16', 1024],
    ['q8_0', 544],
    ['q4_0', 288],
  ] as const)('Llama 3 8B 8192 %s = %d MiB', (type, mib) => {
    expect(kvCache(llama, { context: 8192, kvType: type }).totalBytes / MiB).toBe(mib);
  });
  it('pads the context to 256 cells', () => {
    expect(kvCache(llama, { context: 8000 }).cellsPerSequence).toBe(8192);
    expect(kvCache(llama, { context: 1 }).totalBytes).toBe(256 * 32 * 8 * 128 * 2 * 2);
  });
  it('context 0 gives an empty cache and 1M context is linear', () => {
    expect(kvCache(llama, { context: 0 }).totalBytes).toBe(0);
    expect(kvCache(llama, { context: 1048576 }).totalBytes / MiB).toBe(131072);
  });
  it('parallel sequences split -c (total unchanged), SWA layers are per sequence', () => {
    expect(kvCache(llama, { context: 8192, parallel: 4 }).cellsPerSequence).toBe(2048);
    expect(kvCache(llama, { context: 8192, parallel: 4 }).totalBytes / MiB).toBe(1024);
    const gemma = fixtureArch('gemma-3-12b-it');
    const one = kvCache(gemma, { context: 8192 });
    const two = kvCache(gemma, { context: 16384, parallel: 2 });
    expect(two.swaCellsPerSequence).toBe(1536);
    // -c 16384 -np 2: every sequence gets 8192 cells and its own 1536-cell SWA cache.
    expect(two.totalBytes).toBe(2 * one.totalBytes);
  });
  it('Gemma 3 12B at 8192: 8 global layers x 8192 + 40 SWA layers x 1536 cells = 992 MiB', () => {
    const gemma = fixtureArch('gemma-3-12b-it');
    const kv = kvCache(gemma, { context: 8192 });
    expect(kv.swaCellsPerSequence).toBe(1536);
    expect(kv.totalBytes / MiB).toBe(992);
    expect(kvCache(gemma, { context: 8192, ubatch: 256 }).swaCellsPerSequence).toBe(1280);
    expect(kvCache(gemma, { context: 1024 }).swaCellsPerSequence).toBe(1024);
  });
  it('gpt-oss: even layers slide over 128 tokens', () => {
    const g = fixtureArch('gpt-oss-20b');
    const kv = kvCache(g, { context: 131072 });
    expect(kv.swaCellsPerSequence).toBe(768);
    expect(kv.totalBytes).toBe(12 * 8 * 64 * 2 * 2 * (131072 + 768));
  });
  it('declared head_dim is used (Qwen3-MoE: 128, not hidden/heads = 64): 3072 MiB at 32k', () => {
    const q = fixtureArch('qwen3-30b-a3b');
    expect(q.headDim).toBe(128);
    expect(kvCache(q, { context: 32768 }).totalBytes / MiB).toBe(3072);
  });
  it('MLA (DeepSeek V3/R1): 61 x (576 + 512) x cells; f16 32k = 4148 MiB', () => {
    const ds = fixtureArch('deepseek-v3');
    const kv = kvCache(ds, { context: 32768 });
    expect(kv.totalBytes).toBe(61 * 1088 * 32768 * 2);
    expect(Math.round(kv.totalBytes / MiB)).toBe(4148);
  });
  it('quantized V needs flash attention; without it V stays f16', () => {
    const kv = kvCache(llama, { context: 8192, kvType: 'q8_0', flashAttention: false });
    expect(kv.vType).toBe('f16');
    expect(kv.totalBytes / MiB).toBe((512 * (34 / 64) * 2) / 2 + 512);
    expect(kv.notes.length).toBe(1);
  });
  it('KV read per token grows with depth and is capped by the window', () => {
    expect(kvReadBytesPerToken(llama, 8192)).toBe(1024 * MiB);
    const g = fixtureArch('gpt-oss-20b');
    expect(kvReadBytesPerToken(g, 100000) - kvReadBytesPerToken(g, 50000)).toBe(12 * 8 * 64 * 2 * 2 * 50000);
  });
});

describe('compute buffer', () => {
  it('flash attention: 4 * ubatch * (vocab + 2 * hidden) = 304.75 MiB for Qwen3 1.7B (llama.cpp CPU log)', () => {
    const q = archForLabel('Qwen3 (28 layers, 8 KV heads)');
    expect(computeBufferBytes(q, { contextPerSequence: 4096, flashAttention: true }) / MiB).toBe(304.75);
  });
  it('without flash attention the KQ term grows with context', () => {
    const l = archForLabel('Llama 3 8B');
    const a = computeBufferBytes(l, { contextPerSequence: 8192, flashAttention: false });
    const b = computeBufferBytes(l, { contextPerSequence: 16384, flashAttention: false });
    expect(b - a).toBe(4 * 512 * 8192 * 33);
    expect(computeBufferBytes(l, { contextPerSequence: 16384, flashAttention: true })).toBeLessThan(a);
  });
  it('scales with ubatch', () => {
    const l = archForLabel('Llama 3 8B');
    expect(computeBufferBytes(l, { contextPerSequence: 8192, ubatch: 1024 })).toBe(
      2 * computeBufferBytes(l, { contextPerSequence: 8192 }),
    );
  });
});
