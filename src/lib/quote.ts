/** User input quoted in a notice: control characters stripped, cut at 40 characters. Shown with textContent only. */
export function quoteInput(raw: string): string {
  const clean = raw.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 40);
  return `"${clean}${raw.length > 40 ? '…' : ''}"`;
}
