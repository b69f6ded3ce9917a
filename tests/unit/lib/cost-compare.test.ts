import { describe, expect, it } from 'vitest';
import { costChart, costCompare, cumulativeCosts, DAYS_PER_MONTH, type CostInputs } from '../../../src/lib/cost.ts';
import { costView, parseCostQuery, priceHint, serializeCostState, type CostData } from '../../../src/lib/cost-tool.ts';
import { parseCompareQuery, serializeCompareState } from '../../../src/lib/compare-state.ts';
import { specRows } from '../../../src/lib/compare.ts';

const base: CostInputs = {
  hardwareUsd: 1600,
  months: 36,
  usdPerKwh: 0.2,
  watts: 400,
  outputTokensPerDay: 1_000_000,
  promptTokensPerDay: 0,
  decodeTokS: 50,
  promptTokS: 1000,
  hoursPerDay: 24,
  rentalUsdPerHour: 2,
  apiInputUsdPerM: 1,
  apiOutputUsdPerM: 2,
};

describe('costCompare', () => {
  it('works out time, electricity, cost per million and break-even by hand', () => {
    const r = costCompare(base);
    // 1M tokens at 50 tok/s = 20,000 s = 5.556 h; 0.4 kW x 5.556 h x $0.2 = $0.444 a day.
    expect(r.localHoursPerDay).toBeCloseTo(20000 / 3600, 9);
    expect(r.electricityUsdPerDay).toBeCloseTo(0.4 * (20000 / 3600) * 0.2, 9);
    expect(r.hardwareUsdPerDay).toBeCloseTo(1600 / (36 * DAYS_PER_MONTH), 9);
    expect(r.localUsdPerMillion).toBeCloseTo(r.electricityUsdPerDay + r.hardwareUsdPerDay, 9);
    expect(r.tokensPerWh).toBeCloseTo((50 * 3600) / 400, 9);
    expect(r.apiUsdPerDay).toBeCloseTo(2, 9);
    expect(r.breakEvenMonthsVsApi).toBeCloseTo(1600 / (2 - r.electricityUsdPerDay) / DAYS_PER_MONTH, 9);
    expect(r.rentalUsdPerDay).toBeCloseTo(2 * (20000 / 3600), 9);
    expect(r.keepsUp).toBe(true);
  });

  it('never breaks even when the API is cheaper than the electricity alone', () => {
    const r = costCompare({ ...base, apiInputUsdPerM: 0, apiOutputUsdPerM: 0.1 });
    expect(r.breakEvenMonthsVsApi).toBeUndefined();
  });

  it('a machine that cannot keep up is priced on the share it produces', () => {
    const r = costCompare({ ...base, hoursPerDay: 2.7778 / 1 });
    expect(r.keepsUp).toBe(false);
    expect(r.share).toBeCloseTo(2.7778 / (20000 / 3600), 4);
    expect(r.electricityUsdPerDay).toBeCloseTo(0.4 * 2.7778 * 0.2, 4);
  });

  it('rejects nonsense with a clear error', () => {
    expect(() => costCompare({ ...base, decodeTokS: 0 })).toThrow(/decode speed must be a positive number/);
    expect(() => costCompare({ ...base, watts: -1 })).toThrow(/>= 0/);
  });

  it('cumulative costs and the chart start at the purchase and rise monthly', () => {
    const r = costCompare(base);
    const points = cumulativeCosts(base, r, 24);
    expect(points[0]).toEqual({ month: 0, own: 1600, rental: 0, api: 0 });
    expect(points[24]!.api).toBeCloseTo(2 * DAYS_PER_MONTH * 24, 9);
    const chart = costChart(points);
    expect(chart.own.startsWith('M56,')).toBe(true);
    expect(chart.yMax).toBeGreaterThanOrEqual(Math.max(...points.map((p) => p.own)));
    expect(chart.xTicks.map((t) => t.label)).toEqual(['0 mo', '12 mo', '24 mo']);
  });
});

const data: CostData = {
  speeds: { 'm1|h1': ['Q4_K_M', 40, 900, 20] },
  hardware: {
    h1: { msrp: 1500, market: { usd: 700, month: '2026-09' }, watts: 350 },
    h2: { msrp: null, market: null, watts: null },
    cpu: { msrp: 589, market: null, watts: 125, processorOnly: true },
  },
  models: ['m1', 'm2'],
  rentals: [
    { id: 'r-small', label: 'small', usdPerHour: 0.5, memoryGiB: 16 },
    { id: 'r-big', label: 'big', usdPerHour: 1.5, memoryGiB: 48 },
  ],
  apis: [
    { id: 'a1', model: 'm1', label: 'a1', input: 0.2, output: 0.6 },
    { id: 'a2', model: 'm2', label: 'a2', input: 0.1, output: 0.1 },
  ],
};

describe('Cost vs cloud state and view', () => {
  it('defaults to the machine’s launch price and power; bad values fall back with notices', () => {
    const { state, notices } = parseCostQuery('?hw=h1&model=m1&kwh=abc&api=a2&months=999', data);
    expect(state.price).toBe(1500);
    expect(state.watts).toBe(350);
    expect(state.kwh).toBe(0.17);
    expect(state.api).toBe('');
    expect(state.months).toBe(36);
    expect([...notices].sort()).toEqual(
      [
        'Unknown api "a2": using the default.',
        '"999" is not a valid months (1 to 120): using 36.',
        '"abc" is not a valid kwh (0 to 2): using 0.17.',
      ].sort(),
    );
    expect(parseCostQuery(serializeCostState(state), data).state).toEqual(state);
  });

  it('names the prices on record beside the price field', () => {
    expect(priceHint(data, 'h1')).toBe('Launch price $1,500; $700 market price (cheapest listings, Sep 2026).');
    expect(priceHint(data, 'h2')).toBe('No price on record.');
    expect(priceHint(data, 'cpu')).toBe(
      'Launch price $589, for the processor alone: add memory, board and the rest of the machine.',
    );
  });

  it('picks the cheapest rental with enough memory and the cheapest API for the model', () => {
    const { state } = parseCostQuery('?hw=h1&model=m1', data);
    const v = costView(state, data);
    expect(v.rental?.id).toBe('r-big');
    expect(v.api?.id).toBe('a1');
    expect(v.summary).toMatch(/^Locally, \$[\d.,]+ per million generated tokens over 36 months/);
  });

  it('says so when the model does not run on the machine', () => {
    const { state } = parseCostQuery('?hw=h2&model=m2', data);
    expect(costView(state, data).error).toMatch(/does not run on this machine/);
  });
});

describe('Compare state and specs', () => {
  const catalog = {
    hardware: new Set(['a', 'b', 'c']),
    sets: ['everyday', 'mid'],
    formerIds: { old: 'a' },
    defaults: { hw: ['a', 'b'], set: 'mid', ctx: 16384 },
  };
  it('reads machines (former ids mapped), set and context, and tops up a single machine', () => {
    expect(parseCompareQuery('?hw=old&hw=c&set=everyday&ctx=8192', catalog)).toEqual({
      state: { hw: ['a', 'c'], set: 'everyday', ctx: 8192 },
      notices: [],
    });
    const one = parseCompareQuery('?hw=c', catalog);
    expect(one.state.hw).toEqual(['c', 'a']);
    expect(one.notices).toEqual(['Compare needs at least 2 machines: added the defaults.']);
  });
  it('caps at four machines and one custom GPU, with bounded numbers', () => {
    const r = parseCompareQuery('?hw=custom&hw=custom&hw=a&hw=b&hw=c&hw=a&vram=99999', catalog);
    expect(r.state.hw).toEqual(['custom', 'a', 'b', 'c']);
    expect(r.state.vram).toBe(24);
    expect(r.notices).toHaveLength(3);
    expect(serializeCompareState(r.state)).toBe('?hw=custom&hw=a&hw=b&hw=c&set=mid&ctx=16384&vram=24&bw=1000');
  });
  it('keeps a chosen speed floor in the link, drops the default one, and rejects garbage with a notice', () => {
    const r = parseCompareQuery('?hw=a&hw=b&floor=20', catalog);
    expect(r.state.floor).toBe(20);
    expect(serializeCompareState(r.state)).toBe('?hw=a&hw=b&set=mid&ctx=16384&floor=20');
    expect(parseCompareQuery('?hw=a&hw=b&floor=0', catalog).state.floor).toBe(0);
    const d = parseCompareQuery('?hw=a&hw=b&floor=10', catalog);
    expect(d.state.floor).toBeUndefined();
    expect(serializeCompareState({ ...d.state, floor: 10 })).toBe('?hw=a&hw=b&set=mid&ctx=16384');
    const bad = parseCompareQuery('?hw=a&hw=b&floor=%3Cb%3E7', catalog);
    expect(bad.state.floor).toBeUndefined();
    expect(bad.notices).toEqual(['Speed floor "<b>7" is not one of 0, 5, 10, 20, 30 tok/s: using 10.']);
  });
  it('marks the best value per row, and none when all are equal or unknown', () => {
    const spec = (memoryGiB: number, msrpUsd: number | null) => ({
      name: 'x',
      memoryGiB,
      memoryLabel: 'VRAM',
      bandwidthGBs: 1000,
      fp16Tflops: null,
      tdpW: null,
      msrpUsd,
      marketUsd: null,
      marketMonth: null,
      backends: 'CUDA',
    });
    const rows = specRows([spec(24, 1500), spec(32, 1999)]);
    expect(rows.find((r) => r.label === 'Memory')!.best).toEqual([1]);
    expect(rows.find((r) => r.label === 'Launch price')!.best).toEqual([0]);
    expect(rows.find((r) => r.label === 'Memory bandwidth')!.best).toEqual([]);
    expect(rows.find((r) => r.label === 'FP16 compute')!.best).toEqual([]);
    const market = specRows([
      { ...spec(24, 1500), marketUsd: 700, marketMonth: '2026-09' },
      { ...spec(24, 1999), marketUsd: 900, marketMonth: '2026-06' },
      spec(24, 999),
    ]).find((r) => r.label === 'Market price (cheapest listings)')!;
    expect(market.cells).toEqual(['$700 (Sep 2026)', '$900 (Jun 2026)', '–']);
    expect(market.best).toEqual([0]);
  });
});
