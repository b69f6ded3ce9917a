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
import { isSlidingLayer, validateArchitecture } from './model.ts';
import type { RecurrentStateResult } from './recurrent-state.ts';
import { recurrentState } from './recurrent-state.ts';
import { DEFAULT_DRAFT_MAX } from './speculative.ts';
import type { ProjectorType, VisionMemory } from './vision.ts';
import { visionMemory } from './vision.ts';
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
  /** One KV stream shared by the parallel sequences (llama-server's default 4 automatic slots). */
  kvUnified?: boolean | undefined;
  /** Prompt length for time to first token (default min(context, 4096)). */
  promptTokens?: number | undefined;
  /** Load the vision projector (mmproj) of a multimodal model (default off: text only). */
  vision?: boolean | undefined;
  /** mmproj weight type (default F16). */
  visionType?: ProjectorType | undefined;
  /** Speculative decoding with a draft model (llama-server -md); its format defaults to the model's. */
  draft?: { model: ModelSpec; format?: FormatId | string | undefined } | null | undefined;
  /** Speculative decoding with the model's own MTP block (--spec-type draft-mtp). */
  mtp?: boolean | undefined;
  /** Tokens drafted per step (--spec-draft-n-max, default 3). */
  draftMax?: number | undefined;
}

/** Memory of a draft model: its weights, own KV cache at the same context, and compute buffer. */
export interface DraftSizing {
  model: ModelSpec;
  format: WeightFormat;
  w: WeightBreakdown;
  kvBytes: number;
  computeBytes: number;
  totalBytes: number;
}

/** What speculative decoding adds: a draft model or the MTP block (weights + KV of its layer). */
export interface SpeculativeSizing {
  kind: 'draft' | 'mtp';
  draftMax: number;
  draft: DraftSizing | null;
  /** Bytes it adds to the first GPU (or to RAM on a CPU run). */
  totalBytes: number;
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
  /** Vision projector when loaded. */
  vision: VisionMemory | null;
  /** Speculative decoding extras at this context (null when off). */
  speculative: SpeculativeSizing | null;
  /** Bytes reserved on the first GPU besides the layers: vision projector and speculative extras. */
  extraBytes: number;
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
export type Setting = Omit<
  Sizing,
  'context' | 'kv' | 'cacheBytes' | 'computeBytes' | 'cost' | 'experts' | 'speculative' | 'extraBytes'
> & { input: EstimateInput };

/** Validate an input and resolve what holds for every context: format, flags and weights (cached per model and format). */
export function settle(input: EstimateInput): Setting {
  const model = input.model;
  const arch = model.architecture;
  validateArchitecture(arch);
  const format = getFormat(input.format);
  const gguf = format.family === 'gguf';
  const w = modelWeights(model, format.id, { imatrix: input.imatrix });
  const parallel = Math.max(1, Math.floor(input.parallel ?? 1));
  // MTP decoding keeps draftMax rollback copies of the recurrent state on Qwen3.5 and Nemotron-H
  // (llama_memory_recurrent n_rs_seq; llama.cpp clamps it to 0 for other architectures).
  const rollback =
    input.mtp === true && (arch.family === 'qwen35' || arch.family === 'nemotronh') ? draftMaxOf(input) : 0;
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
    state: recurrentState(arch, parallel, rollback),
    vision: input.vision === true ? visionMemory(model, input.visionType) : null,
    layers: arch.layers,
    input,
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
  const kv = kvCache(arch, {
    context: ctx,
    kvType: st.kvType,
    flashAttention,
    ubatch,
    parallel: st.parallel,
    unified: st.input.kvUnified,
  });
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
  const speculative = speculativeSizing(st, ctx);
  const extraBytes = (st.vision?.totalBytes ?? 0) + (speculative?.totalBytes ?? 0);
  return { ...st, context: ctx, kv, cacheBytes, computeBytes, cost, experts: st.sums.experts, speculative, extraBytes };
}

function draftMaxOf(input: EstimateInput): number {
  return Math.max(1, Math.floor(input.draftMax ?? DEFAULT_DRAFT_MAX));
}

/**
 * Speculative extras at a context: a draft model gets its own weights, an f16 KV cache at the same
 * context and parallel settings (llama-server copies them), and a compute buffer; MTP loads the MTP
 * block (weights otherwise skipped) with a KV cache for its layer.
 */
function speculativeSizing(st: Setting, context: number): SpeculativeSizing | null {
  const { input, ubatch, flashAttention, parallel } = st;
  const draftMax = draftMaxOf(input);
  const kvInput = { context, flashAttention, ubatch, parallel, unified: input.kvUnified };
  if (input.draft != null) {
    const model = input.draft.model;
    validateArchitecture(model.architecture);
    const format = getFormat(input.draft.format ?? st.format.id);
    const w = modelWeights(model, format.id);
    const kvBytes = kvCache(model.architecture, kvInput).totalBytes;
    const computeBytes = computeBufferBytes(model.architecture, {
      contextPerSequence: context,
      ubatch,
      flashAttention,
    });
    const totalBytes = w.totalBytes + kvBytes + computeBytes + recurrentState(model.architecture, parallel).totalBytes;
    return { kind: 'draft', draftMax, draft: { model, format, w, kvBytes, computeBytes, totalBytes }, totalBytes };
  }
  const arch = st.model.architecture;
  if (input.mtp === true && (arch.mtpLayers ?? 0) > 0) {
    const kv = kvCache(arch, { ...kvInput, kvType: st.kvType });
    const full = kv.layerBytes.find((b, i) => b > 0 && !isSlidingLayer(arch, i)) ?? 0;
    return { kind: 'mtp', draftMax, draft: null, totalBytes: st.w.mtpBytes + full * (arch.mtpLayers ?? 0) };
  }
  return null;
}
