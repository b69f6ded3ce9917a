import { z } from 'astro/zod';
import { Id, IsoDate, Sources } from './shared.ts';

/** One measured run (content/benchmarks/<id>.json). */
export const BenchmarkSchema = z.strictObject({
  model: Id,
  hardware: Id,
  tool: Id,
  /** Weight format, e.g. "Q4_K_M". */
  format: z.string().min(1),
  /** Tokens in the prompt-processing test (llama-bench pp512 = 512). */
  promptTokens: z.number().int().positive(),
  /** Tokens generated in the decode test (tg128 = 128). */
  generatedTokens: z.number().int().positive(),
  /** Prompt processing speed, tokens per second. */
  promptTokS: z.number().positive().nullish(),
  /** Decode (generation) speed, tokens per second. */
  decodeTokS: z.number().positive(),
  /** How it was run, e.g. "llama-bench, CUDA 12.1, -ngl 99". */
  setup: z.string().min(1),
  measured: IsoDate,
  sources: Sources,
});
export type BenchmarkData = z.output<typeof BenchmarkSchema>;
