/**
 * Answers built on estimate(): the best format for a model on a machine, memory tables per
 * format x context, and "what fits" lists. Pure; shared by pages, answer pages and the island.
 */
import type { Estimate, Verdict } from './fit.ts';
import { estimateCore } from './fit.ts';
import type { FormatId } from './formats.ts';
import type { HardwareSetup } from './hardware.ts';
import type { ModelSpec } from './model.ts';

/** GGUF formats people actually download, best quality first. The tables and "best format" use these. */
export const COMMON_FORMATS = ['F16', 'Q8_0', 'Q6_K', 'Q5_K_M', 'Q4_K_M', 'IQ4_XS', 'Q3_K_M', 'Q2_K'] as const satisfies readonly FormatId[];

/** Verdicts that mean "it runs at GPU speed". */
export function runsOnGpu(v: Verdict): boolean {
  return v === 'fits' || v === 'tight';
}

/** Verdict severity for sorting: 0 best. */
export const VERDICT_RANK: Record<Verdict, number> = { fits: 0, tight: 1, 'partial-offload': 2, 'cpu-only': 3, 'wont-run': 4 };

/** The contexts a model table shows: 4K, 8K, 32K, 128K and the model's maximum (deduplicated, capped at max). */
export function tableContexts(maxContext: number): number[] {
  const wanted = [4096, 8192, 32768, 131072].filter((c) => c < maxContext);
  return [...wanted, maxContext];
}

/** Default context for quick answers: 8K, or the model's maximum when it is smaller. */
export function defaultContext(maxContext: number): number {
  return Math.min(8192, maxContext);
}

export interface BestFormat {
  format: FormatId;
  estimate: Estimate;
}

/**
 * The highest-quality common format that fits with margin; otherwise the one with the best
 * verdict ("tight" before "partial offload" ...), the smallest among equals.
 */
export function bestFormat(model: ModelSpec, hardware: HardwareSetup, context: number): BestFormat {
  let best: BestFormat | undefined;
  let bestRank = Infinity;
  for (const format of COMMON_FORMATS) {
    const estimate = estimateCore({ model, format, context, hardware, advice: false });
    const rank = VERDICT_RANK[estimate.fit?.verdict ?? 'wont-run'];
    if (rank === 0) return { format, estimate };
    // Among equal verdicts the later (smaller) format wins: more of it sits on the GPU.
    if (rank <= bestRank) {
      best = { format, estimate };
      bestRank = rank;
    }
  }
  return best!;
}

export interface MemoryTable {
  contexts: number[];
  rows: { format: FormatId; totalBytes: number[] }[];
}

/** Total memory (weights + KV + compute + overhead, bytes) per common format and context. */
export function memoryTable(model: ModelSpec, maxContext: number, formats: readonly FormatId[] = COMMON_FORMATS): MemoryTable {
  const contexts = tableContexts(maxContext);
  return {
    contexts,
    rows: formats.map((format) => ({
      format,
      totalBytes: contexts.map((context) => estimateCore({ model, format, context, advice: false }).totalBytes),
    })),
  };
}
