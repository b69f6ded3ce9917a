import { z } from 'astro/zod';
import { BUY_OPTIONS, FORM_FACTORS } from '../lib/choose.ts';
import { GUIDE_KINDS } from '../lib/taxonomy.ts';
import { Id, IsoDate, Sources } from './shared.ts';

/**
 * A ranking the guide page computes at build time with the "Choose my GPU" logic: catalog machines
 * that run `model` at `ctx` fully on the GPU, within budget, form factor and power, fastest first.
 */
const RankingSchema = z.strictObject({
  /** Heading of this list, e.g. "Under $500". */
  label: z.string().min(1),
  /** Model id the machines must run. */
  model: Id,
  ctx: z.number().int().positive(),
  /** Price ceiling, USD (at the price `buy` picks); omit for no budget, which also lists machines without a sourced price. */
  budget: z.number().positive().nullish(),
  /** Judge machines by their launch price (new), their used asking price (used), or the lower (any). */
  buy: z.enum(BUY_OPTIONS.map((b) => b.id) as [string, ...string[]]).default('new'),
  form: z.enum(['any', ...FORM_FACTORS.map((f) => f.id)] as [string, ...string[]]).default('any'),
  /** Most board power, W (0 = no limit). */
  watts: z.number().int().nonnegative().default(0),
  /** Only machines launched in or before this year (used-market guides). */
  launchedBy: z.number().int().min(2010).max(2100).nullish(),
  /** How many to list. */
  show: z.number().int().positive().default(5),
});

/** A buyer guide (content/guides/<id>.mdx). Picks are hand-chosen (`picks`), computed (`rankings`), or both. */
export const GuideSchema = z
  .strictObject({
    title: z.string().min(1),
    /** Short label for boxes and nav, e.g. "Best GPU". */
    shortTitle: z.string().min(1),
    description: z.string().min(20),
    kind: z.enum(GUIDE_KINDS),
    /** Ranked picks; each names a hardware id and the role it plays. */
    picks: z
      .array(
        z.strictObject({
          hardware: Id,
          /** e.g. "Best value 12 GB card". */
          role: z.string().min(1),
          /** Why, in one or two sentences. */
          why: z.string().min(10),
        }),
      )
      .default([]),
    rankings: z.array(RankingSchema).default([]),
    updated: IsoDate,
    sources: Sources,
  })
  .refine((g) => g.picks.length > 0 || g.rankings.length > 0, {
    path: ['picks'],
    error: 'A guide needs picks or rankings',
  });
export type GuideData = z.output<typeof GuideSchema>;
