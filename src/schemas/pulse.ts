import { z } from 'astro/zod';
import { IdList, IsoDate, Sources } from './shared.ts';

/** A dated change note (content/pulse/<id>.mdx): a release, a price move, a runtime change. */
export const PulseSchema = z.strictObject({
  title: z.string().min(1),
  date: IsoDate,
  summary: z.string().min(20),
  models: IdList,
  hardware: IdList,
  tools: IdList,
  sources: Sources,
});
export type PulseData = z.output<typeof PulseSchema>;
