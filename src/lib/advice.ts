/**
 * Cheapest changes that make a setup fit, ranked: quantized KV cache, expert offload, shorter
 * context, raising the Apple wired limit, a smaller quant, a second GPU. Each entry carries the
 * memory the changed setup would need and the verdict it would get.
 */
import type { Estimate, EstimateInput, Verdict } from './fit.ts';
import type { FormatId, KvCacheType } from './formats.ts';
import { getFormat } from './formats.ts';
import { withExtraGpu, withGpuFraction } from './hardware.ts';
import { GiB } from './units.ts';

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

const VERDICT_ORDER: Record<Verdict, number> = { fits: 0, tight: 1, 'partial-offload': 2, 'cpu-only': 3, 'wont-run': 4 };

/** Smaller-quant ladder, best quality first. */
const QUANT_LADDER: FormatId[] = [
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

const COST: Record<AdviceKind, number> = {
  'kv-cache': 1,
  'expert-offload': 2,
  context: 3,
  'apple-wired-limit': 4,
  quant: 5,
  'add-gpu': 7,
};

type Core = (input: EstimateInput) => Estimate;

function gib(b: number): string {
  return `${(b / GiB).toFixed(1)} GiB`;
}

/** Ranked advice for an estimate whose verdict is not "fits". */
export function buildAdvice(input: EstimateInput, current: Estimate, core: Core): Advice[] {
  const fit = current.fit;
  const hw = input.hardware;
  if (fit === undefined || hw === undefined || fit.verdict === 'fits') return [];
  const out: (Advice & { cost: number })[] = [];
  const curRank = VERDICT_ORDER[fit.verdict];
  const gguf = current.formatFamily === 'gguf';
  const push = (kind: AdviceKind, e: Estimate, title: string, detail: string, change: Advice['change'], cost: number, command?: string): void => {
    const f = e.fit;
    if (f === undefined || VERDICT_ORDER[f.verdict] >= curRank) return;
    out.push({ kind, title, detail, change, verdict: f.verdict, requiredBytes: f.requiredBytes, availableBytes: f.availableBytes, command, cost });
  };
  const quiet = { ...input, advice: false };

  if (gguf) {
    for (const kv of ['q8_0', 'q4_0'] as const) {
      if (current.kvType === kv || (kv === 'q8_0' && current.kvType === 'q4_0')) continue;
      const e = core({ ...quiet, kvType: kv, flashAttention: true });
      push(
        'kv-cache',
        e,
        `Quantize the KV cache to ${kv}`,
        `KV cache ${gib(current.kvCacheBytes)} → ${gib(e.kvCacheBytes)} (needs flash attention).`,
        { kvType: kv },
        kv === 'q8_0' ? COST['kv-cache'] : 6,
      );
    }
  }

  if (fit.cpuMoeLayers > 0) {
    out.push({
      kind: 'expert-offload',
      title: `Keep the experts of ${fit.cpuMoeLayers} layers in system RAM`,
      detail: `llama.cpp --n-cpu-moe ${fit.cpuMoeLayers}: attention and KV cache stay on the GPU, ${fit.cpuMoeLayers} of ${fit.totalLayers} layers' experts run from RAM.`,
      change: { nCpuMoe: fit.cpuMoeLayers },
      verdict: fit.verdict,
      requiredBytes: fit.devices.reduce((s, d) => s + d.usedBytes, 0),
      availableBytes: fit.availableBytes,
      cost: COST['expert-offload'],
    });
  }

  // Longest context (multiple of 1024, >= 1024) that fits.
  if (current.context > 1024) {
    let lo = 0;
    let hi = Math.floor((current.context - 1) / 1024);
    let best: Estimate | null = null;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      const e = core({ ...quiet, context: mid * 1024 });
      if (e.fit !== undefined && e.fit.verdict === 'fits') {
        lo = mid;
        best = e;
      } else hi = mid - 1;
    }
    if (best !== null && lo > 0) {
      push(
        'context',
        best,
        `Shorten the context to ${lo * 1024} tokens`,
        `KV cache ${gib(current.kvCacheBytes)} → ${gib(best.kvCacheBytes)}.`,
        { context: lo * 1024 },
        COST.context,
      );
    }
  }

  const dev0 = hw.devices[0];
  if (dev0 !== undefined && dev0.kind === 'apple') {
    const mem = dev0.memoryBytes;
    const frac = (mem - Math.max(4 * GiB, 0.1 * mem)) / mem;
    if (frac > (hw.wiredFraction ?? 0)) {
      const e = core({ ...quiet, hardware: withGpuFraction(hw, frac) });
      const mb = Math.floor((mem * frac) / (1024 * 1024));
      push(
        'apple-wired-limit',
        e,
        `Raise the GPU wired-memory limit to ${gib(mem * frac)}`,
        `macOS lets the GPU use about ${Math.round((hw.wiredFraction ?? 0.7) * 100)}% of unified memory by default; ${Math.round(frac * 100)}% leaves ${gib(mem * (1 - frac))} for the system.`,
        { gpuFraction: frac },
        COST['apple-wired-limit'],
        `sudo sysctl iogpu.wired_limit_mb=${mb}`,
      );
    }
  }

  {
    const curW = current.weightsBytes;
    const ladder: FormatId[] = gguf ? QUANT_LADDER : ['Q8_0', 'Q6_K', 'Q5_K_M', 'Q4_K_M', 'IQ4_XS', 'Q3_K_M', 'IQ3_XXS', 'Q2_K'];
    for (const fmt of ladder) {
      if (fmt === current.format) continue;
      const e = core({ ...quiet, format: fmt, kvType: gguf ? input.kvType : undefined });
      if (e.weightsBytes >= curW) continue;
      if (e.fit !== undefined && e.fit.verdict === 'fits') {
        push(
          'quant',
          e,
          `Use a smaller quant: ${getFormat(fmt).label}`,
          `Weights ${gib(curW)} → ${gib(e.weightsBytes)}.`,
          { format: fmt },
          COST.quant,
        );
        break;
      }
    }
  }

  if (dev0 !== undefined && dev0.kind === 'gpu') {
    const hw2 = withExtraGpu(hw);
    const e = core({ ...quiet, hardware: hw2 });
    push(
      'add-gpu',
      e,
      `Add another ${dev0.name.replace(/ #\d+$/, '')}`,
      `${hw2.devices.length} cards give ${gib(hw2.devices.reduce((s, d) => s + d.usableBytes, 0))} of VRAM (layers are split per card).`,
      { gpus: hw2.devices.length },
      COST['add-gpu'],
    );
  }

  out.sort((a, b) => VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict] || a.cost - b.cost);
  return out.map(({ cost: _cost, ...a }) => a);
}
