/**
 * ggml tensor block types: [elements per block, bytes per block] (ggml type traits, identical to
 * llama.cpp gguf-py GGML_QUANT_SIZES). bpw = 8 * blockBytes / blockElems.
 */
export const GGML_TYPES = {
  F32: [1, 4],
  F16: [1, 2],
  BF16: [1, 2],
  Q4_0: [32, 18],
  Q4_1: [32, 20],
  Q5_0: [32, 22],
  Q5_1: [32, 24],
  Q8_0: [32, 34],
  Q8_1: [32, 36],
  Q2_K: [256, 84],
  Q3_K: [256, 110],
  Q4_K: [256, 144],
  Q5_K: [256, 176],
  Q6_K: [256, 210],
  Q8_K: [256, 292],
  IQ1_S: [256, 50],
  IQ1_M: [256, 56],
  IQ2_XXS: [256, 66],
  IQ2_XS: [256, 74],
  IQ2_S: [256, 82],
  IQ3_XXS: [256, 98],
  IQ3_S: [256, 110],
  IQ4_NL: [32, 18],
  IQ4_XS: [256, 136],
  TQ1_0: [256, 54],
  TQ2_0: [256, 66],
  MXFP4: [32, 17],
} as const satisfies Record<string, readonly [blockElems: number, blockBytes: number]>;

export type GgmlType = keyof typeof GGML_TYPES;

/** Bits per weight of a ggml block type. */
export function ggmlBpw(type: GgmlType): number {
  return 8 * ggmlBytesPerElement(type);
}

/** Bytes per element of a ggml type (e.g. q8_0 = 34/32 = 1.0625). */
export function ggmlBytesPerElement(type: GgmlType): number {
  const [elems, bytes] = GGML_TYPES[type];
  return bytes / elems;
}

/** Whether ne0 (row width) is divisible by the block size of a type. */
export function rowFits(type: GgmlType, ne0: number): boolean {
  return ne0 % GGML_TYPES[type][0] === 0;
}

/** Bytes of a tensor with `elements` elements stored as `type` (rows must be block-aligned). */
export function tensorBytes(type: GgmlType, elements: number): number {
  const [elems, bytes] = GGML_TYPES[type];
  return (elements / elems) * bytes;
}

/** Whether a type is a quantized (block) type, as opposed to F32/F16/BF16. */
export function isQuantizedType(type: GgmlType): boolean {
  return GGML_TYPES[type][0] > 1;
}
