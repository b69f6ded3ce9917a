import { z } from 'astro/zod';
import { GLOSSARY_CATEGORY_IDS } from '../lib/taxonomy.ts';
import { Id, IdList, IsoDate, Sources } from './shared.ts';

/**
 * A glossary term (content/glossary/<id>.mdx). The MDX body holds, in this order, the sections
 * "## Deeper dive", "## Practical example" and "## Workflow example" (checked by a unit test).
 */
export const GlossarySchema = z.strictObject({
  /** The term as readers search for it, e.g. "KV cache". */
  term: z.string().min(1),
  /** Category id from src/lib/taxonomy.ts, e.g. "inference-performance". */
  category: z.enum(GLOSSARY_CATEGORY_IDS, { error: `Pick a category from: ${GLOSSARY_CATEGORY_IDS.join(', ')}` }),
  /** One paragraph, plain text, that defines the term on its own. */
  definition: z.string().min(40, { error: 'The definition must be a full paragraph (40+ characters)' }),
  /** Other names and spellings, e.g. ["key-value cache"]. */
  aliases: z.array(z.string().min(1)).default([]),
  /** The concrete pair the "Practical example" section talks about. */
  example: z.strictObject({
    /** Model id in content/models. */
    model: Id,
    /** Hardware id in content/hardware. */
    hardware: Id,
  }),
  /** Related glossary term ids. */
  related: IdList,
  /** Error ids for the "When it doesn't work" box; at least one. */
  errors: z.array(Id).min(1, { error: 'Link at least one error page in "errors"' }),
  /** Buyer guide ids for the "Buyer guides" box; empty = all buyer guides. */
  guides: IdList,
  /** Date of the last editorial review, YYYY-MM-DD. */
  reviewed: IsoDate,
  sources: Sources,
});
export type GlossaryData = z.output<typeof GlossarySchema>;
