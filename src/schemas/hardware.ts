import { z } from 'astro/zod';
import { BACKENDS, HARDWARE_KINDS, HARDWARE_VENDORS } from '../lib/taxonomy.ts';
import { Id, IsoDate, SourceSchema, Sources } from './shared.ts';

/**
 * A market price for the part in one month: what sellers asked (new or used, as the basis says),
 * never a sold or typical price unless the basis says so. Pages print the basis and month with it.
 */
export const MarketPriceSchema = z.strictObject({
  usd: z.number().positive(),
  /** How the figure was made, as pages show it, e.g. "average of the 3 cheapest active eBay and Amazon listings". */
  basis: z.string().min(10),
  /** The month the listings were observed, YYYY-MM. */
  observedMonth: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'Write the month as YYYY-MM, e.g. 2026-09' }),
  source: SourceSchema,
});
export type MarketPrice = z.output<typeof MarketPriceSchema>;

/** A GPU, Apple silicon configuration, unified-memory machine or CPU (content/hardware/<id>.mdx: the data in frontmatter, the verdict in the body). */
export const HardwareSchema = z.strictObject({
  /** Display name including the memory, e.g. "GeForce RTX 3060 12GB" or "Apple M4 Pro (48 GB)". */
  name: z.string().min(1),
  /** Ids this entry had before (old URLs redirect here; old checker links map to it). */
  formerIds: z.array(Id).default([]),
  vendor: z.enum(HARDWARE_VENDORS),
  /** gpu | apple | unified | cpu (see src/lib/taxonomy.ts). */
  kind: z.enum(HARDWARE_KINDS),
  /** Hand-written verdict, 1-3 sentences, no fit numbers. */
  summary: z.string().min(20),
  /** Memory in GiB: VRAM for a GPU, total unified RAM for apple/unified, system RAM for cpu. Vendors' "12 GB" VRAM is 12 GiB. */
  memoryGiB: z.number().positive(),
  /** Other memory sizes the same chip ships with (Apple), in GiB. */
  memoryOptionsGiB: z.array(z.number().positive()).default([]),
  /** e.g. "GDDR6X", "LPDDR5X". */
  memoryType: z.string().min(1),
  /** Peak memory bandwidth in decimal GB/s (10^9 bytes per second). */
  bandwidthGBs: z.number().positive(),
  /**
   * Peak FP16 shader (non-tensor) throughput in TFLOPS as TechPowerUp lists it, the one figure
   * published for every GPU; null when unpublished (Apple). Where TechPowerUp's figure is not a
   * shader rate (a tensor rate on the T4; four times FP32 on Hopper, which runs FP16 at twice), the
   * entry uses the vendor's figure and its sources say so. Used only for prompt-speed estimates.
   */
  fp16Tflops: z.number().positive().nullish(),
  /** GPU architecture or chip generation, e.g. "Ampere", "RDNA 3". */
  architecture: z.string().min(1),
  backends: z.array(z.enum(BACKENDS)).min(1),
  /** Board power in watts. */
  tdpW: z.number().positive().nullish(),
  launchDate: IsoDate.nullish(),
  /** Launch price in USD (MSRP), null when not sold on its own. */
  msrpUsd: z.number().positive().nullish(),
  /** The market price, where a dated market source covers this part. */
  marketPrice: MarketPriceSchema.nullish(),
  asOf: IsoDate,
  sources: Sources,
});
export type HardwareData = z.output<typeof HardwareSchema>;
