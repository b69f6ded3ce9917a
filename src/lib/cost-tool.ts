/**
 * The Cost vs cloud tool: URL state ("?hw=...&model=...&price=1600&kwh=0.17..."), parsed against
 * the tool's data with visible fallbacks, and the view both the page and the island render from
 * it (costCompare + the chart). Pure.
 */
import { costChart, costCompare, cumulativeCosts, type CostChart, type CostResult } from './cost.ts';
import { formatMarketQuote, type MarketQuote } from './display.ts';
import { quoteInput } from './quote.ts';

/** The data the tool needs (src/queries/cost.ts builds it). */
export interface CostData {
  /** "model|hardware" -> [format, decode tok/s, prompt tok/s, total GiB] at 8K context. */
  speeds: Record<string, [string, number, number, number]>;
  /**
   * Per machine: launch price, market price (cheapest listings) with its month (YYYY-MM), board
   * power; `processorOnly` when the price is a CPU's alone (memory, board and the rest are extra).
   */
  hardware: Record<
    string,
    { msrp: number | null; market: MarketQuote | null; watts: number | null; processorOnly?: true }
  >;
  models: string[];
  rentals: { id: string; label: string; usdPerHour: number; memoryGiB: number }[];
  apis: { id: string; model: string; label: string; input: number; output: number }[];
}

export interface CostState {
  hw: string;
  model: string;
  price: number;
  months: number;
  kwh: number;
  watts: number;
  out: number;
  in: number;
  hours: number;
  /** Rental and API choice ids; '' picks the cheapest that fits / the cheapest for the model. */
  rent: string;
  api: string;
}

const NUMBERS = {
  price: [1, 200000],
  months: [1, 120],
  kwh: [0, 2],
  watts: [0, 5000],
  out: [1000, 1e10],
  in: [0, 1e11],
  hours: [0.1, 24],
} as const;

export const COST_DEFAULTS = {
  hw: 'nvidia-rtx-4090-24gb',
  model: 'qwen3-32b',
  months: 36,
  kwh: 0.17,
  out: 1_000_000,
  in: 3_000_000,
  hours: 8,
};

/** Defaults for a machine: its launch price and board power when the catalog has them. */
function machineDefaults(data: CostData, hw: string) {
  const h = data.hardware[hw];
  return { price: h?.msrp ?? 1000, watts: h?.watts ?? 300 };
}

/**
 * The prices on record for a machine, to guide the "price paid" field: "Launch price $1,499;
 * $1,207 market price (cheapest listings, Sep 2026)." A CPU's says the price is the processor's alone.
 */
export function priceHint(data: CostData, hw: string): string {
  const h = data.hardware[hw];
  const parts = [
    h?.msrp ? `launch price $${h.msrp.toLocaleString('en-US')}` : '',
    h?.market ? formatMarketQuote(h.market) : '',
  ].filter(Boolean);
  const text = parts.length ? parts.join('; ') : 'no price on record';
  const extra =
    parts.length && h?.processorOnly ? ', for the processor alone: add memory, board and the rest of the machine' : '';
  return `${text[0]!.toUpperCase()}${text.slice(1)}${extra}.`;
}

export function parseCostQuery(search: string, data: CostData): { state: CostState; notices: string[] } {
  const q = new URLSearchParams(search);
  const notices: string[] = [];
  const pickId = (name: string, valid: (id: string) => boolean, fallback: string) => {
    const raw = q.get(name);
    if (raw === null || raw === '') return fallback;
    if (valid(raw)) return raw;
    notices.push(`Unknown ${name} ${quoteInput(raw)}: using the default.`);
    return fallback;
  };
  const hwDefault = data.hardware[COST_DEFAULTS.hw] ? COST_DEFAULTS.hw : Object.keys(data.hardware)[0]!;
  const hw = pickId('hw', (id) => id in data.hardware, hwDefault);
  const modelDefault = data.models.includes(COST_DEFAULTS.model) ? COST_DEFAULTS.model : data.models[0]!;
  const model = pickId('model', (id) => data.models.includes(id), modelDefault);
  const d = { ...COST_DEFAULTS, ...machineDefaults(data, hw) };
  const num = (name: keyof typeof NUMBERS): number => {
    const raw = q.get(name);
    const fallback = d[name];
    if (raw === null || raw === '') return fallback;
    const v = Number(raw);
    const [min, max] = NUMBERS[name];
    if (Number.isFinite(v) && v >= min && v <= max) return v;
    notices.push(`${quoteInput(raw)} is not a valid ${name} (${min} to ${max}): using ${fallback}.`);
    return fallback;
  };
  const state: CostState = {
    hw,
    model,
    price: num('price'),
    months: num('months'),
    kwh: num('kwh'),
    watts: num('watts'),
    out: num('out'),
    in: num('in'),
    hours: num('hours'),
    rent: pickId('rent', (id) => data.rentals.some((r) => r.id === id), ''),
    api: pickId('api', (id) => data.apis.some((a) => a.id === id && a.model === model), ''),
  };
  return { state, notices };
}

/** The state as a query string: every field, so a shared link does not depend on future defaults. */
export function serializeCostState(s: CostState): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(s)) if (v !== '') q.set(k, String(v));
  return `?${q.toString()}`;
}

export interface CostView {
  /** Empty when the model does not run on the machine at all (then nothing else is set). */
  error: string;
  format: string;
  decodeTokS: number;
  promptTokS: number;
  memoryGiB: number;
  rental?: CostData['rentals'][number] | undefined;
  api?: CostData['apis'][number] | undefined;
  result?: CostResult | undefined;
  chart?: CostChart | undefined;
  /** One-sentence answer, and the chart's text equivalent. */
  summary: string;
}

const usd = (v: number) =>
  `$${v.toLocaleString('en-US', { minimumFractionDigits: v < 10 ? 2 : 0, maximumFractionDigits: v < 10 ? 2 : 0 })}`;
const paysBack = (m: number | undefined) =>
  m === undefined
    ? 'owning never pays for itself'
    : `owning pays for itself ${m < 1 ? 'within a month' : `after ${m < 24 ? m.toFixed(1) : Math.round(m)} months`}`;

export function costView(s: CostState, data: CostData): CostView {
  const speed = data.speeds[`${s.model}|${s.hw}`];
  if (!speed)
    return {
      error: 'This model does not run on this machine at 8K context, so there is no local cost to compare.',
      format: '',
      decodeTokS: 0,
      promptTokS: 0,
      memoryGiB: 0,
      summary: '',
    };
  const [format, decodeTokS, promptTokS, memoryGiB] = speed;
  const fits = data.rentals.filter((r) => r.memoryGiB >= memoryGiB).sort((a, b) => a.usdPerHour - b.usdPerHour);
  const rental = data.rentals.find((r) => r.id === s.rent) ?? fits[0];
  const apis = data.apis.filter((a) => a.model === s.model).sort((a, b) => a.output - b.output);
  const api = apis.find((a) => a.id === s.api) ?? apis[0];
  const inputs = {
    hardwareUsd: s.price,
    months: s.months,
    usdPerKwh: s.kwh,
    watts: s.watts,
    outputTokensPerDay: s.out,
    promptTokensPerDay: s.in,
    decodeTokS,
    promptTokS,
    hoursPerDay: s.hours,
    rentalUsdPerHour: rental?.usdPerHour,
    apiInputUsdPerM: api?.input,
    apiOutputUsdPerM: api?.output,
  };
  const result = costCompare(inputs);
  const horizon = Math.max(12, Math.min(120, Math.ceil((s.months * 1.5) / 12) * 12));
  const chart = costChart(cumulativeCosts(inputs, result, horizon));
  const parts = [
    `Locally, ${usd(result.localUsdPerMillion)} per million generated tokens over ${s.months} months (purchase plus electricity).`,
    api
      ? `The API costs ${usd(result.apiUsdPerMillion ?? 0)} per million; ${paysBack(result.breakEvenMonthsVsApi)}.`
      : 'No API price is listed for this model.',
    rental
      ? `Renting a GPU for the same hours costs ${usd(result.rentalUsdPerDay ?? 0)} a day; ${paysBack(result.breakEvenMonthsVsRental)}.`
      : '',
    result.keepsUp
      ? ''
      : `At these speeds this volume needs ${result.localHoursPerDay.toFixed(1)} hours a day, more than the ${s.hours} allowed, so the machine produces ${Math.round(result.share * 100)}% of it and every cost here is for that share.`,
  ];
  return {
    error: '',
    format,
    decodeTokS,
    promptTokS,
    memoryGiB,
    rental,
    api,
    result,
    chart,
    summary: parts.filter(Boolean).join(' '),
  };
}
