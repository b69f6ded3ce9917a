import { z } from 'astro/zod';
import { QUICK_ANSWER_TOPIC_IDS } from '../lib/taxonomy.ts';
import { Id, IdList, IsoDate, SourceSchema } from './shared.ts';

/** What a claim says the engine answers: runs on the GPU (fits or tight), offloads, CPU only, or won't run. */
export const CLAIM_OUTCOMES = ['on-gpu', 'offload', 'cpu-only', 'wont-run'] as const;

/**
 * One question people ask, answered short (content/quick-answers/<id>.mdx). The body carries the
 * numbers through the engine's MDX components (<Fit>, <MemoryTable>, <FitsOn>), never typed.
 */
export const QuickAnswerSchema = z.strictObject({
  /** The question as people ask it, e.g. "How much VRAM do I need for a 70B model?". */
  question: z.string().min(8).endsWith('?', { error: 'A quick answer question ends with "?"' }),
  /** The answer in one or two sentences, shown in lists and as the page's lede. */
  answer: z.string().min(20).max(320),
  topic: z.enum(QUICK_ANSWER_TOPIC_IDS),
  /** Position within its topic on /quick-answers/, 1 first. */
  order: z.number().int().positive(),
  /** Catalog entries the answer is about, linked at the end of the page. */
  models: IdList,
  hardware: IdList,
  terms: IdList,
  guides: IdList,
  learn: IdList,
  /**
   * The engine facts the short answer states in words ("a 14B model fits a 12 GB card"): the build
   * recomputes each one and fails when the engine no longer agrees, so the prose cannot drift.
   */
  claims: z
    .array(
      z.strictObject({
        model: Id,
        hardware: Id,
        format: z.string().min(1),
        ctx: z.number().int().positive(),
        outcome: z.enum(CLAIM_OUTCOMES),
      }),
    )
    .default([]),
  updated: IsoDate,
  /** Sources for facts that do not come from the engine or a catalog entry (may be empty). */
  sources: z.array(SourceSchema).default([]),
});
export type QuickAnswerData = z.output<typeof QuickAnswerSchema>;
