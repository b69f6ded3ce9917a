/**
 * Parse a Hugging Face config.json (already JSON.parse'd) into the engine's ModelArchitecture.
 * Handles Llama, Mistral, Mixtral, Qwen2/2.5/3, Qwen2/3-MoE, Gemma 2/3 (incl. nested
 * text_config), Phi-3/4, DeepSeek V2/V3 (MLA) and gpt-oss.
 */
import type { ArchFamily, ModelArchitecture, ModelSpec } from './model.ts';
import { validateArchitecture } from './model.ts';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** model_type values whose layout family has another name (the others are their own family, or generic). */
const FAMILY_ALIASES: Record<string, ArchFamily> = {
  qwen2_moe: 'qwen2moe',
  qwen3_moe: 'qwen3moe',
  gemma3_text: 'gemma3',
  phimoe: 'phi3',
  deepseek_v2: 'deepseek2',
  deepseek_v3: 'deepseek2',
  gpt_oss: 'gpt-oss',
  cohere: 'command-r',
  cohere2: 'command-r',
};
const SAME_NAME_FAMILIES: readonly string[] = [
  'llama',
  'mistral',
  'mixtral',
  'qwen2',
  'qwen3',
  'gemma2',
  'gemma3',
  'phi3',
];

function familyOf(modelType: unknown): ArchFamily | undefined {
  const t = String(modelType);
  return FAMILY_ALIASES[t] ?? (SAME_NAME_FAMILIES.includes(t) ? (t as ArchFamily) : undefined);
}

export interface ParsedHfConfig {
  architecture: ModelArchitecture;
  model: ModelSpec;
  modelType: string;
}

/** Parse config.json; throws a one-line error naming the missing or malformed field. */
export function parseHfConfig(raw: unknown, name?: string): ParsedHfConfig {
  if (!isObject(raw)) throw new Error('config.json must be a JSON object.');
  const nested = isObject(raw['text_config']) ? raw['text_config'] : {};
  const c: Json = { ...raw, ...nested };
  const modelType = String(nested['model_type'] ?? raw['model_type'] ?? '');
  const family = familyOf(modelType) ?? familyOf(raw['model_type']) ?? 'generic';
  /** The first of `keys` that is a finite number. */
  const num = (...keys: string[]): number | undefined => {
    for (const k of keys) if (Number.isFinite(c[k])) return c[k] as number;
    return undefined;
  };
  /** Like num(), but missing is an error naming the first key. */
  const req = (...keys: string[]): number => num(...keys) ?? missing(keys[0]!);
  const missing = (key: string): never => {
    throw new Error(`config.json is missing "${key}".`);
  };

  const layers = req('num_hidden_layers', 'n_layer', 'num_layers');
  const hiddenSize = req('hidden_size', 'n_embd', 'd_model');
  const heads = req('num_attention_heads', 'n_head');
  const kvHeads = num('num_key_value_heads', 'n_head_kv') ?? heads;
  const vocabSize = req('vocab_size');

  let headDim = num('head_dim') ?? hiddenSize / heads;
  let mla: ModelArchitecture['mla'] = null;
  const kvLoraRank = num('kv_lora_rank') ?? 0;
  if (kvLoraRank > 0) {
    const [qkRopeHeadDim, qkNopeHeadDim, vHeadDim] = [
      req('qk_rope_head_dim'),
      req('qk_nope_head_dim'),
      req('v_head_dim'),
    ];
    mla = { kvLoraRank, qkRopeHeadDim, qkNopeHeadDim, vHeadDim, qLoraRank: num('q_lora_rank') ?? null };
    headDim = qkRopeHeadDim + qkNopeHeadDim;
  }
  if (!Number.isInteger(headDim))
    throw new Error('config.json: head_dim is missing and hidden_size / num_attention_heads is not an integer.');

  const experts = num('num_local_experts', 'num_experts', 'n_routed_experts') ?? 0;
  const intermediate = num('intermediate_size');
  let moe: ModelArchitecture['moe'] = null;
  if (experts > 1) {
    const sharedFfnSize = num('shared_expert_intermediate_size');
    moe = {
      experts,
      activeExperts: req('num_experts_per_tok', 'experts_per_token', 'num_experts_per_token'),
      expertFfnSize: num('moe_intermediate_size') ?? intermediate ?? missing('moe_intermediate_size'),
      sharedExperts: num('n_shared_experts') ?? (sharedFfnSize! > 0 ? 1 : 0),
      sharedFfnSize: sharedFfnSize ?? null,
      denseLayers: num('first_k_dense_replace') ?? 0,
    };
  }

  const flag = (v: unknown, fallback: boolean): boolean => (typeof v === 'boolean' ? v : fallback);
  const architecture: ModelArchitecture = {
    layers,
    hiddenSize,
    heads,
    kvHeads,
    headDim,
    ffnSize: intermediate ?? moe?.expertFfnSize ?? missing('intermediate_size'),
    vocabSize,
    tiedEmbeddings: flag(
      c['tie_word_embeddings'],
      family === 'gemma2' || family === 'gemma3' || family === 'command-r',
    ),
    qkvBias: flag(
      c['attention_bias'] ?? c['attention_qkv_bias'] ?? c['qkv_bias'],
      family === 'qwen2' || family === 'qwen2moe',
    ),
    slidingWindow: slidingWindowFor(
      family,
      c,
      num('sliding_window') ?? 0,
      num('sliding_window_pattern', '_sliding_window_pattern'),
    ),
    mla,
    moe,
    family,
  };
  if (mla) architecture.vHeadDim = mla.vHeadDim;
  validateArchitecture(architecture);
  const repo = typeof raw['_name_or_path'] === 'string' ? raw['_name_or_path'] : null;
  return {
    architecture,
    modelType,
    model: {
      name: name ?? repo ?? (modelType || 'model'),
      architecture,
      contextLength: num('max_position_embeddings') ?? null,
      hfRepo: repo,
    },
  };
}

/**
 * Sliding-window layout: from layer_types when the config lists them, else the family's llama.cpp
 * pattern (layer i is full when i % fullEvery === fullEvery - 1; 0 = every layer slides).
 * Families llama.cpp runs without a window (Mistral, Qwen, ...) ignore `sliding_window`.
 */
function slidingWindowFor(
  family: ArchFamily,
  c: Json,
  window: number,
  pattern: number | undefined,
): ModelArchitecture['slidingWindow'] {
  const types = c['layer_types'];
  if (Array.isArray(types) && types.length > 0 && window > 0) {
    const sliding = types.map((t) => t === 'sliding_attention');
    if (!sliding.some(Boolean)) return null;
    const period = sliding.indexOf(false) + 1;
    // period 0: no full layer at all. Otherwise check the pattern repeats.
    if (sliding.every((s, i) => s === (period === 0 || i % period < period - 1))) return { window, fullEvery: period };
  }
  if (window <= 0) return null;
  if (family === 'gemma2' || family === 'gpt-oss') return { window, fullEvery: 2 };
  if (family === 'gemma3') return { window, fullEvery: pattern ?? 6 };
  if (c['model_type'] === 'cohere2') return { window, fullEvery: pattern ?? 4 };
  return null;
}
