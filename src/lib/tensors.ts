/**
 * The tensor list of a model as llama.cpp lays it out in a GGUF file (names, row width ne0,
 * element count), built from the architecture numbers alone.
 */
import type { ModelArchitecture } from './model.ts';
import { isMoeLayer, valueHeadDim } from './model.ts';

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
  | 'ffn_down_shexp';

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

function t(role: TensorRole, layer: number, ne0: number, elements: number, ne2 = 1): TensorInfo {
  const quantizable = role !== 'norm' && role !== 'bias' && role !== 'output_norm' && role !== 'ffn_gate_inp';
  const routedExpert = role === 'ffn_gate_exps' || role === 'ffn_up_exps' || role === 'ffn_down_exps';
  return { role, layer, ne0, elements, ne2, quantizable, routedExpert };
}

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
  const d = arch.hiddenSize;
  const H = arch.heads;
  const KV = arch.kvHeads;
  const hd = arch.headDim;
  const vhd = valueHeadDim(arch);
  const family = arch.family ?? 'generic';
  const out: TensorInfo[] = [];

  out.push(t('token_embd', -1, d, arch.vocabSize * d));

  for (let il = 0; il < arch.layers; il++) {
    out.push(t('norm', il, d, d)); // attn_norm
    const mla = arch.mla;
    if (mla !== null && mla !== undefined) {
      const qkHead = mla.qkNopeHeadDim + mla.qkRopeHeadDim;
      const qLora = mla.qLoraRank ?? 0;
      if (qLora > 0) {
        out.push(t('attn_q_a', il, d, d * qLora));
        out.push(t('norm', il, qLora, qLora));
        out.push(t('attn_q_b', il, qLora, qLora * H * qkHead));
      } else {
        out.push(t('attn_q', il, d, d * H * qkHead));
      }
      out.push(t('attn_kv_a_mqa', il, d, d * (mla.kvLoraRank + mla.qkRopeHeadDim)));
      out.push(t('norm', il, mla.kvLoraRank, mla.kvLoraRank));
      // Current GGUFs split attn_kv_b into per-head k_b [nope, kv_lora, H] and v_b [kv_lora, v, H].
      out.push(t('attn_k_b', il, mla.qkNopeHeadDim, mla.qkNopeHeadDim * mla.kvLoraRank * H, H));
      out.push(t('attn_v_b', il, mla.kvLoraRank, mla.kvLoraRank * mla.vHeadDim * H, H));
      out.push(t('attn_output', il, H * mla.vHeadDim, H * mla.vHeadDim * d));
    } else {
      if (family === 'phi3') {
        out.push(t('attn_qkv', il, d, d * (H * hd + KV * hd + KV * vhd)));
      } else {
        out.push(t('attn_q', il, d, d * H * hd));
        out.push(t('attn_k', il, d, d * KV * hd));
        out.push(t('attn_v', il, d, d * KV * vhd));
      }
      if (arch.qkvBias === true) {
        out.push(t('bias', il, H * hd, H * hd));
        out.push(t('bias', il, KV * hd, KV * hd));
        out.push(t('bias', il, KV * vhd, KV * vhd));
      }
      out.push(t('attn_output', il, H * vhd, H * vhd * d));
      if (family === 'gpt-oss') {
        out.push(t('bias', il, d, d)); // attn_output bias
        out.push(t('norm', il, H, H)); // attention sinks
      }
      if (family === 'qwen3' || family === 'qwen3moe' || family === 'gemma3') {
        out.push(t('norm', il, hd, hd)); // attn_q_norm
        out.push(t('norm', il, hd, hd)); // attn_k_norm
      }
    }
    if (family === 'gemma2' || family === 'gemma3') {
      out.push(t('norm', il, d, d)); // post_attention_norm
      out.push(t('norm', il, d, d)); // post_ffw_norm
    }
    out.push(t('norm', il, d, d)); // ffn_norm

    const moe = arch.moe;
    if (moe !== null && moe !== undefined && isMoeLayer(arch, il)) {
      const E = moe.experts;
      const ffe = moe.expertFfnSize;
      out.push(t('ffn_gate_inp', il, d, d * E));
      out.push(t('ffn_gate_exps', il, d, d * ffe * E, E));
      out.push(t('ffn_up_exps', il, d, d * ffe * E, E));
      out.push(t('ffn_down_exps', il, ffe, ffe * d * E, E));
      if (family === 'gpt-oss') {
        out.push(t('bias', il, E, E)); // router bias
        out.push(t('bias', il, ffe * E, ffe * E)); // gate_exps bias
        out.push(t('bias', il, ffe * E, ffe * E)); // up_exps bias
        out.push(t('bias', il, d * E, d * E)); // down_exps bias
      }
      if (family === 'deepseek2') out.push(t('bias', il, E, E)); // exp_probs_b
      if (moe.sharedExperts > 0) {
        const ffs = moe.sharedFfnSize ?? ffe * moe.sharedExperts;
        out.push(t('ffn_gate_shexp', il, d, d * ffs));
        out.push(t('ffn_up_shexp', il, d, d * ffs));
        out.push(t('ffn_down_shexp', il, ffs, ffs * d));
        if (family === 'qwen2moe') out.push(t('norm', il, d, d)); // ffn_gate_inp_shexp (1 x d)
      }
    } else if (family === 'phi3') {
      out.push(t('ffn_up', il, d, d * 2 * arch.ffnSize)); // fused gate+up
      out.push(t('ffn_down', il, arch.ffnSize, arch.ffnSize * d));
    } else {
      out.push(t('ffn_gate', il, d, d * arch.ffnSize));
      out.push(t('ffn_up', il, d, d * arch.ffnSize));
      out.push(t('ffn_down', il, arch.ffnSize, arch.ffnSize * d));
    }
  }

  out.push(t('output_norm', -1, d, d));
  if (!arch.tiedEmbeddings) out.push(t('output', -1, d, arch.vocabSize * d));
  return out;
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
