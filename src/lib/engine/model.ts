/**
 * The engine's model description: transformer shape (from config.json) plus what the catalog
 * knows about files. Field names follow the catalog contract (content/models/<id>.json).
 */

/** Sliding-window attention: layer i uses full attention when i % fullEvery === fullEvery - 1 (0 = all sliding). */
export interface SlidingWindowSpec {
  window: number;
  fullEvery: number;
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
export type ArchFamily =
  | 'llama'
  | 'mistral'
  | 'mixtral'
  | 'qwen2'
  | 'qwen2moe'
  | 'qwen3'
  | 'qwen3moe'
  | 'gemma2'
  | 'gemma3'
  | 'phi3'
  | 'deepseek2'
  | 'gpt-oss'
  | 'command-r'
  | 'generic';

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
  /** Layout details; defaults to 'generic' (Llama-style). */
  family?: ArchFamily | undefined;
}

/** A weight file whose exact size is known. */
export interface ModelFile {
  format: string;
  bytes: number;
  publisher?: string | undefined;
  url?: string | undefined;
}

export interface ModelSpec {
  id?: string | undefined;
  name: string;
  architecture: ModelArchitecture;
  /** Total parameter count (not billions). Informational; the engine counts tensors itself. */
  paramsTotal?: number | null | undefined;
  paramsActive?: number | null | undefined;
  /** Maximum (training) context in tokens. */
  contextLength?: number | null | undefined;
  files?: readonly ModelFile[] | undefined;
  ollamaTag?: string | null | undefined;
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

/** Whether layer i has a mixture-of-experts FFN. */
export function isMoeLayer(arch: ModelArchitecture, layer: number): boolean {
  const moe = arch.moe;
  return moe !== null && moe !== undefined && moe.experts > 1 && layer >= moe.denseLayers;
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
}
