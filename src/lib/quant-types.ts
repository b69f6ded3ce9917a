/**
 * ggml tensor block types: block size in elements and bytes (ggml type traits, identical to
 * llama.cpp gguf-py GGML_QUANT_SIZES). bpw = 8 * blockBytes / blockElems.
 */

export const GGML_TYPES = {
  F32: { blockElems: 1, blockBytes: 4 },
  F16: { blockElems: 1, blockBytes: 2 },
  BF16: { blockElems: 1, blockBytes: 2 },
  Q4_0: { blockElems: 32, blockBytes: 18 },
  Q4_1: { blockElems: 32, blockBytes: 20 },
  Q5_0: { blockElems: 32, blockBytes: 22 },
  Q5_1: { blockElems: 32, blockBytes: 24 },
  Q8_0: { blockElems: 32, blockBytes: 34 },
  Q8_1: { blockElems: 32, blockBytes: 36 },
  Q2_K: { blockElems: 256, blockBytes: 84 },
  Q3_K: { blockElems: 256, blockBytes: 110 },
  Q4_K: { blockElems: 256, blockBytes: 144 },
  Q5_K: { blockElems: 256, blockBytes: 176 },
  Q6_K: { blockElems: 256, blockBytes: 210 },
  Q8_K: { blockElems: 256, blockBytes: 292 },
  IQ1_S: { blockElems: 256, blockBytes: 50 },
  IQ1_M: { blockElems: 256, blockBytes: 56 },
  IQ2_XXS: { blockElems: 256, blockBytes: 66 },
  IQ2_XS: { blockElems: 256, blockBytes: 74 },
  IQ2_S: { blockElems: 256, blockBytes: 82 },
  IQ3_XXS: { blockElems: 256, blockBytes: 98 },
  IQ3_S: { blockElems: 256, blockBytes: 110 },
  IQ4_NL: { blockElems: 32, blockBytes: 18 },
  IQ4_XS: { blockElems: 256, blockBytes: 136 },
  TQ1_0: { blockElems: 256, blockBytes: 54 },
  TQ2_0: { blockElems: 256, blockBytes: 66 },
  MXFP4: { blockElems: 32, blockBytes: 17 },
} as const satisfies Record<string, { blockElems: number; blockBytes: number }>;

export type GgmlType = keyof typeof GGML_TYPES;

/** Bits per weight of a ggml block type. */
export function ggmlBpw(type: GgmlType): number {
  const t = GGML_TYPES[type];
  return (8 * t.blockBytes) / t.blockElems;
}

/** Bytes per element of a ggml type (e.g. q8_0 = 34/32 = 1.0625). */
export function ggmlBytesPerElement(type: GgmlType): number {
  const t = GGML_TYPES[type];
  return t.blockBytes / t.blockElems;
}

/** Whether ne0 (row width) is divisible by the block size of a type. */
export function rowFits(type: GgmlType, ne0: number): boolean {
  return ne0 % GGML_TYPES[type].blockElems === 0;
}

/** Bytes of a tensor with `elements` elements stored as `type` (rows must be block-aligned). */
export function tensorBytes(type: GgmlType, elements: number): number {
  const t = GGML_TYPES[type];
  return (elements / t.blockElems) * t.blockBytes;
}

/** Whether a type is a quantized (block) type, as opposed to F32/F16/BF16. */
export function isQuantizedType(type: GgmlType): boolean {
  return GGML_TYPES[type].blockElems > 1;
}
