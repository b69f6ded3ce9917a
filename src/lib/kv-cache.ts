/**
 * KV cache bytes exactly as llama.cpp allocates them (src/llama-kv-cache.cpp, llama-kv-cache-iswa.cpp):
 * per layer n_head_kv * (d_k + d_v) * cells * bytes_per_element, with
 *  - cells = pad256(n_ctx) split across parallel sequences (-c is the total; each sequence gets n_ctx/np),
 *  - sliding-window layers: pad256(min(n_ctx_seq, n_swa + n_ubatch)) cells per sequence,
 *  - MLA (DeepSeek V2/V3): one latent "head" of K = kv_lora_rank + rope dim and V = kv_lora_rank,
 *  - quantized cache types (q8_0 = 34/32 B, q4_0 = 18/32 B per element); V stays f16 without flash attention.
 */
import type { KvCacheType } from './formats.ts';
import { kvBytesPerElement } from './formats.ts';
import type { ModelArchitecture } from './model.ts';
import { isSlidingLayer, valueHeadDim } from './model.ts';
import { padTo } from './units.ts';

/** llama.cpp pads the context (and the SWA cache) to a multiple of 256 cells. */
export const KV_PAD = 256;

export interface KvCacheInput {
  /** Total context in tokens (llama.cpp -c), shared by all parallel sequences. */
  context: number;
  kvType?: KvCacheType | undefined;
  /** Separate V type; defaults to kvType. */
  kvTypeV?: KvCacheType | undefined;
  flashAttention?: boolean | undefined;
  ubatch?: number | undefined;
  parallel?: number | undefined;
}

export interface KvCacheResult {
  totalBytes: number;
  kBytes: number;
  vBytes: number;
  /** Bytes per layer (K+V). */
  layerBytes: number[];
  /** Cells per sequence of a full-attention layer. */
  cellsPerSequence: number;
  /** Cells per sequence of a sliding-window layer (0 when the model has none). */
  swaCellsPerSequence: number;
  sequences: number;
  kType: KvCacheType;
  vType: KvCacheType;
  /** K+V bytes one cached token adds to each layer (bytes per cell), per layer. */
  bytesPerCell: number[];
  notes: string[];
}

/** Per-layer (K width, V width) in elements per cell. */
export function kvWidths(arch: ModelArchitecture): { k: number; v: number } {
  const mla = arch.mla;
  if (mla !== null && mla !== undefined) {
    return { k: mla.kvLoraRank + mla.qkRopeHeadDim, v: mla.kvLoraRank };
  }
  return { k: arch.kvHeads * arch.headDim, v: arch.kvHeads * valueHeadDim(arch) };
}

const kvMemo = new WeakMap<ModelArchitecture, Map<string, KvCacheResult>>();

/** Exact KV-cache bytes for a context length (memoized per architecture object; treat the result as read-only). */
export function kvCache(arch: ModelArchitecture, input: KvCacheInput): KvCacheResult {
  const key = `${input.context}|${input.kvType ?? ''}|${input.kvTypeV ?? ''}|${input.flashAttention ?? ''}|${input.ubatch ?? ''}|${input.parallel ?? ''}`;
  let m = kvMemo.get(arch);
  if (m === undefined) {
    m = new Map();
    kvMemo.set(arch, m);
  }
  const hit = m.get(key);
  if (hit !== undefined) return hit;
  const r = kvCacheUncached(arch, input);
  if (m.size > 512) m.clear();
  m.set(key, r);
  return r;
}

function kvCacheUncached(arch: ModelArchitecture, input: KvCacheInput): KvCacheResult {
  const notes: string[] = [];
  const ctx = Math.max(0, Math.floor(input.context));
  const np = Math.max(1, Math.floor(input.parallel ?? 1));
  const ubatch = Math.max(1, Math.floor(input.ubatch ?? 512));
  const kType = input.kvType ?? 'f16';
  let vType = input.kvTypeV ?? kType;
  const fa = input.flashAttention ?? true;
  if (!fa && vType !== 'f16') {
    notes.push('A quantized V cache needs flash attention; without it the V cache stays f16.');
    vType = 'f16';
  }
  const nCtx = padTo(ctx, KV_PAD);
  const cellsPerSeq = np > 1 ? padTo(Math.floor(nCtx / np), KV_PAD) : nCtx;
  const sw = arch.slidingWindow;
  const swaCells =
    sw !== null && sw !== undefined ? Math.min(cellsPerSeq, padTo(sw.window + ubatch, KV_PAD)) : 0;
  const { k, v } = kvWidths(arch);
  const bk = kvBytesPerElement(kType);
  const bv = kvBytesPerElement(vType);
  const layerBytes: number[] = [];
  const bytesPerCell: number[] = [];
  let kBytes = 0;
  let vBytes = 0;
  for (let il = 0; il < arch.layers; il++) {
    const cells = (isSlidingLayer(arch, il) ? swaCells : cellsPerSeq) * np;
    const lk = k * cells * bk;
    const lv = v * cells * bv;
    kBytes += lk;
    vBytes += lv;
    layerBytes.push(lk + lv);
    bytesPerCell.push(k * bk + v * bv);
  }
  return {
    totalBytes: kBytes + vBytes,
    kBytes,
    vBytes,
    layerBytes,
    cellsPerSequence: cellsPerSeq,
    swaCellsPerSequence: swaCells,
    sequences: np,
    kType,
    vType,
    bytesPerCell,
    notes,
  };
}

/**
 * KV bytes read to generate one token at a given depth (tokens already in the cache) for one
 * sequence: every layer reads its K and V for min(depth, window) cells.
 */
export function kvReadBytesPerToken(arch: ModelArchitecture, depth: number, kvType: KvCacheType = 'f16'): number {
  const { k, v } = kvWidths(arch);
  const b = kvBytesPerElement(kvType);
  const sw = arch.slidingWindow;
  let total = 0;
  for (let il = 0; il < arch.layers; il++) {
    const cells = sw != null && isSlidingLayer(arch, il) ? Math.min(depth, sw.window) : depth;
    total += (k + v) * b * cells;
  }
  return total;
}
