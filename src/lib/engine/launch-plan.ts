/**
 * What llama.cpp decides by itself, and how far the context can go. llama-server fits by default
 * (common/fit.cpp, --fit on): it starts from the training context with 4 automatic slots sharing
 * one KV stream, keeps 1024 MiB free per device, and when that does not fit first shrinks an
 * unset context toward 4096 tokens (linear interpolation between two probes, rounded down to a
 * multiple of 256), then keeps layers (or, for MoE, experts) in system RAM.
 */
import { SAFETY_MARGIN_BYTES } from './compute.ts';
import type { KvCacheType } from './formats.ts';
import { KV_CACHE_TYPE_IDS } from './formats.ts';
import { estimateOutcome } from './fit.ts';
import type { EstimateInput } from './sizing.ts';
import type { HardwareSetup } from './hardware.ts';
import { settle, size } from './sizing.ts';
import { place } from './placement.ts';

/** llama.cpp's fit_params_min_ctx. */
export const FIT_MIN_CONTEXT = 4096;
/** llama-server's automatic slot count (-np auto), sharing one KV stream. */
export const SERVER_DEFAULT_SLOTS = 4;

export interface LaunchDefaults {
  /** Context llama-server settles on. */
  context: number;
  parallel: number;
  /** Repeating layers on the GPUs (all of them when nothing is offloaded). */
  gpuLayers: number;
  /** Layers whose experts stay in system RAM. */
  cpuMoeLayers: number;
  /** Whether everything ends up on the GPUs. */
  fullOffload: boolean;
  /** One sentence saying what happens. */
  summary: string;
}

type PlanInput = EstimateInput & { hardware: HardwareSetup };

const CONTEXT_STEP = 256;

/**
 * Largest context (a multiple of 256, at most the model's maximum) that fits fully on the GPUs
 * with the 1 GiB margin, for each KV-cache type; 0 when not even 256 tokens fit. Other settings
 * (parallel, vision, draft) as in the input.
 */
export function maxContextByKvType(input: PlanInput): Record<KvCacheType, number> {
  const max = Math.max(CONTEXT_STEP, input.model.contextLength ?? 131072);
  const out = {} as Record<KvCacheType, number>;
  for (const kvType of KV_CACHE_TYPE_IDS) {
    const fits = (ctx: number): boolean =>
      estimateOutcome({
        ...input,
        kvType,
        flashAttention: kvType === 'f16' ? input.flashAttention : true,
        context: ctx,
      }).verdict === 'fits';
    let lo = 0;
    let hi = Math.floor(max / CONTEXT_STEP);
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (fits(mid * CONTEXT_STEP)) lo = mid;
      else hi = mid - 1;
    }
    out[kvType] = Math.min(max, lo * CONTEXT_STEP);
  }
  return out;
}

/**
 * What `llama-server -m <file>` with no other flags does on this hardware (GGUF only; null for
 * other formats or machines without a GPU): the context it keeps and what it offloads.
 */
export function serverDefaults(input: PlanInput): LaunchDefaults | null {
  const hw = input.hardware;
  if (hw.devices.length === 0 || settle(input).format.family !== 'gguf') return null;
  const train = input.model.contextLength ?? FIT_MIN_CONTEXT;
  // No flags: no mmproj, no draft model, no MTP, an f16 cache with flash attention on (auto).
  const base = {
    ...input,
    kvType: 'f16' as KvCacheType,
    flashAttention: true,
    parallel: SERVER_DEFAULT_SLOTS,
    kvUnified: true,
    vision: false,
    draft: null,
    mtp: false,
  };
  const at = (context: number) => {
    const s = size(settle({ ...base, context }), context);
    return { s, f: place(s, hw) };
  };
  const describeAt = (context: number): LaunchDefaults => {
    const { s, f } = at(context);
    const full = f.verdict === 'fits';
    const L = s.layers;
    const where = full
      ? 'everything on the GPU'
      : f.cpuMoeLayers > 0
        ? `the experts of ${f.cpuMoeLayers} of ${L} layers in system RAM`
        : f.gpuLayers >= L
          ? 'every layer on the GPU and the output layer on the CPU'
          : f.gpuLayers > 0
            ? `${f.gpuLayers} of ${L} layers on the GPU, the rest on the CPU`
            : 'the model on the CPU';
    if (f.verdict === 'wont-run')
      return {
        context,
        parallel: SERVER_DEFAULT_SLOTS,
        gpuLayers: 0,
        cpuMoeLayers: 0,
        fullOffload: false,
        summary: `Even at a ${context}-token context the model does not fit in GPU memory and system RAM together, so llama-server cannot load it here.`,
      };
    return {
      context,
      parallel: SERVER_DEFAULT_SLOTS,
      gpuLayers: f.gpuLayers,
      cpuMoeLayers: f.cpuMoeLayers,
      fullOffload: full,
      summary: `llama-server keeps a ${context}-token context (${SERVER_DEFAULT_SLOTS} slots sharing it) with ${where}.`,
    };
  };
  if (at(train).f.verdict === 'fits' || train <= FIT_MIN_CONTEXT) return describeAt(train);
  const low = at(FIT_MIN_CONTEXT);
  if (low.f.verdict !== 'fits') return describeAt(FIT_MIN_CONTEXT);
  // Interpolate between the two probes like llama.cpp: memory is (nearly) linear in the context.
  const high = at(train);
  const need = (x: typeof low): number => x.f.requiredBytes;
  const target = low.f.availableBytes - hw.devices.length * SAFETY_MARGIN_BYTES;
  const span = need(high) - need(low);
  let ctx = span > 0 ? FIT_MIN_CONTEXT + ((train - FIT_MIN_CONTEXT) * (target - need(low))) / span : train;
  ctx = Math.max(FIT_MIN_CONTEXT, Math.min(train, Math.floor(ctx / CONTEXT_STEP) * CONTEXT_STEP));
  // The interpolation can land a step too high where windowed caches stop growing; step down until it fits.
  while (ctx > FIT_MIN_CONTEXT && at(ctx).f.verdict !== 'fits') ctx -= CONTEXT_STEP;
  return describeAt(ctx);
}
