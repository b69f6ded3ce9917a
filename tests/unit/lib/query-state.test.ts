import { describe, expect, it } from 'vitest';
import {
  checkerUrl,
  parseCheckerQuery,
  quoteInput,
  serializeCheckerState,
  type CheckerCatalog,
} from '../../../src/lib/query-state.ts';

const catalog: CheckerCatalog = {
  models: new Map([
    ['llama-3.1-8b-instruct', { contextLength: 131072 }],
    ['llama-3-8b-instruct', { contextLength: 8192 }],
  ]),
  hardware: new Set(['nvidia-rtx-3060-12gb', 'nvidia-rtx-3090-24gb', 'apple-m4-pro-48gb']),
  formerIds: { 'nvidia-rtx-3090': 'nvidia-rtx-3090-24gb' },
  defaults: { model: 'llama-3.1-8b-instruct', quant: 'Q4_K_M', hw: 'nvidia-rtx-3060-12gb' },
};
const parse = (q: string) => parseCheckerQuery(q, catalog);

describe('parseCheckerQuery', () => {
  it('uses the defaults for an empty query, without notices', () => {
    expect(parse('')).toEqual({
      state: { model: 'llama-3.1-8b-instruct', quant: 'Q4_K_M', ctx: 8192, kv: 'f16', hw: ['nvidia-rtx-3060-12gb'] },
      notices: [],
    });
  });

  it('maps a renamed hardware id to its current id, without a notice', () => {
    const { state, notices } = parse('?hw=nvidia-rtx-3090&hw=nvidia-rtx-3090-24gb');
    expect(notices).toEqual([]);
    expect(state.hw).toEqual(['nvidia-rtx-3090-24gb', 'nvidia-rtx-3090-24gb']);
    expect(serializeCheckerState(state)).toContain('hw=nvidia-rtx-3090-24gb&hw=nvidia-rtx-3090-24gb');
  });

  it('reads a full valid query, several GPUs included', () => {
    const { state, notices } = parse(
      '?model=llama-3-8b-instruct&quant=q8_0&ctx=4096&kv=q8_0&hw=nvidia-rtx-3090-24gb&hw=nvidia-rtx-3090-24gb&ram=64',
    );
    expect(notices).toEqual([]);
    expect(state).toEqual({
      model: 'llama-3-8b-instruct',
      quant: 'Q8_0',
      ctx: 4096,
      kv: 'q8_0',
      hw: ['nvidia-rtx-3090-24gb', 'nvidia-rtx-3090-24gb'],
      ram: 64,
    });
  });

  it('reads a custom machine', () => {
    const { state, notices } = parse('?vram=24&bw=1008&ram=64');
    expect(notices).toEqual([]);
    expect(state).toMatchObject({ hw: [], vram: 24, bw: 1008, ram: 64 });
  });

  it.each([
    [
      '?model=<script>alert(1)</script>',
      /^Unknown model "<script>alert\(1\)<\/script>": showing the default model instead\.$/,
    ],
    ['?quant=Q9_X', /^Unknown format "Q9_X": using Q4_K_M\.$/],
    ['?ctx=-5', /^Context "-5" is not a plain number of tokens: using 8192\.$/],
    ['?ctx=99999999', /^Context 99999999 is outside 256–131072 tokens for this model: using 131072\.$/],
    ['?ctx=1e9', /is not a plain number of tokens/],
    ['?kv=fp4', /^Unknown KV-cache type "fp4": using f16\.$/],
    ['?hw=rtx-9999', /^Unknown hardware "rtx-9999": ignored\.$/],
    ['?vram=-1', /^Ignored vram="-1": expected a number from 0 to 2048\.$/],
    ['?bw=NaN', /^Ignored bw="NaN"/],
    ['?ram=1e400', /^Ignored ram=/],
  ])('%s falls back with a notice', (query, notice) => {
    const { state, notices } = parse(query);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(notice);
    expect(catalog.models.has(state.model)).toBe(true);
    expect(state.ctx).toBeGreaterThanOrEqual(256);
  });

  it('clamps the context to the chosen model maximum', () => {
    const { state, notices } = parse('?model=llama-3-8b-instruct&ctx=32768');
    expect(state.ctx).toBe(8192);
    expect(notices[0]).toContain('outside 256–8192');
  });

  it('caps the number of GPUs at 8', () => {
    const { state, notices } = parse(`?${Array.from({ length: 10 }, () => 'hw=nvidia-rtx-3090-24gb').join('&')}`);
    expect(state.hw).toHaveLength(8);
    expect(notices).toEqual(['At most 8 GPUs: extra ones ignored.', 'At most 8 GPUs: extra ones ignored.']);
  });

  it('prefers catalog hardware over custom numbers and says so', () => {
    const { state, notices } = parse('?hw=nvidia-rtx-3090-24gb&vram=24');
    expect(state.hw).toEqual(['nvidia-rtx-3090-24gb']);
    expect(state.vram).toBeUndefined();
    expect(notices).toEqual(['Both catalog hardware and custom numbers were given: using the catalog hardware.']);
  });

  it('quotes long or control-character input shortened', () => {
    expect(quoteInput('a'.repeat(100))).toBe(`"${'a'.repeat(40)}…"`);
    expect(quoteInput('x\u0000y\ny')).toBe('"xyy"');
  });
});

describe('serializeCheckerState', () => {
  it('round-trips through the parser', () => {
    const state = {
      model: 'llama-3-8b-instruct',
      quant: 'Q5_K_M' as const,
      ctx: 4096,
      kv: 'q4_0' as const,
      hw: ['nvidia-rtx-3090-24gb', 'nvidia-rtx-3060-12gb'],
    };
    expect(parse(serializeCheckerState(state)).state).toEqual(state);
  });
  it('writes custom machines and omits the default kv', () => {
    expect(
      serializeCheckerState({ model: 'm', quant: 'Q4_K_M', ctx: 8192, kv: 'f16', hw: [], vram: 24, bw: 1008, ram: 64 }),
    ).toBe('?model=m&quant=Q4_K_M&ctx=8192&vram=24&bw=1008&ram=64');
    expect(checkerUrl({ model: 'm' })).toBe('/will-it-run/?model=m');
  });
});
