/**
 * Memory against context length for the checker's small chart: the points (from the engine) and
 * their SVG geometry. Pure; the island and the server render the same paths.
 */
import { estimateEngine, type EstimateInput } from './engine/fit.ts';
import { GiB } from './engine/units.ts';

/** Context stops from 2K doubling up to the model's maximum (which is always the last stop). */
export function contextStops(maxContext: number): number[] {
  const stops: number[] = [];
  for (let c = 2048; c < maxContext; c *= 2) stops.push(c);
  stops.push(maxContext);
  return stops;
}

export interface ChartPoint {
  context: number;
  bytes: number;
}

/** Decode tokens/s with the context full, at each stop, on the input's hardware (0 where it won't run). */
export function speedCurve(input: Omit<EstimateInput, 'context'>, stops: readonly number[]): SpeedPoint[] {
  return stops.map((context) => ({
    context,
    tps: estimateEngine({ ...input, context, advice: false }).tokensPerSecondAtFullContext?.expected ?? 0,
  }));
}

export interface SpeedPoint {
  context: number;
  tps: number;
}

/** Total memory at each stop for the input's model, format and KV settings (hardware ignored). */
export function memoryCurve(
  input: Omit<EstimateInput, 'context' | 'hardware'>,
  stops: readonly number[],
): ChartPoint[] {
  return stops.map((context) => ({ context, bytes: estimateEngine({ ...input, context, advice: false }).totalBytes }));
}

export interface ChartGeometry {
  width: number;
  height: number;
  /** SVG path of the memory curve. */
  curve: string;
  /** y of the usable-memory line, or null when there is no usable figure. */
  usableY: number | null;
  /** Marker for the chosen context. */
  marker: { x: number; y: number };
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
  /** SVG path of decode speed with the context full, on its own scale (0 at the bottom, speedMax at the top); '' without speeds. */
  speedCurve: string;
  speedMax: number;
}

const PAD = { left: 44, right: 12, top: 10, bottom: 26 };

/** Lays out points on a log2 context axis and a linear GiB axis that includes usable memory. */
export function chartGeometry(
  points: readonly ChartPoint[],
  usableBytes: number | null,
  chosen: ChartPoint,
  speeds: readonly SpeedPoint[] = [],
  width = 600,
  height = 220,
): ChartGeometry {
  const first = points[0] ?? chosen;
  const last = points[points.length - 1] ?? chosen;
  const lo = Math.log2(first.context);
  const span = Math.max(Math.log2(last.context) - lo, 1e-9);
  const top = Math.max(...points.map((p) => p.bytes), chosen.bytes, usableBytes ?? 0) * 1.08;
  const stepGiB = niceStep(top / GiB / 4);
  const maxGiB = Math.ceil(top / GiB / stepGiB) * stepGiB;
  const x = (ctx: number) => PAD.left + ((Math.log2(ctx) - lo) / span) * (width - PAD.left - PAD.right);
  const y = (bytes: number) => height - PAD.bottom - (bytes / GiB / maxGiB) * (height - PAD.top - PAD.bottom);
  const r = (n: number) => Math.round(n * 10) / 10;
  const runs = speeds.filter((p) => p.tps > 0);
  const speedMax = runs.length ? niceStep(Math.max(...runs.map((p) => p.tps)) / 4) * 4 : 0;
  const sy = (tps: number) => height - PAD.bottom - (tps / speedMax) * (height - PAD.top - PAD.bottom);
  return {
    speedCurve: runs.map((p, i) => `${i ? 'L' : 'M'}${r(x(p.context))},${r(sy(p.tps))}`).join(''),
    speedMax,
    width,
    height,
    curve: points.map((p, i) => `${i ? 'L' : 'M'}${r(x(p.context))},${r(y(p.bytes))}`).join(''),
    usableY: usableBytes === null ? null : r(y(usableBytes)),
    marker: { x: r(x(chosen.context)), y: r(y(chosen.bytes)) },
    xTicks: points.map((p) => ({ x: r(x(p.context)), label: shortContext(p.context) })),
    yTicks: Array.from({ length: Math.round(maxGiB / stepGiB) + 1 }, (_, i) => ({
      y: r(y(i * stepGiB * GiB)),
      label: `${+(i * stepGiB).toFixed(1)}`,
    })),
  };
}

function niceStep(raw: number): number {
  const pow = 10 ** Math.floor(Math.log10(Math.max(raw, 1e-9)));
  const n = raw / pow;
  return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * pow;
}

function shortContext(tokens: number): string {
  return tokens >= 1048576 ? `${+(tokens / 1048576).toFixed(1)}M` : `${Math.round(tokens / 1024)}K`;
}

/** What the checker's chart shows for one state: the geometry and its spoken summary. */
export interface ChartView {
  geometry: ChartGeometry;
  label: string;
}

/**
 * The chart for a model/format/KV choice at `context` on a machine, over the stops up to
 * `maxContext` (memory needs no hardware; speed and the usable line do). The checker's worker
 * computes it, so the curves' many estimates cost the page-load island nothing.
 */
export function chartView(
  input: Omit<EstimateInput, 'context' | 'hardware'> & { hardware: NonNullable<EstimateInput['hardware']> },
  context: number,
  maxContext: number,
): ChartView {
  const { hardware, ...memoryInput } = input;
  const usable = hardware.devices.reduce((n, d) => n + d.usableBytes, 0) || hardware.usableRamBytes;
  const stops = contextStops(maxContext);
  const points = memoryCurve(memoryInput, stops);
  const speeds = speedCurve(input, stops);
  const geometry = chartGeometry(points, usable, memoryCurve(memoryInput, [context])[0]!, speeds);
  const gib = (b: number) => (b / GiB).toFixed(1);
  const [first, last] = [points[0]!, points[points.length - 1]!];
  const running = speeds.filter((p) => p.tps > 0);
  const speedText = running.length
    ? ` Generation speed with the context full falls from ${running[0]!.tps.toFixed(0)} tok/s at ${running[0]!.context} tokens to ${running.at(-1)!.tps.toFixed(0)} tok/s at ${running.at(-1)!.context} tokens.`
    : '';
  return {
    geometry,
    label: `Memory needed rises from ${gib(first.bytes)} GiB at ${first.context} tokens to ${gib(last.bytes)} GiB at ${last.context} tokens; usable memory is ${gib(usable)} GiB.${speedText}`,
  };
}
