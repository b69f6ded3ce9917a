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

/** What "Cost vs cloud" asks for: the machine, its use, and what it competes with. */
export interface CostInputs {
  /** Price paid for the hardware, USD. */
  hardwareUsd: number;
  /** Months over which the purchase is written off. */
  months: number;
  /** Electricity price, USD per kWh. */
  usdPerKwh: number;
  /** Power drawn while generating, watts. */
  watts: number;
  /** Tokens generated (output) and read (prompt) per day. */
  outputTokensPerDay: number;
  promptTokensPerDay: number;
  /** Local speeds from the engine (or a measurement), tokens per second. */
  decodeTokS: number;
  promptTokS: number;
  /** Hours a day the machine may work; more work than fits is reported, not hidden. */
  hoursPerDay: number;
  /** A rented GPU: USD per hour, rented for the same working time as the local machine. */
  rentalUsdPerHour?: number | undefined;
  /** A hosted API: USD per million prompt and output tokens. */
  apiInputUsdPerM?: number | undefined;
  apiOutputUsdPerM?: number | undefined;
}

export interface CostResult {
  /** Hours of work a day the local machine needs for the token volume. */
  localHoursPerDay: number;
  /** Share of the daily volume the machine produces in its allowed hours (1 when it keeps up). */
  share: number;
  /** False when the volume needs more than hoursPerDay (then every cost is for `share` of it). */
  keepsUp: boolean;
  electricityUsdPerDay: number;
  hardwareUsdPerDay: number;
  /** Local cost per million output tokens: hardware write-off plus electricity, prompt work included. */
  localUsdPerMillion: number;
  /** Output tokens per watt-hour while generating. */
  tokensPerWh: number;
  rentalUsdPerDay?: number | undefined;
  apiUsdPerDay?: number | undefined;
  apiUsdPerMillion?: number | undefined;
  /** Months until owning costs less than the API (purchase + electricity vs API bills); undefined when never. */
  breakEvenMonthsVsApi?: number | undefined;
  breakEvenMonthsVsRental?: number | undefined;
}

export const DAYS_PER_MONTH = 365.25 / 12;

function positive(name: string, v: number): number {
  if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`${name} must be a positive number (got ${v})`);
  return v;
}

/** Months until `upfront + perDay*t` drops below `otherPerDay*t`; undefined when it never does. */
function breakEven(upfront: number, ownPerDay: number, otherPerDay: number): number | undefined {
  const saved = otherPerDay - ownPerDay;
  return saved > 0 ? upfront / saved / DAYS_PER_MONTH : undefined;
}

/** Local cost against renting and against an API for the same daily token volume. */
export function costCompare(i: CostInputs): CostResult {
  positive('hardware price', i.hardwareUsd);
  positive('months', i.months);
  positive('decode speed', i.decodeTokS);
  positive('prompt speed', i.promptTokS);
  positive('hours per day', i.hoursPerDay);
  if (!(i.usdPerKwh >= 0) || !(i.watts >= 0)) throw new RangeError('electricity price and power must be >= 0');
  const seconds = i.outputTokensPerDay / i.decodeTokS + i.promptTokensPerDay / i.promptTokS;
  const localHoursPerDay = seconds / 3600;
  // A machine that cannot keep up works its allowed hours and produces that share of the volume;
  // every price below is for the tokens it actually produces.
  const share = Math.min(1, i.hoursPerDay / localHoursPerDay);
  const workHours = localHoursPerDay * share;
  const electricityUsdPerDay = (i.watts / 1000) * workHours * i.usdPerKwh;
  const hardwareUsdPerDay = i.hardwareUsd / (i.months * DAYS_PER_MONTH);
  const millions = (i.outputTokensPerDay * share) / 1e6;
  const promptMillions = (i.promptTokensPerDay * share) / 1e6;
  const result: CostResult = {
    localHoursPerDay,
    share,
    keepsUp: share === 1,
    electricityUsdPerDay,
    hardwareUsdPerDay,
    localUsdPerMillion: millions > 0 ? (electricityUsdPerDay + hardwareUsdPerDay) / millions : Infinity,
    tokensPerWh: i.watts > 0 ? (i.decodeTokS * 3600) / i.watts : Infinity,
  };
  if (i.rentalUsdPerHour !== undefined) {
    result.rentalUsdPerDay = i.rentalUsdPerHour * workHours;
    result.breakEvenMonthsVsRental = breakEven(i.hardwareUsd, electricityUsdPerDay, result.rentalUsdPerDay);
  }
  if (i.apiInputUsdPerM !== undefined && i.apiOutputUsdPerM !== undefined) {
    result.apiUsdPerDay = promptMillions * i.apiInputUsdPerM + millions * i.apiOutputUsdPerM;
    result.apiUsdPerMillion = millions > 0 ? result.apiUsdPerDay / millions : undefined;
    result.breakEvenMonthsVsApi = breakEven(i.hardwareUsd, electricityUsdPerDay, result.apiUsdPerDay);
  }
  return result;
}

/** Cumulative cost after each month for the chart: owning (price + electricity), renting, the API. */
export function cumulativeCosts(
  i: CostInputs,
  r: CostResult,
  months: number,
): { month: number; own: number; rental?: number | undefined; api?: number | undefined }[] {
  return Array.from({ length: months + 1 }, (_, m) => ({
    month: m,
    own: i.hardwareUsd + r.electricityUsdPerDay * DAYS_PER_MONTH * m,
    rental: r.rentalUsdPerDay === undefined ? undefined : r.rentalUsdPerDay * DAYS_PER_MONTH * m,
    api: r.apiUsdPerDay === undefined ? undefined : r.apiUsdPerDay * DAYS_PER_MONTH * m,
  }));
}

export interface CostChart {
  width: number;
  height: number;
  own: string;
  rental: string;
  api: string;
  /** Top of the y axis, USD; ticks in USD. */
  yMax: number;
  yTicks: { y: number; label: string }[];
  xTicks: { x: number; label: string }[];
}

/** SVG paths of the cumulative costs (a viewBox of width x height with room for the axes). */
export function costChart(points: ReturnType<typeof cumulativeCosts>, width = 600, height = 240): CostChart {
  const pad = { left: 56, right: 24, top: 10, bottom: 26 };
  const months = Math.max(1, points.length - 1);
  const top = Math.max(1, ...points.flatMap((p) => [p.own, p.rental ?? 0, p.api ?? 0]));
  const step = 10 ** Math.floor(Math.log10(top / 4));
  const nice = [1, 2, 2.5, 5, 10].map((f) => f * step).find((s) => top / s <= 5) ?? 10 * step;
  const yMax = Math.ceil(top / nice) * nice;
  const x = (m: number) => pad.left + (m / months) * (width - pad.left - pad.right);
  const y = (usd: number) => height - pad.bottom - (usd / yMax) * (height - pad.top - pad.bottom);
  const r = (v: number) => Math.round(v * 10) / 10;
  const path = (pick: (p: (typeof points)[number]) => number | undefined) =>
    points.some((p) => pick(p) === undefined)
      ? ''
      : points.map((p, i) => `${i ? 'L' : 'M'}${r(x(p.month))},${r(y(pick(p)!))}`).join('');
  return {
    width,
    height,
    own: path((p) => p.own),
    rental: path((p) => p.rental),
    api: path((p) => p.api),
    yMax,
    yTicks: Array.from({ length: Math.round(yMax / nice) + 1 }, (_, k) => ({
      y: r(y(k * nice)),
      label: `$${(k * nice).toLocaleString('en-US')}`,
    })),
    xTicks: Array.from({ length: Math.floor(months / 12) + 1 }, (_, k) => ({ x: r(x(k * 12)), label: `${k * 12} mo` })),
  };
}
