/** Buying versus renting: break-even arithmetic for "Cost vs cloud". Pure. */

export interface RentalOption {
  readonly id: string;
  readonly gpuMemoryGiB: number;
  readonly usdPerGpuHour: number;
}

/**
 * The cheapest rental with at least `memoryGiB` of GPU memory, or undefined when none is that large.
 * Ties go to the first in input order.
 */
export function cheapestRentalWithMemory<T extends RentalOption>(
  options: readonly T[],
  memoryGiB: number,
): T | undefined {
  let best: T | undefined;
  for (const option of options) {
    if (option.gpuMemoryGiB + 1e-9 < memoryGiB) continue;
    if (!best || option.usdPerGpuHour < best.usdPerGpuHour) best = option;
  }
  return best;
}

/**
 * Hours of rental that cost as much as buying the hardware outright.
 * @throws RangeError when either amount is not a positive finite number.
 */
export function breakEvenHours(purchaseUsd: number, usdPerHour: number): number {
  if (!(purchaseUsd > 0) || !Number.isFinite(purchaseUsd))
    throw new RangeError('purchase price must be a positive number');
  if (!(usdPerHour > 0) || !Number.isFinite(usdPerHour)) throw new RangeError('hourly price must be a positive number');
  return purchaseUsd / usdPerHour;
}
