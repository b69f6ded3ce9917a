import { describe, expect, it } from 'vitest';
import {
  GiB,
  countParams,
  ggufTensorTypes,
  modelWeights,
  parseHfConfig,
  simulateWeights,
  tensorBytes,
} from '../../../src/lib/engine.ts';
import type { FormatId } from '../../../src/lib/engine.ts';
import { fixtureArch, loadReference } from './helpers.ts';

const { data: ref } = loadReference();

/** Resolve a reference model's config (same_as links, and Llama 3 8B shares Llama 3.1 8B's shapes). */
function refConfig(id: string): Record<string, unknown> {
  const m = ref.models.find((x) => x.id === id);
  if (m === undefined) throw new Error(id);
  const sameAs = m.config['same_as'];
  if (typeof sameAs === 'string') return refConfig(sameAs);
  if (m.config['intermediate_size'] === undefined && id.includes('Llama-3')) {
    return { ...refConfig('meta-llama/Llama-3.1-8B-Instruct'), ...m.config };
  }
  return m.config;
}

/** Tolerance: 1%, widened by the rounding of the published figure (e.g. "3.5" GiB is +-0.05). */
function tolerance(value: number, unit: string): number {
  if (unit === 'bytes') return 0.01 * value;
  const decimals = (String(value).split('.')[1] ?? '').length;
  const half = 0.5 * 10 ** -decimals;
  return 0.01 * value + half;
}

const cases = ref.models.flatMap((m) => m.gguf_files.map((f) => ({ id: m.id, ...f })));

describe('weights simulated from config alone match published GGUF sizes', () => {
  it('has reference cases', () => {
    expect(cases.length).toBeGreaterThan(10);
  });
  const errors: number[] = [];
  it.each(cases)('$id $quant = $bytes_or_gb $unit', ({ id, quant, bytes_or_gb, unit }) => {
    const arch = parseHfConfig(refConfig(id)).architecture;
    const w = simulateWeights(arch, quant as FormatId);
    const sim = unit === 'bytes' ? w.fileBytes : unit === 'GiB' ? w.fileBytes / GiB : w.fileBytes / 1e9;
    errors.push(Math.abs(sim / bytes_or_gb - 1));
    expect(Math.abs(sim - bytes_or_gb)).toBeLessThanOrEqual(tolerance(bytes_or_gb, unit));
  });
});

describe('quant mix rules', () => {
  const llama = fixtureArch('llama-3.1-8b-instruct');
  it('Q4_K_M: Q6_K output, Q6_K for half of attn_v and ffn_down, Q4_K elsewhere', () => {
    const types = ggufTensorTypes(llama, 'Q4_K_M');
    const of = (role: string) => types.filter((t) => t.tensor.role === role).map((t) => t.type);
    expect(of('output')).toEqual(['Q6_K']);
    expect(of('token_embd')).toEqual(['Q4_K']);
    expect(of('attn_v').filter((t) => t === 'Q6_K')).toHaveLength(16);
    expect(of('ffn_down').filter((t) => t === 'Q6_K')).toHaveLength(16);
    expect(new Set(of('attn_q'))).toEqual(new Set(['Q4_K']));
    expect(new Set(of('norm'))).toEqual(new Set(['F32']));
  });
  it('Llama 3 8B Q4_K_M tensor data is 4,912,898,048 bytes (ESTIMATOR §2.3)', () => {
    expect(simulateWeights(llama, 'Q4_K_M').totalBytes).toBe(4912898048);
  });
  it('70B-class GQA models bump attn_v to Q5_K and match the dranger table', () => {
    const l70 = { ...llama, layers: 80, hiddenSize: 8192, heads: 64, ffnSize: 28672 };
    const table: [FormatId, number][] = [
      ['Q2_K', 24.56],
      ['Q3_K_M', 31.91],
      ['Q4_K_M', 39.6],
      ['Q5_K_M', 46.52],
      ['Q8_0', 69.83],
    ];
    for (const [f, gib] of table) {
      expect(simulateWeights(l70, f).fileBytes / GiB).toBeCloseTo(gib, 1);
    }
    expect(ggufTensorTypes(l70, 'Q3_K_M').find((t) => t.tensor.role === 'attn_v' && t.tensor.layer === 10)?.type).toBe(
      'Q5_K',
    );
  });
  it('falls back to a compatible type when the row width is not a multiple of 256', () => {
    const qwen05 = {
      ...llama,
      hiddenSize: 896,
      heads: 14,
      kvHeads: 2,
      headDim: 64,
      ffnSize: 4864,
      layers: 24,
      vocabSize: 151936,
      tiedEmbeddings: true,
    };
    const types = ggufTensorTypes(qwen05, 'Q4_K_M');
    expect(types.find((t) => t.tensor.role === 'attn_q')?.type).toBe('Q5_0');
    expect(types.find((t) => t.tensor.role === 'token_embd')?.type).toBe('Q8_0');
  });
  it('tied embeddings: one tensor in the output type, duplicated on the GPU', () => {
    const tied = fixtureArch('llama-3.2-3b-instruct');
    const w = simulateWeights(tied, 'Q4_K_M');
    const embd = 128256 * 3072;
    expect(w.tokenEmbdBytes).toBe(tensorBytes('Q6_K', embd));
    expect(w.outputBytes).toBeGreaterThanOrEqual(w.tokenEmbdBytes);
    const untied = simulateWeights({ ...tied, tiedEmbeddings: false }, 'Q4_K_M');
    expect(untied.totalBytes - w.totalBytes).toBeCloseTo(tensorBytes('Q4_K', embd), -3);
  });
  it('MoE: routed experts are counted once, active share per token', () => {
    const moe = fixtureArch('qwen3-30b-a3b');
    const p = countParams(moe);
    expect(p.total / 1e9).toBeCloseTo(30.53, 1);
    expect(p.active / 1e9).toBeCloseTo(3.35, 1);
    const w = simulateWeights(moe, 'Q4_K_M');
    expect(w.activeBytesPerToken).toBeLessThan(w.totalBytes * 0.2);
    expect(w.layerExpertBytes.every((b) => b > 0)).toBe(true);
  });
  it('MLA + MoE (DeepSeek V3) counts ~671B parameters with 3 dense layers', () => {
    const ds = fixtureArch('deepseek-v3');
    const p = countParams(ds);
    expect(p.total / 1e9).toBeGreaterThan(660);
    expect(p.total / 1e9).toBeLessThan(680);
    expect(p.active / 1e9).toBeGreaterThan(35);
    expect(p.active / 1e9).toBeLessThan(40);
    const w = simulateWeights(ds, 'Q4_K_M');
    expect(w.layerExpertBytes.slice(0, 3)).toEqual([0, 0, 0]);
  });
  it('gpt-oss MXFP4: experts MXFP4, the rest Q8_0 (about 12 GB for 20B)', () => {
    const w = simulateWeights(fixtureArch('gpt-oss-20b'), 'MXFP4');
    expect(w.totalBytes / 1e9).toBeGreaterThan(11.5);
    expect(w.totalBytes / 1e9).toBeLessThan(12.6);
    expect(Object.keys(w.bytesByType).sort()).toEqual(['F32', 'MXFP4', 'Q8_0']);
  });
  it('non-GGUF formats: FP16 = 2 bytes/param, AWQ ~4.16 bpw + fp16 embeddings, MLX 4.5 bpw', () => {
    const p = countParams(llama).total;
    expect(simulateWeights(llama, 'FP16').totalBytes).toBe(p * 2);
    const awq = simulateWeights(llama, 'AWQ-4bit').totalBytes;
    expect(awq).toBeCloseTo(((p - 2 * 128256 * 4096) * 4.15625) / 8 + 2 * 128256 * 4096 * 2, -6);
    const mlx = simulateWeights(llama, 'MLX-4bit').totalBytes;
    expect((mlx * 8) / p).toBeGreaterThan(4.49);
    expect((mlx * 8) / p).toBeLessThan(4.52);
    expect(simulateWeights(llama, 'MLX-8bit').totalBytes).toBeGreaterThan(mlx * 1.8);
  });
  it('uses the real file size when the catalog lists one', () => {
    const arch = fixtureArch('llama-3.1-8b-instruct');
    const w = modelWeights(
      { name: 'x', architecture: arch, files: [{ format: 'Q4_K_M', bytes: 5_000_000_000 }] },
      'Q4_K_M',
    );
    expect(w.source).toBe('file');
    expect(w.fileBytes).toBe(5_000_000_000);
    expect(w.totalBytes).toBe(w.layerBytes.reduce((a, b) => a + b, 0) + w.tokenEmbdBytes + w.outputBytes);
  });
  it('unknown format throws a clear message', () => {
    expect(() => simulateWeights(llama, 'Q4_K_X' as FormatId)).toThrow(/Unknown weight format "Q4_K_X"/);
  });
});
