/**
 * Speculative decoding in llama-server: a small draft model (-md) or the model's own
 * multi-token-prediction (MTP) block (--spec-type draft-mtp) proposes `draftMax` tokens
 * (--spec-draft-n-max, default 3) and the model verifies them in one batch. Memory: the draft's
 * weights, its own KV cache at the same -c (llama-server copies the target's context settings)
 * and compute buffer; for MTP the block's weights (skipped at load time otherwise) and KV for its
 * layer. Speed: with acceptance rate a, a step yields (1 - a^(k+1)) / (1 - a) tokens for
 * k draft passes plus one verification, which costs about one decode step (bandwidth bound).
 */

/** llama-server's default --spec-draft-n-max. */
export const DEFAULT_DRAFT_MAX = 3;

/** Acceptance rates the speed-up range spans (typical for a same-family draft or MTP head on chat text). */
export const ACCEPTANCE_RANGE = { low: 0.5, expected: 0.65, high: 0.8 } as const;

/** Expected tokens per verification step with k drafted tokens at acceptance rate a. */
export function tokensPerStep(a: number, k: number): number {
  return a >= 1 ? k + 1 : (1 - a ** (k + 1)) / (1 - a);
}

/**
 * Decode speed-up of speculative decoding: tokens per step over the step's cost in target
 * decode steps (k draft passes at draftRatio = draft time / target time each, plus a
 * verification that reads the weights once and does k + 1 tokens of compute: 1 + 0.05 k).
 */
export function speculativeSpeedup(draftRatio: number, k: number, a: number): number {
  return tokensPerStep(a, k) / (k * draftRatio + 1 + 0.05 * k);
}
