/**
 * estimate(): memory terms, verdict against a hardware setup (full GPU, tight, partial/expert
 * offload, CPU only, won't run), per-card split, speed, advice and run commands.
 * fitMatrix(): the same verdicts, totals and speeds for many settings at once, numbers only.
 */
import type { Advice, AdviceOutcome } from './advice.ts';
import { buildAdvice } from './advice.ts';
import type { RunCommands } from './commands.ts';
import { buildCommands } from './commands.ts';
import { computeBufferBytes, runtimeOverheadBytes, SAFETY_MARGIN_BYTES } from './compute.ts';
import { formatGiBShort as gib } from './format.ts';
import type { FormatFamily, FormatId, KvCacheType, WeightFormat } from './formats.ts';
import { getFormat } from './formats.ts';
import type { Device, HardwareSetup } from './hardware.ts';
import type { KvCacheResult } from './kv-cache.ts';
import { kvCache, kvReadBytesPerToken } from './kv-cache.ts';
import type { ModelSpec } from './model.ts';
import { validateArchitecture } from './model.ts';
import type { DeviceSlot, Layout, SpeedRange } from './speed.ts';
import { decodeSpeed, decodeTokensPerSecond, promptSpeed } from './speed.ts';
import { GiB, MiB } from './units.ts';
import type { Verdict } from './verdicts.ts';
import { verdictLabel, verdictRank } from './verdicts.ts';
import type { LayerSums, WeightBreakdown } from './weights.ts';
import { layerSums, modelWeights } from './weights.ts';

export { VERDICTS, verdictLabel } from './verdicts.ts';
export type { Verdict } from './verdicts.ts';

export interface EstimateInput {
  model: ModelSpec;
  /** Weight format id (see WEIGHT_FORMATS), case-insensitive. */
  format: FormatId | string;
  /** Total context in tokens (llama.cpp -c); with parallel > 1 each sequence gets context/parallel. */
  context: number;
  kvType?: KvCacheType | undefined;
  flashAttention?: boolean | undefined;
  ubatch?: number | undefined;
  batch?: number | undefined;
  parallel?: number | undefined;
  hardware?: HardwareSetup | undefined;
  /** Tokens already in context for the headline decode speed (default 256, like llama-bench tg512). */
  decodeDepth?: number | undefined;
  /** GGUF made with an importance matrix (default: IQ formats yes, others no). */
  imatrix?: boolean | undefined;
  /** Compute advice for setups that do not fit (default true). */
  advice?: boolean | undefined;
}

export interface DeviceUse {
  name: string;
  usableBytes: number;
  usedBytes: number;
  freeBytes: number;
  weightsBytes: number;
  kvBytes: number;
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
  ram: { usableBytes: number; usedBytes: number; weightsBytes: number; kvBytes: number };
  /** GPU memory needed for a full offload (all devices together, without the margin). */
  requiredBytes: number;
  requiredWithMarginBytes: number;
  /** Usable GPU memory over all devices (GPU-wired share on Apple). */
  availableBytes: number;
  /** Which layers run where (contiguous ranges). */
  layout: Layout;
}

export interface Estimate {
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
  computeBytes: number;
  overheadBytes: number;
  marginBytes: number;
  /** weights + KV cache + compute buffer + runtime overhead (no margin). */
  totalBytes: number;
  weights: WeightBreakdown;
  fit?: FitResult | undefined;
  /** Decode speed at decodeDepth tokens of context. */
  tokensPerSecond?: SpeedRange | undefined;
  /** Decode speed with the context full. */
  tokensPerSecondAtFullContext?: SpeedRange | undefined;
  promptTokensPerSecond?: SpeedRange | undefined;
  advice: Advice[];
  commands: RunCommands;
  notes: string[];
  assumptions: string[];
}

/** Everything about an input that does not depend on the hardware. */
interface Sizing {
  model: ModelSpec;
  format: WeightFormat;
  gguf: boolean;
  parallel: number;
  ubatch: number;
  flashAttention: boolean;
  kvType: KvCacheType;
  w: WeightBreakdown;
  sums: LayerSums;
  context: number;
  kv: KvCacheResult;
  computeBytes: number;
  /** Number of repeating layers. */
  layers: number;
  /** cost[i]: weights + KV cache of layers 0..i-1, what a GPU must hold for them (whole bytes). */
  cost: number[];
  /** experts[i]: routed-expert weights of layers 0..i-1 (= sums.experts). */
  experts: number[];
}

/** The parts of a Sizing that hold for every context (one per model x format in a matrix). */
type Setting = Omit<Sizing, 'context' | 'kv' | 'computeBytes' | 'cost' | 'experts'>;

/** Validate an input and resolve what holds for every context: format, flags and weights (cached per model and format). */
function settle(input: EstimateInput): Setting {
  const model = input.model;
  const arch = model.architecture;
  validateArchitecture(arch);
  const format = getFormat(input.format);
  const gguf = format.family === 'gguf';
  const w = modelWeights(model, format.id, { imatrix: input.imatrix });
  return {
    model,
    format,
    gguf,
    parallel: Math.max(1, Math.floor(input.parallel ?? 1)),
    ubatch: Math.max(1, Math.floor(input.ubatch ?? 512)),
    flashAttention: input.flashAttention ?? true,
    kvType: gguf ? (input.kvType ?? 'f16') : 'f16',
    w,
    sums: layerSums(w, arch),
    layers: arch.layers,
  };
}

const costCache = new WeakMap<KvCacheResult, WeakMap<WeightBreakdown, number[]>>();

/** A setting at one context: KV cache (memoized per architecture), compute buffer and running layer costs. */
function size(st: Setting, context: number): Sizing {
  if (!(context >= 0 && context < Infinity))
    throw new Error(`Context must be a number of tokens >= 0 (got ${context}).`);
  const arch = st.model.architecture;
  const { ubatch, flashAttention, w } = st;
  const ctx = Math.floor(context);
  const kv = kvCache(arch, { context: ctx, kvType: st.kvType, flashAttention, ubatch, parallel: st.parallel });
  let perKv = costCache.get(kv);
  if (perKv === undefined) costCache.set(kv, (perKv = new WeakMap()));
  let cost = perKv.get(w);
  if (cost === undefined) {
    perKv.set(w, (cost = [0]));
    for (let i = 0; i < st.layers; i++) cost.push(cost[i]! + (w.layerBytes[i]! + kv.layerBytes[i]!));
  }
  const computeBytes = computeBufferBytes(arch, { contextPerSequence: kv.cellsPerSequence, ubatch, flashAttention });
  return { ...st, context: ctx, kv, computeBytes, cost, experts: st.sums.experts };
}

/** A verdict with its numeric layout, no text: what estimate() describes and fitMatrix() stores. */
interface Fit extends Layout {
  verdict: Verdict;
  gpuLayers: number;
  /** GPU memory a full offload needs (all devices, no margin) and usable GPU memory. */
  requiredBytes: number;
  availableBytes: number;
  /** Runtime overhead and compute buffers of the devices in use (a CPU run still has one of each). */
  overheadBytes: number;
  computeBytes: number;
  /** The figure the summary quotes: system RAM the CPU side needs (GGUF) or memory per GPU (others). */
  needBytes: number;
}

/** Result of the last fill(): layers per device, the output layer's device (-1: none), GPU bytes used. */
const filled = { counts: [] as number[], placed: 0, output: -1, gpuBytes: 0 };

/**
 * Cost of the first j layers in fill order: from the last layer down (fromTop), or from layer 0
 * with the routed experts of layers 0..moeLayers-1 left in system RAM.
 */
function prefixCost(s: Sizing, j: number, moeLayers: number, fromTop: boolean): number {
  const c = s.cost;
  return fromTop ? c[s.layers]! - c[s.layers - j]! : c[j]! - s.experts[Math.min(j, moeLayers)]!;
}

/**
 * llama.cpp-style greedy fill: layers go in order to the current device until one does not fit,
 * then to the next; the output layer (unless fromTop) goes after the last one. Costs are whole
 * bytes, so the prefix sums are exact and the binary search finds the same split as adding layer
 * by layer. The result lands in `filled` (no allocation per call).
 */
function fill(s: Sizing, devs: readonly Device[], margin: boolean, moeLayers: number, fromTop: boolean): typeof filled {
  const L = s.layers;
  const compute = s.computeBytes;
  let placed = 0;
  let last = 0;
  let room = 0;
  let gpuBytes = 0;
  for (let k = 0; k < devs.length; k++) {
    const base = prefixCost(s, placed, moeLayers, fromTop);
    const cap = capacity(devs[k]!, compute, margin);
    let lo = placed;
    let hi = L;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (prefixCost(s, mid, moeLayers, fromTop) - base <= cap) lo = mid;
      else hi = mid - 1;
    }
    filled.counts[k] = lo - placed;
    if (lo > placed) {
      last = k;
      room = cap - (prefixCost(s, lo, moeLayers, fromTop) - base);
      gpuBytes += compute + devs[k]!.overheadBytes;
    }
    placed = lo;
  }
  let output = -1;
  const outputCost = s.w.outputBytes;
  for (let k = last; !fromTop && placed === L && k < devs.length && output < 0; k++) {
    if ((k === last ? room : capacity(devs[k]!, compute, margin)) >= outputCost) {
      output = k;
      gpuBytes += outputCost + (k === last ? 0 : compute + devs[k]!.overheadBytes);
    }
  }
  filled.placed = placed;
  filled.output = output;
  filled.gpuBytes = gpuBytes + prefixCost(s, placed, moeLayers, fromTop);
  return filled;
}

/** Bytes device d may fill with layers: usable memory minus overhead, compute buffer and (with margin) the 1 GiB llama.cpp keeps free. */
function capacity(d: Device, computeBytes: number, margin: boolean): number {
  return d.usableBytes - d.overheadBytes - computeBytes - (margin ? SAFETY_MARGIN_BYTES : 0);
}

/**
 * The Fit of a GGUF verdict from the last fill (onGpu false: nothing on the GPUs). Slots are the
 * fill's layer blocks in device order; fromTop blocks count down from the last layer.
 */
function ggufFit(
  s: Sizing,
  hw: HardwareSetup,
  verdict: Verdict,
  onGpu: boolean,
  fromTop: boolean,
  cpuLayers: number,
  cpuMoeLayers: number,
  needBytes: number,
): Fit {
  const L = s.layers;
  const devs = hw.devices;
  let next = fromTop ? L : 0;
  let overheadBytes = 0;
  let availableBytes = 0;
  let used = 0;
  const slots: DeviceSlot[] = [];
  for (let k = 0; k < devs.length; k++) {
    const device = devs[k]!;
    const count = onGpu ? filled.counts[k]! : 0;
    const output = onGpu && filled.output === k;
    if (count > 0 || output) {
      overheadBytes += device.overheadBytes;
      used++;
    }
    availableBytes += device.usableBytes;
    slots.push({ device, first: fromTop ? (next -= count) : (next += count) - count, count, output });
  }
  return {
    verdict,
    slots,
    cpuLayers,
    cpuMoeLayers,
    outputOnCpu: !onGpu || filled.output < 0,
    tensorParallel: false,
    gpuLayers: onGpu ? L - cpuLayers : 0,
    requiredBytes:
      devs.length > 0
        ? s.sums.weights[L]! + s.kv.totalBytes + s.w.outputBytes + s.computeBytes + devs[0]!.overheadBytes
        : 0,
    availableBytes,
    overheadBytes: used > 0 ? overheadBytes : (devs[0]?.overheadBytes ?? runtimeOverheadBytes('CPU')),
    computeBytes: s.computeBytes * (used || 1),
    needBytes,
  };
}

/** RAM left for the CPU side once the GPUs hold the last fill (one pool on shared-memory machines). */
function ramLeft(hw: HardwareSetup): number {
  return hw.sharedMemory ? hw.usableRamBytes - filled.gpuBytes : hw.usableRamBytes;
}

/** GGUF on llama.cpp: full offload, expert offload (MoE), partial offload, CPU, or nothing. */
function placeGguf(s: Sizing, hw: HardwareSetup): Fit {
  const { w, cost, computeBytes, layers: L } = s;
  const experts = s.sums.experts;
  const devs = hw.devices;
  const ramUsable = hw.usableRamBytes;
  const cpuNeed = w.totalBytes + s.kv.totalBytes + computeBytes + runtimeOverheadBytes('CPU');
  const cpuOk = cpuNeed <= ramUsable;
  if (!devs.length) return ggufFit(s, hw, cpuOk ? 'cpu-only' : 'wont-run', false, false, L, 0, cpuNeed);

  for (let margin = 1; margin >= 0; margin--) {
    if (fill(s, devs, margin > 0, 0, false).output >= 0) {
      if (w.tokenEmbdBytes > ramLeft(hw)) break;
      return ggufFit(s, hw, margin ? 'fits' : 'tight', true, false, 0, 0, 0);
    }
  }

  // MoE: keep attention + KV on the GPU and move the experts of the first n layers to RAM.
  if (experts[L]! > 0 && fill(s, devs, true, L, false).output >= 0) {
    let lo = 1;
    let hi = L;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (fill(s, devs, true, mid, false).output >= 0) hi = mid;
      else lo = mid + 1;
    }
    const ramNeed = w.tokenEmbdBytes + experts[lo]!;
    if (fill(s, devs, true, lo, false).output >= 0 && ramNeed <= ramLeft(hw))
      return ggufFit(s, hw, 'partial-offload', true, false, 0, lo, ramNeed);
  }

  // Dense (or MoE fallback): offload the last n layers, the rest runs on the CPU.
  const n = fill(s, devs, true, 0, true).placed;
  const ramNeed =
    w.tokenEmbdBytes + w.outputBytes - (w.tiedEmbeddings ? w.tokenEmbdBytes : 0) + computeBytes + cost[L - n]!;
  if (n > 0 && ramNeed <= ramLeft(hw)) return ggufFit(s, hw, 'partial-offload', true, true, L - n, 0, ramNeed);
  return ggufFit(s, hw, cpuOk ? 'cpu-only' : 'wont-run', false, false, cpuOk ? L : 0, 0, cpuNeed);
}

/** Runtime overhead per GPU of the tensor-parallel runtimes (vLLM/Transformers 1 GiB, MLX like Metal). */
function tensorParallelOverhead(format: WeightFormat): number {
  return format.family === 'mlx' ? runtimeOverheadBytes('Metal') : GiB;
}

/** Safetensors/AWQ/GPTQ (vLLM-style, tensor parallel over identical GPUs) and MLX (Apple only). */
function placeTensorParallel(s: Sizing, hw: HardwareSetup): Fit {
  const { w, kv, computeBytes, layers: L } = s;
  const mlx = s.format.family === 'mlx';
  const usable = hw.devices.filter((d) => (mlx ? d.backend === 'Metal' : d.backend === 'CUDA' || d.backend === 'ROCm'));
  const n = usable.length;
  const overheadPer = tensorParallelOverhead(s.format);
  const perDevice = n > 0 ? (w.totalBytes + kv.totalBytes) / n + computeBytes + overheadPer : Infinity;
  const minUsable = Math.min(...usable.map((d) => d.usableBytes));
  const verdict: Verdict =
    !n || perDevice > minUsable ? 'wont-run' : perDevice + SAFETY_MARGIN_BYTES <= minUsable ? 'fits' : 'tight';
  const runs = verdict !== 'wont-run';
  return {
    verdict,
    slots: usable.map((device) => ({ device, first: 0, count: runs ? L : 0, output: runs })),
    cpuLayers: 0,
    cpuMoeLayers: 0,
    outputOnCpu: false,
    tensorParallel: n > 1,
    gpuLayers: runs ? L : 0,
    requiredBytes: w.totalBytes + kv.totalBytes + (computeBytes + overheadPer) * Math.max(1, n),
    availableBytes: usable.reduce((a, d) => a + d.usableBytes, 0),
    overheadBytes: runs ? overheadPer * n : (hw.devices[0]?.overheadBytes ?? runtimeOverheadBytes('CPU')),
    computeBytes: computeBytes * (runs ? n : 1),
    needBytes: perDevice,
  };
}

function place(s: Sizing, hw: HardwareSetup): Fit {
  return s.gguf ? placeGguf(s, hw) : placeTensorParallel(s, hw);
}

/** The FitResult of a fit: per-device use, system RAM and the summary sentence. */
function describe(s: Sizing, hw: HardwareSetup, f: Fit): FitResult {
  const { w, kv, computeBytes, sums, layers: L, gguf } = s;
  const devs = hw.devices;
  const n = f.slots.length;
  const moeEnd = f.cpuMoeLayers;
  const expertsBefore = (i: number): number => sums.experts[Math.min(i, moeEnd)]!;
  const kvOf = (a: number, b: number): number => kv.layerBytes.slice(a, b).reduce((t, x) => t + x, 0);
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
    const overheadBytes = !on ? 0 : gguf ? d.overheadBytes : tensorParallelOverhead(s.format);
    const usedBytes = !on ? 0 : gguf ? weightsBytes + kvBytes + computeBytes + overheadBytes : f.needBytes;
    return {
      name: d.name,
      usableBytes: d.usableBytes,
      usedBytes,
      freeBytes: d.usableBytes - usedBytes,
      weightsBytes,
      kvBytes,
      computeBytes: on ? computeBytes : 0,
      overheadBytes,
      layers: on ? slot.count : 0,
      output: on && slot.output,
    };
  });

  const ram = { usableBytes: hw.usableRamBytes, usedBytes: 0, weightsBytes: 0, kvBytes: 0 };
  const cpu = f.cpuLayers;
  const { verdict, requiredBytes, availableBytes, needBytes } = f;
  if (gguf) {
    ram.weightsBytes =
      w.tokenEmbdBytes +
      sums.weights[cpu]! +
      sums.experts[moeEnd]! +
      (f.outputOnCpu ? w.outputBytes - (w.tiedEmbeddings ? w.tokenEmbdBytes : 0) : 0);
    ram.kvBytes = kvOf(0, cpu);
    ram.usedBytes =
      verdict === 'cpu-only' || verdict === 'wont-run'
        ? needBytes
        : ram.weightsBytes + ram.kvBytes + (!devs.length || cpu ? computeBytes : 0);
    if (verdict === 'wont-run') {
      ram.weightsBytes = w.totalBytes;
      ram.kvBytes = kv.totalBytes;
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

/** Decode depth of the headline speed: decodeDepth (default 256), at most the context per sequence. */
function headlineDepth(input: EstimateInput, s: Sizing): number {
  return Math.min(input.decodeDepth ?? 256, s.kv.cellsPerSequence);
}

/** The estimate without advice: memory, verdict, speed and run commands. */
export function estimateCore(input: EstimateInput): Estimate {
  const s = size(settle(input), input.context);
  const { model, format, w, kv, context, gguf, kvType } = s;
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
  const e: Estimate = {
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
    computeBytes,
    overheadBytes,
    marginBytes: SAFETY_MARGIN_BYTES * Math.max(1, hw?.devices.length ?? 1),
    totalBytes: w.totalBytes + kv.totalBytes + computeBytes + overheadBytes,
    weights: w,
    advice: [],
    commands: { llamaCpp: '', ollama: [], lmStudio: [], mlx: null, vllm: null },
    notes,
    assumptions: hw ? [...hw.assumptions] : ['runtime overhead assumes one CUDA/ROCm GPU (457 MiB)'],
  };
  if (hw && f) {
    e.fit = describe(s, hw, f);
    if (f.verdict !== 'wont-run') {
      e.tokensPerSecond = decodeSpeed(arch, w, hw, f, headlineDepth(input, s), kvType);
      e.tokensPerSecondAtFullContext = decodeSpeed(arch, w, hw, f, Math.min(context, kv.cellsPerSequence), kvType);
      e.promptTokensPerSecond = promptSpeed(arch, w, hw, f, s.ubatch);
    }
  }
  e.commands = buildCommands(e, input);
  return e;
}

/**
 * Verdict and memory of an input with hardware, without text, speed or commands: what the advice
 * compares (and a cheap check for "which format fits"). Same numbers as estimate().
 */
export function estimateOutcome(input: EstimateInput & { hardware: HardwareSetup }): AdviceOutcome {
  const s = size(settle(input), input.context);
  const { verdict, requiredBytes, availableBytes } = place(s, input.hardware);
  return { verdict, requiredBytes, availableBytes, kvCacheBytes: s.kv.totalBytes, weightsBytes: s.w.totalBytes };
}

/**
 * Full estimate: memory, verdict, speed, run commands and (when it does not fit) ranked advice.
 * To load the advice code later, use estimateCore() and buildAdvice(input, e, estimateOutcome).
 */
export function estimate(input: EstimateInput): Estimate {
  const e = estimateCore(input);
  if (input.advice !== false && e.fit && e.fit.verdict !== 'fits') e.advice = buildAdvice(input, e, estimateOutcome);
  return e;
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
          const kvPerLayer = kvReadBytesPerToken(arch, headlineDepth(input, s), s.kvType) / arch.layers;
          for (const hw of hardware) {
            const f = place(s, hw);
            m.verdict[cell] = verdictRank(f.verdict);
            m.totalBytes[cell] = s.w.totalBytes + s.kv.totalBytes + f.computeBytes + f.overheadBytes;
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
