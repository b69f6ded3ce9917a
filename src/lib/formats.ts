/**
 * Closed lists the catalog schemas and the UI share: weight formats and KV-cache types.
 * Pure constants, no logic beyond lookups, so zod schemas can import them as z.enum values.
 */

export type FormatFamily = 'gguf' | 'safetensors' | 'awq' | 'gptq' | 'mlx';

/**
 * Supported weight formats. GGUF ids are llama.cpp's file-type names (llama-quantize). `bpw` is
 * the nominal bits per weight of the main block type, for display only; sizes come from weights.ts.
 */
export const WEIGHT_FORMATS = [
  { id: 'Q2_K', label: 'GGUF Q2_K', family: 'gguf', bpw: 2.625 },
  { id: 'Q2_K_S', label: 'GGUF Q2_K_S', family: 'gguf', bpw: 2.625 },
  { id: 'Q3_K_S', label: 'GGUF Q3_K_S', family: 'gguf', bpw: 3.4375 },
  { id: 'Q3_K_M', label: 'GGUF Q3_K_M', family: 'gguf', bpw: 3.4375 },
  { id: 'Q3_K_L', label: 'GGUF Q3_K_L', family: 'gguf', bpw: 3.4375 },
  { id: 'Q4_0', label: 'GGUF Q4_0', family: 'gguf', bpw: 4.5 },
  { id: 'Q4_1', label: 'GGUF Q4_1', family: 'gguf', bpw: 5 },
  { id: 'Q4_K_S', label: 'GGUF Q4_K_S', family: 'gguf', bpw: 4.5 },
  { id: 'Q4_K_M', label: 'GGUF Q4_K_M', family: 'gguf', bpw: 4.5 },
  { id: 'Q5_0', label: 'GGUF Q5_0', family: 'gguf', bpw: 5.5 },
  { id: 'Q5_1', label: 'GGUF Q5_1', family: 'gguf', bpw: 6 },
  { id: 'Q5_K_S', label: 'GGUF Q5_K_S', family: 'gguf', bpw: 5.5 },
  { id: 'Q5_K_M', label: 'GGUF Q5_K_M', family: 'gguf', bpw: 5.5 },
  { id: 'Q6_K', label: 'GGUF Q6_K', family: 'gguf', bpw: 6.5625 },
  { id: 'Q8_0', label: 'GGUF Q8_0', family: 'gguf', bpw: 8.5 },
  { id: 'IQ1_S', label: 'GGUF IQ1_S', family: 'gguf', bpw: 1.5625 },
  { id: 'IQ1_M', label: 'GGUF IQ1_M', family: 'gguf', bpw: 1.75 },
  { id: 'IQ2_XXS', label: 'GGUF IQ2_XXS', family: 'gguf', bpw: 2.0625 },
  { id: 'IQ2_XS', label: 'GGUF IQ2_XS', family: 'gguf', bpw: 2.3125 },
  { id: 'IQ2_S', label: 'GGUF IQ2_S', family: 'gguf', bpw: 2.5 },
  { id: 'IQ2_M', label: 'GGUF IQ2_M', family: 'gguf', bpw: 2.7 },
  { id: 'IQ3_XXS', label: 'GGUF IQ3_XXS', family: 'gguf', bpw: 3.0625 },
  { id: 'IQ3_XS', label: 'GGUF IQ3_XS', family: 'gguf', bpw: 3.3 },
  { id: 'IQ3_S', label: 'GGUF IQ3_S', family: 'gguf', bpw: 3.4375 },
  { id: 'IQ3_M', label: 'GGUF IQ3_M', family: 'gguf', bpw: 3.66 },
  { id: 'IQ4_XS', label: 'GGUF IQ4_XS', family: 'gguf', bpw: 4.25 },
  { id: 'IQ4_NL', label: 'GGUF IQ4_NL', family: 'gguf', bpw: 4.5 },
  { id: 'MXFP4', label: 'GGUF MXFP4 (gpt-oss)', family: 'gguf', bpw: 4.25 },
  { id: 'F16', label: 'GGUF F16', family: 'gguf', bpw: 16 },
  { id: 'BF16', label: 'GGUF BF16', family: 'gguf', bpw: 16 },
  { id: 'F32', label: 'GGUF F32', family: 'gguf', bpw: 32 },
  { id: 'FP16', label: 'Safetensors FP16/BF16', family: 'safetensors', bpw: 16 },
  { id: 'FP8', label: 'Safetensors FP8', family: 'safetensors', bpw: 8 },
  { id: 'AWQ-4bit', label: 'AWQ 4-bit (g128)', family: 'awq', bpw: 4.156 },
  { id: 'GPTQ-4bit', label: 'GPTQ 4-bit (g128)', family: 'gptq', bpw: 4.156 },
  { id: 'MLX-4bit', label: 'MLX 4-bit (g64)', family: 'mlx', bpw: 4.5 },
  { id: 'MLX-8bit', label: 'MLX 8-bit (g64)', family: 'mlx', bpw: 8.5 },
] as const satisfies readonly { id: string; label: string; family: FormatFamily; bpw: number }[];

export type FormatId = (typeof WEIGHT_FORMATS)[number]['id'];
export type WeightFormat = (typeof WEIGHT_FORMATS)[number];

/** Format ids as a non-empty tuple, for z.enum. */
export const FORMAT_IDS = WEIGHT_FORMATS.map((f) => f.id) as [FormatId, ...FormatId[]];

/** KV-cache element types the engine (and Ollama) support. */
export const KV_CACHE_TYPES = [
  { id: 'f16', label: 'F16 (default)', bytesPerElement: 2 },
  { id: 'q8_0', label: 'Q8_0 (about half)', bytesPerElement: 34 / 32 },
  { id: 'q4_0', label: 'Q4_0 (about a quarter)', bytesPerElement: 18 / 32 },
] as const;

export type KvCacheType = (typeof KV_CACHE_TYPES)[number]['id'];
export const KV_CACHE_TYPE_IDS = KV_CACHE_TYPES.map((k) => k.id) as [KvCacheType, ...KvCacheType[]];

/** Extra spellings accepted by parseFormatId (lower-cased keys). */
const FORMAT_ALIASES: Record<string, FormatId> = {
  mxfp4_moe: 'MXFP4',
  fp16: 'FP16',
  'safetensors-fp16': 'FP16',
  'safetensors-bf16': 'FP16',
  safetensors: 'FP16',
  fp8: 'FP8',
  awq: 'AWQ-4bit',
  'awq-4bit': 'AWQ-4bit',
  gptq: 'GPTQ-4bit',
  'gptq-4bit': 'GPTQ-4bit',
  'gptq-int4': 'GPTQ-4bit',
  mlx: 'MLX-4bit',
  'mlx-4bit': 'MLX-4bit',
  'mlx-8bit': 'MLX-8bit',
  mlx4: 'MLX-4bit',
  mlx8: 'MLX-8bit',
};

const FORMAT_BY_UPPER = new Map<string, FormatId>(WEIGHT_FORMATS.map((f) => [f.id.toUpperCase(), f.id]));

/** Parse a user-supplied format name (case-insensitive). Returns undefined when unknown. */
export function parseFormatId(input: string): FormatId | undefined {
  const s = input.trim();
  return FORMAT_ALIASES[s.toLowerCase()] ?? FORMAT_BY_UPPER.get(s.toUpperCase());
}

/** Format metadata, or throw a clear error for an unknown id. */
export function getFormat(id: string): WeightFormat {
  const parsed = parseFormatId(id);
  const f = parsed === undefined ? undefined : WEIGHT_FORMATS.find((x) => x.id === parsed);
  if (f === undefined) {
    throw new Error(
      `Unknown weight format "${id}". Use one of: ${FORMAT_IDS.join(', ')}.`,
    );
  }
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
