/**
 * The ONE place that turns engine numbers into text. Memory is shown in binary GiB (2^30 bytes)
 * because VRAM sizes, llama.cpp logs and `llama-quantize` all use binary units; every string says
 * "GiB" so nobody mistakes it for decimal GB. Bandwidth stays decimal GB/s, as vendors publish it.
 */
import { GiB, MiB } from './units.ts';

/** Unit label used for every memory figure on screen. */
export const MEMORY_UNIT = 'GiB' as const;
/** Explanation of the memory unit, for footnotes and tooltips. */
export const MEMORY_UNIT_NOTE = 'GiB = 2^30 bytes (1 GiB = 1.074 GB)';

/** Format bytes as GiB with a unit, e.g. "4.58 GiB"; small values use MiB ("512 MiB"). */
export function formatBytes(bytes: number, digits = 2): string {
  if (!Number.isFinite(bytes)) return '–';
  const abs = Math.abs(bytes);
  if (abs > 0 && abs < 1 * GiB) return `${(bytes / MiB).toFixed(0)} MiB`;
  return `${(bytes / GiB).toFixed(digits)} ${MEMORY_UNIT}`;
}

/** Always GiB, no unit switch, e.g. for table columns headed "GiB". */
export function formatGiB(bytes: number, digits = 2): string {
  return (bytes / GiB).toFixed(digits);
}

/** GiB with one decimal and the unit, for sentences, e.g. "4.6 GiB". */
export function formatGiBShort(bytes: number): string {
  return `${formatGiB(bytes, 1)} ${MEMORY_UNIT}`;
}

/** Tokens per second as a rounded number (3 significant digits, at least integer precision). */
export function formatTokensPerSecond(tps: number): string {
  if (!Number.isFinite(tps) || tps <= 0) return '–';
  if (tps >= 100) return tps.toFixed(0);
  if (tps >= 10) return tps.toFixed(1);
  return tps.toFixed(2);
}

/** A {low, high} tokens/s range, e.g. "~105–137 tok/s (estimate)". */
export function formatSpeedRange(range: { low: number; high: number }): string {
  return `~${formatTokensPerSecond(range.low)}–${formatTokensPerSecond(range.high)} tok/s (estimate)`;
}

/** Decimal GB/s bandwidth, e.g. "1008 GB/s". */
export function formatBandwidth(gbs: number): string {
  return `${gbs.toFixed(gbs < 100 ? 1 : 0)} GB/s`;
}

/** Percentage, e.g. 0.734 -> "73%". */
export function formatPercent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

/** Compact context length, e.g. 8192 -> "8K", 131072 -> "128K", 1048576 -> "1M". */
export function formatContext(tokens: number): string {
  if (tokens >= 1048576 && tokens % 1048576 === 0) return `${tokens / 1048576}M`;
  if (tokens >= 1024 && tokens % 1024 === 0) return `${tokens / 1024}K`;
  return String(tokens);
}
