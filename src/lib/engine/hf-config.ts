/**
 * Parse a Hugging Face config.json (already JSON.parse'd) into the engine's ModelArchitecture.
 * Handles Llama, Mistral, Mixtral, Qwen2/2.5/3, Qwen2/3-MoE, Gemma 2/3 (incl. nested
 * text_config), Phi-3/4, DeepSeek V2/V3 (MLA) and gpt-oss.
 */
import type { ArchFamily, ModelArchitecture, ModelSpec, RecurrentSpec } from './model.ts';
import { validateArchitecture } from './model.ts';
import { visionFromConfig } from './vision.ts';

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
  llama4_text: 'llama4',
  qwen3_next: 'qwen3next',
  qwen3_5: 'qwen35',
  qwen3_5_text: 'qwen35',
  qwen3_5_moe: 'qwen35',
  qwen3_5_moe_text: 'qwen35',
  granitemoehybrid: 'granitehybrid',
  nemotron_h: 'nemotronh',
  falcon_h1: 'falconh1',
  lfm2_moe: 'lfm2',
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
  'llama4',
  'lfm2',
  'jamba',
  'mamba2',
];

/** Families whose layers are all recurrent (no attention heads in the config). */
const RECURRENT_ONLY: readonly ArchFamily[] = ['mamba2'];

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

  const layers = req('num_hidden_layers', 'n_layer', 'num_layers');
  const hiddenSize = req('hidden_size', 'n_embd', 'd_model');
  // A pure state-space model has no attention; 1 head keeps the shape valid and no layer uses it.
  const heads = RECURRENT_ONLY.includes(family)
    ? (num('num_attention_heads') ?? 1)
    : req('num_attention_heads', 'n_head');
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
    const sharedFfnSize = num(
      'shared_expert_intermediate_size',
      'moe_shared_expert_intermediate_size',
      'shared_intermediate_size',
    );
    moe = {
      experts,
      activeExperts: req('num_experts_per_tok', 'experts_per_token', 'num_experts_per_token'),
      expertFfnSize: num('moe_intermediate_size') ?? intermediate ?? missing('moe_intermediate_size'),
      sharedExperts: num('n_shared_experts') ?? (sharedFfnSize! > 0 || family === 'llama4' ? 1 : 0),
      sharedFfnSize: sharedFfnSize ?? (family === 'llama4' ? (intermediate ?? null) : null),
      denseLayers: num('first_k_dense_replace') ?? 0,
      layerStep: num('interleave_moe_layer_step', 'expert_layer_period', 'decoder_sparse_step') ?? 1,
    };
  }
  const hybrid = hybridLayout(family, c, layers, hiddenSize, num, req);

  const flag = (v: unknown, fallback: boolean): boolean => (typeof v === 'boolean' ? v : fallback);
  const architecture: ModelArchitecture = {
    layers,
    hiddenSize,
    heads,
    kvHeads,
    headDim,
    ffnSize:
      denseFfnSize(family, c, num) ??
      intermediate ??
      moe?.expertFfnSize ??
      hybrid?.ffnFallback ??
      missing('intermediate_size'),
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
    recurrent: hybrid?.recurrent ?? null,
    blocks: hybrid?.blocks ?? null,
    nativeExpertType: family === 'gpt-oss' && moe != null ? 'MXFP4' : null,
    mtpLayers: num('mtp_num_hidden_layers') ?? null,
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
      vision: visionFromConfig(raw, hiddenSize),
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
  // Llama 4: chunked attention on 3 of every 4 layers (llama.cpp's n_no_rope_layer_step = 4).
  const chunk = Number(c['attention_chunk_size']);
  if (family === 'llama4' && chunk > 0) return { window: chunk, fullEvery: 4, kind: 'chunked' };
  if (window <= 0) return null;
  if (family === 'gemma2' || family === 'gpt-oss') return { window, fullEvery: 2 };
  if (family === 'gemma3') return { window, fullEvery: pattern ?? 6 };
  if (c['model_type'] === 'cohere2') return { window, fullEvery: pattern ?? 4 };
  return null;
}

type NumReader = (...keys: string[]) => number | undefined;

/**
 * Dense FFN width where the config names it apart from the experts' (Llama 4:
 * intermediate_size_mlp) or derives it (LFM2: llama.cpp's converter turns block_ff_dim into
 * multiple_of * ceil(multiplier * 2/3 * block_ff_dim / multiple_of) when auto-adjusting).
 */
function denseFfnSize(family: ArchFamily, c: Json, num: NumReader): number | undefined {
  if (family === 'llama4') return num('intermediate_size_mlp');
  // Granite 4.0-H: every layer has a shared MLP of shared_intermediate_size (the only FFN of the
  // dense models); intermediate_size is the routed experts' width.
  if (family === 'granitehybrid') return num('shared_intermediate_size');
  if (family === 'lfm2' && num('block_ff_dim') !== undefined) {
    let ff = num('block_ff_dim')!;
    if (c['block_auto_adjust_ff_dim'] === true) {
      ff = Math.floor((2 * ff) / 3);
      const mult = num('block_ffn_dim_multiplier');
      if (mult !== undefined) ff = Math.floor(mult * ff);
      const of = num('block_multiple_of') ?? 256;
      ff = of * Math.ceil(ff / of);
    }
    return ff;
  }
  return undefined;
}

/** Block letter of a layer_types / layers_block_type entry (see ModelArchitecture.blocks). */
function blockLetter(type: unknown): string {
  const t = String(type).toLowerCase();
  if (/attention$/.test(t) && !t.startsWith('linear')) return 'A';
  if (/^(linear_attention|mamba2?|conv|ssm|recurrent)$/.test(t)) return 'R';
  throw new Error(`config.json: unknown layer type "${t}" in layer_types.`);
}

/**
 * Which layers are recurrent and the recurrent mixer's sizes, read the way llama.cpp's
 * converter reads them: Qwen3-Next / Qwen3.5 (Gated DeltaNet: linear_* keys, full_attention_interval
 * or layer_types), Granite 4.0-H and Falcon-H1 (mamba_* keys), Nemotron-H (hybrid_override_pattern),
 * LFM2 (short conv, conv_L_cache), Jamba (Mamba-1, attn_layer_period) and pure Mamba-2. Null for
 * transformers. ffnFallback: a width for models with no FFN at all (pure Mamba-2; unused).
 */
function hybridLayout(
  family: ArchFamily,
  c: Json,
  layers: number,
  hidden: number,
  num: NumReader,
  req: (...keys: string[]) => number,
): { blocks: string; recurrent: RecurrentSpec; ffnFallback?: number } | null {
  const types = Array.isArray(c['layer_types'])
    ? c['layer_types']
    : Array.isArray(c['layers_block_type'])
      ? c['layers_block_type']
      : null;
  const fromTypes = (): string | null => {
    if (types === null) return null;
    if (types.length !== layers)
      throw new Error(`config.json: layer_types lists ${types.length} layers, num_hidden_layers is ${layers}.`);
    return types.map(blockLetter).join('');
  };
  /** Mamba-2 sizes from the mamba_* keys (Granite 4.0-H, Falcon-H1) or the plain ones (Nemotron-H, Mamba-2). */
  const mamba2 = (): RecurrentSpec => {
    const heads = req('mamba_n_heads', 'mamba_num_heads', 'num_heads');
    const headDim = num('mamba_d_head', 'mamba_head_dim', 'head_dim');
    const inner =
      num('mamba_d_ssm') ?? (headDim !== undefined ? heads * headDim : (num('mamba_expand', 'expand') ?? 2) * hidden);
    return {
      kind: 'mamba2',
      convKernel: req('mamba_d_conv', 'conv_kernel'),
      stateSize: req('mamba_d_state', 'ssm_state_size', 'state_size'),
      innerSize: inner,
      groups: req('mamba_n_groups', 'n_groups'),
      heads,
    };
  };
  switch (family) {
    case 'qwen3next':
    case 'qwen35': {
      const every = num('full_attention_interval') ?? 4;
      const blocks =
        fromTypes() ?? Array.from({ length: layers }, (_, i) => ((i + 1) % every === 0 ? 'A' : 'R')).join('');
      const vHeads = req('linear_num_value_heads');
      return {
        blocks,
        recurrent: {
          kind: 'gated-deltanet',
          convKernel: req('linear_conv_kernel_dim'),
          stateSize: req('linear_key_head_dim'),
          innerSize: vHeads * req('linear_value_head_dim'),
          groups: req('linear_num_key_heads'),
          heads: vHeads,
        },
      };
    }
    case 'granitehybrid':
      return { blocks: fromTypes() ?? missing('layer_types'), recurrent: mamba2() };
    case 'falconh1':
      return { blocks: 'B'.repeat(layers), recurrent: mamba2() };
    case 'nemotronh': {
      const pattern = String(c['hybrid_override_pattern'] ?? missing('hybrid_override_pattern'));
      if (pattern.length !== layers)
        throw new Error(`config.json: hybrid_override_pattern has ${pattern.length} letters for ${layers} layers.`);
      if (!/^[M*E-]+$/.test(pattern))
        throw new Error('config.json: hybrid_override_pattern may only use M, *, E and -.');
      return { blocks: pattern, recurrent: mamba2() };
    }
    case 'lfm2': {
      return {
        blocks: fromTypes() ?? missing('layer_types'),
        recurrent: {
          kind: 'short-conv',
          convKernel: req('conv_L_cache'),
          stateSize: 0,
          innerSize: hidden,
          groups: 0,
          heads: 0,
        },
      };
    }
    case 'jamba': {
      const period = num('attn_layer_period') ?? 8;
      const offset = num('attn_layer_offset') ?? 4;
      const inner = (num('mamba_expand') ?? 2) * hidden;
      return {
        blocks: Array.from({ length: layers }, (_, i) => (i % period === offset ? 'A' : 'R')).join(''),
        recurrent: {
          kind: 'mamba',
          convKernel: num('mamba_d_conv') ?? 4,
          stateSize: num('mamba_d_state') ?? 16,
          innerSize: inner,
          groups: 0,
          heads: num('mamba_dt_rank') ?? Math.ceil(hidden / 16),
        },
      };
    }
    case 'mamba2':
      return { blocks: 'M'.repeat(layers), recurrent: mamba2(), ffnFallback: hidden };
    default:
      return null;
  }
}

function missing(key: string): never {
  throw new Error(`config.json is missing "${key}".`);
}
