/**
 * Cheapest changes that make a setup fit, ranked: quantized KV cache, expert offload, shorter
 * context, raising the Apple wired limit, a smaller quant, a second GPU. Each entry carries the
 * memory the changed setup would need and the verdict it would get.
 */
import type { EngineEstimate, EstimateInput, FitOutcome } from './engine/fit.ts';
import { formatGiBShort as gib } from './engine/format.ts';
import type { FormatId, KvCacheType } from './engine/formats.ts';
import { getFormat } from './engine/formats.ts';
import type { HardwareSetup } from './engine/hardware.ts';
import { withExtraGpu, withGpuFraction } from './engine/hardware.ts';
import { GiB, MiB } from './engine/units.ts';
import type { Verdict } from './engine/verdicts.ts';
import { verdictRank } from './engine/verdicts.ts';

export type AdviceKind = 'kv-cache' | 'expert-offload' | 'context' | 'apple-wired-limit' | 'quant' | 'add-gpu';

export interface Advice {
  kind: AdviceKind;
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
  };
  /** Verdict after the change. */
  verdict: Verdict;
  /** GPU memory a full offload would need after the change (bytes, no margin). */
  requiredBytes: number;
  /** Usable GPU memory after the change (bytes). */
  availableBytes: number;
  /** Extra commands needed (e.g. sysctl for the Apple wired limit). */
  command?: string | undefined;
}

/** Smaller-quant ladder, best quality first (a shorter one when leaving safetensors/AWQ/GPTQ/MLX). */
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

/** What advice needs to know about a changed input (verdict and memory, no text). */
export type AdviceOutcome = FitOutcome;

/**
 * Ranked advice for an estimate whose verdict is not "fits": best resulting verdict first, then
 * the cheapest change (the order the candidates are tried in below). `core` sizes a changed input.
 */
export function buildAdvice(
  input: EstimateInput,
  current: EngineEstimate,
  core: (input: EstimateInput & { hardware: HardwareSetup }) => AdviceOutcome,
): Advice[] {
  const fit = current.fit;
  const hw = input.hardware;
  if (!fit || !hw || fit.verdict === 'fits') return [];
  const out: Advice[] = [];
  const gguf = current.formatFamily === 'gguf';
  const quiet = { ...input, hardware: hw, advice: false };
  const push = (
    kind: AdviceKind,
    e: AdviceOutcome,
    title: string,
    detail: string,
    change: Advice['change'],
    command?: string,
  ): void => {
    if (verdictRank(e.verdict) < verdictRank(fit.verdict)) {
      out.push({
        kind,
        title,
        detail,
        change,
        verdict: e.verdict,
        requiredBytes: e.requiredBytes,
        availableBytes: e.availableBytes,
        command,
      });
    }
  };
  const kvCacheTo = (kv: 'q8_0' | 'q4_0'): void => {
    if (gguf && current.kvType !== kv && current.kvType !== 'q4_0') {
      const e = core({ ...quiet, kvType: kv, flashAttention: true });
      push(
        'kv-cache',
        e,
        `Quantize the KV cache to ${kv}`,
        `KV cache ${gib(current.kvCacheBytes)} → ${gib(e.kvCacheBytes)} (needs flash attention).`,
        { kvType: kv },
      );
    }
  };

  kvCacheTo('q8_0');

  const n = fit.cpuMoeLayers;
  if (n) {
    out.push({
      kind: 'expert-offload',
      title: `Keep the experts of ${n} layers in system RAM`,
      detail: `llama.cpp --n-cpu-moe ${n}: attention and KV cache stay on the GPU.`,
      change: { nCpuMoe: n },
      verdict: fit.verdict,
      requiredBytes: fit.devices.reduce((a, d) => a + d.usedBytes, 0),
      availableBytes: fit.availableBytes,
    });
  }

  // Longest context (a multiple of 1024, at least 1024) that fits.
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
        e,
        `Raise the GPU wired-memory limit to ${gib(mem * frac)}`,
        `macOS gives the GPU about ${Math.round((hw.wiredFraction ?? 0.7) * 100)}% of unified memory by default; ${Math.round(frac * 100)}% leaves ${gib(mem * (1 - frac))} for the system.`,
        { gpuFraction: frac },
        `sudo sysctl iogpu.wired_limit_mb=${Math.floor((mem * frac) / MiB)}`,
      );
    }
  }

  for (const format of gguf ? GGUF_LADDER : OTHER_LADDER) {
    if (format === current.format) continue;
    const e = core({ ...quiet, format, kvType: gguf ? input.kvType : undefined });
    if (e.weightsBytes < current.weightsBytes && e.verdict === 'fits') {
      push(
        'quant',
        e,
        `Use a smaller quant: ${getFormat(format).label}`,
        `Weights ${gib(current.weightsBytes)} → ${gib(e.weightsBytes)}.`,
        { format },
      );
      break;
    }
  }

  kvCacheTo('q4_0');

  if (dev0?.kind === 'gpu') {
    const more = withExtraGpu(hw);
    const e = core({ ...quiet, hardware: more });
    push(
      'add-gpu',
      e,
      `Add another ${dev0.name.replace(/ #\d+$/, '')}`,
      `${more.devices.length} cards, ${gib(more.devices.reduce((a, d) => a + d.usableBytes, 0))} of VRAM in total (layers are split per card).`,
      { gpus: more.devices.length },
    );
  }

  // Stable sort: equal verdicts keep the cheapest-first order they were added in.
  return out.sort((a, b) => verdictRank(a.verdict) - verdictRank(b.verdict));
}
