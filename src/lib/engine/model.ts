/**
 * The engine's model description: transformer shape (from config.json) plus what the catalog
 * knows about files. Field names follow the catalog contract (content/models/<id>.mdx frontmatter).
 */

/**
 * Sliding-window or chunked attention: layer i uses full attention when
 * i % fullEvery === fullEvery - 1 (0 = every attention layer is windowed). llama.cpp sizes both
 * kinds alike (the iSWA cache: min(n_ctx_seq, window + n_ubatch) cells per sequence); they differ
 * in what a token reads: the last `window` tokens (sliding) or the tokens of its own chunk
 * (chunked, Llama 4's attention_chunk_size).
 */
export interface SlidingWindowSpec {
  window: number;
  fullEvery: number;
  /** 'chunked' for Llama 4 style chunked attention; default 'sliding'. */
  kind?: 'sliding' | 'chunked' | null | undefined;
}

/**
 * The recurrent mixer of hybrid and state-space models. Its state has a fixed size per sequence
 * (it does not grow with context), always F32, sized as llama.cpp's n_embd_r() (conv state) and
 * n_embd_s() (SSM / delta-rule state) in src/llama-hparams.cpp.
 */
export interface RecurrentSpec {
  /**
   * mamba: Mamba-1 selective SSM (Jamba); mamba2: Mamba-2 (Granite 4.0-H, Nemotron-H, Falcon-H1);
   * gated-deltanet: linear attention with a delta-rule state (Qwen3-Next, Qwen3.5);
   * short-conv: gated short convolution without an SSM state (LiquidAI LFM2).
   */
  kind: 'mamba' | 'mamba2' | 'gated-deltanet' | 'short-conv';
  /** Convolution kernel width d_conv (LFM2: conv_L_cache). */
  convKernel: number;
  /** d_state (Gated DeltaNet: key head dim); 0 for short-conv. */
  stateSize: number;
  /** d_inner (Mamba: expand x hidden or heads x head dim; Gated DeltaNet: value heads x value head dim; short-conv: hidden). */
  innerSize: number;
  /** n_group (Gated DeltaNet: key heads); 0 for Mamba-1 and short-conv. */
  groups: number;
  /** Mamba-2 heads (= dt rank) or Gated DeltaNet value heads; Mamba-1: dt rank; 0 for short-conv. */
  heads: number;
}

/** Multi-head latent attention (DeepSeek V2/V3/R1, Kimi K2). */
export interface MlaSpec {
  kvLoraRank: number;
  qkRopeHeadDim: number;
  qkNopeHeadDim: number;
  vHeadDim: number;
  qLoraRank?: number | null | undefined;
}

/** Mixture of experts. */
export interface MoeSpec {
  /** Routed experts per MoE layer. */
  experts: number;
  /** Experts used per token. */
  activeExperts: number;
  /** FFN size of one routed expert (moe_intermediate_size). */
  expertFfnSize: number;
  /** MoE only in every layerStep-th layer: layer i has experts when (i + 1) % layerStep === 0 (Llama 4 Maverick, Jamba: 2; default 1). */
  layerStep?: number | null | undefined;
  /** Shared (always active) experts; 0 when none. */
  sharedExperts: number;
  /** FFN size of the shared expert block; defaults to expertFfnSize * sharedExperts. */
  sharedFfnSize?: number | null | undefined;
  /** Leading layers with a dense FFN (DeepSeek first_k_dense_replace). */
  denseLayers: number;
}

/**
 * Architecture family. It only changes details of the tensor layout (fused QKV in Phi-3,
 * extra norms in Gemma, attention biases in gpt-oss); all sizes come from the numbers.
 */
/** Layout families the engine knows (see ArchFamily). */
export const ARCH_FAMILIES = [
  'llama',
  'mistral',
  'mixtral',
  'qwen2',
  'qwen2moe',
  'qwen3',
  'qwen3moe',
  'gemma2',
  'gemma3',
  'phi3',
  'deepseek2',
  'gpt-oss',
  'command-r',
  'llama4',
  'qwen3next',
  'qwen35',
  'granitehybrid',
  'nemotronh',
  'falconh1',
  'lfm2',
  'jamba',
  'mamba2',
  'generic',
] as const;

/**
 * Architecture family. It only changes details of the tensor layout (fused QKV in Phi-3,
 * extra norms in Gemma, attention biases in gpt-oss, gated attention in Qwen3-Next, ungated
 * experts in Nemotron-H); all sizes come from the numbers.
 */
export type ArchFamily = (typeof ARCH_FAMILIES)[number];

export interface ModelArchitecture {
  /** num_hidden_layers */
  layers: number;
  /** hidden_size */
  hiddenSize: number;
  /** num_attention_heads */
  heads: number;
  /** num_key_value_heads */
  kvHeads: number;
  /** head_dim as declared (never derive it when the config states it). */
  headDim: number;
  /** Value head size when it differs from headDim. */
  vHeadDim?: number | null | undefined;
  /** Dense FFN intermediate size. */
  ffnSize: number;
  vocabSize: number;
  tiedEmbeddings: boolean;
  /** Q/K/V projections carry a bias (Qwen2, gpt-oss). */
  qkvBias?: boolean | null | undefined;
  slidingWindow?: SlidingWindowSpec | null | undefined;
  mla?: MlaSpec | null | undefined;
  moe?: MoeSpec | null | undefined;
  /** The recurrent mixer of hybrid / state-space models (needs `blocks`). */
  recurrent?: RecurrentSpec | null | undefined;
  /**
   * One letter per layer when layers differ (hybrids), llama.cpp's view of each block:
   * "A" attention + FFN, "R" recurrent mixer + FFN, "B" attention and recurrent mixer side by side
   * + FFN (Falcon-H1), and Nemotron-H's single-purpose blocks "M" recurrent only, "*" attention
   * only, "-" dense FFN only, "E" MoE FFN only. Absent: every layer is "A".
   */
  blocks?: string | null | undefined;
  /**
   * Multi-token-prediction blocks in the GGUF (Qwen3.5 mtp_num_hidden_layers, Qwen3-Next): full
   * attention blocks after the last layer, in the file but loaded only for MTP decoding.
   */
  mtpLayers?: number | null | undefined;
  /** Routed experts ship natively quantized and GGUF conversions keep them (gpt-oss: MXFP4). */
  nativeExpertType?: 'MXFP4' | null | undefined;
  /** Layout details; defaults to 'generic' (Llama-style). */
  family?: ArchFamily | undefined;
}

/** The vision encoder + projector a multimodal model loads from its mmproj GGUF. */
export interface VisionSpec {
  /** Parameters of the encoder and projector (the mmproj file's tensors). */
  params: number;
  /** Encoder width and FFN size (for the compute buffer). */
  hiddenSize: number;
  ffnSize: number;
  /** Patches the encoder sees for one image at the reference resolution. */
  patchesPerImage: number;
  /** Tokens one image adds to the language model's context. */
  tokensPerImage: number;
  /** Published mmproj files, bytes by weight type. */
  files?: readonly { type: 'F16' | 'BF16' | 'Q8_0' | 'F32'; bytes: number; url?: string | undefined }[] | undefined;
}

/** A weight file whose exact size is known. */
export interface ModelFile {
  format: string;
  bytes: number;
  publisher?: string | undefined;
  url?: string | undefined;
  /** Hugging Face repository holding the file ("owner/name"). */
  repo?: string | undefined;
  fileNames?: readonly string[] | undefined;
}

export interface ModelSpec {
  id?: string | undefined;
  name: string;
  /** Catalog family (e.g. "llama", "qwen3"): what "a smaller model of the same family" means. */
  family?: string | null | undefined;
  architecture: ModelArchitecture;
  /** Total parameter count (not billions). Informational; the engine counts tensors itself. */
  paramsTotal?: number | null | undefined;
  paramsActive?: number | null | undefined;
  /** Maximum (training) context in tokens. */
  contextLength?: number | null | undefined;
  files?: readonly ModelFile[] | undefined;
  /** Vision projector (multimodal models); null for text-only models. */
  vision?: VisionSpec | null | undefined;
  ollamaTag?: string | null | undefined;
  /** Quantization the plain ollamaTag pulls (default Q4_K_M, MXFP4 for native-MXFP4 models). */
  ollamaTagFormat?: string | null | undefined;
  /** Ollama tags of other quantizations, by format id. */
  ollamaTagsByFormat?: Readonly<Record<string, string>> | undefined;
  hfRepo?: string | null | undefined;
  mlxRepo?: string | null | undefined;
}

/** Value head size of a standard-attention model. */
export function valueHeadDim(arch: ModelArchitecture): number {
  return arch.vHeadDim ?? arch.headDim;
}

/** Whether layer i (0-based) is a sliding-window layer. */
export function isSlidingLayer(arch: ModelArchitecture, layer: number): boolean {
  const sw = arch.slidingWindow;
  if (sw === null || sw === undefined) return false;
  if (sw.fullEvery <= 0) return true;
  return layer % sw.fullEvery < sw.fullEvery - 1;
}

/** Block letter of layer i ("A" when the model has no `blocks`). */
export function blockOf(arch: ModelArchitecture, layer: number): string {
  return arch.blocks?.[layer] ?? 'A';
}

/** Whether layer i has attention (and so a KV cache). */
export function hasAttention(arch: ModelArchitecture, layer: number): boolean {
  const b = blockOf(arch, layer);
  return b === 'A' || b === 'B' || b === '*';
}

/** Whether layer i has a recurrent mixer (and so a fixed-size state per sequence). */
export function hasRecurrentState(arch: ModelArchitecture, layer: number): boolean {
  const b = blockOf(arch, layer);
  return b === 'R' || b === 'B' || b === 'M';
}

/** Whether layer i has an FFN (dense or MoE). */
export function hasFfn(arch: ModelArchitecture, layer: number): boolean {
  const b = blockOf(arch, layer);
  return b !== 'M' && b !== '*';
}

/** Block letters: see ModelArchitecture.blocks. */
export const BLOCK_LETTERS = /^[ARBM*E-]+$/;

/** Whether layer i has a mixture-of-experts FFN. */
export function isMoeLayer(arch: ModelArchitecture, layer: number): boolean {
  const moe = arch.moe;
  if (moe == null || moe.experts <= 1) return false;
  const b = blockOf(arch, layer);
  if (b === 'E' || b === '-') return b === 'E';
  return layer >= moe.denseLayers && (layer + 1) % (moe.layerStep ?? 1) === 0 && hasFfn(arch, layer);
}

const layerKindsMemo = new WeakMap<ModelArchitecture, { full: number; windowed: number }>();

/** Attention layers with a full-context cache and with a sliding/chunked window (memoized per architecture). */
export function attentionLayerKinds(arch: ModelArchitecture): { full: number; windowed: number } {
  let r = layerKindsMemo.get(arch);
  if (r === undefined) {
    r = { full: 0, windowed: 0 };
    for (let i = 0; i < arch.layers; i++) {
      if (!hasAttention(arch, i)) continue;
      if (isSlidingLayer(arch, i)) r.windowed++;
      else r.full++;
    }
    layerKindsMemo.set(arch, r);
  }
  return r;
}

/** Number of layers with attention (all layers for a plain transformer). */
export function attentionLayerCount(arch: ModelArchitecture): number {
  const { full, windowed } = attentionLayerKinds(arch);
  return full + windowed;
}

/** Throw a clear error when an architecture number is missing or not a positive integer, or the MoE/SWA fields disagree. */
export function validateArchitecture(arch: ModelArchitecture): void {
  const fail = (why: string): never => {
    throw new Error(`Model architecture: ${why}.`);
  };
  for (const key of ['layers', 'hiddenSize', 'heads', 'kvHeads', 'headDim', 'ffnSize', 'vocabSize'] as const) {
    const v = arch[key];
    if (!(Number.isInteger(v) && v > 0)) fail(`"${key}" must be a positive integer (got ${String(v)})`);
  }
  if (arch.heads % arch.kvHeads && arch.mla == null) fail('heads must be a multiple of kvHeads');
  const { moe, slidingWindow: sw } = arch;
  if (moe != null && !(moe.activeExperts >= 1 && moe.activeExperts <= moe.experts && moe.denseLayers <= arch.layers)) {
    fail('moe needs 1 <= activeExperts <= experts and denseLayers <= layers');
  }
  if (sw != null && !(sw.window > 0 && sw.fullEvery >= 0)) fail('slidingWindow needs window > 0 and fullEvery >= 0');
  const { blocks, recurrent: rs } = arch;
  if (blocks != null) {
    if (blocks.length !== arch.layers) fail(`blocks has ${blocks.length} letters for ${arch.layers} layers`);
    if (!BLOCK_LETTERS.test(blocks)) fail('blocks may only use the letters A, R, B, M, *, E and -');
    if (/[RBM]/.test(blocks) && rs == null) fail('blocks has recurrent layers but "recurrent" is missing');
  }
  if (rs != null) {
    for (const key of ['convKernel', 'innerSize'] as const)
      if (!(Number.isInteger(rs[key]) && rs[key] > 0)) fail(`recurrent.${key} must be a positive integer`);
    for (const key of ['stateSize', 'groups', 'heads'] as const)
      if (!(Number.isInteger(rs[key]) && rs[key] >= 0)) fail(`recurrent.${key} must be an integer >= 0`);
    if (blocks == null) fail('"recurrent" needs "blocks" to say which layers are recurrent');
  }
}
