import { z } from 'astro/zod';
import { ARCH_FAMILIES, BLOCK_LETTERS } from '../lib/engine/model.ts';
import { MODEL_MODALITIES } from '../lib/taxonomy.ts';
import { IdList, IsoDate, Sources } from './shared.ts';

const Count = z.number().int().positive();

/** Transformer shape, copied from the model's Hugging Face config.json. */
export const ArchitectureSchema = z.strictObject({
  /** num_hidden_layers */
  layers: Count,
  /** hidden_size */
  hiddenSize: Count,
  /** num_attention_heads */
  heads: Count,
  /** num_key_value_heads (equal to heads without GQA) */
  kvHeads: Count,
  /** head_dim as declared in config.json (do not derive it when the config states it) */
  headDim: Count,
  /** Value head size when it differs from headDim (e.g. MLA v_head_dim). */
  vHeadDim: Count.nullish(),
  /** intermediate_size of the dense FFN */
  ffnSize: Count,
  /** vocab_size */
  vocabSize: Count,
  /** tie_word_embeddings: one shared input/output embedding matrix */
  tiedEmbeddings: z.boolean(),
  /** Q/K/V projections carry a bias (Qwen2). */
  qkvBias: z.boolean().nullish(),
  /**
   * Sliding-window or chunked attention: window (or chunk) in tokens; layer i is full attention
   * when i % fullEvery == fullEvery-1 (0 = all windowed). kind "chunked" for Llama 4's
   * attention_chunk_size (3 of every 4 layers), default "sliding".
   */
  slidingWindow: z
    .strictObject({
      window: Count,
      fullEvery: z.number().int().nonnegative(),
      kind: z.enum(['sliding', 'chunked']).nullish(),
    })
    .nullish(),
  /** Multi-head latent attention (DeepSeek V2/V3). */
  mla: z
    .strictObject({
      kvLoraRank: Count,
      qkRopeHeadDim: Count,
      qkNopeHeadDim: Count,
      vHeadDim: Count,
      qLoraRank: Count.nullish(),
    })
    .nullish(),
  /** Mixture of experts. */
  moe: z
    .strictObject({
      /** num_experts / n_routed_experts */
      experts: Count,
      /** num_experts_per_tok */
      activeExperts: Count,
      /** moe_intermediate_size (per expert) */
      expertFfnSize: Count,
      /** n_shared_experts (0 when none) */
      sharedExperts: z.number().int().nonnegative(),
      /** FFN size of the shared expert when it differs from expertFfnSize */
      sharedFfnSize: Count.nullish(),
      /** first_k_dense_replace: leading layers with a dense FFN */
      denseLayers: z.number().int().nonnegative(),
      /** interleave_moe_layer_step (Llama 4) / expert_layer_period (Jamba): experts in every n-th layer; default 1 */
      layerStep: Count.nullish(),
    })
    .nullish(),
  /**
   * Recurrent mixer of hybrid / state-space models, from config.json (Gated DeltaNet: linear_*
   * keys; Mamba-2: mamba_* / ssm_* keys; LFM2 short conv: conv_L_cache). Needs `blocks`.
   */
  recurrent: z
    .strictObject({
      /** mamba (Jamba), mamba2 (Granite 4.0-H, Nemotron-H, Falcon-H1), gated-deltanet (Qwen3-Next, Qwen3.5), short-conv (LFM2) */
      kind: z.enum(['mamba', 'mamba2', 'gated-deltanet', 'short-conv']),
      /** d_conv / linear_conv_kernel_dim / conv_L_cache */
      convKernel: Count,
      /** d_state / linear_key_head_dim; 0 for short-conv */
      stateSize: z.number().int().nonnegative(),
      /** d_inner (Mamba heads x head dim; Gated DeltaNet value heads x value head dim; short-conv: hidden size) */
      innerSize: Count,
      /** n_groups / linear_num_key_heads; 0 for Mamba-1 and short-conv */
      groups: z.number().int().nonnegative(),
      /** Mamba-2 heads / Gated DeltaNet value heads / Mamba-1 dt rank; 0 for short-conv */
      heads: z.number().int().nonnegative(),
    })
    .nullish(),
  /**
   * One letter per layer for hybrids: A attention + FFN, R recurrent + FFN, B both + FFN (Falcon-H1),
   * Nemotron-H's M recurrent only, * attention only, - dense FFN only, E MoE FFN only.
   */
  blocks: z
    .string()
    .regex(BLOCK_LETTERS, { error: 'blocks may only use the letters A, R, B, M, *, E and -' })
    .nullish(),
  /** mtp_num_hidden_layers: multi-token-prediction blocks in the GGUF, loaded only for MTP decoding (Qwen3.5). */
  mtpLayers: z.number().int().nonnegative().nullish(),
  /** Routed experts ship natively quantized and GGUF conversions keep them: "MXFP4" for gpt-oss. */
  nativeExpertType: z.enum(['MXFP4']).nullish(),
  /** Tensor-layout family when the name does not tell it (e.g. "qwen3next", "nemotronh"); inferred otherwise. */
  family: z.enum(ARCH_FAMILIES).nullish(),
});

/** The vision encoder + projector of a multimodal model (its mmproj GGUF), from config.json's vision_config. */
export const VisionSchema = z.strictObject({
  /** Encoder + projector parameters (count), as parseHfConfig derives them from vision_config. */
  params: Count,
  /** vision_config.hidden_size */
  hiddenSize: Count,
  /** vision_config.intermediate_size */
  ffnSize: Count,
  /** Patches of one image at the reference resolution. */
  patchesPerImage: Count,
  /** Tokens one image adds to the context. */
  tokensPerImage: Count,
  /** Published mmproj files with exact byte sizes. */
  files: z
    .array(z.strictObject({ type: z.enum(['F16', 'BF16', 'Q8_0', 'F32']), bytes: Count, url: z.url() }))
    .optional(),
});

/** A downloadable weight file whose exact size is known. */
export const ModelFileSchema = z.strictObject({
  /** Format id, e.g. "Q4_K_M", "MLX-4bit", "FP16". */
  format: z.string().min(1),
  /** Exact size in bytes as listed by the host (not rounded GB). */
  bytes: Count,
  /** Who published the file, e.g. "bartowski". */
  publisher: z.string().min(1).optional(),
  /** Hugging Face repository holding the file, e.g. "bartowski/Qwen_Qwen3-8B-GGUF" (commands download from it). */
  repo: z
    .string()
    .regex(/^[\w.-]+\/[\w.-]+$/, { error: 'repo is "owner/name"' })
    .optional(),
  /** File name(s) in that repository; a split file lists every part and `bytes` is their sum. */
  fileNames: z.array(z.string().min(1)).min(1).optional(),
  /** Page that lists the size. */
  url: z.url(),
});

/** A model (content/models/<id>.mdx: the data in frontmatter, the verdict in the body). */
export const ModelSchema = z.strictObject({
  /** Display name, e.g. "Llama 3.1 8B Instruct". */
  name: z.string().min(1),
  /** Publisher, e.g. "Meta". */
  org: z.string().min(1),
  /** Family for grouping, e.g. "Llama 3.1". */
  family: z.string().min(1),
  /** Hand-written verdict shown at the top of the page, 1-3 sentences, no fit numbers (those come from the engine). */
  summary: z.string().min(20),
  modality: z.array(z.enum(MODEL_MODALITIES)).min(1),
  releaseDate: IsoDate,
  license: z.string().min(1),
  /** Hugging Face repo id, e.g. "meta-llama/Llama-3.1-8B-Instruct". */
  hfRepo: z.string().regex(/^[\w.-]+\/[\w.-]+$/, { error: 'hfRepo is "owner/name"' }),
  /** Ollama library tag, e.g. "llama3.1:8b". */
  ollamaTag: z.string().min(1).nullish(),
  /** Quantization the plain ollamaTag pulls (Ollama's library default is Q4_K_M for most models). */
  ollamaTagFormat: z.string().min(1).nullish(),
  /** Ollama library tags for other quantizations, by format id, e.g. { "Q8_0": "llama3.1:8b-instruct-q8_0" }. */
  ollamaTagsByFormat: z.record(z.string().min(1), z.string().min(1)).default({}),
  /** MLX community repo, e.g. "mlx-community/Meta-Llama-3.1-8B-Instruct-4bit". */
  mlxRepo: z.string().min(1).nullish(),
  /** Total parameter count (a count, not billions), e.g. 8030261248. */
  paramsTotal: Count,
  /** Active parameters per token for MoE models. */
  paramsActive: Count.nullish(),
  /** Maximum context length in tokens (max_position_embeddings or the model card's value). */
  contextLength: Count,
  architecture: ArchitectureSchema,
  /** Vision projector (multimodal models only; the checker's vision switch loads it). */
  vision: VisionSchema.nullish(),
  files: z.array(ModelFileSchema).default([]),
  /** Tool ids (content/tools) that run this model. */
  tools: IdList,
  /** Date the facts were last checked, YYYY-MM-DD. */
  asOf: IsoDate,
  sources: Sources,
});
export type ModelData = z.output<typeof ModelSchema>;
