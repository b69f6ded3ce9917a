/**
 * Ways to make a setup run (or run better) when it does not fit, each with its numbers (the
 * verdict after the change, GPU memory needed and usable, system RAM it uses, expected speed),
 * ranked by what they cost: free settings first (quantized KV cache, experts in RAM, a shorter
 * context, the Apple wired limit), then quality trades (a smaller format fully on the GPU or with
 * partial offload, a q4_0 cache, a smaller model of the same family), then hardware (more system
 * RAM, a second card). Whatever the setup, at least one runnable way is offered when one exists
 * among these changes.
 */
import type { EngineEstimate, EstimateInput, FitOutcome } from './engine/fit.ts';
import { formatGiBShort as gib, formatTokensPerSecond } from './engine/format.ts';
import type { FormatId, KvCacheType } from './engine/formats.ts';
import { getFormat } from './engine/formats.ts';
import type { HardwareSetup } from './engine/hardware.ts';
import { COMMON_RAM_SIZES_GIB, withExtraGpu, withGpuFraction, withSystemRam } from './engine/hardware.ts';
import type { ModelSpec } from './engine/model.ts';
import { GiB, MiB } from './engine/units.ts';
import type { Verdict } from './engine/verdicts.ts';
import { verdictRank } from './engine/verdicts.ts';

export type AdviceKind =
  | 'kv-cache'
  | 'expert-offload'
  | 'context'
  | 'apple-wired-limit'
  | 'quant'
  | 'quant-offload'
  | 'smaller-model'
  | 'more-ram'
  | 'add-gpu';

/** What a change costs: a setting, some quality, or money. Advice is ranked in this order. */
export type AdviceCost = 'free' | 'quality' | 'hardware';
const COST_ORDER: readonly AdviceCost[] = ['free', 'quality', 'hardware'];

export interface Advice {
  kind: AdviceKind;
  cost: AdviceCost;
  title: string;
  detail: string;
  /** What to change in the input. */
  change: {
    kvType?: KvCacheType;
    context?: number;
    format?: FormatId;
    nCpuMoe?: number;
    gpus?: number;
    gpuFraction?: number;
    ramGiB?: number;
    /** Catalog id (or name) of the smaller model. */
    model?: string;
  };
  /** Verdict after the change. */
  verdict: Verdict;
  /** GPU memory a full offload would need after the change (bytes, no margin). */
  requiredBytes: number;
  /** Usable GPU memory after the change (bytes). */
  availableBytes: number;
  /** System RAM the changed setup uses (bytes). */
  ramBytes: number;
  /** Expected decode tokens/s after the change (estimate); 0 when unknown. */
  tokensPerSecond: number;
  /** Extra commands needed (e.g. sysctl for the Apple wired limit). */
  command?: string | undefined;
}

/** Smaller-format ladder, best quality first (a shorter one when leaving safetensors/AWQ/GPTQ/MLX). */
const GGUF_LADDER: FormatId[] = [
  'Q8_0',
  'Q6_K',
  'Q5_K_M',
  'Q4_K_M',
  'Q4_K_S',
  'IQ4_XS',
  'Q3_K_M',
  'IQ3_M',
  'IQ3_XXS',
  'Q2_K',
  'IQ2_M',
  'IQ2_XXS',
];
const OTHER_LADDER: FormatId[] = ['Q8_0', 'Q6_K', 'Q5_K_M', 'Q4_K_M', 'IQ4_XS', 'Q3_K_M', 'IQ3_XXS', 'Q2_K'];

/** What advice needs to know about a changed input (verdict, memory and speed, no text). */
export type AdviceOutcome = FitOutcome;

export interface AdviceOptions {
  /** Other models of the same family (any order); smaller ones that run are offered. */
  smallerModels?: readonly ModelSpec[] | undefined;
}

/** "12.3 GiB in system RAM, ~4.1 tok/s" style numbers of an outcome. */
function numbers(e: AdviceOutcome): string {
  const parts: string[] = [];
  if (e.verdict === 'partial-offload' || e.verdict === 'cpu-only') parts.push(`${gib(e.ramBytes)} in system RAM`);
  if (e.tokensPerSecond > 0) parts.push(`~${formatTokensPerSecond(e.tokensPerSecond)} tok/s`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/**
 * Ranked advice for an estimate whose verdict is not "fits": cheapest first, and within a cost
 * the order below. `core` sizes a changed input. Only changes that improve the verdict are kept.
 */
export function buildAdvice(
  input: EstimateInput,
  current: EngineEstimate,
  core: (input: EstimateInput & { hardware: HardwareSetup }) => AdviceOutcome,
  options: AdviceOptions = {},
): Advice[] {
  const fit = current.fit;
  const hw = input.hardware;
  if (!fit || !hw || fit.verdict === 'fits') return [];
  const out: Advice[] = [];
  const gguf = current.formatFamily === 'gguf';
  const quiet = { ...input, hardware: hw, advice: false };
  const better = (e: AdviceOutcome): boolean => verdictRank(e.verdict) < verdictRank(fit.verdict);
  const push = (
    kind: AdviceKind,
    cost: AdviceCost,
    e: AdviceOutcome,
    title: string,
    detail: string,
    change: Advice['change'],
    command?: string,
  ): void => {
    if (!better(e)) return;
    out.push({
      kind,
      cost,
      title,
      detail: `${detail}${numbers(e)}`,
      change,
      verdict: e.verdict,
      requiredBytes: e.requiredBytes,
      availableBytes: e.availableBytes,
      ramBytes: e.ramBytes,
      tokensPerSecond: e.tokensPerSecond,
      command,
    });
  };
  const kvCacheTo = (kv: 'q8_0' | 'q4_0', cost: AdviceCost): void => {
    if (gguf && current.kvType !== kv && current.kvType !== 'q4_0') {
      const e = core({ ...quiet, kvType: kv, flashAttention: true });
      push(
        'kv-cache',
        cost,
        e,
        `Quantize the KV cache to ${kv}`,
        `KV cache ${gib(current.kvCacheBytes)} → ${gib(e.kvCacheBytes)} (needs flash attention).`,
        { kvType: kv },
      );
    }
  };

  // Free: settings.
  kvCacheTo('q8_0', 'free');

  const n = fit.cpuMoeLayers;
  if (n) {
    out.push({
      kind: 'expert-offload',
      cost: 'free',
      title: `Keep the experts of ${n} layers in system RAM`,
      detail: `llama.cpp --n-cpu-moe ${n}: attention and KV cache stay on the GPU.`,
      change: { nCpuMoe: n },
      verdict: fit.verdict,
      requiredBytes: fit.devices.reduce((a, d) => a + d.usedBytes, 0),
      availableBytes: fit.availableBytes,
      ramBytes: fit.ram.usedBytes,
      tokensPerSecond: current.tokensPerSecond?.expected ?? 0,
    });
  }

  // Longest context (a multiple of 1024, at least 1024) that fits fully.
  let lo = 0;
  let hi = Math.floor((current.context - 1) / 1024);
  let best: AdviceOutcome | undefined;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const e = core({ ...quiet, context: mid * 1024 });
    if (e.verdict === 'fits') [lo, best] = [mid, e];
    else hi = mid - 1;
  }
  if (best)
    push(
      'context',
      'free',
      best,
      `Shorten the context to ${lo * 1024} tokens`,
      `KV cache ${gib(current.kvCacheBytes)} → ${gib(best.kvCacheBytes)}.`,
      { context: lo * 1024 },
    );

  const dev0 = hw.devices[0];
  if (dev0?.kind === 'apple') {
    const mem = dev0.memoryBytes;
    const frac = (mem - Math.max(4 * GiB, 0.1 * mem)) / mem;
    if (frac > (hw.wiredFraction ?? 0)) {
      const e = core({ ...quiet, hardware: withGpuFraction(hw, frac) });
      push(
        'apple-wired-limit',
        'free',
        e,
        `Raise the GPU wired-memory limit to ${gib(mem * frac)}`,
        `macOS gives the GPU about ${Math.round((hw.wiredFraction ?? 0.7) * 100)}% of unified memory by default; ${Math.round(frac * 100)}% leaves ${gib(mem * (1 - frac))} for the system.`,
        { gpuFraction: frac },
        `sudo sysctl iogpu.wired_limit_mb=${Math.floor((mem * frac) / MiB)}`,
      );
    }
  }

  // Quality: a smaller format fully on the GPU, else the best one that runs with partial offload.
  let offloadOffered = false;
  for (const format of gguf ? GGUF_LADDER : OTHER_LADDER) {
    if (format === current.format) continue;
    const e = core({ ...quiet, format, kvType: gguf ? input.kvType : undefined });
    if (!(e.weightsBytes < current.weightsBytes)) continue;
    const detail = `Weights ${gib(current.weightsBytes)} → ${gib(e.weightsBytes)}.`;
    if (e.verdict === 'fits' || e.verdict === 'tight') {
      push('quant', 'quality', e, `Use a smaller format: ${getFormat(format).label}`, detail, { format });
      break;
    }
    if (!offloadOffered && better(e) && e.verdict !== 'wont-run') {
      offloadOffered = true;
      push(
        'quant-offload',
        'quality',
        e,
        `Use ${getFormat(format).label} with partial offload`,
        `${detail} What does not fit on the GPU runs from system RAM, slower.`,
        { format },
      );
    }
  }

  kvCacheTo('q4_0', 'quality');

  // Quality: the largest smaller model of the same family that fits fully at Q4_K_M (or the current format).
  const params = current.paramsTotal;
  const smaller = [...(options.smallerModels ?? [])]
    .filter((m) => m.architecture !== input.model.architecture)
    .sort((a, b) => (b.paramsTotal ?? 0) - (a.paramsTotal ?? 0));
  for (const model of smaller) {
    if (!((model.paramsTotal ?? Infinity) < params)) continue;
    const format: FormatId = gguf ? 'Q4_K_M' : current.format;
    let e: AdviceOutcome;
    try {
      e = core({ ...quiet, model, format, draft: null, mtp: false, vision: false });
    } catch {
      continue;
    }
    if (e.verdict !== 'fits') continue;
    push(
      'smaller-model',
      'quality',
      e,
      `Run ${model.name} instead`,
      `${getFormat(format).label} weights ${gib(e.weightsBytes)}: a smaller model of the same family that fits fully.`,
      { model: model.id ?? model.name, format },
    );
    break;
  }

  // Hardware: more system RAM (GPU hosts and CPU-only machines; unified memory cannot be added).
  if (!hw.sharedMemory) {
    const haveGiB = hw.systemRamBytes / GiB;
    for (const size of COMMON_RAM_SIZES_GIB) {
      if (size <= haveGiB) continue;
      const e = core({ ...quiet, hardware: withSystemRam(hw, size) });
      if (!better(e)) continue;
      push(
        'more-ram',
        'hardware',
        e,
        `Install ${size} GB of system RAM`,
        `${Math.round(haveGiB)} GB → ${size} GB lets the part that does not fit on the GPU run from RAM.`,
        { ramGiB: size },
      );
      break;
    }
  }

  if (dev0?.kind === 'gpu') {
    const more = withExtraGpu(hw);
    const e = core({ ...quiet, hardware: more });
    push(
      'add-gpu',
      'hardware',
      e,
      `Add another ${dev0.name.replace(/ #\d+$/, '')}`,
      `${more.devices.length} cards, ${gib(more.devices.reduce((a, d) => a + d.usableBytes, 0))} of VRAM in total (layers are split per card).`,
      { gpus: more.devices.length },
    );
  }

  // Stable sort: within a cost, the order they were added in.
  return out.sort((a, b) => COST_ORDER.indexOf(a.cost) - COST_ORDER.indexOf(b.cost));
}
