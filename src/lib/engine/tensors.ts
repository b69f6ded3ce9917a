/**
 * The tensor list of a model as llama.cpp lays it out in a GGUF file (names, row width ne0,
 * element count), built from the architecture numbers alone.
 */
import type { ModelArchitecture } from './model.ts';
import { hasAttention, hasFfn, hasRecurrentState, isMoeLayer, valueHeadDim } from './model.ts';

/** Tensor roles, named like the GGUF tensor names without "blk.N." and ".weight". */
export type TensorRole =
  | 'token_embd'
  | 'output'
  | 'output_norm'
  | 'norm'
  | 'bias'
  | 'attn_q'
  | 'attn_k'
  | 'attn_v'
  | 'attn_qkv'
  | 'attn_output'
  | 'attn_q_a'
  | 'attn_q_b'
  | 'attn_kv_a_mqa'
  | 'attn_k_b'
  | 'attn_v_b'
  | 'ffn_gate'
  | 'ffn_up'
  | 'ffn_down'
  | 'ffn_gate_inp'
  | 'ffn_gate_exps'
  | 'ffn_up_exps'
  | 'ffn_down_exps'
  | 'ffn_gate_shexp'
  | 'ffn_up_shexp'
  | 'ffn_down_shexp'
  | 'attn_gate'
  | 'ssm_in'
  | 'ssm_x'
  | 'ssm_dt'
  | 'ssm_beta_alpha'
  | 'ssm_out'
  | 'ssm_conv1d'
  | 'ssm_a'
  | 'shortconv_in_proj'
  | 'shortconv_out_proj'
  | 'shortconv_conv';

export interface TensorInfo {
  role: TensorRole;
  /** Block index, or -1 for token_embd/output/output_norm. */
  layer: number;
  /** Row width (first dimension); quantization blocks run along it. */
  ne0: number;
  elements: number;
  /** Number of experts stacked in the third dimension (1 for ordinary tensors). */
  ne2: number;
  /** 2-D weight that llama-quantize may quantize (norms, biases and the router stay F32). */
  quantizable: boolean;
  /** Routed-expert tensor (only activeExperts/experts of it is read per token). */
  routedExpert: boolean;
}

/**
 * Tensors llama-quantize leaves in F32: norms, biases, the MoE router, and the small 2-D tensors
 * of recurrent mixers (src/llama-quant.cpp skips "ssm_conv1d.weight" and "shortconv.conv.weight";
 * ssm_a / ssm_d have no ".weight" suffix, so they are never quantized either).
 */
const NOT_QUANTIZED: readonly TensorRole[] = [
  'norm',
  'bias',
  'output_norm',
  'ffn_gate_inp',
  'ssm_conv1d',
  'ssm_a',
  'shortconv_conv',
];

const tensorCache = new WeakMap<ModelArchitecture, readonly TensorInfo[]>();

/**
 * All tensors of the model, in file order (token_embd, blocks 0..n-1, output_norm, output).
 * Cached per architecture object (treat architectures and the returned list as read-only).
 */
export function buildTensors(arch: ModelArchitecture): readonly TensorInfo[] {
  let list = tensorCache.get(arch);
  if (list === undefined) tensorCache.set(arch, (list = tensorList(arch)));
  return list;
}

function tensorList(arch: ModelArchitecture): TensorInfo[] {
  const { hiddenSize: d, heads: H, kvHeads: KV, headDim: hd, mla, moe } = arch;
  const vhd = valueHeadDim(arch);
  const family = arch.family ?? 'generic';
  const out: TensorInfo[] = [];
  let layer = -1;
  /** Append a tensor of the current layer (-1: outside the blocks); ne2 = experts stacked in it. */
  const add = (role: TensorRole, ne0: number, elements: number, ne2 = 1): void => {
    out.push({
      role,
      layer,
      ne0,
      elements,
      ne2,
      quantizable: !NOT_QUANTIZED.includes(role),
      routedExpert: role === 'ffn_gate_exps' || role === 'ffn_up_exps' || role === 'ffn_down_exps',
    });
  };
  /** n one-dimensional tensors (norms or biases) of width w. */
  const vectors = (role: 'norm' | 'bias', ...widths: number[]): void => widths.forEach((w) => add(role, w, w));

  add('token_embd', d, arch.vocabSize * d);
  for (layer = 0; layer < arch.layers; layer++) {
    vectors('norm', d); // attn_norm (the mixer's input norm)
    if (hasRecurrentState(arch, layer)) recurrentTensors(arch, add, vectors);
    if (!hasAttention(arch, layer)) {
      // no attention in this block
    } else if (mla != null) {
      const qkHead = mla.qkNopeHeadDim + mla.qkRopeHeadDim;
      const qLora = mla.qLoraRank ?? 0;
      if (qLora > 0) {
        add('attn_q_a', d, d * qLora);
        vectors('norm', qLora);
        add('attn_q_b', qLora, qLora * H * qkHead);
      } else {
        add('attn_q', d, d * H * qkHead);
      }
      add('attn_kv_a_mqa', d, d * (mla.kvLoraRank + mla.qkRopeHeadDim));
      vectors('norm', mla.kvLoraRank);
      // Current GGUFs split attn_kv_b into per-head k_b [nope, kv_lora, H] and v_b [kv_lora, v, H].
      add('attn_k_b', mla.qkNopeHeadDim, mla.qkNopeHeadDim * mla.kvLoraRank * H, H);
      add('attn_v_b', mla.kvLoraRank, mla.kvLoraRank * mla.vHeadDim * H, H);
      add('attn_output', H * mla.vHeadDim, H * mla.vHeadDim * d);
    } else {
      if (family === 'phi3') {
        add('attn_qkv', d, d * (H * hd + KV * hd + KV * vhd));
      } else {
        // Qwen3-Next's attention projects q and an output gate of the same width together.
        add('attn_q', d, d * H * hd * (family === 'qwen3next' || family === 'qwen35' ? 2 : 1));
        add('attn_k', d, d * KV * hd);
        add('attn_v', d, d * KV * vhd);
      }
      if (arch.qkvBias === true) vectors('bias', H * hd, KV * hd, KV * vhd);
      add('attn_output', H * vhd, H * vhd * d);
      if (family === 'gpt-oss') {
        vectors('bias', d); // attn_output bias
        vectors('norm', H); // attention sinks
      }
      if (QK_NORM_FAMILIES.includes(family)) vectors('norm', hd, hd); // attn_q_norm, attn_k_norm
    }
    if (family === 'gemma2' || family === 'gemma3') vectors('norm', d, d); // post_attention_norm, post_ffw_norm
    if (!hasFfn(arch, layer)) continue;
    // Nemotron-H's single-purpose blocks have one norm each (the attn_norm above).
    if (family !== 'nemotronh') vectors('norm', d); // ffn_norm

    if (moe != null && isMoeLayer(arch, layer)) {
      const E = moe.experts;
      const ffe = moe.expertFfnSize;
      // Nemotron-H's experts are squared-ReLU MLPs: up and down, no gate.
      const gated = family !== 'nemotronh';
      add('ffn_gate_inp', d, d * E);
      if (gated) add('ffn_gate_exps', d, d * ffe * E, E);
      add('ffn_up_exps', d, d * ffe * E, E);
      add('ffn_down_exps', ffe, ffe * d * E, E);
      if (family === 'gpt-oss') vectors('bias', E, ffe * E, ffe * E, d * E); // router, gate/up/down expert biases
      if (family === 'deepseek2' || family === 'nemotronh') vectors('bias', E); // exp_probs_b
      if (moe.sharedExperts > 0) {
        const ffs = moe.sharedFfnSize ?? ffe * moe.sharedExperts;
        if (gated) add('ffn_gate_shexp', d, d * ffs);
        add('ffn_up_shexp', d, d * ffs);
        add('ffn_down_shexp', ffs, ffs * d);
        if (family === 'qwen2moe' || family === 'qwen3next' || family === 'qwen35') vectors('norm', d); // ffn_gate_inp_shexp (1 x d)
      }
    } else if (family === 'nemotronh') {
      add('ffn_up', d, d * arch.ffnSize); // squared-ReLU MLP, no gate
      add('ffn_down', arch.ffnSize, arch.ffnSize * d);
    } else if (family === 'phi3') {
      add('ffn_up', d, d * 2 * arch.ffnSize); // fused gate+up
      add('ffn_down', arch.ffnSize, arch.ffnSize * d);
    } else {
      add('ffn_gate', d, d * arch.ffnSize);
      add('ffn_up', d, d * arch.ffnSize);
      add('ffn_down', arch.ffnSize, arch.ffnSize * d);
    }
  }
  layer = -1;
  add('output_norm', d, d);
  if (!arch.tiedEmbeddings) add('output', d, arch.vocabSize * d);
  return out;
}

/** Families with per-head q/k norms in attention. */
const QK_NORM_FAMILIES: readonly string[] = ['qwen3', 'qwen3moe', 'gemma3', 'qwen3next', 'qwen35', 'lfm2'];

type Add = (role: TensorRole, ne0: number, elements: number, ne2?: number) => void;
type Vectors = (role: 'norm' | 'bias', ...widths: number[]) => void;

/**
 * The recurrent mixer's tensors, shaped as llama.cpp loads them (src/llama-model.cpp):
 * Mamba-2 in_proj = [z, xBC, dt] = 2*d_inner + 2*n_group*d_state + n_head wide, conv over
 * xBC; Gated DeltaNet in_proj_qkvz (2*key + 2*value) and in_proj_ba (2 per value head), conv over
 * q, k, v; Mamba-1 in_proj 2*d_inner plus x_proj and dt_proj; LFM2's gated short conv.
 */
function recurrentTensors(arch: ModelArchitecture, add: Add, vectors: Vectors): void {
  const rs = arch.recurrent!;
  const d = arch.hiddenSize;
  const { innerSize: inner, stateSize: st, groups: g, heads: nh, convKernel: k } = rs;
  const convWidth = inner + 2 * g * st;
  switch (rs.kind) {
    case 'short-conv':
      add('shortconv_in_proj', d, d * 3 * d);
      add('shortconv_conv', k, k * d);
      add('shortconv_out_proj', d, d * d);
      return;
    case 'mamba':
      add('ssm_in', d, d * 2 * inner);
      add('ssm_conv1d', k, k * inner);
      vectors('bias', inner); // conv1d bias
      add('ssm_x', inner, inner * (nh + 2 * st));
      add('ssm_dt', nh, nh * inner);
      vectors('bias', inner); // dt bias
      add('ssm_a', st, st * inner);
      vectors('norm', inner); // ssm_d
      if (arch.family === 'jamba') vectors('norm', nh, st, st); // dt, B, C norms
      add('ssm_out', inner, inner * d);
      return;
    case 'gated-deltanet':
      // Current converters split in_proj_qkvz into attn_qkv (q, k, v) and attn_gate (z).
      add('attn_qkv', d, d * (2 * g * st + inner));
      add('attn_gate', d, d * inner);
      add('ssm_beta_alpha', d, d * 2 * nh); // in_proj_ba (Qwen3.5: ssm_beta + ssm_alpha, same size)
      add('ssm_conv1d', k, k * convWidth);
      vectors('bias', nh); // dt bias
      add('ssm_a', nh, nh);
      vectors('norm', inner / Math.max(1, nh)); // gated RMS norm over a value head
      add('ssm_out', inner, inner * d);
      return;
    default:
      add('ssm_in', d, d * (2 * inner + 2 * g * st + nh));
      add('ssm_conv1d', k, k * convWidth);
      vectors('bias', convWidth, nh); // conv1d bias, dt bias
      add('ssm_a', nh, nh);
      vectors('norm', nh, inner); // ssm_d, grouped RMS norm
      add('ssm_out', inner, inner * d);
  }
}

/** Total parameter count (elements of all tensors). */
export function countParams(arch: ModelArchitecture): { total: number; active: number } {
  let total = 0;
  let routed = 0;
  for (const x of buildTensors(arch)) {
    total += x.elements;
    if (x.routedExpert) routed += x.elements;
  }
  const moe = arch.moe;
  const share = moe !== null && moe !== undefined ? moe.activeExperts / moe.experts : 1;
  return { total, active: total - routed + routed * share };
}
