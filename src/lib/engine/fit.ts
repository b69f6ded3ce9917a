/**
 * The estimate's assembly: sizing (sizing.ts) and placement (placement.ts) turned into memory
 * terms, a described verdict with its per-device split, and speeds. fitMatrix(): the same
 * verdicts, totals and speeds for many settings at once, numbers only.
 */
import { SAFETY_MARGIN_BYTES } from './compute.ts';
import { formatGiBShort as gib } from './format.ts';
import type { FormatFamily, FormatId, KvCacheType } from './formats.ts';
import type { HardwareSetup } from './hardware.ts';
import type { ModelSpec } from './model.ts';
import type { Fit } from './placement.ts';
import { place, tensorParallelOverhead } from './placement.ts';
import type { EstimateInput, Setting, Sizing } from './sizing.ts';
import { settle, size } from './sizing.ts';
import type { Layout, SpeedRange } from './speed.ts';
import { ACCEPTANCE_RANGE, speculativeSpeedup } from './speculative.ts';
import {
  cacheBytesPerToken,
  decodeSecondsPerToken,
  decodeSpeed,
  decodeTokensPerSecond,
  promptSpeed,
  timeToFirstTokenSeconds,
} from './speed.ts';
import { visionFlopsPerImage } from './vision.ts';
import { GiB, MiB } from './units.ts';
import type { Verdict } from './verdicts.ts';
import { verdictLabel, verdictRank } from './verdicts.ts';
import type { WeightBreakdown } from './weights.ts';

export { VERDICTS, verdictLabel } from './verdicts.ts';
export type { Verdict } from './verdicts.ts';
export type { EstimateInput } from './sizing.ts';

/** Verdict and memory of an input with hardware (no text, speed or commands): what advice compares. */
export interface FitOutcome {
  verdict: Verdict;
  requiredBytes: number;
  availableBytes: number;
  kvCacheBytes: number;
  weightsBytes: number;
  /** System RAM the setup uses: the CPU side of a partial offload or CPU run, else the input embedding (GGUF). */
  ramBytes: number;
  /** Expected decode tokens/s at the headline depth; 0 when it won't run. */
  tokensPerSecond: number;
}

export interface DeviceUse {
  name: string;
  usableBytes: number;
  usedBytes: number;
  freeBytes: number;
  weightsBytes: number;
  kvBytes: number;
  /** Recurrent state of the layers on this device (hybrid / state-space models). */
  stateBytes: number;
  /** Vision projector and speculative-decoding extras (first GPU only). */
  extraBytes: number;
  computeBytes: number;
  overheadBytes: number;
  layers: number;
  output: boolean;
}

export interface FitResult {
  verdict: Verdict;
  label: string;
  /** One sentence with the numbers behind the verdict. */
  summary: string;
  /** Repeating layers on GPUs (llama.cpp -ngl counts the output layer as one more). */
  gpuLayers: number;
  totalLayers: number;
  outputOnGpu: boolean;
  /** Layers whose routed experts are kept in system RAM (llama.cpp --n-cpu-moe). */
  cpuMoeLayers: number;
  devices: DeviceUse[];
  ram: { usableBytes: number; usedBytes: number; weightsBytes: number; kvBytes: number; stateBytes: number };
  /** GPU memory needed for a full offload (all devices together, without the margin). */
  requiredBytes: number;
  requiredWithMarginBytes: number;
  /** Usable GPU memory over all devices (GPU-wired share on Apple). */
  availableBytes: number;
  /** Which layers run where (contiguous ranges). */
  layout: Layout;
}

export interface EngineEstimate {
  modelName: string;
  format: FormatId;
  formatLabel: string;
  formatFamily: FormatFamily;
  context: number;
  contextPerSequence: number;
  kvType: KvCacheType;
  kvTypeV: KvCacheType;
  flashAttention: boolean;
  ubatch: number;
  parallel: number;
  /** All weight tensors (= GGUF tensor data). */
  weightsBytes: number;
  weightsSource: 'file' | 'simulated';
  /** Weights that go to the GPU on a full offload (input embedding stays in RAM; tied output duplicated). */
  weightsOnGpuBytes: number;
  /** Weights that stay in system RAM even on a full offload (llama.cpp keeps token_embd on the CPU). */
  weightsInRamBytes: number;
  paramsTotal: number;
  paramsActive: number;
  kvCacheBytes: number;
  kvCellsPerSequence: number;
  kvSwaCellsPerSequence: number;
  /** Recurrent state (conv + SSM/delta state) of hybrid and state-space layers, all sequences; 0 for transformers. Does not grow with context. */
  recurrentStateBytes: number;
  recurrentStatePerSequenceBytes: number;
  /** Layers with a recurrent mixer. */
  recurrentLayers: number;
  computeBytes: number;
  overheadBytes: number;
  marginBytes: number;
  /** weights + KV cache + recurrent state + compute buffer + runtime overhead (no margin). */
  totalBytes: number;
  weights: WeightBreakdown;
  fit?: FitResult | undefined;
  /** Tokens in context for the headline decode speed. */
  decodeDepth: number;
  /** Decode speed at decodeDepth tokens of context. */
  tokensPerSecond?: SpeedRange | undefined;
  /** Prompt length of the time to first token. */
  promptTokens: number;
  /** Seconds to process promptTokens (plus one image when vision is on) before the first token. */
  timeToFirstTokenSeconds?: number | undefined;
  /** Vision projector (mmproj weights + its compute buffer) when vision is on; 0 otherwise. */
  visionBytes: number;
  /** Speculative decoding extras (draft weights + its KV cache + compute, or the MTP block + its KV); 0 when off. */
  draftBytes: number;
  /** Speculative decoding: decode speed-up over the acceptance range and the resulting speed (hardware only). */
  speculative?:
    | {
        kind: 'draft' | 'mtp';
        draftMax: number;
        acceptance: { low: number; expected: number; high: number };
        speedup: SpeedRange;
        tokensPerSecond: SpeedRange;
      }
    | undefined;
  /** Decode speed with the context full. */
  tokensPerSecondAtFullContext?: SpeedRange | undefined;
  promptTokensPerSecond?: SpeedRange | undefined;
  notes: string[];
  assumptions: string[];
}

/** The FitResult of a fit: per-device use, system RAM and the summary sentence. */
function describe(s: Sizing, hw: HardwareSetup, f: Fit): FitResult {
  const { w, kv, state, computeBytes, sums, layers: L, gguf } = s;
  const devs = hw.devices;
  const n = f.slots.length;
  const moeEnd = f.cpuMoeLayers;
  const expertsBefore = (i: number): number => sums.experts[Math.min(i, moeEnd)]!;
  const kvOf = (a: number, b: number): number => kv.layerBytes.slice(a, b).reduce((t, x) => t + x, 0);
  const stateOf = (a: number, b: number): number => state.layerBytes.slice(a, b).reduce((t, x) => t + x, 0);
  const devices: DeviceUse[] = devs.map((d, k) => {
    // GGUF has a slot per device; tensor-parallel formats only for the devices they can use.
    const slot = gguf ? f.slots[k] : f.slots.find((x) => x.device === d);
    const on = slot !== undefined && (slot.count > 0 || slot.output);
    const end = on ? slot.first + slot.count : 0;
    const weightsBytes = !on
      ? 0
      : gguf
        ? sums.weights[end]! -
          sums.weights[slot.first]! -
          (expertsBefore(end) - expertsBefore(slot.first)) +
          (slot.output ? w.outputBytes : 0)
        : w.totalBytes / n;
    const kvBytes = !on ? 0 : gguf ? kvOf(slot.first, end) : kv.totalBytes / n;
    const stateBytes = !on ? 0 : gguf ? stateOf(slot.first, end) : state.totalBytes / n;
    const overheadBytes = !on ? 0 : gguf ? d.overheadBytes : tensorParallelOverhead(s.format);
    const extraBytes = on && (gguf ? k === 0 : true) ? (gguf ? s.extraBytes : s.extraBytes / n) : 0;
    const usedBytes = !on
      ? 0
      : gguf
        ? weightsBytes + kvBytes + stateBytes + extraBytes + computeBytes + overheadBytes
        : f.needBytes;
    return {
      name: d.name,
      usableBytes: d.usableBytes,
      usedBytes,
      freeBytes: d.usableBytes - usedBytes,
      weightsBytes,
      kvBytes,
      stateBytes,
      extraBytes,
      computeBytes: on ? computeBytes : 0,
      overheadBytes,
      layers: on ? slot.count : 0,
      output: on && slot.output,
    };
  });

  const ram = { usableBytes: hw.usableRamBytes, usedBytes: 0, weightsBytes: 0, kvBytes: 0, stateBytes: 0 };
  const cpu = f.cpuLayers;
  const { verdict, requiredBytes, availableBytes, needBytes } = f;
  if (gguf) {
    ram.weightsBytes =
      w.tokenEmbdBytes +
      sums.weights[cpu]! +
      sums.experts[moeEnd]! +
      (f.outputOnCpu ? w.outputBytes - (w.tiedEmbeddings ? w.tokenEmbdBytes : 0) : 0);
    ram.kvBytes = kvOf(0, cpu);
    ram.stateBytes = stateOf(0, cpu);
    ram.usedBytes =
      verdict === 'cpu-only' || verdict === 'wont-run'
        ? needBytes
        : ram.weightsBytes + ram.kvBytes + ram.stateBytes + (!devs.length || cpu ? computeBytes : 0);
    if (verdict === 'wont-run') {
      ram.weightsBytes = w.totalBytes;
      ram.kvBytes = kv.totalBytes;
      ram.stateBytes = state.totalBytes;
    }
  }

  const margin = `the ${gib(SAFETY_MARGIN_BYTES)} safety margin`;
  const need = gguf ? `${gib(requiredBytes)} of GPU memory` : `${gib(needBytes)} per GPU`;
  const usable = gib(gguf ? availableBytes : Math.min(...f.slots.map((x) => x.device.usableBytes)));
  const label = s.format.label;
  const summary = ((): string => {
    if (verdict === 'fits') return `Needs ${need} plus ${margin}; ${usable} usable.`;
    if (verdict === 'tight') return `Needs ${need}; ${usable} usable leaves less than ${margin}.`;
    if (!gguf && n)
      return `Needs ${need} but ${usable} is usable; ${label} does not offload to system RAM (GGUF does).`;
    if (!gguf) {
      const metal = devs.some((d) => d.backend === 'Metal');
      return `${label} needs ${s.format.family === 'mlx' ? 'Apple silicon' : 'NVIDIA (CUDA) or AMD (ROCm) GPUs'}; pick a GGUF${metal ? ' or MLX' : ''} format here.`;
    }
    if (moeEnd)
      return `The experts of ${moeEnd} of ${L} layers (${gib(sums.experts[moeEnd]!)}) stay in system RAM (--n-cpu-moe ${moeEnd}); the rest fits on the GPU.`;
    if (verdict === 'partial-offload')
      return `Full offload needs ${need}; ${f.gpuLayers} of ${L} layers fit in ${usable}, the rest runs from system RAM (${gib(needBytes)}).`;
    // CPU only or won't run: what the GPUs (if any) and the RAM would have to hold.
    const gpus = devs.length > 0;
    return `Needs ${gpus ? `${need} or ` : ''}${gib(needBytes)} of system RAM; ${gpus ? `${usable} GPU and ` : ''}${gib(hw.usableRamBytes)} RAM usable.`;
  })();

  return {
    verdict,
    label: verdictLabel(verdict),
    summary,
    gpuLayers: f.gpuLayers,
    totalLayers: L,
    outputOnGpu: f.slots.some((x) => x.output),
    cpuMoeLayers: moeEnd,
    devices,
    ram,
    requiredBytes,
    requiredWithMarginBytes: requiredBytes + SAFETY_MARGIN_BYTES * (gguf ? Math.min(1, devs.length) : Math.max(1, n)),
    availableBytes,
    layout: {
      slots: f.slots,
      cpuLayers: cpu,
      cpuMoeLayers: moeEnd,
      outputOnCpu: f.outputOnCpu,
      tensorParallel: f.tensorParallel,
    },
  };
}

/** Prompt length for the time to first token: promptTokens (default min(context, 4096)), at most the context per sequence. */
function promptTokensOf(input: EstimateInput, s: Sizing): number {
  return Math.max(0, Math.min(Math.floor(input.promptTokens ?? 4096), s.kv.cellsPerSequence));
}

/**
 * Speed-up of speculative decoding over the acceptance range: a draft model decodes on the first
 * device (or the CPU), an MTP block costs one layer plus the output head per drafted token.
 */
function speculativeSpeed(
  s: Sizing,
  hw: HardwareSetup,
  plain: SpeedRange,
  depth: number,
): EngineEstimate['speculative'] {
  const spec = s.speculative!;
  const target = 1 / plain.expected;
  let draftSeconds: number;
  if (spec.draft !== null) {
    const d = spec.draft;
    const L = d.model.architecture.layers;
    const dev = hw.devices[0];
    const slots = dev !== undefined ? [{ device: dev, first: 0, count: L, output: true }] : [];
    const layout = { slots, cpuLayers: dev ? 0 : L, cpuMoeLayers: 0, outputOnCpu: !dev, tensorParallel: false };
    draftSeconds = decodeSecondsPerToken(d.model.architecture, d.w, hw, layout, depth, 'f16');
  } else {
    const w = s.w;
    const perLayer = w.activeBytesPerToken / Math.max(1, s.layers);
    draftSeconds = (target * (perLayer + w.outputBytes)) / Math.max(1, w.activeBytesPerToken);
  }
  const ratio = draftSeconds / target;
  const k = spec.draftMax;
  const at = (a: number): number => speculativeSpeedup(ratio, k, a);
  const speedup = {
    low: at(ACCEPTANCE_RANGE.low),
    expected: at(ACCEPTANCE_RANGE.expected),
    high: at(ACCEPTANCE_RANGE.high),
  };
  return {
    kind: spec.kind,
    draftMax: k,
    acceptance: { ...ACCEPTANCE_RANGE },
    speedup,
    tokensPerSecond: {
      low: plain.low * speedup.low,
      expected: plain.expected * speedup.expected,
      high: plain.high * speedup.high,
    },
  };
}

/** Decode depth of the headline speed: decodeDepth (default 256), at most the context per sequence. */
function headlineDepth(input: EstimateInput, s: Sizing): number {
  return Math.min(input.decodeDepth ?? 256, s.kv.cellsPerSequence);
}

/** Memory, verdict against the hardware (if any) and speed; no advice and no commands (src/lib/engine.ts adds them). */
export function estimateEngine(input: EstimateInput): EngineEstimate {
  const s = size(settle(input), input.context);
  const { model, format, w, kv, state, context, gguf, kvType } = s;
  const arch = model.architecture;
  const hw = input.hardware;
  const f = hw && place(s, hw);
  const computeBytes = f?.computeBytes ?? s.computeBytes;
  const overheadBytes = f?.overheadBytes ?? (gguf ? 457 * MiB : GiB);
  const notes = [...kv.notes];
  if (!gguf && input.kvType && input.kvType !== 'f16')
    notes.unshift(`${format.label} is estimated with an f16 KV cache (quantized caches are modelled for GGUF only).`);
  if (context > (model.contextLength ?? Infinity))
    notes.push(`Context ${context} is longer than the model's maximum of ${model.contextLength} tokens.`);
  const e: EngineEstimate = {
    modelName: model.name,
    format: format.id,
    formatLabel: format.label,
    formatFamily: format.family,
    context,
    contextPerSequence: kv.cellsPerSequence,
    kvType,
    kvTypeV: kv.vType,
    flashAttention: s.flashAttention,
    ubatch: s.ubatch,
    parallel: s.parallel,
    weightsBytes: w.totalBytes,
    weightsSource: w.source,
    weightsOnGpuBytes: w.totalBytes - (gguf && !w.tiedEmbeddings ? w.tokenEmbdBytes : 0),
    weightsInRamBytes: gguf ? w.tokenEmbdBytes : 0,
    paramsTotal: w.paramsTotal,
    paramsActive: w.paramsActive,
    kvCacheBytes: kv.totalBytes,
    kvCellsPerSequence: kv.cellsPerSequence,
    kvSwaCellsPerSequence: kv.swaCellsPerSequence,
    recurrentStateBytes: state.totalBytes,
    recurrentStatePerSequenceBytes: state.perSequenceBytes,
    recurrentLayers: state.layers,
    computeBytes,
    overheadBytes,
    marginBytes: SAFETY_MARGIN_BYTES * Math.max(1, hw?.devices.length ?? 1),
    totalBytes: w.totalBytes + s.cacheBytes + s.extraBytes + computeBytes + overheadBytes,
    decodeDepth: headlineDepth(input, s),
    promptTokens: promptTokensOf(input, s),
    visionBytes: s.vision?.totalBytes ?? 0,
    draftBytes: s.speculative?.totalBytes ?? 0,
    weights: w,
    notes,
    assumptions: hw ? [...hw.assumptions] : ['runtime overhead assumes one CUDA/ROCm GPU (457 MiB)'],
  };
  if (hw && f) {
    e.fit = describe(s, hw, f);
    if (f.verdict !== 'wont-run') {
      e.tokensPerSecond = decodeSpeed(arch, w, hw, f, headlineDepth(input, s), kvType);
      e.tokensPerSecondAtFullContext = decodeSpeed(arch, w, hw, f, Math.min(context, kv.cellsPerSequence), kvType);
      e.promptTokensPerSecond = promptSpeed(arch, w, hw, f, s.ubatch);
      const image = s.vision !== null && model.vision != null ? model.vision : null;
      e.timeToFirstTokenSeconds = timeToFirstTokenSeconds(
        arch,
        w,
        hw,
        f,
        s.ubatch,
        e.promptTokens + (image?.tokensPerImage ?? 0),
        image !== null ? visionFlopsPerImage(image) : 0,
      );
      if (s.speculative !== null && e.tokensPerSecond !== undefined)
        e.speculative = speculativeSpeed(s, hw, e.tokensPerSecond, e.decodeDepth);
    }
  }
  return e;
}

/**
 * Verdict and memory of an input with hardware, without text, speed or commands: what the advice
 * compares (and a cheap check for "which format fits"). Same numbers as estimate().
 */
export function estimateOutcome(input: EstimateInput & { hardware: HardwareSetup }): FitOutcome {
  const s = size(settle(input), input.context);
  const hw = input.hardware;
  const f = place(s, hw);
  const { verdict, requiredBytes, availableBytes } = f;
  const arch = s.model.architecture;
  const runs = verdict !== 'wont-run';
  const offloaded = verdict === 'partial-offload' || verdict === 'cpu-only' || !runs;
  return {
    verdict,
    requiredBytes,
    availableBytes,
    kvCacheBytes: s.kv.totalBytes,
    weightsBytes: s.w.totalBytes,
    ramBytes: offloaded && s.gguf ? f.needBytes : s.gguf ? s.w.tokenEmbdBytes : 0,
    tokensPerSecond: runs
      ? decodeTokensPerSecond(
          arch,
          s.w,
          hw,
          f,
          cacheBytesPerToken(arch, headlineDepth(input, s), s.kvType) / arch.layers,
        )
      : 0,
  };
}

/** Settings shared by every cell of a matrix (the EstimateInput fields besides model, format, context and hardware). */
export type FitMatrixOptions = Omit<EstimateInput, 'model' | 'format' | 'context' | 'hardware' | 'advice'>;

/**
 * Verdicts, totals and speeds of every model x format x context x hardware combination, as flat
 * typed arrays in that nesting order (hardware varies fastest; see index()). Each cell equals
 * estimate() for the same input: verdict, totalBytes, fit.gpuLayers, fit.cpuMoeLayers and
 * tokensPerSecond.expected.
 */
export interface FitMatrix {
  /** verdictRank (index into VERDICTS), or -1 when the setting could not be estimated (see errors). */
  verdict: Int8Array;
  totalBytes: Float64Array;
  gpuLayers: Uint16Array;
  cpuMoeLayers: Uint16Array;
  /** Expected decode tokens/s at decodeDepth; 0 when it won't run. */
  tokensPerSecond: Float64Array;
  /** Why cells could not be estimated (unknown format, bad architecture, negative context). */
  errors: string[];
  /** Flat index of a cell from its positions in models, formats, contexts and hardware. */
  index(model: number, format: number, context: number, hardware: number): number;
}

/**
 * The whole matrix in one pass: weights once per model x format, KV cache once per context,
 * then only arithmetic per cell (no text, advice or commands).
 */
export function fitMatrix(
  models: readonly ModelSpec[],
  formats: readonly string[],
  contexts: readonly number[],
  hardware: readonly HardwareSetup[],
  options: FitMatrixOptions = {},
): FitMatrix {
  const H = hardware.length;
  const cells = models.length * formats.length * contexts.length * H;
  const m: FitMatrix = {
    verdict: new Int8Array(cells).fill(-1),
    totalBytes: new Float64Array(cells),
    gpuLayers: new Uint16Array(cells),
    cpuMoeLayers: new Uint16Array(cells),
    tokensPerSecond: new Float64Array(cells),
    errors: [],
    index: (mi, fi, ci, hi) => ((mi * formats.length + fi) * contexts.length + ci) * H + hi,
  };
  let cell = 0;
  for (const model of models) {
    for (const format of formats) {
      let setting: Setting | undefined;
      for (const context of contexts) {
        const input = { ...options, model, format, context };
        const first = cell;
        try {
          const s = size((setting ??= settle(input)), context);
          const arch = model.architecture;
          const kvPerLayer = cacheBytesPerToken(arch, headlineDepth(input, s), s.kvType) / arch.layers;
          for (const hw of hardware) {
            const f = place(s, hw);
            m.verdict[cell] = verdictRank(f.verdict);
            m.totalBytes[cell] = s.w.totalBytes + s.cacheBytes + s.extraBytes + f.computeBytes + f.overheadBytes;
            m.gpuLayers[cell] = f.gpuLayers;
            m.cpuMoeLayers[cell] = f.cpuMoeLayers;
            if (f.verdict !== 'wont-run') m.tokensPerSecond[cell] = decodeTokensPerSecond(arch, s.w, hw, f, kvPerLayer);
            cell++;
          }
        } catch (err) {
          m.errors.push(`${model.name}, ${format}, context ${context}: ${(err as Error).message}`);
          cell = first + H;
        }
      }
    }
  }
  return m;
}
