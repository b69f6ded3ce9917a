/**
 * "Choose my GPU": rank the catalog machines for one model at one context under a budget, a form
 * factor and a power limit, with reasons from the engine, and say what the next step up buys.
 * Pure; the page renders the default answer at build time and the island's worker every other.
 */
import type { EngineEstimate, EstimateInput } from './engine/fit.ts';
import { formatContext, formatTokensPerSecond } from './engine/format.ts';
import type { HardwareSetup } from './engine/hardware.ts';
import type { ModelSpec } from './engine/model.ts';
import type { Verdict } from './engine/verdicts.ts';
import { formatMarketQuote, type MarketQuote } from './display.ts';
import { quoteInput } from './quote.ts';
import { bestFormatWith, nativeFormat } from './recommend.ts';

export const FORM_FACTORS = [
  { id: 'desktop', label: 'Desktop graphics card' },
  { id: 'laptop', label: 'Laptop' },
  { id: 'mac', label: 'Mac' },
  { id: 'mini-pc', label: 'Mini PC or unified-memory box' },
  { id: 'server', label: 'Data-centre card' },
  { id: 'cpu', label: 'CPU only' },
] as const;
export type FormFactor = (typeof FORM_FACTORS)[number]['id'];

/** The form factor of a catalog machine, from its kind, name and memory type. */
export function formFactor(h: { kind: string; name: string; memoryType?: string | undefined }): FormFactor {
  if (h.kind === 'apple') return 'mac';
  if (h.kind === 'unified') return 'mini-pc';
  if (h.kind === 'cpu') return 'cpu';
  if (/laptop/i.test(h.name)) return 'laptop';
  return /^HBM/i.test(h.memoryType ?? '') ? 'server' : 'desktop';
}

/**
 * Which price a machine is judged by: its launch price, its market price (what the cheapest
 * listings asked in a dated month, new and used together), or the lower of the two.
 */
export const BUY_OPTIONS = [
  { id: 'new', label: 'New (launch price)' },
  { id: 'market', label: 'Market price (cheapest listings)' },
  { id: 'any', label: 'Either (the lower price)' },
] as const;
export type Buy = (typeof BUY_OPTIONS)[number]['id'];

export interface ChooseState {
  /** Most you will pay, USD (at the price `buy` picks). */
  budget: number;
  model: string;
  ctx: number;
  form: FormFactor | 'any';
  /** Most power the machine may draw, W; 0 = no limit. */
  watts: number;
  buy: Buy;
}

export const CHOOSE_CONTEXTS = [4096, 8192, 16384, 32768, 65536, 131072] as const;
export const CHOOSE_DEFAULTS: ChooseState = {
  budget: 1000,
  model: 'qwen3-32b',
  ctx: 16384,
  form: 'any',
  watts: 0,
  buy: 'new',
};

export function parseChooseQuery(search: string, models: readonly string[]): { state: ChooseState; notices: string[] } {
  const q = new URLSearchParams(search);
  const notices: string[] = [];
  const s: ChooseState = {
    ...CHOOSE_DEFAULTS,
    model: models.includes(CHOOSE_DEFAULTS.model) ? CHOOSE_DEFAULTS.model : models[0]!,
  };
  const num = (name: 'budget' | 'watts' | 'ctx', ok: (v: number) => boolean, hint: string) => {
    const raw = q.get(name);
    if (raw === null || raw === '') return;
    const v = Number(raw);
    if (ok(v)) s[name] = v;
    else notices.push(`${quoteInput(raw)} is not a valid ${name} (${hint}): using ${s[name]}.`);
  };
  num('budget', (v) => Number.isFinite(v) && v >= 50 && v <= 100000, '50 to 100000');
  num('watts', (v) => Number.isFinite(v) && v >= 0 && v <= 5000, '0 to 5000');
  num('ctx', (v) => (CHOOSE_CONTEXTS as readonly number[]).includes(v), 'one of the offered lengths');
  const model = q.get('model');
  if (model !== null && model !== '') {
    if (models.includes(model)) s.model = model;
    else notices.push(`Unknown model ${quoteInput(model)}: using the default.`);
  }
  const form = q.get('form');
  if (form !== null && form !== '') {
    if (form === 'any' || FORM_FACTORS.some((f) => f.id === form)) s.form = form as ChooseState['form'];
    else notices.push(`Unknown form factor ${quoteInput(form)}: showing all.`);
  }
  const buy = q.get('buy');
  if (buy !== null && buy !== '') {
    if (BUY_OPTIONS.some((b) => b.id === buy)) s.buy = buy as Buy;
    else notices.push(`Unknown price ${quoteInput(buy)} (new, market or any): using launch prices.`);
  }
  return { state: s, notices };
}

/** The state as a query string; `buy` is left out when it is the default, so older links stay the same. */
export function serializeChooseState(s: ChooseState): string {
  const q = new URLSearchParams({
    budget: String(s.budget),
    model: s.model,
    ctx: String(s.ctx),
    form: s.form,
    watts: String(s.watts),
  });
  if (s.buy !== CHOOSE_DEFAULTS.buy) q.set('buy', s.buy);
  return `?${q}`;
}

export interface Candidate {
  id: string;
  name: string;
  /** Launch price, USD (null when not sold on its own or not sourced). */
  price: number | null;
  /** Market price (cheapest listings), USD, and the month it was observed (YYYY-MM); null when not sourced. */
  market: MarketQuote | null;
  watts: number | null;
  form: FormFactor;
  setup: HardwareSetup;
}

export interface ChoosePick {
  id: string;
  name: string;
  /** The price it is judged by (launch or market, per the state), USD; null only in lists that include unpriced machines (buyer guides). */
  price: number | null;
  format: string;
  verdict: Verdict;
  tokensPerSecond: number;
  /** "Runs Qwen3 32B at Q4_K_M with 16K context fully on the GPU, about 35 tok/s, $1,599 launch price." */
  reason: string;
}

export interface ChooseResult {
  picks: ChoosePick[];
  /** The best machine just over the budget that runs the model better, when there is one. */
  stepUp?: (ChoosePick & { extraUsd: number; gain: string }) | undefined;
  /** Machines left out because their price (of the kind asked for) is not known. */
  unpriced: number;
}

/** The price a machine is judged by, and how to say it: "$1,499 launch price" or "$1,207 market price (cheapest listings, Sep 2026)". */
export function priceFor(c: Pick<Candidate, 'price' | 'market'>, buy: Buy): { usd: number; text: string } | null {
  const launch = c.price === null ? null : { usd: c.price, text: `${usd(c.price)} launch price` };
  const market = c.market && {
    usd: c.market.usd,
    text: formatMarketQuote(c.market),
  };
  if (buy === 'new') return launch;
  if (buy === 'market') return market;
  return !launch ? market : !market ? launch : market.usd < launch.usd ? market : launch;
}

const usd = (v: number) => `$${v.toLocaleString('en-US')}`;

/**
 * The machines within budget, form factor and power that run the model fully on the GPU (or, on
 * a CPU, at all), fastest first; ties go to the cheaper one. A CPU's price is the processor's alone,
 * and its reason says so.
 */
export function chooseHardware(
  estimate: (input: EstimateInput) => EngineEstimate,
  model: ModelSpec,
  candidates: readonly Candidate[],
  s: ChooseState,
  /** Keep machines without a sourced launch price (they are never "over budget"); guides use it, the tool does not. */
  { includeUnpriced = false } = {},
): ChooseResult {
  const ctx = Math.min(s.ctx, model.contextLength ?? s.ctx);
  const eligible = candidates.filter(
    (c) => (s.form === 'any' || c.form === s.form) && (s.watts === 0 || (c.watts !== null && c.watts <= s.watts)),
  );
  const runs = eligible.flatMap((c): ChoosePick[] => {
    const paid = priceFor(c, s.buy);
    if (paid === null && !includeUnpriced) return [];
    // Machines are compared at one format (Q4_K_M, or the model's native one) so a bigger card is
    // not ranked slower for holding a bigger quant; the best quality that fits is named beside it.
    const quality = bestFormatWith(estimate, model, c.setup, ctx);
    const common = nativeFormat(model) ?? 'Q4_K_M';
    const atCommon = estimate({ model, format: common, context: ctx, hardware: c.setup, advice: false });
    const runsAt = (e: EngineEstimate) => {
      const v = e.fit?.verdict ?? 'wont-run';
      return v === 'fits' || v === 'tight' || (c.form === 'cpu' && v === 'cpu-only');
    };
    const best = runsAt(atCommon) ? { format: common, estimate: atCommon } : quality;
    const verdict = best.estimate.fit?.verdict ?? 'wont-run';
    const tps = best.estimate.tokensPerSecond?.expected ?? 0;
    if (!runsAt(best.estimate) || tps <= 0) return [];
    const better =
      quality.format !== best.format && runsAt(quality.estimate) ? `; it also holds ${quality.format}` : '';
    const where =
      verdict === 'cpu-only'
        ? 'on the CPU'
        : verdict === 'tight'
          ? 'fully on the GPU, with little to spare'
          : 'fully on the GPU';
    return [
      {
        id: c.id,
        name: c.name,
        price: paid?.usd ?? null,
        format: best.format,
        verdict,
        tokensPerSecond: tps,
        reason: `Runs ${model.name} at ${best.format} with ${formatContext(ctx)} context ${where}, about ${formatTokensPerSecond(tps)} tok/s (estimate)${better}. ${paid === null ? `No ${s.buy === 'market' ? 'market' : 'launch'} price on record.` : `${paid.text}${c.form === 'cpu' ? ' for the processor alone (memory and board extra)' : ''}.`}`,
      },
    ];
  });
  const price = (p: ChoosePick) => p.price ?? Infinity;
  const byValue = (a: ChoosePick, b: ChoosePick) => b.tokensPerSecond - a.tokensPerSecond || price(a) - price(b);
  const picks = runs.filter((p) => p.price === null || p.price <= s.budget).sort(byValue);
  const top = picks[0];
  const over = runs
    .filter(
      (p): p is ChoosePick & { price: number } =>
        p.price !== null && p.price > s.budget && (!top || p.tokensPerSecond > top.tokensPerSecond * 1.1),
    )
    .sort((a, b) => a.price - b.price)[0];
  return {
    picks,
    stepUp: over && {
      ...over,
      extraUsd: over.price - (top?.price ?? s.budget),
      gain: top
        ? `${Math.round((over.tokensPerSecond / top.tokensPerSecond - 1) * 100)}% faster than the top pick`
        : 'the cheapest machine that runs it at all',
    },
    unpriced: eligible.filter((c) => priceFor(c, s.buy) === null).length,
  };
}

/** The answer's heading. */
export function chooseTitle(s: ChooseState, modelName: string): string {
  const kind = s.buy === 'market' ? ' at market prices' : s.buy === 'any' ? ' (launch or market price)' : '';
  return `Best machines under ${usd(s.budget)}${kind} for ${modelName} at ${formatContext(s.ctx)} context`;
}
