/**
 * The checker's state in the URL query: parse (with validation and human notices) and serialize.
 * Garbage never throws: each bad parameter falls back to its default and adds a notice. Notices
 * are plain text meant for textContent; raw input is shortened and never treated as markup.
 */
import { FORMAT_IDS, KV_CACHE_TYPE_IDS, type FormatId, type KvCacheType } from './engine/formats.ts';
import type { ModelArchitecture, ModelSpec } from './engine/model.ts';
import { validateArchitecture } from './engine/model.ts';

/** The model id of a pasted config.json (its architecture travels in the cfg parameter). */
import { quoteInput } from './quote.ts';
export const PASTED = 'pasted';

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
  /** Load the vision projector (models with one). */
  vision?: boolean | undefined;
  /** Speculative decoding: "mtp" or a draft model's catalog id. */
  spec?: string | undefined;
}

export interface CheckerCatalog {
  /** Model ids with their maximum context, whether they have a vision projector or MTP block. */
  models: ReadonlyMap<string, { contextLength: number; vision?: boolean | undefined; mtp?: boolean | undefined }>;
  hardware: ReadonlySet<string>;
  /** Former hardware ids (renamed entries) and the id each is now; old links keep working. */
  formerIds?: Readonly<Record<string, string>> | undefined;
  defaults: { model: string; quant: FormatId; hw: string };
}

export const CONTEXT_MIN = 256;
export const MAX_GPUS = 8;
const LIMITS = { vram: [0, 2048], bw: [1, 20000], ram: [1, 4096] } as const;

export { quoteInput } from './quote.ts';

function number(raw: string | null): number | undefined {
  if (raw === null || raw.trim() === '' || !/^\d+(\.\d+)?$/.test(raw.trim())) return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * A pasted model as URL-safe text: the architecture fields the engine reads, its name and maximum
 * context, as JSON in base64url (about 400-900 characters).
 */
export function encodeModel(m: ModelSpec): string {
  const json = JSON.stringify({ n: m.name, c: m.contextLength ?? null, a: m.architecture }, (_k, v: unknown) =>
    v === null ? undefined : v,
  );
  const bytes = new TextEncoder().encode(json);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The model of encodeModel() text, or undefined when the text is not one (never throws). */
export function decodeModel(text: string): ModelSpec | undefined {
  try {
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const raw = JSON.parse(new TextDecoder().decode(Uint8Array.from(bin, (ch) => ch.charCodeAt(0)))) as {
      n?: unknown;
      c?: unknown;
      a?: unknown;
    };
    const a = raw.a as ModelArchitecture;
    if (typeof a !== 'object' || a === null || typeof a.tiedEmbeddings !== 'boolean') return undefined;
    validateArchitecture(a);
    // A link is anyone's input: sizes far beyond any real model would only make the page hang.
    const big = (v: unknown, max: number): boolean => typeof v === 'number' && v > max;
    if (big(a.layers, 1024) || big(a.hiddenSize, 65536) || big(a.vocabSize, 4e6) || big(a.ffnSize, 1e6))
      return undefined;
    if (a.moe != null && big(a.moe.experts, 4096)) return undefined;
    const name = typeof raw.n === 'string' && raw.n.trim() ? raw.n.slice(0, 80) : 'Pasted model';
    const contextLength = typeof raw.c === 'number' && raw.c >= 256 && raw.c <= 1 << 24 ? Math.round(raw.c) : 8192;
    return { id: PASTED, name, architecture: a, contextLength };
  } catch {
    return undefined;
  }
}

/**
 * Parses a query string ("?model=...&hw=...") against the catalog. A pasted model arrives as
 * model=pasted&cfg=<encodeModel text> and comes back as `pasted`.
 */
export function parseCheckerQuery(
  search: string,
  catalog: CheckerCatalog,
): { state: CheckerState; notices: string[]; pasted?: ModelSpec | undefined } {
  const q = new URLSearchParams(search);
  const notices: string[] = [];
  const d = catalog.defaults;

  let model = q.get('model') ?? d.model;
  let pasted: ModelSpec | undefined;
  if (model === PASTED) {
    pasted = decodeModel(q.get('cfg') ?? '');
    if (!pasted) {
      notices.push('The pasted model in this link could not be read: showing the default model instead.');
      model = d.model;
    }
  } else if (!catalog.models.has(model)) {
    notices.push(`Unknown model ${quoteInput(model)}: showing the default model instead.`);
    model = d.model;
  }
  const info = pasted ? { contextLength: pasted.contextLength ?? 8192 } : catalog.models.get(model)!;
  const maxCtx = info.contextLength;

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
  for (const raw of q.getAll('hw')) {
    const id = catalog.formerIds?.[raw] ?? raw;
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
  if (q.has('vision')) {
    if (q.get('vision') !== '1') notices.push(`Ignored vision=${quoteInput(q.get('vision') ?? '')}: use vision=1.`);
    else if (!info.vision) notices.push('This model has no vision projector: vision is off.');
    else state.vision = true;
  }
  const spec = q.get('spec');
  if (spec !== null) {
    if (spec === 'mtp' && !info.mtp) notices.push('This model has no MTP head: speculative decoding is off.');
    else if (spec !== 'mtp' && (!catalog.models.has(spec) || spec === model))
      notices.push(`Unknown draft model ${quoteInput(spec)}: speculative decoding is off.`);
    else state.spec = spec;
  }
  if (hw.length === 0) {
    state.vram = custom.vram ?? 0;
    state.bw = custom.bw ?? 100;
    state.ram = custom.ram ?? 32;
  } else if (custom.ram !== undefined) state.ram = custom.ram;
  return { state, notices, pasted };
}

/** The query string for a state (stable order, defaults included so links are explicit); `pasted` travels as cfg. */
export function serializeCheckerState(s: Partial<CheckerState> & { model: string }, pasted?: ModelSpec): string {
  const q = new URLSearchParams();
  q.set('model', s.model);
  if (s.model === PASTED && pasted) q.set('cfg', encodeModel(pasted));
  if (s.quant) q.set('quant', s.quant);
  if (s.ctx) q.set('ctx', String(s.ctx));
  if (s.kv && s.kv !== 'f16') q.set('kv', s.kv);
  for (const id of s.hw ?? []) q.append('hw', id);
  if (!s.hw?.length) {
    if (s.vram !== undefined) q.set('vram', String(s.vram));
    if (s.bw !== undefined) q.set('bw', String(s.bw));
  }
  if (s.ram !== undefined) q.set('ram', String(s.ram));
  if (s.vision) q.set('vision', '1');
  if (s.spec) q.set('spec', s.spec);
  return `?${q.toString()}`;
}

/** Link to the checker with a state. */
export function checkerUrl(s: Partial<CheckerState> & { model: string }): string {
  return `/will-it-run/${serializeCheckerState(s)}`;
}
