/**
 * Placement: which layers, experts and the output layer go to which device, the way llama.cpp
 * fills GPUs (GGUF: full offload, expert offload, partial offload, CPU) or the way vLLM/MLX split
 * tensors over identical GPUs. Numbers only; fit.ts describes the result.
 */
import { runtimeOverheadBytes, SAFETY_MARGIN_BYTES } from './compute.ts';
import type { WeightFormat } from './formats.ts';
import type { Device, HardwareSetup } from './hardware.ts';
import type { Sizing } from './sizing.ts';
import type { DeviceSlot, Layout } from './speed.ts';
import { GiB } from './units.ts';
import type { Verdict } from './verdicts.ts';

/** A verdict with its numeric layout, no text: what estimate() describes and fitMatrix() stores. */
export interface Fit extends Layout {
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
    // The first GPU also holds the vision projector and the speculative extras.
    const cap = capacity(devs[k]!, compute, margin) - (k === 0 ? s.extraBytes : 0);
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
    if ((k === last ? room : capacity(devs[k]!, compute, margin) - (k === 0 ? s.extraBytes : 0)) >= outputCost) {
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
        ? s.sums.weights[L]! + s.cacheBytes + s.w.outputBytes + s.computeBytes + devs[0]!.overheadBytes + s.extraBytes
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
  const cpuNeed = w.totalBytes + s.cacheBytes + computeBytes + runtimeOverheadBytes('CPU') + s.extraBytes;
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
export function tensorParallelOverhead(format: WeightFormat): number {
  return format.family === 'mlx' ? runtimeOverheadBytes('Metal') : GiB;
}

/** Safetensors/AWQ/GPTQ (vLLM-style, tensor parallel over identical GPUs) and MLX (Apple only). */
function placeTensorParallel(s: Sizing, hw: HardwareSetup): Fit {
  const { w, cacheBytes, computeBytes, layers: L } = s;
  const mlx = s.format.family === 'mlx';
  const usable = hw.devices.filter((d) => (mlx ? d.backend === 'Metal' : d.backend === 'CUDA' || d.backend === 'ROCm'));
  const n = usable.length;
  const overheadPer = tensorParallelOverhead(s.format);
  const perDevice = n > 0 ? (w.totalBytes + cacheBytes + s.extraBytes) / n + computeBytes + overheadPer : Infinity;
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
    requiredBytes: w.totalBytes + cacheBytes + s.extraBytes + (computeBytes + overheadPer) * Math.max(1, n),
    availableBytes: usable.reduce((a, d) => a + d.usableBytes, 0),
    overheadBytes: runs ? overheadPer * n : (hw.devices[0]?.overheadBytes ?? runtimeOverheadBytes('CPU')),
    computeBytes: computeBytes * (runs ? n : 1),
    needBytes: perDevice,
  };
}

export function place(s: Sizing, hw: HardwareSetup): Fit {
  return s.gguf ? placeGguf(s, hw) : placeTensorParallel(s, hw);
}
