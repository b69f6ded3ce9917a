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
