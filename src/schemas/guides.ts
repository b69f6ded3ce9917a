import { z } from 'astro/zod';
import { GUIDE_KINDS } from '../lib/taxonomy.ts';
import { Id, IsoDate, Sources } from './shared.ts';

/** A buyer guide (content/guides/<id>.mdx). */
export const GuideSchema = z.strictObject({
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
    .min(1),
  updated: IsoDate,
  sources: Sources,
});
export type GuideData = z.output<typeof GuideSchema>;
