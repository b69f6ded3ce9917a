import { z } from 'astro/zod';
import { START_OS_IDS } from '../lib/taxonomy.ts';
import { Id, IsoDate, Sources } from './shared.ts';

/**
 * A getting-started path for one operating system and runtime (content/start/<os>-<runtime>.mdx):
 * install, first answer, then calling it from code. The body holds the steps and commands.
 */
export const StartSchema = z.strictObject({
  title: z.string().min(1),
  description: z.string().min(20),
  os: z.enum(START_OS_IDS),
  /** Tool id of the runtime (content/tools/<id>.mdx). */
  runtime: Id,
  /** The runtime version the commands were checked against, e.g. "0.13.0" or "b7100". */
  runtimeVersion: z.string().min(1),
  terms: z.array(Id).default([]),
  updated: IsoDate,
  sources: Sources,
});
export type StartData = z.output<typeof StartSchema>;
