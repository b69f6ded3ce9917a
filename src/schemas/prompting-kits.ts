import { z } from 'astro/zod';
import { IdList, IsoDate, Sources } from './shared.ts';

/**
 * A prompting kit for one task (content/prompting-kits/<id>.mdx): the body holds the copyable
 * templates (fenced code blocks); the frontmatter the settings that matter and the models it suits.
 */
export const PromptingKitSchema = z.strictObject({
  title: z.string().min(1),
  description: z.string().min(20),
  /** Position on /prompting-kits/, 1 first. */
  order: z.number().int().positive(),
  /** Catalog models the templates suit (instruction-tuned ones that follow them well). */
  models: IdList.refine((ids) => ids.length > 0, { error: 'Name at least one catalog model the kit suits' }),
  settings: z.strictObject({
    /** Sampling temperature; low for exact tasks, higher for creative ones. */
    temperature: z.number().min(0).max(2),
    /** Nucleus sampling, when the kit recommends a value. */
    topP: z.number().gt(0).max(1).optional(),
    /** Context the task typically needs, in tokens (llama.cpp -c, Ollama num_ctx). */
    context: z.number().int().min(512),
    /** Other settings that matter, one short line each, e.g. "JSON schema / grammar on". */
    notes: z.array(z.string().min(1)).default([]),
  }),
  terms: IdList,
  updated: IsoDate,
  sources: Sources,
});
export type PromptingKitData = z.output<typeof PromptingKitSchema>;
