import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { ApiPriceSchema } from './schemas/api-prices.ts';
import { BenchmarkSchema } from './schemas/benchmarks.ts';
import { CloudPriceSchema } from './schemas/cloud.ts';
import { ErrorSchema } from './schemas/errors.ts';
import { GlossarySchema } from './schemas/glossary.ts';
import { GuideSchema } from './schemas/guides.ts';
import { HardwareSchema } from './schemas/hardware.ts';
import { LearnSchema } from './schemas/learn.ts';
import { ModelSchema } from './schemas/models.ts';
import { PageSchema } from './schemas/pages.ts';
import { PromptingKitSchema } from './schemas/prompting-kits.ts';
import { PulseSchema } from './schemas/pulse.ts';
import { QualitySetSchema } from './schemas/quality.ts';
import { QuickAnswerSchema } from './schemas/quick-answers.ts';
import { StartSchema } from './schemas/start.ts';
import { ToolSchema } from './schemas/tools.ts';

// RUNLOCALAI_CONTENT_DIR lets tests build the site over a fixture tree (e.g. one with a broken entry).
const CONTENT_DIR = process.env['RUNLOCALAI_CONTENT_DIR'] ?? './content';

/** An entry's id is its file path without the extension, verbatim (Astro's default slugifies "3.1" to "31"). */
const fileId = ({ entry }: { entry: string }) => entry.replace(/\.(json|mdx?)$/, '');

/** Files whose name starts with "_" are drafts/templates and are never loaded. */
const mdx = (folder: string) =>
  glob({ base: `${CONTENT_DIR}/${folder}`, pattern: '**/[^_]*.{md,mdx}', generateId: fileId });
const json = (folder: string) =>
  glob({ base: `${CONTENT_DIR}/${folder}`, pattern: '**/[^_]*.json', generateId: fileId });

export const collections = {
  glossary: defineCollection({ loader: mdx('glossary'), schema: GlossarySchema }),
  models: defineCollection({ loader: mdx('models'), schema: ModelSchema }),
  hardware: defineCollection({ loader: mdx('hardware'), schema: HardwareSchema }),
  tools: defineCollection({ loader: mdx('tools'), schema: ToolSchema }),
  errors: defineCollection({ loader: mdx('errors'), schema: ErrorSchema }),
  guides: defineCollection({ loader: mdx('guides'), schema: GuideSchema }),
  learn: defineCollection({ loader: mdx('learn'), schema: LearnSchema }),
  benchmarks: defineCollection({ loader: json('benchmarks'), schema: BenchmarkSchema }),
  pulse: defineCollection({ loader: mdx('pulse'), schema: PulseSchema }),
  pages: defineCollection({ loader: mdx('pages'), schema: PageSchema }),
  cloud: defineCollection({ loader: json('cloud'), schema: CloudPriceSchema }),
  apiPrices: defineCollection({ loader: json('api-prices'), schema: ApiPriceSchema }),
  quickAnswers: defineCollection({ loader: mdx('quick-answers'), schema: QuickAnswerSchema }),
  promptingKits: defineCollection({ loader: mdx('prompting-kits'), schema: PromptingKitSchema }),
  start: defineCollection({ loader: mdx('start'), schema: StartSchema }),
  quality: defineCollection({ loader: json('quality'), schema: QualitySetSchema }),
};
