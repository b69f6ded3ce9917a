/**
 * How far the engine's estimates are from measurements: signed relative errors and their summary
 * statistics. Pure; the accuracy page and the benchmark table feed it build-time rows, so the
 * published error bars move whenever the engine does.
 */

/** Signed relative error of an estimate: +0.12 = the estimate is 12% above the measurement. */
export function relativeError(estimated: number, measured: number): number {
  if (!(measured > 0)) throw new Error(`A measurement must be > 0 (got ${measured}).`);
  return estimated / measured - 1;
}

/** The q-quantile (0..1) of sorted values, linearly interpolated; NaN for no values. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

export interface ErrorStats {
  n: number;
  /** Median absolute relative error. */
  median: number;
  /** 90th percentile absolute relative error. */
  p90: number;
  /** Median signed error: > 0 means the engine tends to overestimate. */
  bias: number;
}

/** Summary of signed relative errors (NaN statistics for none). */
export function errorStats(errors: readonly number[]): ErrorStats {
  const abs = errors.map(Math.abs).sort((a, b) => a - b);
  const signed = [...errors].sort((a, b) => a - b);
  return { n: errors.length, median: quantile(abs, 0.5), p90: quantile(abs, 0.9), bias: quantile(signed, 0.5) };
}

/** errorStats per group, groups in first-seen order. */
export function groupErrorStats<T>(
  rows: readonly T[],
  key: (row: T) => string,
  error: (row: T) => number,
): { key: string; stats: ErrorStats }[] {
  const groups = new Map<string, number[]>();
  for (const r of rows) {
    const k = key(r);
    const list = groups.get(k) ?? groups.set(k, []).get(k)!;
    list.push(error(r));
  }
  return [...groups].map(([k, errors]) => ({ key: k, stats: errorStats(errors) }));
}

/** "+12%" / "−3.4%" / "0.0%" for a signed relative error (one decimal under 10%). */
export function formatError(e: number): string {
  const abs = Math.abs(e) * 100;
  const text = abs < 10 ? abs.toFixed(1) : String(Math.round(abs));
  return `${text === '0.0' ? '' : e > 0 ? '+' : '−'}${text}%`;
}

/** "12%" for an absolute relative error ("–" when there is none). */
export function formatShare(e: number): string {
  return Number.isFinite(e) ? `${e < 0.1 ? (e * 100).toFixed(1) : Math.round(e * 100)}%` : '–';
}
