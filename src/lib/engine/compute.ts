/**
 * Compute buffer, runtime overhead and safety margin: the three terms besides weights and KV.
 *
 * Compute buffer (llama.cpp worst-case graph reserve at n_ubatch tokens), fitted to a late-2026
 * CPU build and older CUDA/Vulkan logs (ESTIMATOR.md §4.1):
 *   flash attention on : max(4 * n_ubatch * (n_vocab + 2 * n_embd),                     (output stage)
 *                            2 * n_ubatch * n_ctx_seq + 4 * n_ubatch * (2 * n_ff + 4 * n_embd))  (F16 mask + a layer)
 *   flash attention off: the same + 4 * n_ubatch * n_ctx_seq * (n_head + 1)            bytes
 * Runtime overhead: CUDA/ROCm context etc. (Ollama's constants: 457 MiB per NVIDIA/AMD GPU,
 * 512 MiB on Metal). Margin: llama.cpp's auto-fit keeps 1 GiB free per device.
 */
import type { ModelArchitecture } from './model.ts';
import { attentionLayerCount } from './model.ts';
import { GiB, MiB } from './units.ts';

export interface ComputeInput {
  /** Context cells per sequence (the attention span of one sequence). */
  contextPerSequence: number;
  ubatch?: number | undefined;
  flashAttention?: boolean | undefined;
}

/** llama.cpp compute buffer of the device that holds the output layer, in bytes. */
export function computeBufferBytes(arch: ModelArchitecture, input: ComputeInput): number {
  const ub = Math.max(1, Math.floor(input.ubatch ?? 512));
  const fa = input.flashAttention ?? true;
  const logits = 4 * ub * (arch.vocabSize + 2 * arch.hiddenSize);
  // A recurrent layer's scan keeps its input projection and conv output live (about 3 x d_in_proj per token).
  const rs = arch.recurrent;
  const scan = rs != null ? 12 * ub * (2 * rs.innerSize + 2 * rs.groups * rs.stateSize + rs.heads) : 0;
  // Models without attention (pure Mamba-2) have no mask and no attention scores.
  if (attentionLayerCount(arch) === 0) return Math.max(logits, scan);
  const ctx = Math.max(0, input.contextPerSequence);
  // Flash attention still builds the F16 KQ mask, n_ctx x n_ubatch (128 MiB at 128K). ggml-alloc
  // frees it after the last attention layer, so the peak is the larger of the attention stage
  // (mask + one layer's activations) and the output stage (logits).
  if (fa) return Math.max(logits, scan, 2 * ub * ctx + 4 * ub * (2 * arch.ffnSize + 4 * arch.hiddenSize));
  return logits + 4 * ub * ctx * (arch.heads + 1);
}

/** Backends the engine distinguishes for overhead and speed. */
export type Backend = 'CUDA' | 'ROCm' | 'Metal' | 'Vulkan' | 'SYCL' | 'CPU';

/** Driver/runtime memory that llama.cpp's logs do not show, per device (Ollama's MinimumMemory). */
export function runtimeOverheadBytes(backend: Backend): number {
  switch (backend) {
    case 'Metal':
      return 512 * MiB;
    case 'CPU':
      return 150 * MiB; // gguf-parser's platform footprint for RAM
    default:
      return 457 * MiB;
  }
}

/** Free memory llama.cpp's --fit keeps on each device (fit_params_target = 1024 MiB). */
export const SAFETY_MARGIN_BYTES = 1 * GiB;
