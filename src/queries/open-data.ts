/**
 * The catalog as open data: /data/<dataset>.json (every field, every record with its sources and
 * as-of date), /data/<dataset>.csv (the main columns) and /data/<dataset>.schema.json (JSON Schema
 * of the JSON file, generated from the same zod schema that validates the content). Documented on
 * /data/. A new dataset is one entry in DATASETS.
 */
import { z } from 'astro/zod';
import type { CsvCell } from '../lib/csv.ts';
import { BenchmarkSchema } from '../schemas/benchmarks.ts';
import { CloudPriceSchema } from '../schemas/cloud.ts';
import { HardwareSchema } from '../schemas/hardware.ts';
import { ModelSchema } from '../schemas/models.ts';
import { QualitySetSchema } from '../schemas/quality.ts';
import { Id, IsoDate } from '../schemas/shared.ts';
import { SITE, absoluteUrl } from '../site.ts';
import { getCatalog } from './catalog.ts';

/** Version of the files' layout; bumped when a field is renamed or removed (adding one is not a break). */
export const DATA_FORMAT_VERSION = '1.0.0';

export const DATA_LICENSE = {
  name: 'CC BY 4.0',
  url: 'https://creativecommons.org/licenses/by/4.0/',
  note: 'Credit "RunLocalAI" with a link to the dataset page. The facts themselves come from the sources each record cites.',
} as const;

/** One CSV column: its header, what it holds (with units), and how to read it from a record. */
export interface Column<R> {
  name: string;
  about: string;
  value: (record: R) => CsvCell;
}

interface Dataset<R extends { id: string; asOf: string; sources: readonly { url: string }[] }> {
  id: string;
  title: string;
  about: string;
  /** Zod schema of one record: the content schema plus `id` and `asOf`. */
  record: z.ZodType;
  records: () => Promise<R[]>;
  columns: Column<R>[];
}

const sourceUrls = (r: { sources: readonly { url: string }[] }) => r.sources.map((s) => s.url).join(' ');
const common = {
  id: { name: 'id', about: 'Catalog id, also the last part of the page URL.' },
  asOf: { name: 'asOf', about: 'Date the facts were last checked (YYYY-MM-DD).' },
  sources: { name: 'sources', about: 'Source URLs behind the facts, separated by spaces.' },
};

type ModelRecord = z.output<typeof ModelSchema> & { id: string };
type HardwareRecord = z.output<typeof HardwareSchema> & { id: string };
type BenchRecord = z.output<typeof BenchmarkSchema> & { id: string; asOf: string };
type CloudRecord = z.output<typeof CloudPriceSchema> & { id: string };
type QualityRecord = z.output<typeof QualitySetSchema> & { id: string };

const models: Dataset<ModelRecord> = {
  id: 'models',
  title: 'Models',
  about: 'Open-weight models with their architecture (what the fit engine sizes memory from), files and licences.',
  record: ModelSchema.extend({ id: Id }),
  records: async () => (await getCatalog()).models.map((m) => ({ id: m.id, ...m.data })),
  columns: [
    { ...common.id, value: (r) => r.id },
    { name: 'name', about: 'Display name.', value: (r) => r.name },
    { name: 'org', about: 'Publisher.', value: (r) => r.org },
    { name: 'family', about: 'Model family.', value: (r) => r.family },
    { name: 'paramsTotal', about: 'Total parameters (a count).', value: (r) => r.paramsTotal },
    {
      name: 'paramsActive',
      about: 'Parameters active per token (mixture-of-experts models; empty for dense).',
      value: (r) => r.paramsActive,
    },
    { name: 'contextLength', about: 'Maximum context, tokens.', value: (r) => r.contextLength },
    { name: 'layers', about: 'Transformer blocks.', value: (r) => r.architecture.layers },
    { name: 'releaseDate', about: 'Release date (YYYY-MM-DD).', value: (r) => r.releaseDate },
    { name: 'license', about: 'Licence as the publisher names it.', value: (r) => r.license },
    { name: 'hfRepo', about: 'Hugging Face repository (owner/name).', value: (r) => r.hfRepo },
    { ...common.asOf, value: (r) => r.asOf },
    { ...common.sources, value: sourceUrls },
  ],
};

const hardware: Dataset<HardwareRecord> = {
  id: 'hardware',
  title: 'Hardware',
  about: 'GPUs, Apple silicon, unified-memory machines and CPUs, with the memory and bandwidth the engine uses.',
  record: HardwareSchema.extend({ id: Id }),
  records: async () => (await getCatalog()).hardware.map((h) => ({ id: h.id, ...h.data })),
  columns: [
    { ...common.id, value: (r) => r.id },
    { name: 'name', about: 'Display name, with the memory size.', value: (r) => r.name },
    { name: 'vendor', about: 'NVIDIA, AMD, Intel or Apple.', value: (r) => r.vendor },
    { name: 'kind', about: 'gpu, apple, unified or cpu.', value: (r) => r.kind },
    {
      name: 'memoryGiB',
      about: 'Memory in GiB: VRAM (gpu), unified memory (apple, unified) or system RAM (cpu).',
      value: (r) => r.memoryGiB,
    },
    { name: 'memoryType', about: 'Memory technology, e.g. GDDR6X.', value: (r) => r.memoryType },
    {
      name: 'bandwidthGBs',
      about: 'Peak memory bandwidth, GB/s (10^9 bytes per second).',
      value: (r) => r.bandwidthGBs,
    },
    {
      name: 'fp16Tflops',
      about: 'Peak FP16 shader throughput, TFLOPS (empty when unpublished).',
      value: (r) => r.fp16Tflops,
    },
    { name: 'architecture', about: 'Architecture or chip generation.', value: (r) => r.architecture },
    { name: 'tdpW', about: 'Board power, watts.', value: (r) => r.tdpW },
    { name: 'launchDate', about: 'Launch date (YYYY-MM-DD).', value: (r) => r.launchDate },
    { name: 'msrpUsd', about: 'Launch price, US dollars (empty when unknown).', value: (r) => r.msrpUsd },
    {
      name: 'marketUsd',
      about:
        'Market price: what the cheapest listings asked, US dollars (empty when no dated market source covers it; see marketBasis).',
      value: (r) => r.marketPrice?.usd,
    },
    { name: 'marketBasis', about: 'How marketUsd was made, in words.', value: (r) => r.marketPrice?.basis },
    {
      name: 'marketMonth',
      about: 'The month marketUsd was observed (YYYY-MM).',
      value: (r) => r.marketPrice?.observedMonth,
    },
    { ...common.asOf, value: (r) => r.asOf },
    {
      ...common.sources,
      value: (r) => sourceUrls({ sources: r.marketPrice ? [...r.sources, r.marketPrice.source] : r.sources }),
    },
  ],
};

const benchmarks: Dataset<BenchRecord> = {
  id: 'benchmarks',
  title: 'Benchmarks',
  about: 'Measured llama.cpp-family runs: speed, the exact command, the runtime version and how far to trust each row.',
  record: BenchmarkSchema.extend({ id: Id, asOf: IsoDate }),
  records: async () => (await getCatalog()).benchmarks.map((b) => ({ id: b.id, ...b.data, asOf: b.data.measured })),
  columns: [
    { ...common.id, value: (r) => r.id },
    { name: 'model', about: 'Model id (models dataset).', value: (r) => r.model },
    { name: 'hardware', about: 'Hardware id (hardware dataset).', value: (r) => r.hardware },
    { name: 'tool', about: 'Runtime id.', value: (r) => r.tool },
    { name: 'toolVersion', about: 'Runtime version or build, as the source gives it.', value: (r) => r.toolVersion },
    { name: 'backend', about: 'CUDA, ROCm, Metal, Vulkan, SYCL or CPU.', value: (r) => r.backend },
    { name: 'format', about: 'Weight format, e.g. Q4_K_M.', value: (r) => r.format },
    { name: 'promptTokens', about: 'Prompt tokens of the prompt test (pp512 = 512).', value: (r) => r.promptTokens },
    { name: 'promptTokS', about: 'Prompt processing, tokens per second.', value: (r) => r.promptTokS },
    {
      name: 'generatedTokens',
      about: 'Generated tokens of the decode test (tg128 = 128).',
      value: (r) => r.generatedTokens,
    },
    { name: 'depth', about: 'Tokens already in context during the test.', value: (r) => r.depth },
    { name: 'decodeTokS', about: 'Generation, tokens per second.', value: (r) => r.decodeTokS },
    { name: 'trust', about: 'ours, published-log, community-log or community.', value: (r) => r.trust },
    { name: 'command', about: 'The command as the source gives it.', value: (r) => r.command },
    { name: 'asOf', about: 'Date measured (YYYY-MM-DD).', value: (r) => r.asOf },
    { ...common.sources, value: sourceUrls },
  ],
};

const cloud: Dataset<CloudRecord> = {
  id: 'cloud',
  title: 'Cloud GPU prices',
  about: 'On-demand rental prices of single cloud GPUs, for the cost comparison.',
  record: CloudPriceSchema.extend({ id: Id }),
  records: async () => (await getCatalog()).cloud.map((c) => ({ id: c.id, ...c.data })),
  columns: [
    { ...common.id, value: (r) => r.id },
    { name: 'provider', about: 'Cloud provider.', value: (r) => r.provider },
    { name: 'gpu', about: 'GPU as the provider names it.', value: (r) => r.gpu },
    { name: 'gpuMemoryGiB', about: 'Memory of one GPU, GiB.', value: (r) => r.gpuMemoryGiB },
    {
      name: 'usdPerGpuHour',
      about: 'On-demand price of one GPU for one hour, US dollars.',
      value: (r) => r.usdPerGpuHour,
    },
    { name: 'pricing', about: 'How it is billed.', value: (r) => r.pricing },
    { ...common.asOf, value: (r) => r.asOf },
    { ...common.sources, value: sourceUrls },
  ],
};

// Each dataset is typed by its own record; the list only needs what every dataset shares.
const quality: Dataset<QualityRecord> = {
  id: 'quality',
  title: 'Quantization quality',
  about:
    'Published measurements of what each GGUF format costs in quality: mean KL divergence from the full-precision model and the perplexity change, per model and format, with the dataset and context used.',
  record: QualitySetSchema.extend({ id: Id }),
  records: async () => (await getCatalog()).quality.map((q) => ({ id: q.id, ...q.data })),
  columns: [
    { ...common.id, value: (r) => r.id },
    { name: 'model', about: 'Catalog id of the model the measurement was made on.', value: (r) => r.model },
    { name: 'reference', about: 'What the formats are compared with, e.g. F16.', value: (r) => r.reference },
    { name: 'dataset', about: 'Evaluation text.', value: (r) => r.dataset },
    { name: 'ctx', about: 'Tokens per evaluation chunk.', value: (r) => r.ctx },
    {
      name: 'formats',
      about:
        'Format=KLD (or ppl+delta when no KLD was published) for each row, separated by spaces; the JSON has every field.',
      value: (r) =>
        r.rows
          .map((row) => `${row.publisher ? `${row.publisher}:` : ''}${row.format}=${row.kld ?? `ppl+${row.pplDelta}`}`)
          .join(' '),
    },
    { name: 'measuredBy', about: 'Who measured, and how.', value: (r) => r.measuredBy },
    { ...common.asOf, value: (r) => r.asOf },
    { ...common.sources, value: sourceUrls },
  ],
};

export const DATASETS = [models, hardware, benchmarks, cloud, quality] as unknown as Dataset<{
  id: string;
  asOf: string;
  sources: readonly { url: string }[];
}>[];

export type DatasetId = (typeof DATASETS)[number]['id'];

export const dataPaths = {
  page: () => '/data/',
  json: (id: string) => `/data/${id}.json`,
  csv: (id: string) => `/data/${id}.csv`,
  schema: (id: string) => `/data/${id}.schema.json`,
};

/** The build's time, once per build, so every file of one build carries the same date. */
const BUILT = new Date().toISOString();

/** The JSON download: a header (version, dates, licence, schema link) and every record. */
export async function datasetJson(dataset: (typeof DATASETS)[number]) {
  const records = await dataset.records();
  return {
    $schema: absoluteUrl(dataPaths.schema(dataset.id)),
    dataset: dataset.id,
    title: `${SITE.name} ${dataset.title}`,
    version: DATA_FORMAT_VERSION,
    built: BUILT,
    updated: records.reduce((latest, r) => (r.asOf > latest ? r.asOf : latest), ''),
    license: DATA_LICENSE.url,
    documentation: absoluteUrl(dataPaths.page()),
    count: records.length,
    records,
  };
}

/** JSON Schema (2020-12) of the JSON download, from the zod schema the content is validated with. */
export function datasetSchema(dataset: (typeof DATASETS)[number]) {
  const file = z.strictObject({
    $schema: z.url(),
    dataset: z.literal(dataset.id),
    title: z.string(),
    version: z.string().regex(/^\d+\.\d+\.\d+$/),
    built: z.iso.datetime(),
    updated: IsoDate,
    license: z.url(),
    documentation: z.url(),
    count: z.number().int().nonnegative(),
    records: z.array(dataset.record),
  });
  return {
    ...z.toJSONSchema(file, { io: 'output', unrepresentable: 'any', target: 'draft-2020-12' }),
    $id: absoluteUrl(dataPaths.schema(dataset.id)),
    title: `${SITE.name} ${dataset.title} (version ${DATA_FORMAT_VERSION})`,
    description: dataset.about,
  };
}

/** The CSV download's header and rows. */
export async function datasetCsv(dataset: (typeof DATASETS)[number]) {
  const records = await dataset.records();
  return {
    headers: dataset.columns.map((c) => c.name),
    rows: records.map((r) => dataset.columns.map((c) => c.value(r))),
  };
}
