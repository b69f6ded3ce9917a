import { z } from 'astro/zod';
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
  /** Sliding-window attention: window in tokens; layer i is full attention when i % fullEvery == fullEvery-1 (0 = all sliding). */
  slidingWindow: z.strictObject({ window: Count, fullEvery: z.number().int().nonnegative() }).nullish(),
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
    })
    .nullish(),
});

/** A downloadable weight file whose exact size is known. */
export const ModelFileSchema = z.strictObject({
  /** Format id, e.g. "Q4_K_M", "MLX-4bit", "FP16". */
  format: z.string().min(1),
  /** Exact size in bytes as listed by the host (not rounded GB). */
  bytes: Count,
  /** Who published the file, e.g. "bartowski". */
  publisher: z.string().min(1).optional(),
  /** Page that lists the size. */
  url: z.url(),
});

/** A model (content/models/<id>.json). */
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
  /** MLX community repo, e.g. "mlx-community/Meta-Llama-3.1-8B-Instruct-4bit". */
  mlxRepo: z.string().min(1).nullish(),
  /** Total parameter count (a count, not billions), e.g. 8030261248. */
  paramsTotal: Count,
  /** Active parameters per token for MoE models. */
  paramsActive: Count.nullish(),
  /** Maximum context length in tokens (max_position_embeddings or the model card's value). */
  contextLength: Count,
  architecture: ArchitectureSchema,
  files: z.array(ModelFileSchema).default([]),
  /** Tool ids (content/tools) that run this model. */
  tools: IdList,
  /** Date the facts were last checked, YYYY-MM-DD. */
  asOf: IsoDate,
  sources: Sources,
});
export type ModelData = z.output<typeof ModelSchema>;
