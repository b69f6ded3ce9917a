/**
 * Weight bytes. GGUF: simulate llama.cpp's per-tensor quant mix (src/llama-quant.cpp
 * llama_tensor_get_type) over the tensor shapes, or scale to the real file size when known.
 * Safetensors / AWQ / GPTQ / MLX: per-tensor bytes from their storage layouts.
 */
import type { FormatFamily, FormatId } from './formats.ts';
import { getFormat } from './formats.ts';
import type { ModelArchitecture, ModelSpec } from './model.ts';
import { validateArchitecture } from './model.ts';
import type { GgmlType } from './quant-types.ts';
import { GGML_TYPES, isQuantizedType, rowFits, tensorBytes } from './quant-types.ts';
import type { TensorInfo } from './tensors.ts';
import { buildTensors } from './tensors.ts';

/** Default ggml type of each GGUF file type (llama_ftype -> default_type). */
const GGUF_DEFAULT_TYPE: Partial<Record<FormatId, GgmlType>> = {
  Q2_K: 'Q2_K',
  Q2_K_S: 'Q2_K',
  Q3_K_S: 'Q3_K',
  Q3_K_M: 'Q3_K',
  Q3_K_L: 'Q3_K',
  Q4_0: 'Q4_0',
  Q4_1: 'Q4_1',
  Q4_K_S: 'Q4_K',
  Q4_K_M: 'Q4_K',
  Q5_0: 'Q5_0',
  Q5_1: 'Q5_1',
  Q5_K_S: 'Q5_K',
  Q5_K_M: 'Q5_K',
  Q6_K: 'Q6_K',
  Q8_0: 'Q8_0',
  IQ1_S: 'IQ1_S',
  IQ1_M: 'IQ1_M',
  IQ2_XXS: 'IQ2_XXS',
  IQ2_XS: 'IQ2_XS',
  IQ2_S: 'IQ2_XS',
  IQ2_M: 'IQ2_S',
  IQ3_XXS: 'IQ3_XXS',
  IQ3_XS: 'IQ3_S',
  IQ3_S: 'IQ3_S',
  IQ3_M: 'IQ3_S',
  IQ4_XS: 'IQ4_XS',
  IQ4_NL: 'IQ4_NL',
  MXFP4: 'MXFP4',
  F16: 'F16',
  BF16: 'BF16',
  F32: 'F32',
};

/** Options that change the GGUF mix. */
export interface QuantMixOptions {
  /** Quantized with an importance matrix (default: true for IQ formats, false otherwise). */
  imatrix?: boolean | undefined;
}

interface QuantState {
  ftype: FormatId;
  defaultType: GgmlType;
  nLayer: number;
  nGqa: number;
  nExpert: number;
  is70B: boolean;
  hasOutput: boolean;
  imatrix: boolean;
}

function useMoreBits(i: number, n: number): boolean {
  return i < Math.floor(n / 8) || i >= Math.floor((7 * n) / 8) || (i - Math.floor(n / 8)) % 3 === 2;
}

const IQ12_MIXES: ReadonlySet<FormatId> = new Set<FormatId>(['IQ2_XXS', 'IQ2_XS', 'IQ1_S', 'IQ2_S', 'IQ2_M', 'IQ1_M']);

/** llama_tensor_get_type for one tensor (before the divisibility fallback). */
function pickType(qs: QuantState, x: TensorInfo): GgmlType {
  const f = qs.ftype;
  let nt: GgmlType = qs.defaultType;
  const role = x.role;
  const isOutput = role === 'output' || (!qs.hasOutput && role === 'token_embd');
  if (isOutput) {
    const qk = GGML_TYPES[nt].blockElems;
    if (f === 'MXFP4') return 'Q8_0';
    if (x.ne0 % qk !== 0) return 'Q8_0';
    if (f === 'IQ2_XXS' || f === 'IQ2_XS' || f === 'IQ3_XXS' || f === 'IQ1_S' || f === 'IQ2_S' || f === 'IQ2_M' || f === 'IQ1_M') {
      return 'Q5_K';
    }
    return nt !== 'Q8_0' ? 'Q6_K' : nt;
  }
  if (f === 'MXFP4') return x.ne2 > 1 ? 'MXFP4' : 'Q8_0';
  if (role === 'token_embd') {
    if (f === 'IQ2_XXS' || f === 'IQ2_XS' || f === 'IQ1_S' || f === 'IQ1_M') return 'Q2_K';
    if (f === 'IQ2_S' || f === 'IQ2_M' || f === 'IQ3_XXS') return 'IQ3_S';
    return nt;
  }
  const i = x.layer;
  const n = qs.nLayer;
  if (IQ12_MIXES.has(f)) {
    if (role === 'attn_v') {
      if (qs.nGqa >= 4 || qs.nExpert >= 4) return 'Q4_K';
      return f === 'IQ2_S' || f === 'IQ2_M' ? 'IQ3_S' : 'Q2_K';
    }
    if (qs.nExpert === 8 && role === 'attn_k') return 'Q4_K';
    if (role === 'ffn_down' || role === 'ffn_down_exps' || role === 'ffn_down_shexp') {
      if (i < Math.floor(n / 8)) return f === 'IQ2_S' || f === 'IQ2_M' ? 'IQ3_S' : 'Q2_K';
      return nt;
    }
    if (role === 'attn_output') {
      if (qs.nExpert === 8) return 'Q5_K';
      if (f === 'IQ1_S' || f === 'IQ1_M') return 'IQ2_XXS';
      if (f === 'IQ2_S' || f === 'IQ2_M') return 'IQ3_S';
    }
    return nt;
  }
  if (role === 'attn_v') {
    if (f === 'Q2_K') nt = qs.nGqa >= 4 ? 'Q4_K' : 'Q3_K';
    else if (f === 'Q2_K_S' && qs.nGqa >= 4) nt = 'Q4_K';
    else if (f === 'IQ3_XXS') nt = qs.nGqa >= 4 ? 'Q4_K' : !qs.imatrix ? 'IQ3_S' : 'IQ3_XXS';
    else if ((f === 'IQ3_XS' || f === 'IQ3_S') && qs.nGqa >= 4) nt = 'Q4_K';
    else if (f === 'IQ3_M') nt = 'Q4_K';
    else if (f === 'Q3_K_M') nt = i < 2 ? 'Q5_K' : 'Q4_K';
    else if (f === 'Q3_K_L') nt = 'Q5_K';
    else if ((f === 'IQ4_NL' || f === 'IQ4_XS') && qs.nGqa >= 4) nt = 'Q5_K';
    else if ((f === 'Q4_K_M' || f === 'Q5_K_M') && useMoreBits(i, n)) nt = 'Q6_K';
    else if (f === 'Q4_K_S' && i < 4) nt = 'Q5_K';
    if (qs.is70B && (nt === 'Q3_K' || nt === 'Q4_K')) nt = 'Q5_K';
    if (qs.nExpert === 8) nt = 'Q8_0';
    return nt;
  }
  if (role === 'attn_k') {
    if (qs.nExpert === 8) return 'Q8_0';
    if (f === 'IQ3_XS') return 'IQ3_XXS';
    if (f === 'IQ3_XXS') return 'IQ2_S';
    return nt;
  }
  if (role === 'attn_q') {
    if (f === 'IQ3_XS') return 'IQ3_XXS';
    if (f === 'IQ3_XXS') return 'IQ2_S';
    return nt;
  }
  if (role === 'ffn_down' || role === 'ffn_down_exps' || role === 'ffn_down_shexp') {
    if (f === 'Q2_K') return 'Q3_K';
    if (f === 'Q2_K_S') return i < Math.floor(n / 8) ? 'Q4_K' : nt;
    if (f === 'IQ3_XXS' && !qs.imatrix) return i < Math.floor(n / 8) ? 'Q4_K' : 'Q3_K';
    if (f === 'Q3_K_M') return i < Math.floor(n / 16) ? 'Q5_K' : 'Q4_K';
    if (f === 'IQ3_M' && (i < Math.floor(n / 8) || (qs.nExpert === 8 && useMoreBits(i, n)))) return 'Q4_K';
    if (f === 'Q3_K_L') return 'Q5_K';
    if (f === 'Q4_K_M') return useMoreBits(i, n) ? 'Q6_K' : nt;
    if (i < Math.floor(n / 8) && (f === 'IQ4_NL' || f === 'IQ4_XS') && !qs.imatrix) return 'Q5_K';
    if (f === 'Q5_K_M' && useMoreBits(i, n)) return 'Q6_K';
    if (f === 'Q4_K_S' && i < Math.floor(n / 8)) return 'Q5_K';
    if ((f === 'Q4_0' || f === 'Q5_0') && qs.imatrix && i < Math.floor(n / 8)) return f === 'Q4_0' ? 'Q4_1' : 'Q5_1';
    return nt;
  }
  if (role === 'attn_output') {
    if (qs.nExpert === 8) {
      const bump: FormatId[] = ['Q2_K', 'IQ3_XS', 'IQ3_XXS', 'Q3_K_S', 'Q3_K_M', 'IQ4_NL', 'Q4_K_S', 'Q4_K_M', 'IQ3_S', 'IQ3_M', 'IQ4_XS'];
      return bump.includes(f) ? 'Q5_K' : nt;
    }
    if (f === 'Q2_K') return 'Q3_K';
    if (f === 'IQ3_XXS') return 'IQ3_S';
    if (f === 'Q3_K_M') return 'Q4_K';
    if (f === 'Q3_K_L') return 'Q5_K';
    if (f === 'IQ3_M') return 'Q4_K';
    return nt;
  }
  if (role === 'attn_qkv') {
    if (f === 'Q3_K_M' || f === 'Q3_K_L' || f === 'IQ3_M') return 'Q4_K';
    if (f === 'Q4_K_M') return 'Q5_K';
    if (f === 'Q5_K_M') return 'Q6_K';
    return nt;
  }
  if (role === 'ffn_gate' || role === 'ffn_gate_exps' || role === 'ffn_gate_shexp' || role === 'ffn_up' || role === 'ffn_up_exps' || role === 'ffn_up_shexp') {
    if (f === 'IQ3_XS' && i >= Math.floor(n / 8) && i < Math.floor((7 * n) / 8)) return 'IQ3_XXS';
    return nt;
  }
  return nt;
}

/** tensor_type_fallback when ne0 is not a multiple of the block size. */
function fallbackType(type: GgmlType, ne0: number): GgmlType {
  if (rowFits(type, ne0)) return type;
  let nt: GgmlType;
  switch (type) {
    case 'TQ1_0':
    case 'TQ2_0':
      nt = 'Q4_0';
      break;
    case 'IQ2_XXS':
    case 'IQ2_XS':
    case 'IQ2_S':
    case 'IQ3_XXS':
    case 'IQ3_S':
    case 'IQ1_S':
    case 'IQ1_M':
    case 'Q2_K':
    case 'Q3_K':
    case 'IQ4_XS':
      nt = 'IQ4_NL';
      break;
    case 'Q4_K':
      nt = 'Q5_0';
      break;
    case 'Q5_K':
      nt = 'Q5_1';
      break;
    case 'Q6_K':
      nt = 'Q8_0';
      break;
    default:
      nt = 'F16';
  }
  return rowFits(nt, ne0) ? nt : 'F16';
}

/** ggml type chosen for every tensor of a GGUF file type (F32 for norms, biases and router). */
export function ggufTensorTypes(arch: ModelArchitecture, format: FormatId, opts: QuantMixOptions = {}): { tensor: TensorInfo; type: GgmlType }[] {
  const defaultType = GGUF_DEFAULT_TYPE[format];
  if (defaultType === undefined) throw new Error(`"${format}" is not a GGUF format.`);
  const moeExperts = arch.moe?.experts ?? 0;
  const family = arch.family ?? 'generic';
  const qs: QuantState = {
    ftype: format,
    defaultType,
    nLayer: arch.layers,
    nGqa: arch.mla != null ? 1 : Math.floor(arch.heads / arch.kvHeads),
    nExpert: moeExperts,
    is70B:
      arch.layers === 80 &&
      arch.kvHeads < arch.heads &&
      (family === 'llama' || family === 'mistral' || family === 'qwen2' || family === 'generic'),
    hasOutput: !arch.tiedEmbeddings,
    imatrix: opts.imatrix ?? format.startsWith('IQ'),
  };
  const quantized = isQuantizedType(defaultType);
  return buildTensors(arch).map((tensor) => {
    if (!tensor.quantizable) return { tensor, type: 'F32' };
    if (!quantized) return { tensor, type: defaultType };
    return { tensor, type: fallbackType(pickType(qs, tensor), tensor.ne0) };
  });
}

/** Bytes of one tensor in a non-GGUF format. */
function nonGgufTensorBytes(family: FormatFamily, format: FormatId, x: TensorInfo): number {
  const fp16 = x.elements * 2;
  if (!x.quantizable) return fp16;
  const isEmbOrHead = x.role === 'token_embd' || x.role === 'output';
  switch (family) {
    case 'safetensors':
      if (format === 'FP8' && !isEmbOrHead) return x.elements * (1 + 4 / (128 * 128));
      return fp16;
    case 'awq':
    case 'gptq':
      // 4-bit weights, fp16 scale and packed 4-bit zero per group of 128; embeddings and lm_head stay fp16.
      if (isEmbOrHead) return fp16;
      return (x.elements * (4 + 16 / 128 + 4 / 128)) / 8;
    case 'mlx': {
      // Affine quantization: one fp16 scale + one fp16 bias per group of 64, embeddings included.
      const bits = format === 'MLX-8bit' ? 8 : 4;
      if (x.ne0 % 64 !== 0) return fp16;
      return (x.elements * (bits + 32 / 64)) / 8;
    }
    default:
      return fp16;
  }
}

/** Where the weight bytes are, per layer and per kind. */
export interface WeightBreakdown {
  format: FormatId;
  family: FormatFamily;
  /** All weight tensors (= GGUF tensor data, without metadata). */
  totalBytes: number;
  /** Input embedding (kept on the CPU by llama.cpp). */
  tokenEmbdBytes: number;
  /** Output projection + final norm (for tied embeddings: the duplicate the GPU holds). */
  outputBytes: number;
  tiedEmbeddings: boolean;
  /** Bytes of each repeating block (all its tensors, routed experts included). */
  layerBytes: number[];
  /** Bytes of routed-expert tensors of each block (0 for dense blocks). */
  layerExpertBytes: number[];
  /** Weight bytes read per generated token (all blocks except unused experts, plus output). */
  activeBytesPerToken: number;
  paramsTotal: number;
  paramsActive: number;
  /** Bytes per ggml type (GGUF) or storage kind. */
  bytesByType: Record<string, number>;
  /** 'file' when scaled to a real file size from the catalog, else 'simulated'. */
  source: 'file' | 'simulated';
  /** Estimated size of the file on disk (tensor data + metadata for GGUF). */
  fileBytes: number;
}

/** GGUF metadata (tokenizer, hyper-parameters) in bytes, estimated from the vocabulary size. */
export function ggufMetadataBytes(arch: ModelArchitecture): number {
  return 61 * arch.vocabSize + 64 * 1024;
}

/** Simulate the weight bytes of a model in a format, from the architecture alone. */
export function simulateWeights(arch: ModelArchitecture, formatId: FormatId, opts: QuantMixOptions = {}): WeightBreakdown {
  validateArchitecture(arch);
  const format = getFormat(formatId);
  const L = arch.layers;
  const layerBytes = new Array<number>(L).fill(0);
  const layerExpertBytes = new Array<number>(L).fill(0);
  const bytesByType: Record<string, number> = {};
  let tokenEmbdBytes = 0;
  let outputBytes = 0;
  let paramsTotal = 0;
  let routedParams = 0;

  const entries: { tensor: TensorInfo; bytes: number; type: string }[] =
    format.family === 'gguf'
      ? ggufTensorTypes(arch, format.id, opts).map(({ tensor, type }) => ({ tensor, type, bytes: tensorBytes(type, tensor.elements) }))
      : buildTensors(arch).map((tensor) => {
          const bytes = nonGgufTensorBytes(format.family, format.id, tensor);
          return { tensor, bytes, type: tensor.quantizable && bytes < tensor.elements * 2 ? format.id : 'F16' };
        });

  for (const { tensor, bytes, type } of entries) {
    paramsTotal += tensor.elements;
    bytesByType[type] = (bytesByType[type] ?? 0) + bytes;
    if (tensor.layer >= 0) {
      layerBytes[tensor.layer] = (layerBytes[tensor.layer] ?? 0) + bytes;
      if (tensor.routedExpert) {
        layerExpertBytes[tensor.layer] = (layerExpertBytes[tensor.layer] ?? 0) + bytes;
        routedParams += tensor.elements;
      }
    } else if (tensor.role === 'token_embd') {
      tokenEmbdBytes += bytes;
    } else {
      outputBytes += bytes;
    }
  }
  const tied = arch.tiedEmbeddings;
  const totalBytes = tokenEmbdBytes + outputBytes + sumArr(layerBytes);
  // Tied: the GPU holds a duplicate of token_embd as the output projection.
  if (tied) outputBytes += tokenEmbdBytes;
  const share = arch.moe != null ? arch.moe.activeExperts / arch.moe.experts : 1;
  const expertTotal = sumArr(layerExpertBytes);
  const activeBytesPerToken = sumArr(layerBytes) - expertTotal * (1 - share) + outputBytes;
  return {
    format: format.id,
    family: format.family,
    totalBytes,
    tokenEmbdBytes,
    outputBytes,
    tiedEmbeddings: tied,
    layerBytes,
    layerExpertBytes,
    activeBytesPerToken,
    paramsTotal,
    paramsActive: paramsTotal - routedParams * (1 - share),
    bytesByType,
    source: 'simulated',
    fileBytes: format.family === 'gguf' ? totalBytes + ggufMetadataBytes(arch) : totalBytes,
  };
}

function sumArr(a: readonly number[]): number {
  let s = 0;
  for (const v of a) s += v;
  return s;
}

/** Rescale a simulated breakdown so its tensor data matches a real file of `fileBytes`. */
function scaleToFile(sim: WeightBreakdown, fileBytes: number, metadataBytes: number): WeightBreakdown {
  const target = Math.max(1, Math.round(fileBytes - metadataBytes));
  const k = target / sim.totalBytes;
  const r = (b: number): number => Math.round(b * k);
  const bytesByType: Record<string, number> = {};
  for (const [key, v] of Object.entries(sim.bytesByType)) bytesByType[key] = r(v);
  const layerBytes = sim.layerBytes.map(r);
  const tokenEmbdBytes = r(sim.tokenEmbdBytes);
  const outputOnly = r(sim.outputBytes - (sim.tiedEmbeddings ? sim.tokenEmbdBytes : 0));
  // Keep the parts summing exactly to the file's tensor data.
  const drift = target - (tokenEmbdBytes + outputOnly + layerBytes.reduce((a, b) => a + b, 0));
  return {
    ...sim,
    totalBytes: target,
    tokenEmbdBytes,
    outputBytes: outputOnly + drift + (sim.tiedEmbeddings ? tokenEmbdBytes : 0),
    layerBytes,
    layerExpertBytes: sim.layerExpertBytes.map(r),
    activeBytesPerToken: r(sim.activeBytesPerToken),
    bytesByType,
    source: 'file',
    fileBytes,
  };
}

const cache = new WeakMap<ModelArchitecture, Map<string, WeightBreakdown>>();

/**
 * Weight bytes of a model in a format: the real file size when the catalog lists one for the
 * format (minus estimated GGUF metadata), otherwise the per-tensor simulation. Cached per
 * architecture object and format.
 */
export function modelWeights(model: ModelSpec, formatId: FormatId, opts: QuantMixOptions = {}): WeightBreakdown {
  const arch = model.architecture;
  const file = model.files?.find((f) => f.format.toUpperCase() === formatId.toUpperCase() && f.bytes > 0);
  const key = `${formatId}|${file?.bytes ?? ''}|${opts.imatrix ?? ''}`;
  let perArch = cache.get(arch);
  if (perArch === undefined) {
    perArch = new Map();
    cache.set(arch, perArch);
  }
  const hit = perArch.get(key);
  if (hit !== undefined) return hit;
  const sim = simulateWeights(arch, formatId, opts);
  const result =
    file === undefined ? sim : scaleToFile(sim, file.bytes, sim.family === 'gguf' ? ggufMetadataBytes(arch) : 0);
  perArch.set(key, result);
  return result;
}
