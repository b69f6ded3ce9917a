/** Small display formatters for catalog facts (counts, context sizes, prices). Pure. */

/** 8030261248 -> "8.03B", 494032768 -> "494M". */
export function formatCount(n: number): string {
  if (n >= 1e12) return `${+(n / 1e12).toPrecision(3)}T`;
  if (n >= 1e9) return `${+(n / 1e9).toPrecision(3)}B`;
  if (n >= 1e6) return `${+(n / 1e6).toPrecision(3)}M`;
  return n.toLocaleString('en-US');
}

/** 1599 -> "$1,599". */
export function formatUsd(amount: number): string {
  return `$${amount.toLocaleString('en-US', { maximumFractionDigits: 2 })}`;
}

/** A model's key facts in a few words, for its search result: "30.5B parameters (3.3B active) · 256K context". */
export function modelFact(m: {
  paramsTotal: number;
  paramsActive?: number | null | undefined;
  contextLength: number;
}): string {
  const active = m.paramsActive && m.paramsActive < m.paramsTotal ? ` (${formatCount(m.paramsActive)} active)` : '';
  const ctx = m.contextLength >= 1024 ? `${Math.round(m.contextLength / 1024)}K` : String(m.contextLength);
  return `${formatCount(m.paramsTotal)} parameters${active} · ${ctx} context`;
}

/** A device's key facts for its search result: "24 GiB VRAM · 936 GB/s". */
export function hardwareFact(h: { memoryGiB: number; bandwidthGBs: number }, memoryLabel: string): string {
  return `${h.memoryGiB} GiB ${memoryLabel} · ${h.bandwidthGBs} GB/s`;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "2026-09" -> "September 2026" ("Sep 2026" when short). */
export function formatMonth(yearMonth: string, { short = false } = {}): string {
  const [year, month] = yearMonth.split('-');
  const name = MONTHS[Number(month) - 1] ?? month!;
  return `${short ? name.slice(0, 3) : name} ${year}`;
}

/** A market price in short, as the tools carry it: US dollars and the month observed (YYYY-MM). */
export interface MarketQuote {
  usd: number;
  month: string;
}

/** "$1,207 market price (cheapest listings, Sep 2026)": how the tools name a market price. */
export function formatMarketQuote(q: MarketQuote): string {
  return `${formatUsd(q.usd)} market price (cheapest listings, ${formatMonth(q.month, { short: true })})`;
}

/** A market price with what it is and when: "$1,207 (average of the 3 cheapest active listings, September 2026)". */
export function formatMarketPrice(u: { usd: number; basis: string; observedMonth: string }): string {
  return `${formatUsd(u.usd)} (${u.basis}, ${formatMonth(u.observedMonth)})`;
}
