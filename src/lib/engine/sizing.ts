/**
 * The hardware-independent half of an estimate: the validated input (format, flags), the weights,
 * and at one context the KV cache, compute buffer and running per-layer costs that placement
 * fills devices with.
 */
import { computeBufferBytes } from './compute.ts';
import type { FormatId, KvCacheType, WeightFormat } from './formats.ts';
import { getFormat } from './formats.ts';
import type { HardwareSetup } from './hardware.ts';
import type { KvCacheResult } from './kv-cache.ts';
import { kvCache } from './kv-cache.ts';
import type { ModelSpec } from './model.ts';
import { validateArchitecture } from './model.ts';
import type { RecurrentStateResult } from './recurrent-state.ts';
import { recurrentState } from './recurrent-state.ts';
import type { LayerSums, WeightBreakdown } from './weights.ts';
import { layerSums, modelWeights } from './weights.ts';

export interface EstimateInput {
  model: ModelSpec;
  /** Weight format id (see WEIGHT_FORMATS), case-insensitive. */
  format: FormatId | string;
  /** Total context in tokens (llama.cpp -c); with parallel > 1 each sequence gets context/parallel. */
  context: number;
  kvType?: KvCacheType | undefined;
  flashAttention?: boolean | undefined;
  ubatch?: number | undefined;
  batch?: number | undefined;
  parallel?: number | undefined;
  hardware?: HardwareSetup | undefined;
  /** Tokens already in context for the headline decode speed (default 256, like llama-bench tg512). */
  decodeDepth?: number | undefined;
  /** GGUF made with an importance matrix (default: IQ formats yes, others no). */
  imatrix?: boolean | undefined;
  /** Compute advice for setups that do not fit (default true). */
  advice?: boolean | undefined;
}

/** Everything about an input that does not depend on the hardware. */
export interface Sizing {
  model: ModelSpec;
  format: WeightFormat;
  gguf: boolean;
  parallel: number;
  ubatch: number;
  flashAttention: boolean;
  kvType: KvCacheType;
  w: WeightBreakdown;
  sums: LayerSums;
  /** Recurrent state of hybrid / state-space layers (zero for transformers); fixed per sequence. */
  state: RecurrentStateResult;
  context: number;
  kv: KvCacheResult;
  /** KV cache + recurrent state, all layers and sequences. */
  cacheBytes: number;
  computeBytes: number;
  /** Number of repeating layers. */
  layers: number;
  /** cost[i]: weights + KV cache + recurrent state of layers 0..i-1, what a GPU must hold for them (whole bytes). */
  cost: number[];
  /** experts[i]: routed-expert weights of layers 0..i-1 (= sums.experts). */
  experts: number[];
}

/** The parts of a Sizing that hold for every context (one per model x format in a matrix). */
export type Setting = Omit<Sizing, 'context' | 'kv' | 'cacheBytes' | 'computeBytes' | 'cost' | 'experts'>;

/** Validate an input and resolve what holds for every context: format, flags and weights (cached per model and format). */
export function settle(input: EstimateInput): Setting {
  const model = input.model;
  const arch = model.architecture;
  validateArchitecture(arch);
  const format = getFormat(input.format);
  const gguf = format.family === 'gguf';
  const w = modelWeights(model, format.id, { imatrix: input.imatrix });
  const parallel = Math.max(1, Math.floor(input.parallel ?? 1));
  return {
    model,
    format,
    gguf,
    parallel,
    ubatch: Math.max(1, Math.floor(input.ubatch ?? 512)),
    flashAttention: input.flashAttention ?? true,
    kvType: gguf ? (input.kvType ?? 'f16') : 'f16',
    w,
    sums: layerSums(w, arch),
    state: recurrentState(arch, parallel),
    layers: arch.layers,
  };
}

const costCache = new WeakMap<KvCacheResult, WeakMap<WeightBreakdown, number[]>>();

/** A setting at one context: KV cache (memoized per architecture), compute buffer and running layer costs. */
export function size(st: Setting, context: number): Sizing {
  if (!(context >= 0 && context < Infinity))
    throw new Error(`Context must be a number of tokens >= 0 (got ${context}).`);
  const arch = st.model.architecture;
  const { ubatch, flashAttention, w } = st;
  const ctx = Math.floor(context);
  const kv = kvCache(arch, { context: ctx, kvType: st.kvType, flashAttention, ubatch, parallel: st.parallel });
  let perKv = costCache.get(kv);
  if (perKv === undefined) costCache.set(kv, (perKv = new WeakMap()));
  let cost = perKv.get(w);
  if (cost === undefined) {
    perKv.set(w, (cost = [0]));
    const rs = st.state.layerBytes;
    for (let i = 0; i < st.layers; i++) cost.push(cost[i]! + (w.layerBytes[i]! + kv.layerBytes[i]! + rs[i]!));
  }
  const computeBytes = computeBufferBytes(arch, { contextPerSequence: kv.cellsPerSequence, ubatch, flashAttention });
  const cacheBytes = kv.totalBytes + st.state.totalBytes;
  return { ...st, context: ctx, kv, cacheBytes, computeBytes, cost, experts: st.sums.experts };
}
