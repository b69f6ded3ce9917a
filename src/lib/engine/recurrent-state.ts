/**
 * Recurrent state of hybrid and state-space models, exactly as llama.cpp allocates it
 * (src/llama-memory-recurrent.cpp): for every recurrent layer one F32 conv-state row of
 * n_embd_r() floats and one F32 SSM/delta state row of n_embd_s() floats per sequence slot, with
 * max(1, n_seq_max) slots. It does not depend on the context length, and -ctk/-ctv do not
 * shrink it. n_embd_r / n_embd_s follow src/llama-hparams.cpp:
 *   short conv (LFM2):          r = n_embd * (L_cache - 1),                      s = 0
 *   Mamba / Mamba-2 / GDN:      r = (d_conv - 1) * (d_inner + 2 * n_group * d_state),
 *                               s = d_state * d_inner
 */
import type { ModelArchitecture } from './model.ts';
import { hasRecurrentState } from './model.ts';

export interface RecurrentStateResult {
  /** Bytes of all recurrent layers and sequences together. */
  totalBytes: number;
  /** Bytes per layer (0 for layers without a recurrent mixer), all sequences. */
  layerBytes: number[];
  /** Bytes one sequence needs over all recurrent layers. */
  perSequenceBytes: number;
  /** Sequence slots allocated: max(1, parallel) (rollback copies not counted). */
  sequences: number;
  /** Number of recurrent layers. */
  layers: number;
}

/** Floats of conv state (r) and SSM/delta state (s) per recurrent layer and sequence. */
export function recurrentStateFloats(arch: ModelArchitecture): { r: number; s: number } {
  const rs = arch.recurrent;
  if (rs == null) return { r: 0, s: 0 };
  if (rs.kind === 'short-conv') return { r: arch.hiddenSize * (rs.convKernel - 1), s: 0 };
  return {
    r: (rs.convKernel - 1) * (rs.innerSize + 2 * rs.groups * rs.stateSize),
    s: rs.stateSize * rs.innerSize,
  };
}

const memo = new WeakMap<ModelArchitecture, Map<number, RecurrentStateResult>>();

/**
 * Recurrent-state bytes for `parallel` sequences, with `rollback` extra copies per sequence
 * (n_rs_seq: speculative decoding with MTP keeps draftMax copies to roll back rejected tokens).
 * Memoized per architecture; treat the result as read-only.
 */
export function recurrentState(arch: ModelArchitecture, parallel = 1, rollback = 0): RecurrentStateResult {
  const sequences = Math.max(1, Math.floor(parallel));
  const rows = sequences * (1 + Math.max(0, Math.floor(rollback)));
  let byParallel = memo.get(arch);
  if (byParallel === undefined) memo.set(arch, (byParallel = new Map()));
  let result = byParallel.get(rows);
  if (result === undefined) {
    const { r, s } = recurrentStateFloats(arch);
    const perLayer = (r + s) * 4 * rows;
    const layerBytes = Array.from({ length: arch.layers }, (_, i) => (hasRecurrentState(arch, i) ? perLayer : 0));
    const layers = layerBytes.filter((b) => b > 0).length;
    result = {
      totalBytes: perLayer * layers,
      layerBytes,
      perSequenceBytes: (r + s) * 4 * layers,
      sequences,
      layers,
    };
    byParallel.set(rows, result);
  }
  return result;
}
