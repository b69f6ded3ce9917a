import { describe, expect, it } from 'vitest';
import { publisherFiles, qualityFor, type QualitySetData } from '../../../src/lib/quality.ts';
import { QualitySetSchema } from '../../../src/schemas/quality.ts';

const set = (model: string, rows: QualitySetData['rows'], extra: Partial<QualitySetData> = {}): QualitySetData => ({
  model,
  reference: 'F16',
  dataset: 'wikitext-2',
  ctx: 512,
  measuredBy: 'test',
  rows,
  sources: [{ url: `https://example.org/${model}` }],
  ...extra,
});
const sets = [
  set('big-ref', [
    { format: 'Q4_K_M', kld: 0.031, pplDelta: 0.17 },
    { format: 'Q8_0', kld: 0.0014, pplDelta: 0.003 },
    { format: 'Q6_K', kld: 0.0055 },
  ]),
  set('small-ref', [{ format: 'Q4_K_M', kld: 0.05 }]),
  set('own', [
    { format: 'Q4_K_M', pplDelta: 0.2 },
    { format: 'UD-Q4_K_XL', publisher: 'unsloth', kld: 0.02 },
  ]),
];

describe('quality figures', () => {
  it("prefers the model's own measurement and labels it", () => {
    expect(qualityFor(sets, 'own', 'Q4_K_M')).toMatchObject({ basis: 'this model', pplDelta: 0.2, kld: null });
  });
  it('falls back to the most complete set of another model, labelled similar model', () => {
    expect(qualityFor(sets, 'own', 'Q8_0')).toMatchObject({
      basis: 'similar model',
      measuredModel: 'big-ref',
      kld: 0.0014,
    });
    expect(qualityFor(sets, 'unmeasured', 'q4_k_m')).toMatchObject({ measuredModel: 'big-ref', kld: 0.031 });
  });
  it('returns null when nobody measured the format', () => {
    expect(qualityFor(sets, 'own', 'IQ2_XXS')).toBeNull();
  });
  it('keeps publisher files apart from the generic figure', () => {
    expect(qualityFor(sets, 'own', 'UD-Q4_K_XL')).toBeNull();
    expect(publisherFiles(sets, 'own')).toEqual([expect.objectContaining({ publisher: 'unsloth', kld: 0.02 })]);
  });
});

describe('quality schema', () => {
  const valid = {
    model: 'llama-3-8b',
    reference: 'F16',
    dataset: 'wikitext-2-raw test',
    ctx: 512,
    measuredBy: 'llama.cpp perplexity README',
    rows: [{ format: 'Q4_K_M', kld: 0.031273 }],
    asOf: '2026-12-02',
    sources: [{ url: 'https://github.com/ggml-org/llama.cpp', accessed: '2026-12-02' }],
  };
  it('accepts a sourced measurement', () => {
    expect(QualitySetSchema.safeParse(valid).success).toBe(true);
  });
  it('rejects a number without a source, without a method, or a row without a measured number', () => {
    const fails = (v: object, path: string) => {
      const r = QualitySetSchema.safeParse(v);
      expect(r.success).toBe(false);
      expect(r.error!.issues.map((i) => i.path.join('.')).join(' ')).toContain(path);
    };
    fails({ ...valid, sources: [] }, 'sources');
    fails({ ...valid, dataset: undefined }, 'dataset');
    fails({ ...valid, ctx: undefined }, 'ctx');
    fails({ ...valid, rows: [{ format: 'Q4_K_M' }] }, 'rows.0');
  });
});
