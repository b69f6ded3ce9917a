import { z } from 'astro/zod';
import { PAGE_SECTIONS } from '../lib/taxonomy.ts';
import { IsoDate } from './shared.ts';

/** An editorial, legal or reference page (content/pages/<id>.mdx), served at /<id>/. */
export const PageSchema = z.strictObject({
  title: z.string().min(1),
  description: z.string().min(20),
  section: z.enum(PAGE_SECTIONS),
  updated: IsoDate,
});
export type PageData = z.output<typeof PageSchema>;
