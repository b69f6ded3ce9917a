/**
 * Side-by-side comparison of 2-4 machines: their specs with the best value of each row marked,
 * and, for a set of models at one context, the best format and speed on each. Pure; the static
 * /compare/<a>-vs-<b>/ pages and the /compare/ island render the same data.
 */
import type { EngineEstimate, EstimateInput } from './engine/fit.ts';
import { formatContext, formatSpeedRange } from './engine/format.ts';
import type { HardwareSetup } from './engine/hardware.ts';
import type { ModelSpec } from './engine/model.ts';
import { verdictLabel, type Verdict } from './engine/verdicts.ts';
import { bestFormatWith, type BestFormatRule } from './recommend.ts';
import { formatMonth } from './display.ts';

/** The spec figures of one machine (null = not published). */
export interface CompareSpecs {
  name: string;
  memoryGiB: number;
  memoryLabel: string;
  bandwidthGBs: number;
  fp16Tflops: number | null;
  tdpW: number | null;
  msrpUsd: number | null;
  /** Market price (cheapest listings) and the month it was observed (YYYY-MM), where sourced. */
  marketUsd: number | null;
  marketMonth: string | null;
  backends: string;
}

/** The spec column of a custom GPU given only its memory and bandwidth (the rest is not known). */
export function customSpecs(vramGiB: number, bandwidthGBs: number): CompareSpecs {
  return {
    name: `Custom ${vramGiB} GiB GPU`,
    memoryGiB: vramGiB,
    memoryLabel: 'VRAM',
    bandwidthGBs,
    fp16Tflops: null,
    tdpW: null,
    msrpUsd: null,
    marketUsd: null,
    marketMonth: null,
    backends: 'CUDA',
  };
}

export interface SpecRow {
  label: string;
  cells: string[];
  /** Column indexes holding the best value ([] when the row has no better or worse). */
  best: number[];
}

const fmt = {
  gib: (v: number) => `${v} GiB`,
  bw: (v: number) => `${v.toLocaleString('en-US')} GB/s`,
  tflops: (v: number) => `${v} TFLOPS`,
  watts: (v: number) => `${v} W`,
  usd: (v: number) => `$${v.toLocaleString('en-US')}`,
};

/** Columns with the best value: the highest (or lowest) of the published ones, when they differ. */
function bestOf(values: (number | null)[], higherIsBetter: boolean): number[] {
  const known = values.filter((v): v is number => v !== null);
  if (known.length < 2 || known.every((v) => v === known[0])) return [];
  const target = higherIsBetter ? Math.max(...known) : Math.min(...known);
  return values.flatMap((v, i) => (v === target ? [i] : []));
}

/** The spec rows; memory, bandwidth and compute are better higher, power and price lower. */
export function specRows(machines: readonly CompareSpecs[]): SpecRow[] {
  const row = (
    label: string,
    pick: (m: CompareSpecs) => number | null,
    show: (v: number) => string,
    higher: boolean,
    extra?: (m: CompareSpecs) => string,
  ): SpecRow => {
    const values = machines.map(pick);
    return {
      label,
      cells: machines.map((m, i) => {
        const v = values[i]!;
        return v === null ? '–' : `${show(v)}${extra ? ` ${extra(m)}` : ''}`;
      }),
      best: bestOf(values, higher),
    };
  };
  return [
    row(
      'Memory',
      (m) => m.memoryGiB,
      fmt.gib,
      true,
      (m) => m.memoryLabel,
    ),
    row('Memory bandwidth', (m) => m.bandwidthGBs, fmt.bw, true),
    row('FP16 compute', (m) => m.fp16Tflops, fmt.tflops, true),
    row('Power (board or package)', (m) => m.tdpW, fmt.watts, false),
    row('Launch price', (m) => m.msrpUsd, fmt.usd, false),
    row(
      'Market price (cheapest listings)',
      (m) => m.marketUsd,
      fmt.usd,
      false,
      (m) => (m.marketMonth ? `(${formatMonth(m.marketMonth, { short: true })})` : ''),
    ),
    { label: 'Backends', cells: machines.map((m) => m.backends), best: [] },
  ];
}

export interface ModelCell {
  verdict: Verdict;
  /** "Q5_K_M · fits" style summary, the speed text, and the expected tok/s (0 when it does not run). */
  format: string;
  verdictText: string;
  speedText: string;
  tokensPerSecond: number;
  /** A measured decode speed for this model, format and machine, when the benchmark table has one. */
  measured?: number | undefined;
}

export interface ModelRow {
  model: string;
  modelId: string;
  cells: ModelCell[];
  best: number[];
}

/**
 * For each model, each machine's best format at `context` (see bestFormat) and its speed; the
 * fastest machine that runs it fully on its GPU is marked best; `rule` sets the speed floor. `measured(modelId, machineIndex, format)`
 * returns a benchmark's decode tok/s for that combination, if any.
 */
export function modelRows(
  estimate: (input: EstimateInput) => EngineEstimate,
  machines: readonly HardwareSetup[],
  models: readonly ModelSpec[],
  context: number,
  measured: (modelId: string, machine: number, format: string) => number | undefined = () => undefined,
  rule: BestFormatRule = {},
): ModelRow[] {
  return models.map((model) => {
    const cells = machines.map((hw, i): ModelCell => {
      const ctx = Math.min(context, model.contextLength ?? context);
      const best = bestFormatWith(estimate, model, hw, ctx, rule);
      const verdict = best.estimate.fit?.verdict ?? 'wont-run';
      const tps = best.estimate.tokensPerSecond;
      return {
        verdict,
        format: best.format,
        verdictText: verdictLabel(verdict),
        speedText: tps ? formatSpeedRange(tps) : '–',
        tokensPerSecond: tps?.expected ?? 0,
        measured: measured(model.id ?? '', i, best.format),
      };
    });
    const onGpu = cells.map((c) => (c.verdict === 'fits' || c.verdict === 'tight' ? c.tokensPerSecond : null));
    // A model only one machine runs fully on its GPU: that machine is the best for it.
    const runners = onGpu.flatMap((v, i) => (v === null ? [] : [i]));
    return {
      model: model.name,
      modelId: model.id ?? '',
      cells,
      best: runners.length === 1 ? runners : bestOf(onGpu, true),
    };
  });
}

/** The heading over the model rows. */
export function modelsTitle(context: number): string {
  return `Which models run, at ${formatContext(context)} tokens of context`;
}
