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
import { memo } from './memo.ts';
import type { ModelArchitecture } from './model.ts';
import { attentionLayerKinds, hasAttention, isSlidingLayer, valueHeadDim } from './model.ts';
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
  /**
   * One cache stream shared by all sequences (llama-server's default with its automatic 4 slots,
   * --kv-unified): full layers keep pad256(n_ctx) cells in total, windowed layers
   * pad256(min(n_ctx, n_swa * n_seq + n_ubatch)). Default false: each sequence gets n_ctx / np.
   */
  unified?: boolean | undefined;
}

export interface KvCacheResult {
  totalBytes: number;
  /** Bytes per layer (K+V, all sequences). */
  layerBytes: number[];
  /** Cells per sequence of a full-attention layer. */
  cellsPerSequence: number;
  /** Cells per sequence of a sliding-window layer (0 when the model has none). */
  swaCellsPerSequence: number;
  vType: KvCacheType;
  notes: string[];
}

/** Per-layer (K width, V width) in elements per cell. */
export function kvWidths(arch: ModelArchitecture): { k: number; v: number } {
  const mla = arch.mla;
  return mla != null
    ? { k: mla.kvLoraRank + mla.qkRopeHeadDim, v: mla.kvLoraRank }
    : { k: arch.kvHeads * arch.headDim, v: arch.kvHeads * valueHeadDim(arch) };
}

const kvMemo = new WeakMap<ModelArchitecture, Map<string, KvCacheResult>>();

/** Exact KV-cache bytes for a context length (memoized per architecture object; treat the result as read-only). */
export function kvCache(arch: ModelArchitecture, input: KvCacheInput): KvCacheResult {
  const ctx = Math.max(0, Math.floor(input.context));
  const np = Math.max(1, Math.floor(input.parallel ?? 1));
  const ubatch = Math.max(1, Math.floor(input.ubatch ?? 512));
  const kType = input.kvType ?? 'f16';
  const fa = input.flashAttention ?? true;
  // A quantized V cache needs flash attention; without it llama.cpp keeps V in f16.
  const vType = fa ? (input.kvTypeV ?? kType) : 'f16';
  const unified = np > 1 && input.unified === true;
  return memo(kvMemo, arch, `${ctx} ${np} ${ubatch} ${kType} ${input.kvTypeV} ${fa} ${unified}`, () => {
    const nCtx = padTo(ctx, KV_PAD);
    // Unified: one stream of nCtx cells, counted here as np streams of nCtx / np (same bytes).
    const cellsPerSequence = np > 1 ? (unified ? nCtx / np : padTo(Math.floor(nCtx / np), KV_PAD)) : nCtx;
    const sw = arch.slidingWindow;
    const swaCellsPerSequence =
      sw == null
        ? 0
        : unified
          ? Math.min(nCtx, padTo(sw.window * np + ubatch, KV_PAD)) / np
          : Math.min(cellsPerSequence, padTo(sw.window + ubatch, KV_PAD));
    const { k, v } = kvWidths(arch);
    const bytesPerCell = k * kvBytesPerElement(kType) + v * kvBytesPerElement(vType);
    // Recurrent-only and FFN-only blocks of hybrids get no K/V (llama_memory_hybrid's layer filter).
    const layerBytes = Array.from({ length: arch.layers }, (_, i) =>
      hasAttention(arch, i)
        ? bytesPerCell * (isSlidingLayer(arch, i) ? swaCellsPerSequence : cellsPerSequence) * np
        : 0,
    );
    return {
      totalBytes: layerBytes.reduce((a, b) => a + b, 0),
      layerBytes,
      cellsPerSequence,
      swaCellsPerSequence,
      vType,
      notes:
        vType !== (input.kvTypeV ?? kType)
          ? ['A quantized V cache needs flash attention; without it the V cache stays f16.']
          : [],
    };
  });
}

/**
 * KV bytes read to generate one token at a given depth (tokens already in the cache) for one
 * sequence: full-attention layers read `depth` cells, windowed layers min(depth, window) (for a
 * chunked layer that is the worst case, at the end of a chunk); recurrent layers read no KV.
 */
export function kvReadBytesPerToken(arch: ModelArchitecture, depth: number, kvType: KvCacheType = 'f16'): number {
  const { k, v } = kvWidths(arch);
  const { full, windowed } = attentionLayerKinds(arch);
  const swaCells = windowed > 0 ? Math.min(depth, arch.slidingWindow!.window) : 0;
  return (k + v) * kvBytesPerElement(kvType) * (full * depth + windowed * swaCells);
}
