/**
 * Closed lists the catalog schemas and the UI share: weight formats and KV-cache types.
 * Pure constants, no logic beyond lookups, so zod schemas can import them as z.enum values.
 */

export type FormatFamily = 'gguf' | 'safetensors' | 'awq' | 'gptq' | 'mlx';

/** Weight format ids. GGUF ids (up to F32) are llama.cpp's file-type names (llama-quantize). */
const IDS = [
  'Q2_K',
  'Q2_K_S',
  'Q3_K_S',
  'Q3_K_M',
  'Q3_K_L',
  'Q4_0',
  'Q4_1',
  'Q4_K_S',
  'Q4_K_M',
  'Q5_0',
  'Q5_1',
  'Q5_K_S',
  'Q5_K_M',
  'Q6_K',
  'Q8_0',
  'IQ1_S',
  'IQ1_M',
  'IQ2_XXS',
  'IQ2_XS',
  'IQ2_S',
  'IQ2_M',
  'IQ3_XXS',
  'IQ3_XS',
  'IQ3_S',
  'IQ3_M',
  'IQ4_XS',
  'IQ4_NL',
  'MXFP4',
  'F16',
  'BF16',
  'F32',
  'FP16',
  'FP8',
  'AWQ-4bit',
  'GPTQ-4bit',
  'MLX-4bit',
  'MLX-8bit',
] as const;

export type FormatId = (typeof IDS)[number];

/** Nominal bits per weight of each format's main block type (display only; sizes come from weights.ts), in IDS order. */
const NOMINAL_BPW = [
  2.625, 2.625, 3.4375, 3.4375, 3.4375, 4.5, 5, 4.5, 4.5, 5.5, 6, 5.5, 5.5, 6.5625, 8.5, 1.5625, 1.75, 2.0625, 2.3125,
  2.5, 2.7, 3.0625, 3.3, 3.4375, 3.66, 4.25, 4.5, 4.25, 16, 16, 32, 16, 8, 4.156, 4.156, 4.5, 8.5,
];

/** Labels that are not simply "GGUF <id>". */
const LABELS: Partial<Record<FormatId, [label: string, family: FormatFamily]>> = {
  MXFP4: ['GGUF MXFP4 (gpt-oss)', 'gguf'],
  FP16: ['Safetensors FP16/BF16', 'safetensors'],
  FP8: ['Safetensors FP8', 'safetensors'],
  'AWQ-4bit': ['AWQ 4-bit (g128)', 'awq'],
  'GPTQ-4bit': ['GPTQ 4-bit (g128)', 'gptq'],
  'MLX-4bit': ['MLX 4-bit (g64)', 'mlx'],
  'MLX-8bit': ['MLX 8-bit (g64)', 'mlx'],
};

export interface WeightFormat {
  id: FormatId;
  label: string;
  family: FormatFamily;
  /** Nominal bits per weight of the main block type, for display only. */
  bpw: number;
}

/** Supported weight formats, GGUF first (same order as FORMAT_IDS). */
export const WEIGHT_FORMATS: readonly WeightFormat[] = IDS.map((id, i) => {
  const [label, family] = LABELS[id] ?? [`GGUF ${id}`, 'gguf'];
  return { id, label, family, bpw: NOMINAL_BPW[i]! };
});

/** Format ids as a non-empty tuple, for z.enum. */
export const FORMAT_IDS = [...IDS] as [FormatId, ...FormatId[]];

/** KV-cache element types the engine (and Ollama) support. */
export const KV_CACHE_TYPES = [
  { id: 'f16', label: 'F16 (default)', bytesPerElement: 2 },
  { id: 'q8_0', label: 'Q8_0 (about half)', bytesPerElement: 34 / 32 },
  { id: 'q4_0', label: 'Q4_0 (about a quarter)', bytesPerElement: 18 / 32 },
] as const;

export type KvCacheType = (typeof KV_CACHE_TYPES)[number]['id'];
export const KV_CACHE_TYPE_IDS = KV_CACHE_TYPES.map((k) => k.id) as [KvCacheType, ...KvCacheType[]];

/** Lower-cased spellings accepted by parseFormatId -> format: every id, plus aliases. */
const FORMAT_BY_NAME = new Map<string, WeightFormat>(WEIGHT_FORMATS.map((f) => [f.id.toLowerCase(), f]));
for (const [alias, id] of [
  ['mxfp4_moe', 'MXFP4'],
  ['safetensors', 'FP16'],
  ['safetensors-fp16', 'FP16'],
  ['safetensors-bf16', 'FP16'],
  ['awq', 'AWQ-4bit'],
  ['gptq', 'GPTQ-4bit'],
  ['gptq-int4', 'GPTQ-4bit'],
  ['mlx', 'MLX-4bit'],
  ['mlx4', 'MLX-4bit'],
  ['mlx8', 'MLX-8bit'],
] as const) {
  FORMAT_BY_NAME.set(alias, FORMAT_BY_NAME.get(id.toLowerCase())!);
}

/** Parse a user-supplied format name (case-insensitive). Returns undefined when unknown. */
export function parseFormatId(input: string): FormatId | undefined {
  return FORMAT_BY_NAME.get(input.trim().toLowerCase())?.id;
}

/** Format metadata, or throw a clear error for an unknown id. */
export function getFormat(id: string): WeightFormat {
  const f = FORMAT_BY_NAME.get(id.trim().toLowerCase());
  if (f === undefined) throw new Error(`Unknown weight format "${id}". Use one of: ${IDS.join(', ')}.`);
  return f;
}

/** Parse a KV-cache type (case-insensitive). Returns undefined when unknown. */
export function parseKvCacheType(input: string): KvCacheType | undefined {
  const s = input.trim().toLowerCase();
  return KV_CACHE_TYPE_IDS.find((k) => k === s);
}

/** Bytes per cached element for a KV type. */
export function kvBytesPerElement(type: KvCacheType): number {
  const k = KV_CACHE_TYPES.find((x) => x.id === type);
  if (k === undefined) throw new Error(`Unknown KV cache type "${type}". Use one of: ${KV_CACHE_TYPE_IDS.join(', ')}.`);
  return k.bytesPerElement;
}
