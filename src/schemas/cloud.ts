import { z } from 'astro/zod';
import { IsoDate, Sources } from './shared.ts';

/** One cloud GPU rental price (content/cloud/<id>.json), for "Cost vs cloud". */
export const CloudPriceSchema = z.strictObject({
  /** e.g. "Lambda". */
  provider: z.string().min(1),
  /** GPU as the provider names it, e.g. "H100 SXM". */
  gpu: z.string().min(1),
  /** Memory of one GPU in GiB. */
  gpuMemoryGiB: z.number().positive(),
  /** On-demand price of one GPU for one hour, USD. */
  usdPerGpuHour: z.number().positive(),
  /** How it is billed, e.g. "serverless, per second". */
  pricing: z.string().min(1),
  asOf: IsoDate,
  sources: Sources,
});
export type CloudPriceData = z.output<typeof CloudPriceSchema>;
