import { z } from 'astro/zod';
import { BACKENDS, BENCH_TRUST } from '../lib/taxonomy.ts';
import { Id, IsoDate, Sources } from './shared.ts';

/** One measured run (content/benchmarks/<id>.json). */
export const BenchmarkSchema = z.strictObject({
  model: Id,
  hardware: Id,
  tool: Id,
  /** The runtime's version or build as the source gives it, e.g. "b4675 (90e4dba4)"; null when unstated. */
  toolVersion: z.string().min(1).nullable(),
  /** The backend the run used, e.g. "CUDA", "Metal", "Vulkan". */
  backend: z.enum(BACKENDS),
  /** Weight format, e.g. "Q4_K_M". */
  format: z.string().min(1),
  /** Tokens in the prompt-processing test (llama-bench pp512 = 512). */
  promptTokens: z.number().int().positive(),
  /** Tokens generated in the decode test (tg128 = 128). */
  generatedTokens: z.number().int().positive(),
  /** Tokens already in the context when the test ran (llama-bench -d); 0 for an empty context. */
  depth: z.number().int().nonnegative().default(0),
  /** Prompt processing speed, tokens per second. */
  promptTokS: z.number().positive().nullish(),
  /** Decode (generation) speed, tokens per second. */
  decodeTokS: z.number().positive(),
  /** The exact command as the source gives it (or as far as it gives it). */
  command: z.string().min(1),
  /** How much to trust the row; see BENCH_TRUST in src/lib/taxonomy.ts. */
  trust: z.enum(BENCH_TRUST.map((t) => t.id) as [BenchTrustId, ...BenchTrustId[]]),
  /** True when the engine's speed constants were fitted on this row (it is then not an out-of-sample check). */
  calibration: z.boolean().default(false),
  /** Everything else about the run: OS, driver, offload, the source's caveats. */
  setup: z.string().min(1),
  measured: IsoDate,
  sources: Sources,
});
type BenchTrustId = (typeof BENCH_TRUST)[number]['id'];
export type BenchmarkData = z.output<typeof BenchmarkSchema>;
