import { z } from 'astro/zod';
import { Id, IsoDate, Sources } from './shared.ts';

/**
 * One published set of quality measurements (content/quality/<id>.json): for one model, how far
 * each quantized file is from the full-precision reference, measured by one person or tool on one
 * dataset. Only published measurements go here; the source must show the numbers.
 */
export const QualityRowSchema = z
  .strictObject({
    /** Format id as the catalog writes it, e.g. "Q4_K_M", "IQ4_XS", "UD-Q4_K_XL". */
    format: z.string().min(1),
    /** Whose file was measured when it matters (importance-matrix or "dynamic" quants), e.g. "unsloth". */
    publisher: z.string().min(1).nullish(),
    /** Mean KL divergence of the token distributions against the reference. */
    kld: z.number().nonnegative().nullish(),
    /** Perplexity of this file minus the reference's perplexity, same dataset and context. */
    pplDelta: z.number().nullish(),
    /** Perplexity of this file, when published. */
    ppl: z.number().positive().nullish(),
    /** File size the source states for this row, in GiB, when published with the measurement. */
    sizeGiB: z.number().positive().nullish(),
  })
  .refine((r) => r.kld != null || r.pplDelta != null, {
    error: 'A quality row needs a measured kld or pplDelta',
  });

export const QualitySetSchema = z.strictObject({
  /** Catalog model the measurement was made on. */
  model: Id,
  /** What the rows are compared with, e.g. "BF16" or "F16". */
  reference: z.string().min(1),
  /** Evaluation text, e.g. "wikitext-2-raw test". */
  dataset: z.string().min(1),
  /** Context length of each evaluation chunk, in tokens. */
  ctx: z.number().int().positive(),
  /** Who measured (a project, publisher or paper), e.g. "llama.cpp quantize README". */
  measuredBy: z.string().min(1),
  /** Set when the measured weights are not exactly the catalog model's (e.g. the base model of an instruct entry). */
  measuredOn: z.string().min(1).nullish(),
  rows: z.array(QualityRowSchema).min(1),
  asOf: IsoDate,
  sources: Sources,
});
export type QualitySet = z.output<typeof QualitySetSchema>;
