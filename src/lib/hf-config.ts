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

function num(c: Json, key: string): number | undefined {
  const v = c[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function req(c: Json, keys: string[], what: string): number {
  for (const k of keys) {
    const v = num(c, k);
    if (v !== undefined) return v;
  }
  throw new Error(`config.json is missing "${keys[0]}" (${what}).`);
}

const FAMILY_BY_MODEL_TYPE: Record<string, ArchFamily> = {
  llama: 'llama',
  mistral: 'mistral',
  mixtral: 'mixtral',
  qwen2: 'qwen2',
  qwen2_moe: 'qwen2moe',
  qwen3: 'qwen3',
  qwen3_moe: 'qwen3moe',
  gemma2: 'gemma2',
  gemma3: 'gemma3',
  gemma3_text: 'gemma3',
  phi3: 'phi3',
  phimoe: 'phi3',
  deepseek_v2: 'deepseek2',
  deepseek_v3: 'deepseek2',
  gpt_oss: 'gpt-oss',
  cohere: 'command-r',
  cohere2: 'command-r',
};

/** Families whose configs default to tied embeddings when the field is absent. */
const TIED_BY_DEFAULT: ReadonlySet<ArchFamily> = new Set<ArchFamily>(['gemma2', 'gemma3', 'command-r']);

/** Families where llama.cpp applies the sliding window (others ignore `sliding_window`). */
function slidingWindowFor(family: ArchFamily, c: Json, layers: number): ModelArchitecture['slidingWindow'] {
  const window = num(c, 'sliding_window');
  const types = c['layer_types'];
  if (Array.isArray(types) && types.length > 0 && window !== undefined) {
    const sliding = types.map((t) => t === 'sliding_attention');
    if (!sliding.some(Boolean)) return null;
    if (sliding.every(Boolean)) return { window, fullEvery: 0 };
    const firstFull = sliding.indexOf(false);
    const period = firstFull + 1;
    // Check the pattern repeats (layer i full when i % period == period - 1).
    const ok = sliding.every((s, i) => s === i % period < period - 1);
    if (ok) return { window, fullEvery: period };
  }
  if (window === undefined || window <= 0) return null;
  if (family === 'gemma2') return { window, fullEvery: 2 };
  if (family === 'gemma3') {
    return { window, fullEvery: num(c, 'sliding_window_pattern') ?? num(c, '_sliding_window_pattern') ?? 6 };
  }
  if (family === 'gpt-oss') return { window, fullEvery: 2 };
  if (family === 'command-r' && c['model_type'] === 'cohere2') return { window, fullEvery: num(c, 'sliding_window_pattern') ?? 4 };
  void layers;
  return null;
}

export interface ParsedHfConfig {
  architecture: ModelArchitecture;
  model: ModelSpec;
  modelType: string;
}

/** Parse config.json; throws a one-line error naming the missing or malformed field. */
export function parseHfConfig(raw: unknown, name?: string): ParsedHfConfig {
  if (!isObject(raw)) throw new Error('config.json must be a JSON object.');
  const nested = isObject(raw['text_config']) ? raw['text_config'] : undefined;
  const c: Json = nested !== undefined ? { ...raw, ...nested } : raw;
  const modelType = String((nested?.['model_type'] as string | undefined) ?? raw['model_type'] ?? '');
  const family: ArchFamily = FAMILY_BY_MODEL_TYPE[modelType] ?? FAMILY_BY_MODEL_TYPE[String(raw['model_type'] ?? '')] ?? 'generic';

  const layers = req(c, ['num_hidden_layers', 'n_layer', 'num_layers'], 'number of layers');
  const hiddenSize = req(c, ['hidden_size', 'n_embd', 'd_model'], 'hidden size');
  const heads = req(c, ['num_attention_heads', 'n_head'], 'attention heads');
  const kvHeads = num(c, 'num_key_value_heads') ?? num(c, 'n_head_kv') ?? heads;
  const vocabSize = req(c, ['vocab_size'], 'vocabulary size');

  let headDim = num(c, 'head_dim') ?? hiddenSize / heads;
  let vHeadDim: number | undefined;
  let mla: ModelArchitecture['mla'] = null;
  const kvLora = num(c, 'kv_lora_rank');
  if (kvLora !== undefined && kvLora > 0) {
    const rope = req(c, ['qk_rope_head_dim'], 'MLA rope head size');
    const nope = req(c, ['qk_nope_head_dim'], 'MLA no-rope head size');
    const v = req(c, ['v_head_dim'], 'MLA value head size');
    mla = { kvLoraRank: kvLora, qkRopeHeadDim: rope, qkNopeHeadDim: nope, vHeadDim: v, qLoraRank: num(c, 'q_lora_rank') ?? null };
    headDim = rope + nope;
    vHeadDim = v;
  }
  if (!Number.isInteger(headDim)) throw new Error('config.json: head_dim is missing and hidden_size / num_attention_heads is not an integer.');

  const experts = num(c, 'num_local_experts') ?? num(c, 'num_experts') ?? num(c, 'n_routed_experts');
  let moe: ModelArchitecture['moe'] = null;
  const intermediate = num(c, 'intermediate_size');
  if (experts !== undefined && experts > 1) {
    const active = req(c, ['num_experts_per_tok', 'experts_per_token', 'num_experts_per_token'], 'active experts per token');
    const expertFfn = num(c, 'moe_intermediate_size') ?? intermediate;
    if (expertFfn === undefined) throw new Error('config.json is missing "moe_intermediate_size" (expert FFN size).');
    const sharedSize = num(c, 'shared_expert_intermediate_size');
    const nShared = num(c, 'n_shared_experts') ?? (sharedSize !== undefined && sharedSize > 0 ? 1 : 0);
    moe = {
      experts,
      activeExperts: active,
      expertFfnSize: expertFfn,
      sharedExperts: nShared,
      sharedFfnSize: sharedSize ?? null,
      denseLayers: num(c, 'first_k_dense_replace') ?? 0,
    };
  }
  const ffnSize = intermediate ?? moe?.expertFfnSize;
  if (ffnSize === undefined) throw new Error('config.json is missing "intermediate_size" (FFN size).');

  const tiedRaw = c['tie_word_embeddings'];
  const tiedEmbeddings = typeof tiedRaw === 'boolean' ? tiedRaw : TIED_BY_DEFAULT.has(family);
  const biasRaw = c['attention_bias'] ?? c['attention_qkv_bias'] ?? c['qkv_bias'];
  const qkvBias = typeof biasRaw === 'boolean' ? biasRaw : family === 'qwen2' || family === 'qwen2moe';

  const architecture: ModelArchitecture = {
    layers,
    hiddenSize,
    heads,
    kvHeads,
    headDim,
    ffnSize,
    vocabSize,
    tiedEmbeddings,
    qkvBias,
    slidingWindow: slidingWindowFor(family, c, layers),
    mla,
    moe,
    family,
  };
  if (vHeadDim !== undefined) architecture.vHeadDim = vHeadDim;
  validateArchitecture(architecture);
  const ctx = num(c, 'max_position_embeddings');
  const modelName = name ?? (typeof raw['_name_or_path'] === 'string' ? raw['_name_or_path'] : modelType || 'model');
  return {
    architecture,
    modelType,
    model: { name: modelName, architecture, contextLength: ctx ?? null, hfRepo: typeof raw['_name_or_path'] === 'string' ? raw['_name_or_path'] : null },
  };
}
