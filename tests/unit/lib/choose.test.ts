import { describe, expect, it } from 'vitest';
import {
  chooseHardware,
  chooseTitle,
  formFactor,
  priceFor,
  parseChooseQuery,
  serializeChooseState,
  type Candidate,
} from '../../../src/lib/choose.ts';
import { cpuSetup, estimateEngine, gpuSetup, unifiedSetup } from '../../../src/lib/engine.ts';
import { catalogModel } from './helpers.ts';

const gpu = (
  id: string,
  vram: number,
  bw: number,
  price: number | null,
  watts = 300,
  market: Candidate['market'] = null,
): Candidate => ({
  id,
  name: id,
  price,
  market,
  watts,
  form: 'desktop',
  setup: gpuSetup({ name: id, vramGiB: vram, bandwidthGBs: bw }),
});

describe('Choose my GPU', () => {
  it('form factors from kind, name and memory type', () => {
    expect(formFactor({ kind: 'gpu', name: 'GeForce RTX 4090 24GB', memoryType: 'GDDR6X' })).toBe('desktop');
    expect(formFactor({ kind: 'gpu', name: 'GeForce RTX 4070 Laptop GPU 8GB' })).toBe('laptop');
    expect(formFactor({ kind: 'gpu', name: 'H100', memoryType: 'HBM3' })).toBe('server');
    expect(formFactor({ kind: 'apple', name: 'M4' })).toBe('mac');
    expect(formFactor({ kind: 'unified', name: 'Strix Halo' })).toBe('mini-pc');
    expect(formFactor({ kind: 'cpu', name: 'Ryzen' })).toBe('cpu');
  });

  it('leaves unpriced machines out of the tool, and keeps them (never over budget) when a guide asks', () => {
    const model = catalogModel('llama-3.1-8b-instruct');
    const pool = [gpu('priced', 24, 900, 1500), gpu('unpriced', 24, 1000, null)];
    const state = { budget: 1000, model: 'x', ctx: 8192, form: 'any' as const, watts: 0, buy: 'new' as const };
    const tool = chooseHardware(estimateEngine, model, pool, state);
    expect(tool.picks.map((p) => p.id)).toEqual([]);
    expect(tool.unpriced).toBe(1);
    const guide = chooseHardware(estimateEngine, model, pool, state, { includeUnpriced: true });
    expect(guide.picks.map((p) => p.id)).toEqual(['unpriced']);
    expect(guide.picks[0]!.reason).toContain('No launch price on record.');
    expect(guide.stepUp?.id).toBeUndefined();
  });

  it('says a CPU-only pick is priced for the processor alone, and a GPU pick is not', () => {
    const model = catalogModel('llama-3.1-8b-instruct');
    const cpu: Candidate = {
      id: 'desktop-cpu',
      name: 'desktop-cpu',
      price: 589,
      market: null,
      watts: 125,
      form: 'cpu',
      setup: cpuSetup({ name: 'desktop-cpu', ramGiB: 64, bandwidthGBs: 89.6 }),
    };
    const state = { budget: 2000, model: 'x', ctx: 8192, form: 'any' as const, watts: 0, buy: 'new' as const };
    const { picks } = chooseHardware(estimateEngine, model, [cpu, gpu('card', 24, 900, 1500)], state);
    expect(picks.map((p) => p.id)).toEqual(['card', 'desktop-cpu']);
    expect(picks[1]!.reason).toMatch(
      /on the CPU, .*\$589 launch price for the processor alone \(memory and board extra\)\.$/,
    );
    expect(picks[0]!.reason).toMatch(/\$1,500 launch price\.$/);
  });

  it('judges machines by the price asked for: launch, market price (with its month), or the lower', () => {
    const model = catalogModel('llama-3.1-8b-instruct');
    const pool = [
      gpu('old-flagship', 24, 900, 1500, 350, { usd: 700, month: '2026-09' }),
      gpu('new-card', 16, 600, 800),
    ];
    const state = { budget: 1000, model: 'x', ctx: 8192, form: 'any' as const, watts: 0 };
    const ids = (buy: 'new' | 'market' | 'any') =>
      chooseHardware(estimateEngine, model, pool, { ...state, buy }).picks.map((p) => p.id);
    expect(ids('new')).toEqual(['new-card']);
    expect(ids('market')).toEqual(['old-flagship']);
    expect(ids('any')).toEqual(['old-flagship', 'new-card']);
    const market = chooseHardware(estimateEngine, model, pool, { ...state, buy: 'market' });
    expect(market.picks[0]!.reason).toMatch(/\$700 market price \(cheapest listings, Sep 2026\)\.$/);
    expect(market.picks[0]!.price).toBe(700);
    expect(market.unpriced).toBe(1);
    expect(priceFor(pool[0]!, 'any')).toEqual({ usd: 700, text: '$700 market price (cheapest listings, Sep 2026)' });
    expect(priceFor(pool[1]!, 'market')).toBeNull();
    expect(chooseTitle({ ...state, buy: 'market' }, 'M')).toBe(
      'Best machines under $1,000 at market prices for M at 8K context',
    );
  });

  it('keeps buy out of the URL when it is the default, and falls back from garbage with a notice', () => {
    const base = parseChooseQuery('', ['qwen3-32b']).state;
    expect(serializeChooseState(base)).not.toContain('buy=');
    expect(serializeChooseState({ ...base, buy: 'market' })).toMatch(/&buy=market$/);
    expect(parseChooseQuery('?buy=market', ['qwen3-32b']).state.buy).toBe('market');
    const bad = parseChooseQuery('?buy=%3Cb%3Estolen', ['qwen3-32b']);
    expect(bad.state.buy).toBe('new');
    expect(bad.notices).toEqual(['Unknown price "<b>stolen" (new, market or any): using launch prices.']);
  });

  it('parses its URL state with fallbacks and writes it back', () => {
    const { state, notices } = parseChooseQuery('?budget=5&model=nope&ctx=7&form=tablet&watts=300', [
      'm1',
      'qwen3-32b',
    ]);
    expect(state).toEqual({ budget: 1000, model: 'qwen3-32b', ctx: 16384, form: 'any', watts: 300, buy: 'new' });
    expect(notices).toHaveLength(4);
    expect(parseChooseQuery(serializeChooseState(state), ['qwen3-32b']).state).toEqual(state);
  });

  it('ranks what runs fully on the GPU within budget, fastest first, and names the next step up', () => {
    const model = catalogModel('llama-3.1-8b-instruct');
    const list = [
      gpu('slow-12', 12, 360, 300),
      gpu('fast-12', 12, 900, 600),
      gpu('tiny-4', 4, 500, 150),
      gpu('big-24', 24, 1800, 2000),
      gpu('unpriced-24', 24, 1000, null),
      {
        ...gpu('mac', 32, 400, 900),
        form: 'mac' as const,
        setup: unifiedSetup({ name: 'mac', memoryGiB: 32, bandwidthGBs: 400 }),
      },
    ];
    const r = chooseHardware(estimateEngine, model, list, {
      budget: 1000,
      model: model.id!,
      ctx: 8192,
      form: 'any',
      watts: 0,
      buy: 'new',
    });
    expect(new Set(r.picks.map((p) => p.id))).toEqual(new Set(['fast-12', 'slow-12', 'mac']));
    const speeds = r.picks.map((p) => p.tokensPerSecond);
    expect(speeds).toEqual([...speeds].sort((x, y) => y - x));
    const rank = (id: string) => r.picks.findIndex((p) => p.id === id);
    expect(rank('fast-12')).toBeLessThan(rank('slow-12'));
    expect(r.picks.map((p) => p.id)).not.toContain('tiny-4');
    expect(r.picks[0]!.reason).toMatch(
      /^Runs Llama 3\.1 8B Instruct at Q4_K_M with 8K context fully on the GPU, about [\d.]+ tok\/s \(estimate\)/,
    );
    expect(r.stepUp?.id).toBe('big-24');
    expect(r.unpriced).toBe(1);
    const macs = chooseHardware(estimateEngine, model, list, {
      budget: 1000,
      model: model.id!,
      ctx: 8192,
      form: 'mac',
      watts: 0,
      buy: 'new',
    });
    expect(macs.picks.map((p) => p.id)).toEqual(['mac']);
    const cool = chooseHardware(estimateEngine, model, list, {
      budget: 1000,
      model: model.id!,
      ctx: 8192,
      form: 'any',
      watts: 200,
      buy: 'new',
    });
    expect(cool.picks).toEqual([]);
  });
});
