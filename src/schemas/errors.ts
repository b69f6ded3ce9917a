import { z } from 'astro/zod';
import { IdList, IsoDate, Sources } from './shared.ts';

/** A known error (content/errors/<id>.mdx). The body explains the cause and the fixes, in that order. */
export const ErrorSchema = z.strictObject({
  /** Short title, e.g. "CUDA out of memory". */
  title: z.string().min(1),
  /** The message as the user sees it, verbatim, e.g. "CUDA error: out of memory". Searchable. */
  message: z.string().min(1),
  /** One sentence: what is going on. */
  summary: z.string().min(20),
  /** Tool ids that print this error. */
  tools: IdList,
  /** Hardware ids it typically hits (may be empty when it is not hardware specific). */
  hardware: IdList,
  /** Glossary term ids that explain the concepts involved. */
  terms: IdList,
  updated: IsoDate,
  sources: Sources,
});
export type ErrorData = z.output<typeof ErrorSchema>;
