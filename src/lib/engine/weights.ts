/**
 * Weight bytes. GGUF: simulate llama.cpp's per-tensor quant mix (src/llama-quant.cpp
 * llama_tensor_get_type) over the tensor shapes, or scale to the real file size when known.
 * Safetensors / AWQ / GPTQ / MLX: per-tensor bytes from their storage layouts.
 */
import type { FormatFamily, FormatId, WeightFormat } from './formats.ts';
import { getFormat } from './formats.ts';
import type { ModelArchitecture, ModelSpec } from './model.ts';
import { blockOf, hasFfn, isMoeLayer, validateArchitecture } from './model.ts';
import type { GgmlType } from './quant-types.ts';
import { isQuantizedType, rowFits, tensorBytes } from './quant-types.ts';
import type { TensorInfo } from './tensors.ts';
import { buildTensors } from './tensors.ts';
import { memo } from './memo.ts';
import { sum } from './units.ts';

/** GGUF file types whose default ggml type (llama_ftype -> default_type) is not the id itself. */
const DEFAULT_TYPE: Partial<Record<FormatId, GgmlType>> = {
  Q2_K_S: 'Q2_K',
  Q3_K_S: 'Q3_K',
  Q3_K_M: 'Q3_K',
  Q3_K_L: 'Q3_K',
  Q4_K_S: 'Q4_K',
  Q4_K_M: 'Q4_K',
  Q5_K_S: 'Q5_K',
  Q5_K_M: 'Q5_K',
  IQ2_S: 'IQ2_XS',
  IQ2_M: 'IQ2_S',
  IQ3_XS: 'IQ3_S',
  IQ3_M: 'IQ3_S',
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
  /** Position of each layer among the attention layers and their count (llama-quant's i/n_attention_wv). */
  attnOrdinal: number[];
  nAttn: number;
  /** Position of each layer among the FFN layers (llama-quant's i_ffn_*; the layer index for MoE models). */
  ffnOrdinal: number[];
  /** Routed experts keep this type in every quantized mix (gpt-oss ships MXFP4 experts). */
  nativeExpertType: GgmlType | null;
  nGqa: number;
  nExpert: number;
  is70B: boolean;
  hasOutput: boolean;
  imatrix: boolean;
}

function useMoreBits(i: number, n: number): boolean {
  return i < Math.floor(n / 8) || i >= Math.floor((7 * n) / 8) || (i - Math.floor(n / 8)) % 3 === 2;
}

/** The 1-2 bit IQ mixes, which follow their own rules in llama-quant. */
const IQ12_MIXES: readonly FormatId[] = ['IQ2_XXS', 'IQ2_XS', 'IQ1_S', 'IQ2_S', 'IQ2_M', 'IQ1_M'];

/** llama_tensor_get_type for one tensor (before the divisibility fallback). */
function pickType(qs: QuantState, x: TensorInfo): GgmlType {
  const { ftype: f, nGqa, nExpert, imatrix } = qs;
  let nt: GgmlType = qs.defaultType;
  // Routed (_exps) and shared (_shexp) expert tensors follow the rules of their dense role.
  const role = x.role.replace(/_(exps|shexp)$/, '');
  const iq12 = IQ12_MIXES.includes(f);
  const iq2sm = f === 'IQ2_S' || f === 'IQ2_M';
  if (role === 'output' || (!qs.hasOutput && role === 'token_embd')) {
    if (f === 'MXFP4' || !rowFits(nt, x.ne0)) return 'Q8_0';
    return iq12 || f === 'IQ3_XXS' ? 'Q5_K' : nt !== 'Q8_0' ? 'Q6_K' : nt;
  }
  if (f === 'MXFP4') return x.ne2 > 1 ? 'MXFP4' : 'Q8_0';
  if (role === 'token_embd') return iq2sm || f === 'IQ3_XXS' ? 'IQ3_S' : iq12 ? 'Q2_K' : nt;
  // attn_v counts attention layers only (hybrids); the FFN tensors count FFN layers out of n_layer.
  const attnV = role === 'attn_v' || role === 'attn_qkv';
  const i = attnV ? qs.attnOrdinal[x.layer]! : qs.ffnOrdinal[x.layer]!;
  const n = attnV ? qs.nAttn : qs.nLayer;
  const early = i < Math.floor(n / 8);
  const moreBits = useMoreBits(i, n);
  if (iq12) {
    if (role === 'attn_v') return nGqa >= 4 || nExpert >= 4 ? 'Q4_K' : iq2sm ? 'IQ3_S' : 'Q2_K';
    if (nExpert === 8 && role === 'attn_k') return 'Q4_K';
    if (role === 'ffn_down') return !early ? nt : iq2sm ? 'IQ3_S' : 'Q2_K';
    if (role === 'attn_output')
      return nExpert === 8 ? 'Q5_K' : f === 'IQ1_S' || f === 'IQ1_M' ? 'IQ2_XXS' : iq2sm ? 'IQ3_S' : nt;
    return nt;
  }
  switch (role) {
    case 'attn_v':
      if (f === 'Q2_K') nt = nGqa >= 4 ? 'Q4_K' : 'Q3_K';
      else if (f === 'Q2_K_S' && nGqa >= 4) nt = 'Q4_K';
      else if (f === 'IQ3_XXS') nt = nGqa >= 4 ? 'Q4_K' : !imatrix ? 'IQ3_S' : 'IQ3_XXS';
      else if ((f === 'IQ3_XS' || f === 'IQ3_S') && nGqa >= 4) nt = 'Q4_K';
      else if (f === 'IQ3_M') nt = 'Q4_K';
      else if (f === 'Q3_K_M') nt = i < 2 ? 'Q5_K' : 'Q4_K';
      else if (f === 'Q3_K_L') nt = 'Q5_K';
      else if ((f === 'IQ4_NL' || f === 'IQ4_XS') && nGqa >= 4) nt = 'Q5_K';
      else if ((f === 'Q4_K_M' || f === 'Q5_K_M') && moreBits) nt = 'Q6_K';
      else if (f === 'Q4_K_S' && i < 4) nt = 'Q5_K';
      if (qs.is70B && (nt === 'Q3_K' || nt === 'Q4_K')) nt = 'Q5_K';
      return nExpert === 8 ? 'Q8_0' : nt;
    case 'attn_k':
    case 'attn_q':
      if (nExpert === 8 && role === 'attn_k') return 'Q8_0';
      return f === 'IQ3_XS' ? 'IQ3_XXS' : f === 'IQ3_XXS' ? 'IQ2_S' : nt;
    case 'ffn_down':
      if (f === 'Q2_K') return 'Q3_K';
      if (f === 'Q2_K_S') return early ? 'Q4_K' : nt;
      if (f === 'IQ3_XXS' && !imatrix) return early ? 'Q4_K' : 'Q3_K';
      if (f === 'Q3_K_M') return i < Math.floor(n / 16) ? 'Q5_K' : 'Q4_K';
      if (f === 'IQ3_M' && (early || (nExpert === 8 && moreBits))) return 'Q4_K';
      if (f === 'Q3_K_L') return 'Q5_K';
      if (f === 'Q4_K_M') return moreBits ? 'Q6_K' : nt;
      if (early && (f === 'IQ4_NL' || f === 'IQ4_XS') && !imatrix) return 'Q5_K';
      if (f === 'Q5_K_M' && moreBits) return 'Q6_K';
      if (f === 'Q4_K_S' && early) return 'Q5_K';
      if ((f === 'Q4_0' || f === 'Q5_0') && imatrix && early) return f === 'Q4_0' ? 'Q4_1' : 'Q5_1';
      return nt;
    case 'attn_output': {
      const bump: Partial<Record<FormatId, GgmlType>> =
        nExpert === 8
          ? {
              Q2_K: 'Q5_K',
              IQ3_XS: 'Q5_K',
              IQ3_XXS: 'Q5_K',
              Q3_K_S: 'Q5_K',
              Q3_K_M: 'Q5_K',
              IQ4_NL: 'Q5_K',
              Q4_K_S: 'Q5_K',
              Q4_K_M: 'Q5_K',
              IQ3_S: 'Q5_K',
              IQ3_M: 'Q5_K',
              IQ4_XS: 'Q5_K',
            }
          : { Q2_K: 'Q3_K', IQ3_XXS: 'IQ3_S', Q3_K_M: 'Q4_K', Q3_K_L: 'Q5_K', IQ3_M: 'Q4_K' };
      return bump[f] ?? nt;
    }
    case 'attn_qkv':
      return (
        (
          { Q3_K_M: 'Q4_K', Q3_K_L: 'Q4_K', IQ3_M: 'Q4_K', Q4_K_M: 'Q5_K', Q5_K_M: 'Q6_K' } as Partial<
            Record<FormatId, GgmlType>
          >
        )[f] ?? nt
      );
    case 'ffn_gate':
    case 'ffn_up':
      return f === 'IQ3_XS' && !early && i < Math.floor((7 * n) / 8) ? 'IQ3_XXS' : nt;
  }
  return nt;
}

/** tensor_type_fallback target when ne0 is not a multiple of the block size (F16 when none fits). */
const FALLBACK: Partial<Record<GgmlType, GgmlType>> = {
  TQ1_0: 'Q4_0',
  TQ2_0: 'Q4_0',
  Q4_K: 'Q5_0',
  Q5_K: 'Q5_1',
  Q6_K: 'Q8_0',
};

function fallbackType(type: GgmlType, ne0: number): GgmlType {
  if (rowFits(type, ne0)) return type;
  const nt = FALLBACK[type] ?? (type.startsWith('IQ') || type === 'Q2_K' || type === 'Q3_K' ? 'IQ4_NL' : 'F16');
  return rowFits(nt, ne0) ? nt : 'F16';
}

/**
 * Each layer's position among the layers with an attn_v / attn_qkv tensor (llama-quant's
 * i_attention_wv / n_attention_wv: Gated DeltaNet layers count through their attn_qkv) and among
 * the FFN layers (i_ffn_*; the layer index itself for MoE models).
 */
function ordinals(arch: ModelArchitecture): Pick<QuantState, 'attnOrdinal' | 'nAttn' | 'ffnOrdinal'> {
  const withV = new Set<number>();
  for (const x of buildTensors(arch)) if (x.role === 'attn_v' || x.role === 'attn_qkv') withV.add(x.layer);
  const attnOrdinal: number[] = [];
  const ffnOrdinal: number[] = [];
  let a = 0;
  let f = 0;
  const moe = (arch.moe?.experts ?? 0) > 1;
  for (let i = 0; i < arch.layers; i++) {
    attnOrdinal.push(a);
    ffnOrdinal.push(moe ? i : f);
    if (withV.has(i)) a++;
    if (hasFfn(arch, i)) f++;
  }
  return { attnOrdinal, nAttn: a, ffnOrdinal };
}

/** A per-tensor type picker for one GGUF file type: F32 for norms, biases and the router. */
function ggufTypePicker(arch: ModelArchitecture, format: FormatId, opts: QuantMixOptions): (x: TensorInfo) => GgmlType {
  if (getFormat(format).family !== 'gguf') throw new Error(`"${format}" is not a GGUF format.`);
  const defaultType = DEFAULT_TYPE[format] ?? (format as GgmlType);
  const family = arch.family ?? 'generic';
  const qs: QuantState = {
    ftype: format,
    defaultType,
    nLayer: arch.layers,
    ...ordinals(arch),
    nativeExpertType: arch.nativeExpertType ?? null,
    nGqa: arch.mla != null ? 1 : Math.floor(arch.heads / arch.kvHeads),
    nExpert: arch.moe?.experts ?? 0,
    is70B:
      arch.layers === 80 &&
      arch.kvHeads < arch.heads &&
      (family === 'llama' || family === 'mistral' || family === 'qwen2' || family === 'generic'),
    hasOutput: !arch.tiedEmbeddings,
    imatrix: opts.imatrix ?? format.startsWith('IQ'),
  };
  const quantized = isQuantizedType(defaultType);
  // Natively quantized experts (gpt-oss MXFP4) are kept in every published GGUF, F16 included:
  // llama-quantize refuses to requantize them, so the files are made from the original tensors.
  const native = qs.nativeExpertType;
  return (x) =>
    !x.quantizable
      ? 'F32'
      : native !== null && x.routedExpert
        ? native
        : quantized
          ? fallbackType(pickType(qs, x), x.ne0)
          : defaultType;
}

/** ggml type chosen for every tensor of a GGUF file type (F32 for norms, biases and router). */
export function ggufTensorTypes(
  arch: ModelArchitecture,
  format: FormatId,
  opts: QuantMixOptions = {},
): { tensor: TensorInfo; type: GgmlType }[] {
  const typeOf = ggufTypePicker(arch, format, opts);
  return buildTensors(arch).map((tensor) => ({ tensor, type: typeOf(tensor) }));
}

/** Bytes of one tensor in a non-GGUF format. */
function nonGgufTensorBytes(format: WeightFormat, x: TensorInfo): number {
  const fp16 = x.elements * 2;
  if (!x.quantizable) return fp16;
  const isEmbOrHead = x.role === 'token_embd' || x.role === 'output';
  switch (format.family) {
    case 'safetensors':
      return format.id === 'FP8' && !isEmbOrHead ? x.elements * (1 + 4 / (128 * 128)) : fp16;
    case 'awq':
    case 'gptq':
      // 4-bit weights, fp16 scale and packed 4-bit zero per group of 128; embeddings and lm_head stay fp16.
      return isEmbOrHead ? fp16 : (x.elements * (4 + 16 / 128 + 4 / 128)) / 8;
    default:
      // MLX affine quantization: one fp16 scale + one fp16 bias per group of 64, embeddings included.
      return x.ne0 % 64 !== 0 ? fp16 : (x.elements * ((format.id === 'MLX-8bit' ? 8 : 4) + 32 / 64)) / 8;
  }
}

/** Where the weight bytes are, per layer and per kind. */
export interface WeightBreakdown {
  format: FormatId;
  family: FormatFamily;
  /** All weight tensors llama.cpp loads (= GGUF tensor data without metadata and MTP blocks). */
  totalBytes: number;
  /** MTP blocks (Qwen3.5): not in published files, loaded only for MTP speculative decoding from a GGUF converted with them. */
  mtpBytes: number;
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
  /** Parameters of the routed-expert tensors (all experts; 0 for dense models). */
  paramsRouted: number;
  /** Bytes per ggml type (GGUF) or storage kind. */
  bytesByType: Record<string, number>;
  /** 'file' when scaled to a real file size from the catalog, else 'simulated'. */
  source: 'file' | 'simulated';
  /** Estimated size of the file on disk (tensor data + metadata for GGUF). */
  fileBytes: number;
}

/**
 * GGUF metadata (tokenizer, hyper-parameters) in bytes, estimated from the vocabulary size: about
 * 61 bytes per token for byte-level BPE tokenizers, which also store their merges (Llama 3, Qwen),
 * and about 24 for Gemma's SentencePiece vocabulary (token, score and type, no merges; fitted on
 * Gemma 3 1B, whose 262K-token vocabulary is a large share of the file).
 */
export function ggufMetadataBytes(arch: ModelArchitecture): number {
  const sentencePiece = arch.family === 'gemma2' || arch.family === 'gemma3';
  return (sentencePiece ? 24 : 61) * arch.vocabSize + 64 * 1024;
}

/** Share of routed-expert weights one token reads (activeExperts / experts; 1 for dense models). */
export function activeExpertShare(arch: ModelArchitecture): number {
  return arch.moe != null ? arch.moe.activeExperts / arch.moe.experts : 1;
}

/** Simulate the weight bytes of a model in a format, from the architecture alone. */
export function simulateWeights(
  arch: ModelArchitecture,
  formatId: FormatId,
  opts: QuantMixOptions = {},
): WeightBreakdown {
  validateArchitecture(arch);
  const format = getFormat(formatId);
  const gguf = format.family === 'gguf';
  const typeOf = gguf ? ggufTypePicker(arch, format.id, opts) : null;
  const L = arch.layers;
  // llama-quant sees a layer index only through these facts, so layers that share them get the
  // same tensor types: simulate the first layer of each class and copy it to the others.
  // Hybrids also differ by block kind, and count attention and FFN layers separately.
  const { attnOrdinal, nAttn, ffnOrdinal } = ordinals(arch);
  const position = (i: number, n: number): boolean[] => [
    i < 2,
    i < 4,
    i < Math.floor(n / 16),
    i < Math.floor(n / 8),
    i >= Math.floor((7 * n) / 8),
    useMoreBits(i, n),
  ];
  const facts = (i: number): boolean[] => [
    isMoeLayer(arch, i),
    ...position(attnOrdinal[i]!, nAttn),
    ...position(ffnOrdinal[i]!, L),
  ];
  const firstOfClass = new Map<string, number>();
  const rep: number[] = [];
  for (let i = 0; i < L; i++) {
    const cls = `${blockOf(arch, i)}${facts(i).reduce((bits, fact, b) => bits | (+fact << b), 0)}`;
    if (!firstOfClass.has(cls)) firstOfClass.set(cls, i);
    rep.push(firstOfClass.get(cls)!);
  }
  const layerBytes = new Array<number>(L).fill(0);
  const layerExpertBytes = new Array<number>(L).fill(0);
  const layerParams = new Array<number>(L).fill(0);
  const layerRouted = new Array<number>(L).fill(0);
  const layerTypes: Map<string, number>[] = [];
  const byType = new Map<string, number>();
  const add = (m: Map<string, number>, type: string, bytes: number): void => {
    m.set(type, (m.get(type) ?? 0) + bytes);
  };
  let tokenEmbdBytes = 0;
  let outputBytes = 0;
  let paramsTotal = 0;
  let routedParams = 0;
  for (const x of buildTensors(arch)) {
    const i = x.layer;
    if (i >= 0 && rep[i] !== i) continue;
    let bytes: number;
    let type: string;
    if (typeOf !== null) {
      type = typeOf(x);
      bytes = tensorBytes(type as GgmlType, x.elements);
    } else {
      bytes = nonGgufTensorBytes(format, x);
      type = x.quantizable && bytes < x.elements * 2 ? format.id : 'F16';
    }
    if (i >= 0) {
      layerBytes[i]! += bytes;
      layerParams[i]! += x.elements;
      add((layerTypes[i] ??= new Map()), type, bytes);
      if (x.routedExpert) {
        layerExpertBytes[i]! += bytes;
        layerRouted[i]! += x.elements;
      }
      continue;
    }
    paramsTotal += x.elements;
    add(byType, type, bytes);
    if (x.role === 'token_embd') tokenEmbdBytes += bytes;
    else outputBytes += bytes;
  }
  for (let i = 0; i < L; i++) {
    const r = rep[i]!;
    layerBytes[i] = layerBytes[r]!;
    layerExpertBytes[i] = layerExpertBytes[r]!;
    paramsTotal += layerParams[r]!;
    routedParams += layerRouted[r]!;
    for (const [type, bytes] of layerTypes[r] ?? []) add(byType, type, bytes);
  }
  const tied = arch.tiedEmbeddings;
  const layerTotal = sum(layerBytes);
  const totalBytes = tokenEmbdBytes + outputBytes + layerTotal;
  // Tied: the GPU holds a duplicate of token_embd as the output projection.
  if (tied) outputBytes += tokenEmbdBytes;
  const idle = 1 - activeExpertShare(arch);
  // MTP blocks: a full-attention block each plus eh_proj (2d x d) and two norms, at the bytes per
  // element of that block.
  let mtpBytes = 0;
  const mtp = arch.mtpLayers ?? 0;
  const a = arch.blocks == null ? 0 : arch.blocks.indexOf('A');
  if (mtp > 0 && a >= 0) {
    const d = arch.hiddenSize;
    mtpBytes = Math.round(mtp * (layerBytes[a]! * (1 + (2 * d * d) / layerParams[rep[a]!]!) + 8 * d));
  }
  return {
    format: format.id,
    family: format.family,
    totalBytes,
    mtpBytes,
    tokenEmbdBytes,
    outputBytes,
    tiedEmbeddings: tied,
    layerBytes,
    layerExpertBytes,
    activeBytesPerToken: layerTotal - sum(layerExpertBytes) * idle + outputBytes,
    paramsTotal,
    paramsActive: paramsTotal - routedParams * idle,
    paramsRouted: routedParams,
    bytesByType: Object.fromEntries(byType),
    source: 'simulated',
    // Published GGUFs of MTP models (Qwen3.5 to date) are made without the MTP block: llama.cpp's
    // converter skips it unless asked, so the file holds only what loads by default.
    fileBytes: totalBytes + (gguf ? ggufMetadataBytes(arch) : 0),
  };
}

/** Rescale a simulated breakdown so its tensor data matches a real file of `fileBytes`. */
function scaleToFile(sim: WeightBreakdown, fileBytes: number, metadataBytes: number): WeightBreakdown {
  const k = Math.max(1, fileBytes - metadataBytes) / sim.totalBytes;
  const target = Math.max(1, Math.round(sim.totalBytes * k));
  const r = (b: number): number => Math.round(b * k);
  const bytesByType: Record<string, number> = {};
  for (const key in sim.bytesByType) bytesByType[key] = r(sim.bytesByType[key]!);
  const layerBytes = sim.layerBytes.map(r);
  const tokenEmbdBytes = r(sim.tokenEmbdBytes);
  const tiedEmbd = sim.tiedEmbeddings ? sim.tokenEmbdBytes : 0;
  const outputOnly = r(sim.outputBytes - tiedEmbd);
  // Keep the parts summing exactly to the file's tensor data.
  const drift = target - (tokenEmbdBytes + outputOnly + sum(layerBytes));
  return {
    ...sim,
    totalBytes: target,
    mtpBytes: r(sim.mtpBytes),
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

const simCache = new WeakMap<ModelArchitecture, Map<string, WeightBreakdown>>();
const modelCache = new WeakMap<ModelSpec, Map<string, WeightBreakdown>>();

/**
 * Weight bytes of a model in a format: the real file size when the catalog lists one for the
 * format (minus estimated GGUF metadata), otherwise the per-tensor simulation. Cached per model,
 * architecture object and format (treat models, architectures and the result as read-only).
 */
export function modelWeights(model: ModelSpec, formatId: FormatId, opts: QuantMixOptions = {}): WeightBreakdown {
  const key = `${formatId}|${opts.imatrix}`;
  return memo(modelCache, model, key, () => {
    const arch = model.architecture;
    const sim = memo(simCache, arch, key, () => simulateWeights(arch, formatId, opts));
    const file = model.files?.find((f) => f.format.toUpperCase() === formatId.toUpperCase() && f.bytes > 0);
    return file === undefined ? sim : scaleToFile(sim, file.bytes, sim.family === 'gguf' ? ggufMetadataBytes(arch) : 0);
  });
}

/** Running totals over the layers of a breakdown: entry i covers layers 0..i-1 (length layers + 1). */
export interface LayerSums {
  /** All weights of the layers. */
  weights: number[];
  /** Routed-expert weights of the layers. */
  experts: number[];
  /** Weights one token reads (routed experts scaled by the active share). */
  active: number[];
  /** Share of the bytes in types that dequantize at memory speed (F16/BF16/F32/Q8_0, FP16, MLX 8-bit). */
  simpleShare: number;
}

const sumsCache = new WeakMap<WeightBreakdown, LayerSums>();

/** Running layer totals of a breakdown (cached; lets a fit sum any layer range in O(1)). */
export function layerSums(w: WeightBreakdown, arch: ModelArchitecture): LayerSums {
  let s = sumsCache.get(w);
  if (s !== undefined) return s;
  const L = w.layerBytes.length;
  const idle = 1 - activeExpertShare(arch);
  const weights = [0];
  const experts = [0];
  const active = [0];
  for (let i = 0; i < L; i++) {
    const b = w.layerBytes[i]!;
    const e = w.layerExpertBytes[i]!;
    weights.push(weights[i]! + b);
    experts.push(experts[i]! + e);
    active.push(active[i]! + (b - e * idle));
  }
  let simple = 0;
  let total = 0;
  for (const type in w.bytesByType) {
    const bytes = w.bytesByType[type]!;
    total += bytes;
    if (/^(F16|BF16|F32|Q8_0|FP16|MLX-8bit)$/.test(type)) simple += bytes;
  }
  sumsCache.set(w, (s = { weights, experts, active, simpleShare: total > 0 ? simple / total : 1 }));
  return s;
}
