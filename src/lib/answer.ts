/**
 * The "Will it run?" answer as plain display data: verdict, memory bar segments, speed, advice,
 * commands and the error pages a setup like this tends to hit. Rendered by Astro on answer pages
 * and by the browser island with textContent only, so both show identical words and numbers.
 */
import type { Estimate } from './engine.ts';
import type { EngineEstimate, FitResult, Verdict } from './engine/fit.ts';
import { verdictLabel } from './engine/verdicts.ts';
import { formatBytes, formatContext, formatSpeedRange } from './engine/format.ts';

/** Seconds as "0.42 s", "12 s" or "3.1 min". */
function formatSeconds(s: number): string {
  return s >= 120 ? `${(s / 60).toFixed(1)} min` : s >= 10 ? `${s.toFixed(0)} s` : `${s.toFixed(2)} s`;
}
import type { HardwareSetup } from './engine/hardware.ts';

/** Icon characters per verdict: the verdict never relies on colour alone. */
export const VERDICT_ICON: Record<Verdict, string> = {
  fits: '✓',
  tight: '!',
  'partial-offload': '◐',
  'cpu-only': '▲',
  'wont-run': '✕',
};
/** Colour tone per verdict. Everything that runs is at worst a warning (CPU only is slow, but it is
 * the normal case on a machine without a GPU); only "won't run" is bad. */
export const VERDICT_TONE: Record<Verdict, 'ok' | 'warn' | 'bad'> = {
  fits: 'ok',
  tight: 'warn',
  'partial-offload': 'warn',
  'cpu-only': 'warn',
  'wont-run': 'bad',
};

export type SegmentKey = 'weights' | 'kv' | 'state' | 'extra' | 'compute' | 'overhead';
export interface Segment {
  key: SegmentKey;
  label: string;
  bytes: number;
  text: string;
  /** Share of the bar's scale, 0..1. */
  share: number;
}

export interface CommandView {
  id: 'llama-cpp' | 'ollama' | 'lm-studio' | 'mlx' | 'vllm';
  label: string;
  text: string;
}

export interface AnswerView {
  verdict: Verdict;
  label: string;
  icon: string;
  tone: 'ok' | 'warn' | 'bad';
  /** One sentence with the numbers behind the verdict. */
  summary: string;
  segments: Segment[];
  totalText: string;
  usableText: string;
  /** Where the usable-memory line sits on the bar, 0..1. */
  usableShare: number;
  /** Decode speed at the headline depth, and with the context full. */
  speedText: string;
  speedFullText: string;
  promptSpeedText: string;
  /** Time to first token for the estimate's prompt length ('' without hardware). */
  ttftText: string;
  /** Speculative decoding result ('' when off). */
  speculativeText: string;
  /** "Recurrent state: 0.07 GiB, fixed per sequence; it does not grow with context" ('' for transformers). */
  stateText: string;
  layersText: string;
  /** Error page ids (content/errors) worth reading for this outcome, most likely first. */
  errorIds: string[];
  /** The engine's notes and the values it assumed (e.g. system RAM), as sentences; '' when none. */
  assumptionsText: string;
}

/**
 * The answer's costly extras: ranked advice, the launch plan and the run commands. Pages render
 * them at build time; the checker gets them from its worker, so the page-load island needs none
 * of this code.
 */
export interface ExtrasView {
  advice: AdviceView[];
  /** What llama-server does with no flags, and the largest context fully on the GPU per KV type ('' when unknown). */
  launchText: string;
  maxContextText: string;
  commands: CommandView[];
  /** What the chosen format costs in quality, from published measurements ('' when none). */
  qualityText: string;
}

export interface AdviceView {
  title: string;
  detail: string;
  needText: string;
  verdictLabel: string;
  /** "free", "costs quality" or "costs money". */
  costText: string;
  command: string;
}

const COST_TEXT = { free: 'free', quality: 'costs quality', hardware: 'costs money' } as const;

/** Display data for ranked advice (also used when advice arrives later from the checker's worker). */
function adviceView(advice: Estimate['advice']): AdviceView[] {
  return advice.map((a) => ({
    title: a.title,
    detail: a.detail,
    needText: `needs ${formatBytes(a.requiredBytes)} of ${formatBytes(a.availableBytes)} usable`,
    verdictLabel: verdictLabel(a.verdict),
    costText: COST_TEXT[a.cost],
    command: a.command ?? '',
  }));
}

/** The extras of an estimate (or of the worker's partial estimate). */
export function extrasView(
  e: Pick<Estimate, 'advice' | 'commands' | 'serverDefaults' | 'maxContextByKvType'>,
  qualityText = '',
): ExtrasView {
  return { advice: adviceView(e.advice), ...launchView(e), commands: commandsView(e.commands), qualityText };
}

/** The launch-plan lines: llama-server's own choice and the largest context per KV type. */
function launchView(e: Pick<Estimate, 'serverDefaults' | 'maxContextByKvType'>): {
  launchText: string;
  maxContextText: string;
} {
  const m = e.maxContextByKvType;
  return {
    launchText: e.serverDefaults?.summary ?? '',
    maxContextText: m
      ? Object.values(m).every((n) => n === 0)
        ? 'No context fits fully on the GPU with this format.'
        : `Largest context fully on the GPU: ${Object.entries(m)
            .map(([k, n]) => `${n > 0 ? n.toLocaleString('en-US') : 'none'} with an ${k} KV cache`)
            .join(', ')}.`
      : '',
  };
}

/** Display blocks for run commands (also used when they arrive later from the checker's worker). */
function commandsView(c: Estimate['commands']): CommandView[] {
  const commands: CommandView[] = [];
  if (c.llamaCpp) commands.push({ id: 'llama-cpp', label: 'llama.cpp', text: c.llamaCpp });
  if (c.ollama.length) commands.push({ id: 'ollama', label: 'Ollama', text: c.ollama.join('\n') });
  if (c.lmStudio.length)
    commands.push({
      id: 'lm-studio',
      label: 'LM Studio (download, then load with these settings)',
      text: c.lmStudio.join('\n'),
    });
  if (c.mlx) commands.push({ id: 'mlx', label: 'MLX', text: c.mlx });
  if (c.vllm) commands.push({ id: 'vllm', label: 'vLLM', text: c.vllm });
  return commands;
}

/** A machine without a GPU (a CPU entry, or custom numbers with no VRAM): it runs from system RAM. */
function withoutGpu(fit: FitResult): boolean {
  return fit.devices.length === 0;
}

/** Error pages per outcome and backend. Ids must exist in content/errors (checked by a unit test). */
export function likelyErrors(verdict: Verdict, hardware: HardwareSetup | undefined): string[] {
  // No GPU: no GPU out-of-memory errors, only RAM and speed.
  if (hardware && hardware.devices.length === 0) {
    return verdict === 'wont-run'
      ? ['ollama-requires-more-system-memory']
      : ['ollama-running-slowly', 'context-length-exceeded'];
  }
  const backend = hardware?.devices[0]?.backend;
  const oom = backend === 'Metal' ? 'metal-out-of-memory' : 'cuda-out-of-memory';
  const gpuMissing = backend === 'ROCm' ? ['rocm-gpu-not-detected'] : [];
  switch (verdict) {
    case 'fits':
      return [...gpuMissing, 'context-length-exceeded'];
    case 'tight':
      return [oom, 'context-length-exceeded', ...gpuMissing];
    case 'partial-offload':
    case 'cpu-only':
      return ['ollama-running-slowly', oom, ...gpuMissing];
    case 'wont-run':
      return ['ollama-requires-more-system-memory', oom];
  }
}

/** Display data for an estimate made with hardware (its extras: extrasView). */
export function answerView(e: EngineEstimate, hardware: HardwareSetup | undefined): AnswerView {
  const fit = e.fit;
  const verdict: Verdict = fit?.verdict ?? 'wont-run';
  const cpuMachine = fit !== undefined && withoutGpu(fit);
  const usable = cpuMachine ? fit.ram.usableBytes : (fit?.availableBytes ?? 0);
  const parts: [SegmentKey, string, number][] = [
    ['weights', 'Weights', e.weightsBytes],
    ['kv', 'KV cache', e.kvCacheBytes],
    ['state', 'Recurrent state', e.recurrentStateBytes],
    ['extra', 'Vision and draft', e.visionBytes + e.draftBytes],
    ['compute', 'Compute buffer', e.computeBytes],
    ['overhead', 'Runtime overhead', e.overheadBytes],
  ];
  const scale = Math.max(e.totalBytes, usable, 1);
  const gpuLayers = !fit
    ? ''
    : cpuMachine
      ? `All ${fit.totalLayers} layers on the CPU`
      : `${fit.gpuLayers} of ${fit.totalLayers} layers on the GPU`;
  return {
    verdict,
    label: verdictLabel(verdict),
    icon: VERDICT_ICON[verdict],
    tone: VERDICT_TONE[verdict],
    summary: fit?.summary ?? '',
    segments: parts.map(([key, label, bytes]) => ({
      key,
      label,
      bytes,
      text: formatBytes(bytes),
      share: bytes / scale,
    })),
    totalText: formatBytes(e.totalBytes),
    usableText: formatBytes(usable),
    usableShare: usable / scale,
    speedText: e.tokensPerSecond
      ? `${formatSpeedRange(e.tokensPerSecond)} at the start`
      : 'Does not run on this hardware',
    speedFullText: e.tokensPerSecondAtFullContext
      ? `${formatSpeedRange(e.tokensPerSecondAtFullContext)} with ${formatContext(e.contextPerSequence)} in context`
      : '',
    promptSpeedText: e.promptTokensPerSecond ? formatSpeedRange(e.promptTokensPerSecond) : '–',
    ttftText:
      e.timeToFirstTokenSeconds !== undefined && e.promptTokens > 0
        ? `~${formatSeconds(e.timeToFirstTokenSeconds)} for a ${e.promptTokens.toLocaleString('en-US')}-token prompt${e.visionBytes > 0 ? ' and one image' : ''} (estimate)`
        : '',
    speculativeText: e.speculative
      ? `With ${e.speculative.kind === 'mtp' ? 'the MTP head' : 'the draft model'}: ${formatSpeedRange(e.speculative.tokensPerSecond)} (×${e.speculative.speedup.low.toFixed(1)}–${e.speculative.speedup.high.toFixed(1)} at ${e.speculative.acceptance.low * 100}–${e.speculative.acceptance.high * 100}% accepted drafts)`
      : '',
    stateText:
      e.recurrentLayers > 0
        ? `Recurrent state: ${formatBytes(e.recurrentStateBytes)} for ${e.recurrentLayers} layers, fixed per sequence; it does not grow with context.`
        : '',
    layersText:
      fit && fit.cpuMoeLayers > 0 ? `${gpuLayers}; experts of ${fit.cpuMoeLayers} layers in system RAM` : gpuLayers,
    errorIds: likelyErrors(verdict, hardware),
    assumptionsText: [...e.notes, ...e.assumptions.map((a) => `${a[0]!.toUpperCase()}${a.slice(1)}.`)].join(' '),
  };
}

/**
 * One plain-language sentence answering "can <hardware> run <model>?", built from the estimate.
 * `sharedMemory` (Apple, Strix Halo) changes the wording: there is no separate system RAM.
 */
export function answerLead(e: Estimate, modelName: string, hardwareName: string, sharedMemory = false): string {
  const fit = e.fit;
  const at = `at ${e.format} with ${formatContext(e.context)} tokens of context`;
  const speed = e.tokensPerSecond ? `, generating ${formatSpeedRange(e.tokensPerSecond)}` : '';
  const need = `${formatBytes(e.totalBytes)} in total`;
  const ram = sharedMemory ? 'the CPU side of its unified memory' : 'system RAM';
  switch (fit?.verdict ?? 'wont-run') {
    case 'fits':
      return `Yes. ${modelName} runs fully on the ${hardwareName} ${at}: it needs ${need} against ${formatBytes(fit!.availableBytes)} usable${speed}.`;
    case 'tight':
      return `Yes, but tight. ${modelName} fits on the ${hardwareName} ${at} with less than the 1 GiB safety margin to spare (${need}, ${formatBytes(fit!.availableBytes)} usable)${speed}.`;
    case 'partial-offload': {
      const split =
        fit!.cpuMoeLayers > 0
          ? `attention and the KV cache stay on the GPU while the experts of ${fit!.cpuMoeLayers} of ${fit!.totalLayers} layers run from ${ram}`
          : `${fit!.gpuLayers} of ${fit!.totalLayers} layers run on the GPU and the rest from ${ram}`;
      return `Partly. ${modelName} does not fit in the ${hardwareName}'s GPU memory ${at}; ${split}${speed}.`;
    }
    case 'cpu-only':
      return withoutGpu(fit!)
        ? `Yes, on the CPU. ${modelName} runs from system RAM on the ${hardwareName} ${at}: it needs ${need} against ${formatBytes(fit!.ram.usableBytes)} usable${speed}.`
        : `Only on the CPU. ${modelName} ${at} does not fit on the ${hardwareName}'s GPU at all and runs from ${ram}${speed}.`;
    case 'wont-run':
      return fit && withoutGpu(fit)
        ? `No. ${modelName} needs ${need} ${at}, more than the ${formatBytes(fit.ram.usableBytes)} of usable RAM on the ${hardwareName}.`
        : `No. ${modelName} needs ${need} ${at}, more than the ${hardwareName}${sharedMemory ? '' : ' and the assumed system RAM'} can hold.`;
  }
}
