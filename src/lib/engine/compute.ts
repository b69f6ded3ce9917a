/**
 * Compute buffer, runtime overhead and safety margin: the three terms besides weights and KV.
 *
 * Compute buffer (llama.cpp worst-case graph reserve at n_ubatch tokens), fitted to a late-2026
 * CPU build and older CUDA/Vulkan logs (ESTIMATOR.md §4.1):
 *   flash attention on : 4 * n_ubatch * (n_vocab + 2 * n_embd)                       bytes
 *   flash attention off: the same + 4 * n_ubatch * n_ctx_seq * (n_head + 1)            bytes
 * Runtime overhead: CUDA/ROCm context etc. (Ollama's constants: 457 MiB per NVIDIA/AMD GPU,
 * 512 MiB on Metal). Margin: llama.cpp's auto-fit keeps 1 GiB free per device.
 */
import type { ModelArchitecture } from './model.ts';
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
  if (fa) return logits;
  const heads = arch.heads;
  return logits + 4 * ub * Math.max(0, input.contextPerSequence) * (heads + 1);
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
