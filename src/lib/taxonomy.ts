/**
 * Closed vocabularies of the catalog. Schemas use them as z.enum values and pages use the labels,
 * so a new category is one line here.
 */

export const GLOSSARY_CATEGORIES = [
  { id: 'hardware-memory', label: 'Hardware & memory' },
  { id: 'models-architectures', label: 'Models & architectures' },
  { id: 'quantization-formats', label: 'Quantization & formats' },
  { id: 'inference-performance', label: 'Inference & performance' },
  { id: 'runtimes-tools', label: 'Runtimes & tools' },
  { id: 'training-fine-tuning', label: 'Training & fine-tuning' },
  { id: 'ethics-safety-society', label: 'Ethics, safety & society' },
  { id: 'prompting-applications', label: 'Prompting & applications' },
] as const;
export type GlossaryCategoryId = (typeof GLOSSARY_CATEGORIES)[number]['id'];
export const GLOSSARY_CATEGORY_IDS = GLOSSARY_CATEGORIES.map((c) => c.id) as [
  GlossaryCategoryId,
  ...GlossaryCategoryId[],
];

/** Label of a glossary category id. */
export function glossaryCategoryLabel(id: GlossaryCategoryId): string {
  return GLOSSARY_CATEGORIES.find((c) => c.id === id)?.label ?? id;
}

export const HARDWARE_VENDORS = ['NVIDIA', 'AMD', 'Intel', 'Apple'] as const;
export type HardwareVendor = (typeof HARDWARE_VENDORS)[number];

/**
 * gpu: discrete card with its own VRAM. apple: Apple silicon unified memory (GPU gets a wired share).
 * unified: other shared-memory APUs (Strix Halo, DGX Spark). cpu: system RAM only.
 */
export const HARDWARE_KINDS = ['gpu', 'apple', 'unified', 'cpu'] as const;
export type HardwareKind = (typeof HARDWARE_KINDS)[number];

/** What a hardware entry's memoryGiB is, in a few words: "VRAM", "unified memory" or "system RAM". */
export function memoryKindLabel(kind: HardwareKind): string {
  return kind === 'gpu' ? 'VRAM' : kind === 'cpu' ? 'system RAM' : 'unified memory';
}

export const BACKENDS = ['CUDA', 'ROCm', 'Metal', 'Vulkan', 'SYCL', 'CPU'] as const;
export type Backend = (typeof BACKENDS)[number];

/**
 * How far a benchmark row can be trusted, most to least. Every speed on the site says whether it
 * is measured (and at which level) or estimated.
 */
export const BENCH_TRUST = [
  { id: 'ours', label: 'Measured by us', detail: 'we ran the command and kept the log' },
  {
    id: 'published-log',
    label: 'Published log',
    detail: 'copied from the full output the runtime or the benchmark author published',
  },
  { id: 'community-log', label: 'Community, with log', detail: 'a user posted the tool’s full output' },
  { id: 'community', label: 'Community, no log', detail: 'a reported number without the output behind it' },
] as const;
export type BenchTrust = (typeof BENCH_TRUST)[number]['id'];

export const TOOL_KINDS = [
  { id: 'runtime', label: 'Inference runtime' },
  { id: 'app', label: 'Desktop app' },
  { id: 'server', label: 'Serving engine' },
  { id: 'library', label: 'Library' },
] as const;
export type ToolKindId = (typeof TOOL_KINDS)[number]['id'];
export const TOOL_KIND_IDS = TOOL_KINDS.map((k) => k.id) as [ToolKindId, ...ToolKindId[]];

export const PLATFORMS = ['Linux', 'Windows', 'macOS'] as const;

export const MODEL_MODALITIES = ['text', 'vision', 'code', 'reasoning'] as const;

export const GUIDE_KINDS = ['buyer'] as const;

export const PAGE_SECTIONS = ['editor', 'legal', 'reference', 'tool'] as const;

/** Topics that group the quick answers on /quick-answers/. */
export const QUICK_ANSWER_TOPICS = [
  { id: 'memory', label: 'Memory and VRAM' },
  { id: 'hardware', label: 'Hardware to buy or use' },
  { id: 'models', label: 'Models' },
  { id: 'formats', label: 'Quantization and formats' },
  { id: 'software', label: 'Runtimes and setup' },
] as const;
export type QuickAnswerTopicId = (typeof QUICK_ANSWER_TOPICS)[number]['id'];
export const QUICK_ANSWER_TOPIC_IDS = QUICK_ANSWER_TOPICS.map((t) => t.id) as [
  QuickAnswerTopicId,
  ...QuickAnswerTopicId[],
];

/** Operating systems with a getting-started path on /start/. */
export const START_OS = [
  { id: 'windows', label: 'Windows' },
  { id: 'macos', label: 'macOS' },
  { id: 'linux', label: 'Linux' },
] as const;
export type StartOsId = (typeof START_OS)[number]['id'];
export const START_OS_IDS = START_OS.map((o) => o.id) as [StartOsId, ...StartOsId[]];
