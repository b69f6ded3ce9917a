/**
 * RFC 4180 CSV for the open-data downloads. Pure. Cells that a spreadsheet would run as a formula
 * (text starting with =, +, -, @, tab or carriage return) get a leading apostrophe, so opening a
 * download can never execute anything; numbers are written as numbers.
 */

export type CsvCell = string | number | boolean | null | undefined;

function cell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A header row and one row per record, CRLF line ends as RFC 4180 asks. */
export function toCsv(headers: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [headers, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
