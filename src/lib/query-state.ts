/**
 * The checker's state in the URL query: parse (with validation and human notices) and serialize.
 * Garbage never throws: each bad parameter falls back to its default and adds a notice. Notices
 * are plain text meant for textContent; raw input is shortened and never treated as markup.
 */
import { FORMAT_IDS, KV_CACHE_TYPE_IDS, type FormatId, type KvCacheType } from './engine/formats.ts';

export interface CheckerState {
  model: string;
  quant: FormatId;
  ctx: number;
  kv: KvCacheType;
  /** Catalog hardware ids, one per GPU (repeat an id for identical cards). Empty when custom. */
  hw: string[];
  /** Custom machine, used when hw is empty: VRAM GiB (0 = no GPU), bandwidth GB/s, system RAM GiB. */
  vram?: number | undefined;
  bw?: number | undefined;
  ram?: number | undefined;
}

export interface CheckerCatalog {
  /** Model ids with their maximum context. */
  models: ReadonlyMap<string, { contextLength: number }>;
  hardware: ReadonlySet<string>;
  defaults: { model: string; quant: FormatId; hw: string };
}

export const CONTEXT_MIN = 256;
export const MAX_GPUS = 8;
const LIMITS = { vram: [0, 2048], bw: [1, 20000], ram: [1, 4096] } as const;

/** Shorten and strip control characters from user input before quoting it in a notice. */
export function quoteInput(raw: string): string {
  const clean = raw.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 40);
  return `"${clean}${raw.length > 40 ? '…' : ''}"`;
}

function number(raw: string | null): number | undefined {
  if (raw === null || raw.trim() === '' || !/^\d+(\.\d+)?$/.test(raw.trim())) return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

/** Parses a query string ("?model=...&hw=...") against the catalog. */
export function parseCheckerQuery(search: string, catalog: CheckerCatalog): { state: CheckerState; notices: string[] } {
  const q = new URLSearchParams(search);
  const notices: string[] = [];
  const d = catalog.defaults;

  let model = q.get('model') ?? d.model;
  if (!catalog.models.has(model)) {
    notices.push(`Unknown model ${quoteInput(model)}: showing the default model instead.`);
    model = d.model;
  }
  const maxCtx = catalog.models.get(model)!.contextLength;

  const rawQuant = q.get('quant');
  let quant: FormatId = d.quant;
  if (rawQuant !== null) {
    const found = FORMAT_IDS.find((f) => f.toLowerCase() === rawQuant.toLowerCase());
    if (found) quant = found;
    else notices.push(`Unknown format ${quoteInput(rawQuant)}: using ${d.quant}.`);
  }

  const rawCtx = q.get('ctx');
  let ctx = Math.min(8192, maxCtx);
  if (rawCtx !== null) {
    const n = number(rawCtx);
    if (n === undefined) notices.push(`Context ${quoteInput(rawCtx)} is not a plain number of tokens: using ${ctx}.`);
    else if (n < CONTEXT_MIN || n > maxCtx) {
      const clamped = Math.min(maxCtx, Math.max(CONTEXT_MIN, Math.round(n)));
      notices.push(`Context ${n} is outside ${CONTEXT_MIN}–${maxCtx} tokens for this model: using ${clamped}.`);
      ctx = clamped;
    } else ctx = Math.round(n);
  }

  const rawKv = q.get('kv');
  let kv: KvCacheType = 'f16';
  if (rawKv !== null) {
    const found = KV_CACHE_TYPE_IDS.find((k) => k === rawKv.toLowerCase());
    if (found) kv = found;
    else notices.push(`Unknown KV-cache type ${quoteInput(rawKv)}: using f16.`);
  }

  const hw: string[] = [];
  for (const id of q.getAll('hw')) {
    if (!catalog.hardware.has(id)) notices.push(`Unknown hardware ${quoteInput(id)}: ignored.`);
    else if (hw.length >= MAX_GPUS) notices.push(`At most ${MAX_GPUS} GPUs: extra ones ignored.`);
    else hw.push(id);
  }

  const custom: Pick<CheckerState, 'vram' | 'bw' | 'ram'> = {};
  for (const key of ['vram', 'bw', 'ram'] as const) {
    const raw = q.get(key);
    if (raw === null) continue;
    const n = number(raw);
    const [lo, hi] = LIMITS[key];
    if (n === undefined || n < lo || n > hi)
      notices.push(`Ignored ${key}=${quoteInput(raw)}: expected a number from ${lo} to ${hi}.`);
    else custom[key] = n;
  }
  const hasCustom = custom.vram !== undefined || custom.bw !== undefined;
  if (hw.length === 0 && !hasCustom) hw.push(d.hw);
  if (hw.length > 0 && hasCustom)
    notices.push('Both catalog hardware and custom numbers were given: using the catalog hardware.');
  const state: CheckerState = { model, quant, ctx, kv, hw };
  if (hw.length === 0) {
    state.vram = custom.vram ?? 0;
    state.bw = custom.bw ?? 100;
    state.ram = custom.ram ?? 32;
  } else if (custom.ram !== undefined) state.ram = custom.ram;
  return { state, notices };
}

/** The query string for a state (stable order, defaults included so links are explicit). */
export function serializeCheckerState(s: Partial<CheckerState> & { model: string }): string {
  const q = new URLSearchParams();
  q.set('model', s.model);
  if (s.quant) q.set('quant', s.quant);
  if (s.ctx) q.set('ctx', String(s.ctx));
  if (s.kv && s.kv !== 'f16') q.set('kv', s.kv);
  for (const id of s.hw ?? []) q.append('hw', id);
  if (!s.hw?.length) {
    if (s.vram !== undefined) q.set('vram', String(s.vram));
    if (s.bw !== undefined) q.set('bw', String(s.bw));
  }
  if (s.ram !== undefined) q.set('ram', String(s.ram));
  return `?${q.toString()}`;
}

/** Link to the checker with a state. */
export function checkerUrl(s: Partial<CheckerState> & { model: string }): string {
  return `/will-it-run/${serializeCheckerState(s)}`;
}
