import { z } from 'astro/zod';
import { IdList, IsoDate, Sources } from './shared.ts';

/** A getting-started or explainer article (content/learn/<id>.mdx). */
export const LearnSchema = z.strictObject({
  title: z.string().min(1),
  description: z.string().min(20),
  /** Position in the "Learn local AI" path, 1 first. */
  order: z.number().int().positive(),
  level: z.enum(['beginner', 'intermediate', 'advanced']),
  /** Glossary term ids the article leans on. */
  terms: IdList,
  updated: IsoDate,
  sources: Sources,
});
export type LearnData = z.output<typeof LearnSchema>;
