import { z } from 'astro/zod';

/**
 * An ISO calendar date written as YYYY-MM-DD, kept as a string so pages print it verbatim.
 * YAML frontmatter turns unquoted dates into Date objects; those are converted back.
 */
export const IsoDate = z.preprocess(
  (value) => (value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString().slice(0, 10) : value),
  z.iso.date({ error: 'Use a calendar date written as YYYY-MM-DD, e.g. 2026-11-29' }),
);

/** Catalog ids are file names: lowercase letters, digits, dots and dashes. */
export const Id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.-]*$/, { error: 'Ids are lowercase letters, digits, dots and dashes, e.g. "rtx-4090"' });

/** One citation behind a group of facts. */
export const SourceSchema = z.strictObject({
  /** Where the fact can be checked, e.g. "https://www.techpowerup.com/gpu-specs/geforce-rtx-4090.c3889". */
  url: z.url({ error: 'A source needs a full URL starting with https://' }),
  /** Short human title of the source, e.g. "TechPowerUp GPU database". */
  title: z.string().min(1).optional(),
  /** The day someone read the source, YYYY-MM-DD. */
  accessed: IsoDate,
});
export type Source = z.output<typeof SourceSchema>;

/** At least one source: every factual field group must say where it comes from. */
export const Sources = z.array(SourceSchema).min(1, { error: 'Add at least one source { url, accessed }' });

/** A list of ids pointing at another collection; resolved (and checked) in src/queries/references.ts. */
export const IdList = z.array(Id).default([]);
