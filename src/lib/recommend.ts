/**
 * Answers built on estimate(): the best format for a model on a machine, memory tables per
 * format x context, and "what fits" lists. Pure; shared by pages, answer pages and the island.
 */
import type { Estimate } from './engine.ts';
import { estimateCore } from './engine.ts';
import { estimateEngine, type EngineEstimate, type EstimateInput } from './engine/fit.ts';
import type { FormatId } from './engine/formats.ts';
import type { HardwareSetup } from './engine/hardware.ts';
import type { ModelSpec } from './engine/model.ts';
import { verdictRank } from './engine/verdicts.ts';
import { USABLE_TOKENS_PER_SECOND } from './speed-floor.ts';

/** GGUF formats people actually download, best quality first. The tables and "best format" use these. */
export const COMMON_FORMATS = [
  'F16',
  'Q8_0',
  'Q6_K',
  'Q5_K_M',
  'Q4_K_M',
  'IQ4_XS',
  'Q3_K_M',
  'Q2_K',
] as const satisfies readonly FormatId[];

/** The format a model is released in when that is not a common GGUF quant (gpt-oss ships MXFP4 experts). */
export function nativeFormat(model: ModelSpec): FormatId | undefined {
  return model.architecture.family === 'gpt-oss' ? 'MXFP4' : undefined;
}

/** The rows of a model's memory table: its native format first, then the common ones. */
export function tableFormats(model: ModelSpec): FormatId[] {
  const native = nativeFormat(model);
  return native ? [native, ...COMMON_FORMATS] : [...COMMON_FORMATS];
}

/** The contexts a model table shows: 4K, 8K, 32K, 128K and the model's maximum (deduplicated, capped at max). */
export function tableContexts(maxContext: number): number[] {
  const wanted = [4096, 8192, 32768, 131072].filter((c) => c < maxContext);
  return [...wanted, maxContext];
}

/** Default context for quick answers: 8K, or the model's maximum when it is smaller. */
export function defaultContext(maxContext: number): number {
  return Math.min(8192, maxContext);
}

export interface BestFormat<E extends EngineEstimate = Estimate> {
  format: FormatId;
  estimate: E;
}

/**
 * Formats worth recommending, best quality first. F16 is left out (Q8_0 is near-lossless at half
 * the memory and twice the speed) and so is Q2_K (too lossy to recommend while a bigger quant
 * still runs through offload).
 */
export const RECOMMENDABLE_FORMATS = [
  'Q8_0',
  'Q6_K',
  'Q5_K_M',
  'Q4_K_M',
  'IQ4_XS',
  'Q3_K_M',
] as const satisfies readonly FormatId[];

export { USABLE_TOKENS_PER_SECOND };

/** What "best" means: the quality order is RECOMMENDABLE_FORMATS; the floor is the slowest usable speed. */
export interface BestFormatRule {
  /** Generation speed a format must reach to be picked over a faster, lower-quality one (0 = quality only). */
  minTokensPerSecond?: number | undefined;
}

/**
 * The format to recommend for a model on a machine at a context, quality first, then fit, then speed:
 * 1. the highest-quality recommendable format that runs fully on the GPU (with margin before
 *    tight) and reaches the usable speed, else
 * 2. among formats that run fully on the GPU but are all slower than that, the fastest, else
 * 3. Q4_K_M (MXFP4 for gpt-oss) when it still runs with part of it in system RAM, or on the CPU
 *    of a machine without a GPU, else
 * 4. whatever runs best among Q3_K_M and Q2_K (or Q2_K's "won't run" when nothing does).
 */
export function bestFormat(
  model: ModelSpec,
  hardware: HardwareSetup,
  context: number,
  rule: BestFormatRule = {},
): BestFormat {
  return bestFormatWith(estimateCore, model, hardware, context, rule);
}

/**
 * bestFormat with any estimator: the browser passes estimateEngine (no run commands, so no
 * command-building code on the page).
 */
export function bestFormatWith<E extends EngineEstimate>(
  run1: (input: EstimateInput) => E,
  model: ModelSpec,
  hardware: HardwareSetup,
  context: number,
  rule: BestFormatRule = {},
): BestFormat<E> {
  const floor = rule.minTokensPerSecond ?? USABLE_TOKENS_PER_SECOND;
  const run = (format: FormatId): BestFormat<E> => ({
    format,
    estimate: run1({ model, format, context, hardware, advice: false }),
  });
  const verdictOf = (b: BestFormat<E>) => b.estimate.fit?.verdict ?? 'wont-run';
  const speedOf = (b: BestFormat<E>) => b.estimate.tokensPerSecond?.expected ?? 0;
  // A natively released format (gpt-oss: MXFP4 experts) is the file to recommend first.
  const native = nativeFormat(model);
  const ladder: readonly FormatId[] = native ? [native, ...RECOMMENDABLE_FORMATS] : RECOMMENDABLE_FORMATS;
  const tried = ladder.map(run);
  const onGpu = [...tried.filter((b) => verdictOf(b) === 'fits'), ...tried.filter((b) => verdictOf(b) === 'tight')];
  const usable = onGpu.find((b) => speedOf(b) >= floor);
  if (usable) return usable;
  if (onGpu.length > 0) return onGpu.reduce((a, b) => (speedOf(b) > speedOf(a) ? b : a));
  const q4 = tried.find((b) => b.format === (native ?? 'Q4_K_M'))!;
  // On a machine without a GPU everything is "CPU only": Q4_K_M is the usual balance of quality and speed there.
  if (verdictOf(q4) === 'partial-offload' || (hardware.devices.length === 0 && verdictOf(q4) === 'cpu-only')) return q4;
  const small = [tried.find((b) => b.format === 'Q3_K_M')!, run('Q2_K')];
  // On a tie the smaller Q2_K wins: more of it sits on the GPU.
  return small.reduce((a, b) => (verdictRank(verdictOf(b)) <= verdictRank(verdictOf(a)) ? b : a));
}

export interface MemoryTable {
  contexts: number[];
  rows: { format: FormatId; totalBytes: number[] }[];
}

/** Total memory (weights + KV + compute + overhead, bytes) per format (default: tableFormats) and context. */
export function memoryTable(
  model: ModelSpec,
  maxContext: number,
  formats: readonly FormatId[] = tableFormats(model),
): MemoryTable {
  const contexts = tableContexts(maxContext);
  return {
    contexts,
    rows: formats.map((format) => ({
      format,
      totalBytes: contexts.map((context) => estimateEngine({ model, format, context, advice: false }).totalBytes),
    })),
  };
}
