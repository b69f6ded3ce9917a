/**
 * A ModelArchitecture from a GGUF file's metadata (the key/value pairs llama.cpp reads, e.g. from
 * `gguf-dump` or Hugging Face's GGUF viewer), for the architectures the engine knows. Hybrids are
 * read the way llama.cpp's load_hparams reads them: per-layer head_count_kv = 0 marks a recurrent
 * layer (Granite 4.0-H, LFM2, Jamba), Nemotron-H also reads per-layer feed_forward_length, and
 * Qwen3-Next / Qwen3.5 use full_attention_interval. Llama 4 chunks 3 of every 4 layers at 8192
 * tokens (hard-coded in llama.cpp).
 */
import type { ArchFamily, ModelArchitecture, RecurrentSpec } from './model.ts';
import { validateArchitecture } from './model.ts';

/** general.architecture values and the engine's layout family. */
const FAMILIES: Record<string, ArchFamily> = {
  llama: 'llama',
  mistral3: 'mistral',
  qwen2: 'qwen2',
  qwen2moe: 'qwen2moe',
  qwen3: 'qwen3',
  qwen3moe: 'qwen3moe',
  qwen3next: 'qwen3next',
  qwen35: 'qwen35',
  qwen35moe: 'qwen35',
  gemma2: 'gemma2',
  gemma3: 'gemma3',
  phi3: 'phi3',
  deepseek2: 'deepseek2',
  'gpt-oss': 'gpt-oss',
  'command-r': 'command-r',
  cohere2: 'command-r',
  llama4: 'llama4',
  granitehybrid: 'granitehybrid',
  nemotron_h: 'nemotronh',
  nemotron_h_moe: 'nemotronh',
  'falcon-h1': 'falconh1',
  lfm2: 'lfm2',
  lfm2moe: 'lfm2',
  jamba: 'jamba',
  mamba2: 'mamba2',
  mamba: 'mamba2',
};

/** Parse GGUF metadata; throws a one-line error naming the missing key. */
export function architectureFromGguf(meta: Record<string, unknown>): ModelArchitecture {
  const name = String(meta['general.architecture'] ?? '');
  const family = FAMILIES[name];
  if (family === undefined) throw new Error(`GGUF: unknown general.architecture "${name}".`);
  const key = (k: string): unknown => meta[`${name}.${k}`];
  const num = (k: string): number | undefined => {
    const v = key(k);
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  };
  const req = (k: string): number => num(k) ?? fail(`${name}.${k}`);
  /** A scalar or per-layer array key as one value per layer. */
  const perLayer = (k: string, layers: number): number[] | undefined => {
    const v = key(k);
    if (Array.isArray(v)) return v.map(Number);
    return typeof v === 'number' ? Array.from({ length: layers }, () => v) : undefined;
  };
  const nextn = num('nextn_predict_layers') ?? 0;
  const layers = req('block_count') - nextn;
  const hidden = req('embedding_length');
  const heads = Math.max(0, ...(perLayer('attention.head_count', layers) ?? [0]));
  const kvPerLayer = perLayer('attention.head_count_kv', layers) ?? Array.from({ length: layers }, () => heads);
  const kvHeads = Math.max(0, ...kvPerLayer);
  const ffnPerLayer = perLayer('feed_forward_length', layers) ?? [];
  const ffn = Math.max(0, ...ffnPerLayer);
  const experts = num('expert_count') ?? 0;
  const tokens = meta['tokenizer.ggml.tokens'];
  const vocab = num('vocab_size') ?? (Array.isArray(tokens) ? tokens.length : fail(`${name}.vocab_size`));

  let blocks: string | null = null;
  let recurrent: RecurrentSpec | null = null;
  const ssm = (kind: RecurrentSpec['kind']): RecurrentSpec => ({
    kind,
    convKernel: req('ssm.conv_kernel'),
    stateSize: req('ssm.state_size'),
    innerSize: req('ssm.inner_size'),
    groups: kind === 'mamba' ? 0 : (num('ssm.group_count') ?? 0),
    heads: num('ssm.time_step_rank') ?? 0,
  });
  const byKv = (): string => kvPerLayer.map((k) => (k > 0 ? 'A' : 'R')).join('');
  switch (family) {
    case 'qwen3next':
    case 'qwen35': {
      const every = num('full_attention_interval') ?? 4;
      blocks = Array.from({ length: layers }, (_, i) => ((i + 1) % every === 0 ? 'A' : 'R')).join('');
      recurrent = ssm('gated-deltanet');
      break;
    }
    case 'granitehybrid':
      blocks = byKv();
      recurrent = ssm('mamba2');
      break;
    case 'jamba':
      blocks = byKv();
      recurrent = ssm('mamba');
      break;
    case 'lfm2':
      blocks = byKv();
      recurrent = {
        kind: 'short-conv',
        convKernel: req('shortconv.l_cache'),
        stateSize: 0,
        innerSize: hidden,
        groups: 0,
        heads: 0,
      };
      break;
    case 'nemotronh':
      blocks = kvPerLayer
        .map((k, i) => (k > 0 ? '*' : (ffnPerLayer[i] ?? 0) > 0 ? (experts > 1 ? 'E' : '-') : 'M'))
        .join('');
      recurrent = ssm('mamba2');
      break;
    case 'falconh1':
      blocks = 'B'.repeat(layers);
      recurrent = ssm('mamba2');
      break;
    case 'mamba2':
      blocks = 'M'.repeat(layers);
      recurrent = ssm(name === 'mamba' ? 'mamba' : 'mamba2');
      break;
  }

  const window = num('attention.sliding_window') ?? 0;
  const slidingWindow: ModelArchitecture['slidingWindow'] =
    family === 'llama4'
      ? window === 0 && key('attention.sliding_window') !== undefined
        ? null
        : { window: 8192, fullEvery: 4, kind: 'chunked' }
      : window > 0 && (family === 'gemma2' || family === 'gpt-oss')
        ? { window, fullEvery: 2 }
        : window > 0 && family === 'gemma3'
          ? { window, fullEvery: 6 }
          : window > 0 && family === 'command-r'
            ? { window, fullEvery: 4 }
            : null;

  const headDim = num('attention.key_length') ?? (heads > 0 ? hidden / heads : 1);
  const arch: ModelArchitecture = {
    layers,
    hiddenSize: hidden,
    // A pure state-space model has no attention: one nominal head keeps the shape valid.
    heads: Math.max(1, heads),
    kvHeads: Math.max(1, kvHeads),
    headDim: Math.max(1, headDim),
    vHeadDim: num('attention.value_length') ?? null,
    ffnSize: Math.max(1, ffn || (num('expert_feed_forward_length') ?? hidden)),
    vocabSize: vocab,
    tiedEmbeddings: family === 'gemma2' || family === 'gemma3' || family === 'lfm2',
    slidingWindow,
    moe:
      experts > 1
        ? {
            experts,
            activeExperts: req('expert_used_count'),
            expertFfnSize: req('expert_feed_forward_length'),
            sharedExperts: (num('expert_shared_feed_forward_length') ?? 0) > 0 ? 1 : (num('expert_shared_count') ?? 0),
            sharedFfnSize: num('expert_shared_feed_forward_length') ?? null,
            denseLayers: num('leading_dense_block_count') ?? 0,
            layerStep: num('interleave_moe_layer_step') ?? 1,
          }
        : null,
    recurrent,
    blocks,
    mtpLayers: nextn > 0 ? nextn : null,
    nativeExpertType: family === 'gpt-oss' ? 'MXFP4' : null,
    family,
  };
  validateArchitecture(arch);
  return arch;
}

function fail(k: string): never {
  throw new Error(`GGUF metadata is missing "${k}".`);
}
