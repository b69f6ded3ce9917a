/**
 * Vision: the multimodal projector llama.cpp loads from a separate mmproj GGUF (tools/mtmd,
 * clip.cpp): the vision encoder plus the projector into the language model, offloaded to the
 * first GPU by default. Its memory is the mmproj weights plus a compute buffer reserved for one
 * image at warm-up; an image also costs encoder compute and its tokens in the context.
 */
import type { ModelSpec, VisionSpec } from './model.ts';

/** mmproj weight types people download (F16 is the default that converters and publishers ship). */
export type ProjectorType = 'F16' | 'BF16' | 'Q8_0' | 'F32';

const BYTES_PER_PARAM: Record<ProjectorType, number> = { F16: 2, BF16: 2, Q8_0: 34 / 32, F32: 4 };

export interface VisionMemory {
  /** mmproj weights in the chosen type (the published file when the catalog has it). */
  weightsBytes: number;
  /** Compute buffer reserved for one image (estimate: patches x (3 x width + FFN) x 8 bytes). */
  computeBytes: number;
  totalBytes: number;
  source: 'file' | 'estimated';
}

/** Memory of the vision projector of a model in a weight type, or null for text-only models. */
export function visionMemory(model: ModelSpec, type: ProjectorType = 'F16'): VisionMemory | null {
  const v = model.vision;
  if (v == null) return null;
  const file = v.files?.find((f) => f.type === type && f.bytes > 0);
  const weightsBytes = file?.bytes ?? Math.round(v.params * BYTES_PER_PARAM[type]);
  // Activations of one encoder layer at a time (flash attention on): q, k, v and the FFN input,
  // F32, with one spare copy for the residual stream.
  const computeBytes = v.patchesPerImage * (3 * v.hiddenSize + v.ffnSize) * 8;
  return { weightsBytes, computeBytes, totalBytes: weightsBytes + computeBytes, source: file ? 'file' : 'estimated' };
}

/** FLOPs the encoder spends on one image (2 per parameter per patch). */
export function visionFlopsPerImage(v: VisionSpec): number {
  return 2 * v.params * v.patchesPerImage;
}

type Json = Record<string, unknown>;

/**
 * A VisionSpec from a config.json's vision_config (SigLIP / Qwen-VL / Llama 4 style encoders),
 * or null when there is none. Parameters are counted from the shapes: patch embedding, position
 * embedding, `depth` transformer blocks (4 w^2 attention + 2 or 3 w x FFN) and the projector
 * (a patch-merger MLP when spatial_merge_size > 1, else one linear map to the text width).
 * Images are sized at a reference of image_size (fixed-size encoders) or 1024 x 1024 pixels.
 */
export function visionFromConfig(raw: Json, textHidden: number): VisionSpec | null {
  const vc = raw['vision_config'];
  if (typeof vc !== 'object' || vc === null) return null;
  const c = vc as Json;
  const n = (...keys: string[]): number | undefined => {
    for (const k of keys) if (Number.isFinite(c[k])) return c[k] as number;
    return undefined;
  };
  const w = n('hidden_size', 'width');
  const depth = n('depth', 'num_hidden_layers', 'num_layers');
  const ffn = n('intermediate_size');
  if (w === undefined || depth === undefined || ffn === undefined) return null;
  const patch = n('patch_size') ?? 14;
  const channels = n('in_channels', 'num_channels') ?? 3;
  const temporal = n('temporal_patch_size') ?? 1;
  const merge = n('spatial_merge_size') ?? 1;
  const imageSize = n('image_size');
  const side = Math.floor((imageSize ?? 1024) / patch);
  const patches = side * side;
  const gated = /silu|swiglu/.test(String(c['hidden_act'] ?? ''));
  const positions = n('num_position_embeddings') ?? (imageSize !== undefined ? patches : 0);
  const block = 4 * w * w + (gated ? 3 : 2) * w * ffn + 9 * w;
  const out = n('out_hidden_size', 'projector_output_dim') ?? textHidden;
  const projector = merge > 1 ? (w * merge * merge) ** 2 + w * merge * merge * out : w * out;
  // Qwen3-VL feeds features from some encoder layers straight into the language model ("deepstack"),
  // each through a merger of the projector's size: count one more projector per listed layer.
  const deepstack = Array.isArray(c['deepstack_visual_indexes']) ? c['deepstack_visual_indexes'].length : 0;
  const shuffle = n('pixel_shuffle_ratio');
  const perImage = Number(raw['mm_tokens_per_image']);
  const tokensPerImage =
    perImage > 0 ? perImage : Math.round((patches / (merge * merge)) * (shuffle !== undefined ? shuffle * shuffle : 1));
  return {
    params: channels * temporal * patch * patch * w + positions * w + depth * block + (1 + deepstack) * projector,
    hiddenSize: w,
    ffnSize: ffn,
    patchesPerImage: patches,
    tokensPerImage,
  };
}
