/**
 * Token generation (decode) is memory-bandwidth bound: every generated token reads the active
 * weights and the KV cache once. Time per token = sum over devices of bytes / (eta * bandwidth)
 * plus a per-layer launch overhead. Prompt processing is compute bound: 2 FLOPs per active
 * parameter per token at an efficiency of the FP16 matrix throughput.
 *
 * Efficiencies were fitted to llama-bench tg512/pp512 rows (XiongjieDai, May 2024) in
 * estimator-reference.json: NVIDIA t = bytes/(0.92*BW) + 0.085 ms/layer (the affine form of
 * ESTIMATOR.md §8.2, with the fixed cost spread over layers); Apple Metal eta 0.83 for
 * F16/Q8_0 weights and 0.64 for 2-6 bit block quants (dequantization costs compute) plus
 * 0.1 ms/layer; CPU eta 0.65 of DRAM bandwidth.
 */
import type { Device, HardwareSetup } from './hardware.ts';
import type { ModelArchitecture } from './model.ts';
import type { KvCacheType } from './formats.ts';
import { kvReadBytesPerToken } from './kv-cache.ts';
import type { WeightBreakdown } from './weights.ts';
import { GB } from './units.ts';

/** Where each repeating layer runs. */
export interface Placement {
  /** Layers per accelerator (indices into the device list of the setup). */
  devices: { device: Device; layers: number[]; output: boolean }[];
  /** Layers run by the CPU from system RAM. */
  cpuLayers: number[];
  /** Layers whose routed experts stay in system RAM (llama.cpp --n-cpu-moe). */
  cpuExpertLayers: number[];
  outputOnCpu: boolean;
  /** Tensor parallel across devices (vLLM): devices work at the same time on 1/N of each layer. */
  tensorParallel: boolean;
}

export interface SpeedRange {
  low: number;
  high: number;
  /** Point estimate (the middle of the range). */
  expected: number;
}

/** Weight bytes of one layer that one token reads (routed experts only activeExperts/experts). */
function activeLayerBytes(w: WeightBreakdown, arch: ModelArchitecture, i: number): number {
  const share = arch.moe != null ? arch.moe.activeExperts / arch.moe.experts : 1;
  const e = w.layerExpertBytes[i] ?? 0;
  return (w.layerBytes[i] ?? 0) - e * (1 - share);
}

/** Share of weight bytes in "simple" types (F16/BF16/F32/Q8_0) that dequantize at memory speed. */
function simpleShare(w: WeightBreakdown): number {
  let simple = 0;
  let total = 0;
  for (const [type, bytes] of Object.entries(w.bytesByType)) {
    total += bytes;
    if (type === 'F16' || type === 'BF16' || type === 'F32' || type === 'Q8_0' || type === 'FP16' || type === 'MLX-8bit') {
      simple += bytes;
    }
  }
  return total > 0 ? simple / total : 1;
}

interface DeviceSpeed {
  /** Seconds per byte read. */
  secondsPerByte: number;
  /** Fixed seconds per layer per token (kernel launches, synchronisation). */
  perLayerSeconds: number;
}

function deviceSpeed(device: Device, w: WeightBreakdown): DeviceSpeed {
  const bw = device.bandwidthGBs * GB;
  if (w.family === 'mlx') return { secondsPerByte: 1 / (0.75 * bw), perLayerSeconds: 0.1e-3 };
  if (device.backend === 'Metal') {
    const s = simpleShare(w);
    return { secondsPerByte: s / (0.83 * bw) + (1 - s) / (0.64 * bw), perLayerSeconds: 0.1e-3 };
  }
  if (w.family !== 'gguf') return { secondsPerByte: 1 / (0.85 * bw), perLayerSeconds: 0.1e-3 };
  if (device.kind !== 'gpu') {
    // Strix Halo / DGX Spark class iGPUs: LPDDR5X, lower efficiency than GDDR.
    return { secondsPerByte: 1 / (0.8 * bw), perLayerSeconds: 0.1e-3 };
  }
  const perLayer = device.backend === 'CUDA' ? 0.085e-3 : 0.11e-3;
  return { secondsPerByte: 1 / (0.92 * bw), perLayerSeconds: perLayer };
}

/** CPU decode efficiency of DRAM bandwidth. */
export const CPU_DECODE_EFFICIENCY = 0.65;

/**
 * Seconds per generated token at a given depth (tokens already in context) for one sequence.
 */
export function decodeSecondsPerToken(
  arch: ModelArchitecture,
  w: WeightBreakdown,
  setup: HardwareSetup,
  placement: Placement,
  depth: number,
  kvType: KvCacheType,
): number {
  const share = arch.moe != null ? arch.moe.activeExperts / arch.moe.experts : 1;
  const kvPerLayer = arch.layers > 0 ? kvReadBytesPerToken(arch, depth, kvType) / arch.layers : 0;
  const cpuExperts = placement.cpuExpertLayers.length > 0 ? new Set(placement.cpuExpertLayers) : null;
  let seconds = 0;
  let cpuBytes = 0;
  const deviceTimes: number[] = [];
  for (const p of placement.devices) {
    const sp = deviceSpeed(p.device, w);
    let bytes = 0;
    for (const i of p.layers) {
      bytes += activeLayerBytes(w, arch, i) + kvPerLayer;
      if (cpuExperts !== null && cpuExperts.has(i)) {
        const e = (w.layerExpertBytes[i] ?? 0) * share;
        bytes -= e;
        cpuBytes += e;
      }
    }
    if (p.output) bytes += w.outputBytes;
    deviceTimes.push(bytes * sp.secondsPerByte + p.layers.length * sp.perLayerSeconds);
  }
  if (placement.tensorParallel && deviceTimes.length > 0) {
    // All devices hold 1/N of every layer and work in parallel; add an all-reduce per layer.
    const n = deviceTimes.length;
    seconds += Math.max(...deviceTimes.map((t) => t / n)) + arch.layers * 0.02e-3 * (n - 1);
  } else {
    for (const t of deviceTimes) seconds += t;
  }
  for (const i of placement.cpuLayers) cpuBytes += activeLayerBytes(w, arch, i) + kvPerLayer;
  if (placement.outputOnCpu) cpuBytes += w.outputBytes;
  const cpuBw = setup.cpuBandwidthGBs * GB * CPU_DECODE_EFFICIENCY;
  if (cpuBytes > 0) seconds += cpuBytes / cpuBw + placement.cpuLayers.length * 0.02e-3;
  return seconds;
}

/** Decode tokens/s as a range around the point estimate (about ±13%). */
export function decodeSpeed(
  arch: ModelArchitecture,
  w: WeightBreakdown,
  setup: HardwareSetup,
  placement: Placement,
  depth: number,
  kvType: KvCacheType,
): SpeedRange {
  const s = decodeSecondsPerToken(arch, w, setup, placement, depth, kvType);
  const tps = s > 0 ? 1 / s : 0;
  return { low: tps * 0.87, high: tps * 1.13, expected: tps };
}

/** Effective FP16 matrix TFLOPS for prompt processing when the catalog has no figure. */
function effectiveTflops(device: Device): number {
  if (device.fp16Tflops !== null && device.fp16Tflops > 0) return 0.65 * device.fp16Tflops;
  // Fallback from bandwidth (fitted on the same rows): GDDR GPUs ~0.085 TFLOPS per GB/s, Apple ~0.022.
  if (device.backend === 'Metal') return 0.022 * device.bandwidthGBs;
  if (device.kind !== 'gpu') return 0.04 * device.bandwidthGBs;
  return 0.085 * device.bandwidthGBs;
}

/** PCIe bandwidth used to stream CPU-resident weights to the GPU for large prompt batches. */
const PCIE_BYTES_PER_SECOND = 25 * GB;

/** Prompt processing tokens/s (ubatch-sized batches) as a range (about ±25%). */
export function promptSpeed(
  arch: ModelArchitecture,
  w: WeightBreakdown,
  setup: HardwareSetup,
  placement: Placement,
  ubatch: number,
): SpeedRange {
  const total = w.paramsActive > 0 ? w.paramsActive : 1;
  const bytesTotal = w.totalBytes - w.tokenEmbdBytes;
  const perLayerParams = total / Math.max(1, arch.layers);
  let seconds = 0; // per ubatch
  const cpuFlops = setup.cpuTflops * 1e12;
  const first = placement.devices[0]?.device;
  for (const p of placement.devices) {
    const flops = effectiveTflops(p.device) * 1e12 * (placement.tensorParallel ? placement.devices.length : 1);
    const params = p.layers.length * perLayerParams;
    const t = (2 * params * ubatch) / flops;
    seconds += placement.tensorParallel ? t / placement.devices.length : t;
  }
  const cpuParams = placement.cpuLayers.length * perLayerParams;
  if (cpuParams > 0) {
    if (first !== undefined && first.kind === 'gpu') {
      // llama.cpp streams CPU-resident weights to the GPU for big batches.
      const cpuBytes = (bytesTotal * placement.cpuLayers.length) / Math.max(1, arch.layers);
      seconds += cpuBytes / PCIE_BYTES_PER_SECOND + (2 * cpuParams * ubatch) / (effectiveTflops(first) * 1e12);
    } else {
      seconds += (2 * cpuParams * ubatch) / cpuFlops;
    }
  }
  if (placement.cpuExpertLayers.length > 0 && first !== undefined) {
    let e = 0;
    for (const i of placement.cpuExpertLayers) e += w.layerExpertBytes[i] ?? 0;
    seconds += first.kind === 'gpu' ? e / PCIE_BYTES_PER_SECOND : 0;
  }
  const tps = seconds > 0 ? ubatch / seconds : 0;
  return { low: tps * 0.75, high: tps * 1.25, expected: tps };
}
