/**
 * Byte and count units used by the fit engine. The engine works in bytes everywhere; only
 * format.ts turns bytes into text (and decides the display unit).
 */

/** 2^10 bytes. */
export const KiB = 1024;
/** 2^20 bytes (llama.cpp logs print MiB). */
export const MiB = 1024 * 1024;
/** 2^30 bytes (VRAM is sold in GiB even when labelled "GB"). */
export const GiB = 1024 * 1024 * 1024;
/** 10^9 bytes (model cards and bandwidth figures use decimal GB). */
export const GB = 1e9;

/** Round n up to a multiple of `to` (GGML_PAD). */
export function padTo(n: number, to: number): number {
  return Math.ceil(n / to) * to;
}

/** GiB (binary) to bytes. */
export function gibToBytes(gib: number): number {
  return gib * GiB;
}

/** Bytes to GiB (binary). */
export function bytesToGib(bytes: number): number {
  return bytes / GiB;
}

/** Bytes to MiB (binary). */
export function bytesToMib(bytes: number): number {
  return bytes / MiB;
}

/** Decimal GB/s to bytes per second. */
export function gbsToBytesPerSecond(gbs: number): number {
  return gbs * GB;
}

/** Sum of a numeric array. */
export function sum(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}
