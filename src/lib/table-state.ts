/**
 * URL state of a filterable, sortable table ("?backend=CUDA&trust=community-log&sort=prompt"):
 * parsing against the values the table offers (anything else falls back to "all" or the default
 * sort with a notice quoting the bad value, never an error) and writing it back. Pure.
 */
import { quoteInput } from './quote.ts';

export interface TableSpec {
  /** Filter name -> the values it may take (an absent or empty filter means "all"). */
  filters: Readonly<Record<string, readonly string[]>>;
  /** Sort keys the table offers, the default first. */
  sorts: readonly string[];
}

export interface TableState {
  filters: Record<string, string>;
  sort: string;
}

export function parseTableQuery(search: string, spec: TableSpec): { state: TableState; notices: string[] } {
  const q = new URLSearchParams(search);
  const notices: string[] = [];
  const filters: Record<string, string> = {};
  for (const [name, allowed] of Object.entries(spec.filters)) {
    const raw = q.get(name);
    if (raw === null || raw === '') continue;
    if (allowed.includes(raw)) filters[name] = raw;
    else notices.push(`Unknown ${name} ${quoteInput(raw)}: showing all.`);
  }
  const rawSort = q.get('sort');
  let sort = spec.sorts[0] ?? '';
  if (rawSort !== null && rawSort !== '') {
    if (spec.sorts.includes(rawSort)) sort = rawSort;
    else notices.push(`Unknown sort ${quoteInput(rawSort)}: sorted by ${sort}.`);
  }
  return { state: { filters, sort }, notices };
}

/** "?backend=CUDA&sort=prompt", or "" for the default state. Filters in spec order; the default sort is left out. */
export function serializeTableState(state: TableState, spec: TableSpec): string {
  const q = new URLSearchParams();
  for (const name of Object.keys(spec.filters)) {
    const v = state.filters[name];
    if (v) q.set(name, v);
  }
  if (state.sort && state.sort !== spec.sorts[0]) q.set('sort', state.sort);
  const s = q.toString();
  return s ? `?${s}` : '';
}
