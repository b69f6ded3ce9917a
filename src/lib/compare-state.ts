/**
 * URL state of the Compare tool: "?hw=a&hw=b&set=mid&ctx=16384&floor=20", 2-4 machines (catalog ids, or
 * "custom" with vram= and bw= for one machine of your own). Bad values fall back to defaults with
 * a notice quoting them; never an error. Pure.
 */
import { quoteInput } from './quote.ts';
import { USABLE_TOKENS_PER_SECOND, parseSpeedFloor } from './speed-floor.ts';

export const COMPARE_MIN = 2;
export const COMPARE_MAX = 4;
export const CUSTOM = 'custom';
export const COMPARE_CONTEXTS = [4096, 8192, 16384, 32768, 65536, 131072] as const;

export interface CompareState {
  hw: string[];
  set: string;
  ctx: number;
  /** Speed floor of the best-format rule, tok/s (see speed-floor.ts); absent = the default. */
  floor?: number | undefined;
  /** The custom machine's VRAM (GiB) and bandwidth (GB/s), when hw has "custom". */
  vram?: number | undefined;
  bw?: number | undefined;
}

export interface CompareCatalog {
  hardware: ReadonlySet<string>;
  sets: readonly string[];
  /** Former hardware ids -> current ids. */
  formerIds?: Readonly<Record<string, string>> | undefined;
  defaults: CompareState;
}

export function parseCompareQuery(search: string, c: CompareCatalog): { state: CompareState; notices: string[] } {
  const q = new URLSearchParams(search);
  const notices: string[] = [];
  const hw: string[] = [];
  for (const raw of q.getAll('hw')) {
    const id = c.formerIds?.[raw] ?? raw;
    if (id !== CUSTOM && !c.hardware.has(id)) notices.push(`Unknown hardware ${quoteInput(raw)}: ignored.`);
    else if (id === CUSTOM && hw.includes(CUSTOM)) notices.push('Only one custom machine: the extra one is ignored.');
    else if (hw.length >= COMPARE_MAX) notices.push(`At most ${COMPARE_MAX} machines: extra ones ignored.`);
    else hw.push(id);
  }
  const num = (name: 'vram' | 'bw', min: number, max: number): number | undefined => {
    const raw = q.get(name);
    if (raw === null || raw === '') return undefined;
    const v = Number(raw);
    if (Number.isFinite(v) && v >= min && v <= max) return v;
    notices.push(
      `${name === 'vram' ? 'VRAM' : 'Bandwidth'} ${quoteInput(raw)} is not between ${min} and ${max}: using the default.`,
    );
    return undefined;
  };
  const vram = num('vram', 1, 2048);
  const bw = num('bw', 1, 20000);
  if (hw.length > 0 && hw.length < COMPARE_MIN) {
    notices.push(`Compare needs at least ${COMPARE_MIN} machines: added the defaults.`);
    for (const d of c.defaults.hw) if (hw.length < COMPARE_MIN && !hw.includes(d)) hw.push(d);
  }
  const rawSet = q.get('set');
  let set = c.defaults.set;
  if (rawSet !== null && rawSet !== '') {
    if (c.sets.includes(rawSet)) set = rawSet;
    else notices.push(`Unknown model set ${quoteInput(rawSet)}: showing the default set.`);
  }
  const rawCtx = q.get('ctx');
  let ctx = c.defaults.ctx;
  if (rawCtx !== null && rawCtx !== '') {
    const v = Number(rawCtx);
    if ((COMPARE_CONTEXTS as readonly number[]).includes(v)) ctx = v;
    else notices.push(`Context ${quoteInput(rawCtx)} is not one of the offered lengths: using ${ctx}.`);
  }
  const floor = parseSpeedFloor(q.get('floor'), notices);
  const state: CompareState = { hw: hw.length ? hw : [...c.defaults.hw], set, ctx };
  if (floor !== USABLE_TOKENS_PER_SECOND) state.floor = floor;
  if (state.hw.includes(CUSTOM)) {
    state.vram = vram ?? 24;
    state.bw = bw ?? 1000;
  }
  return { state, notices };
}

export function serializeCompareState(s: CompareState): string {
  const q = new URLSearchParams();
  for (const id of s.hw) q.append('hw', id);
  q.set('set', s.set);
  q.set('ctx', String(s.ctx));
  if (s.floor !== undefined && s.floor !== USABLE_TOKENS_PER_SECOND) q.set('floor', String(s.floor));
  if (s.hw.includes(CUSTOM)) {
    if (s.vram !== undefined) q.set('vram', String(s.vram));
    if (s.bw !== undefined) q.set('bw', String(s.bw));
  }
  return `?${q.toString()}`;
}
