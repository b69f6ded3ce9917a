import { z } from 'astro/zod';
import { Id, IsoDate, Sources } from './shared.ts';

/** One hosted-API price for an open model (content/api-prices/<id>.json), for "Cost vs cloud". */
export const ApiPriceSchema = z.strictObject({
  /** e.g. "Together AI". */
  provider: z.string().min(1),
  /** The catalog model the API serves (the same weights, as the provider names them). */
  model: Id,
  /** The provider's own model name, e.g. "meta-llama/Llama-3.3-70B-Instruct-Turbo". */
  providerModel: z.string().min(1),
  /** USD per million input (prompt) tokens. */
  usdPerMillionInput: z.number().nonnegative(),
  /** USD per million output (generated) tokens. */
  usdPerMillionOutput: z.number().nonnegative(),
  /** Precision the provider serves, when it says (e.g. "FP8"); null when unstated. */
  precision: z.string().min(1).nullable(),
  asOf: IsoDate,
  sources: Sources,
});
export type ApiPriceData = z.output<typeof ApiPriceSchema>;
