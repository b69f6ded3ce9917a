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
 * 0.1 ms/layer; CPU eta 0.65 of DRAM bandwidth. Data-centre HBM cards keep eta but pay about
 * 0.17 ms/layer (A100 7B Q4_0: 136 tok/s measured, ESTIMATOR.md §8.2, where the consumer form
 * predicted ~200); AMD RDNA cards reach eta 0.66 and 0.15 ms/layer (the consumer form
 * over-estimated them by about 40% against measured rows).
 */
import type { KvCacheType } from './formats.ts';
import type { Device, HardwareSetup } from './hardware.ts';
import { kvReadBytesPerToken } from './kv-cache.ts';
import { attentionLayerKinds } from './model.ts';
import { recurrentState } from './recurrent-state.ts';
import type { ModelArchitecture } from './model.ts';
import { GB } from './units.ts';
import type { WeightBreakdown } from './weights.ts';
import { activeExpertShare, layerSums } from './weights.ts';

/** One accelerator's share of a layout: a contiguous block of layers, maybe plus the output layer. */
export interface DeviceSlot {
  device: Device;
  /** First layer index of the block (layers first..first+count-1). */
  first: number;
  count: number;
  output: boolean;
}

/** Compact placement the speed model works on: every group of layers is a contiguous range. */
export interface Layout {
  slots: DeviceSlot[];
  /** Layers 0..cpuLayers-1 run on the CPU from system RAM. */
  cpuLayers: number;
  /** The routed experts of layers 0..cpuMoeLayers-1 stay in system RAM (llama.cpp --n-cpu-moe). */
  cpuMoeLayers: number;
  outputOnCpu: boolean;
  /** Tensor parallel across the slots (vLLM): all work at the same time on 1/N of each layer. */
  tensorParallel: boolean;
}

export interface SpeedRange {
  low: number;
  high: number;
  /** Point estimate (the middle of the range). */
  expected: number;
}

/** CPU decode efficiency of DRAM bandwidth. */
export const CPU_DECODE_EFFICIENCY = 0.65;

/** Seconds a device needs to read `bytes` for `layers` layers (bandwidth efficiency + fixed cost per layer). */
function deviceSeconds(device: Device, w: WeightBreakdown, simpleShare: number, bytes: number, layers: number): number {
  const bw = device.bandwidthGBs * GB;
  if (w.family === 'mlx') return bytes / (0.75 * bw) + layers * 0.1e-3;
  if (device.backend === 'Metal')
    return bytes * (simpleShare / (0.83 * bw) + (1 - simpleShare) / (0.64 * bw)) + layers * 0.1e-3;
  if (w.family !== 'gguf') return bytes / (0.85 * bw) + layers * 0.1e-3;
  // Strix Halo / DGX Spark class iGPUs: LPDDR5X, lower efficiency than GDDR.
  if (device.kind !== 'gpu') return bytes / (0.8 * bw) + layers * 0.1e-3;
  const cls = device.decodeClass ?? 'consumer';
  if (cls === 'datacentre') return bytes / (0.92 * bw) + layers * 0.17e-3;
  if (cls === 'rdna') return bytes / (0.66 * bw) + layers * 0.15e-3;
  return bytes / (0.92 * bw) + layers * (device.backend === 'CUDA' ? 0.085e-3 : 0.11e-3);
}

/**
 * Seconds per generated token for one sequence, given the KV-cache bytes each layer reads per
 * token (kvReadBytesPerToken / layers).
 */
function decodeSeconds(
  arch: ModelArchitecture,
  w: WeightBreakdown,
  setup: HardwareSetup,
  layout: Layout,
  kvPerLayer: number,
): number {
  const sums = layerSums(w, arch);
  const share = activeExpertShare(arch);
  const moeEnd = layout.cpuMoeLayers;
  const n = layout.slots.length;
  let seconds = 0;
  let slowest = 0;
  let cpuBytes = 0;
  for (let k = 0; k < n; k++) {
    const { device, first, count, output } = layout.slots[k]!;
    const end = first + count;
    // Routed experts kept in RAM are read by the CPU.
    const inRam = (sums.experts[Math.min(end, moeEnd)]! - sums.experts[Math.min(first, moeEnd)]!) * share;
    cpuBytes += inRam;
    const bytes = sums.active[end]! - sums.active[first]! + kvPerLayer * count - inRam + (output ? w.outputBytes : 0);
    const t = deviceSeconds(device, w, sums.simpleShare, bytes, count);
    if (layout.tensorParallel) slowest = Math.max(slowest, t / n);
    else seconds += t;
  }
  // Tensor parallel: all devices hold 1/N of every layer and work at once; add an all-reduce per layer.
  if (layout.tensorParallel && n > 0) seconds += slowest + arch.layers * 0.02e-3 * (n - 1);
  const cpu = layout.cpuLayers;
  cpuBytes += sums.active[cpu]! + kvPerLayer * cpu + (layout.outputOnCpu ? w.outputBytes : 0);
  if (cpuBytes > 0) seconds += cpuBytes / (setup.cpuBandwidthGBs * GB * CPU_DECODE_EFFICIENCY) + cpu * 0.02e-3;
  return seconds;
}

/**
 * Cache bytes one generated token moves for one sequence at a given depth: the KV cache read so
 * far, plus the recurrent state of hybrid layers read and written once (it does not grow).
 */
export function cacheBytesPerToken(arch: ModelArchitecture, depth: number, kvType: KvCacheType): number {
  return kvReadBytesPerToken(arch, depth, kvType) + 2 * recurrentState(arch, 1).perSequenceBytes;
}

/** Seconds per generated token at a given depth (tokens already in context) for one sequence. */
export function decodeSecondsPerToken(
  arch: ModelArchitecture,
  w: WeightBreakdown,
  setup: HardwareSetup,
  layout: Layout,
  depth: number,
  kvType: KvCacheType,
): number {
  return decodeSeconds(arch, w, setup, layout, cacheBytesPerToken(arch, depth, kvType) / arch.layers);
}

/** Decode tokens/s as a range around the point estimate (about ±13%). */
export function decodeSpeed(
  arch: ModelArchitecture,
  w: WeightBreakdown,
  setup: HardwareSetup,
  layout: Layout,
  depth: number,
  kvType: KvCacheType,
): SpeedRange {
  const tps = decodeTokensPerSecond(arch, w, setup, layout, cacheBytesPerToken(arch, depth, kvType) / arch.layers);
  return { low: tps * 0.87, high: tps * 1.13, expected: tps };
}

/** Expected decode tokens/s (decodeSpeed().expected) when the KV read per layer is already known. */
export function decodeTokensPerSecond(
  arch: ModelArchitecture,
  w: WeightBreakdown,
  setup: HardwareSetup,
  layout: Layout,
  kvPerLayer: number,
): number {
  const tps = 1 / decodeSeconds(arch, w, setup, layout, kvPerLayer);
  return Number.isFinite(tps) ? tps : 0;
}

/**
 * Effective FP16 matrix TFLOPS for prompt processing. The catalog's fp16Tflops is the shader
 * (non-tensor) FP16 rate, the one figure published for every GPU; on CUDA, llama.cpp's tensor-core
 * kernels reach about 1.8x that (fitted on the llama-bench pp512 rows of the RTX 3070/3080/3090/4090,
 * 1.4-2.0x), elsewhere about 0.65x. Without a figure, fall back to bandwidth.
 */
function effectiveTflops(device: Device): number {
  const fp16 = device.fp16Tflops ?? 0;
  // Cards whose FP16 runs at a crawl (Pascal GeForce and the Tesla P40 at 1/64 of FP32: under
  // 0.01 TFLOPS per GB/s) run llama.cpp's int8/FP32 kernels instead: estimate those from bandwidth.
  if (fp16 > 0 && fp16 < 0.01 * device.bandwidthGBs) return 0.04 * device.bandwidthGBs;
  if (fp16 > 0) return (device.backend === 'CUDA' ? 1.8 : 0.65) * fp16;
  // Fallback from bandwidth (fitted on the same rows): GDDR GPUs ~0.085 TFLOPS per GB/s, Apple ~0.022.
  return (device.backend === 'Metal' ? 0.022 : device.kind !== 'gpu' ? 0.04 : 0.085) * device.bandwidthGBs;
}

/** PCIe bandwidth used to stream CPU-resident weights to the GPU for large prompt batches. */
const PCIE_BYTES_PER_SECOND = 25 * GB;

/** Prompt processing tokens/s (ubatch-sized batches) as a range (about ±25%). */
export function promptSpeed(
  arch: ModelArchitecture,
  w: WeightBreakdown,
  setup: HardwareSetup,
  layout: Layout,
  ubatch: number,
): SpeedRange {
  const L = Math.max(1, arch.layers);
  // MoE: a batch of n_ubatch tokens gives each routed expert only ubatch * active / experts rows,
  // and such small matrix products run far below peak; count the experts' work at that efficiency
  // (full at 128 rows per expert and more, at least a quarter).
  const moe = arch.moe;
  const rowsPerExpert = moe != null && moe.experts > 1 ? (ubatch * moe.activeExperts) / moe.experts : Infinity;
  const expertEfficiency = Math.min(1, Math.max(0.25, rowsPerExpert / 128));
  const activeRouted = w.paramsRouted * activeExpertShare(arch);
  const perLayerParams = ((w.paramsActive > 0 ? w.paramsActive : 1) + activeRouted * (1 / expertEfficiency - 1)) / L;
  const n = layout.slots.length;
  const first = layout.slots[0]?.device;
  const firstIsGpu = first !== undefined && first.kind === 'gpu';
  let seconds = 0; // per ubatch
  for (const { device, count } of layout.slots) {
    const t =
      (2 * count * perLayerParams * ubatch) / (effectiveTflops(device) * 1e12 * (layout.tensorParallel ? n : 1));
    seconds += layout.tensorParallel ? t / n : t;
  }
  const cpuParams = layout.cpuLayers * perLayerParams;
  if (cpuParams > 0) {
    seconds += firstIsGpu
      ? // llama.cpp streams CPU-resident weights to the GPU for big batches.
        ((w.totalBytes - w.tokenEmbdBytes) * layout.cpuLayers) / L / PCIE_BYTES_PER_SECOND +
        (2 * cpuParams * ubatch) / (effectiveTflops(first) * 1e12)
      : (2 * cpuParams * ubatch) / (setup.cpuTflops * 1e12);
  }
  if (firstIsGpu) seconds += layerSums(w, arch).experts[layout.cpuMoeLayers]! / PCIE_BYTES_PER_SECOND;
  const tps = ubatch / seconds;
  return Number.isFinite(tps) ? { low: tps * 0.75, high: tps * 1.25, expected: tps } : { low: 0, high: 0, expected: 0 };
}

/**
 * Time to first token for a prompt of `promptTokens`: the prompt-processing rate at n_ubatch
 * batches, slowed by attention over the growing prompt (4 * heads * head_dim FLOPs per cached
 * token per full-attention layer, min(position, window) on windowed layers, none on recurrent
 * layers) relative to the 2 FLOPs per active parameter of the weights, plus the vision encoder
 * when an image goes with the prompt (extraFlops, on the first device).
 */
export function timeToFirstTokenSeconds(
  arch: ModelArchitecture,
  w: WeightBreakdown,
  setup: HardwareSetup,
  layout: Layout,
  ubatch: number,
  promptTokens: number,
  extraFlops = 0,
): number {
  const pp = promptSpeed(arch, w, setup, layout, ubatch).expected;
  if (!(pp > 0) || promptTokens <= 0) return 0;
  const { full, windowed } = attentionLayerKinds(arch);
  const width = arch.mla != null ? arch.mla.kvLoraRank + arch.mla.qkRopeHeadDim : arch.headDim;
  const meanSpan = promptTokens / 2;
  const window = arch.slidingWindow?.window ?? 0;
  const attention = 4 * arch.heads * width * (full * meanSpan + windowed * Math.min(meanSpan, window));
  const linear = 2 * Math.max(1, w.paramsActive);
  const first = layout.slots[0]?.device;
  const flopsRate = first !== undefined ? effectiveTflops(first) * 1e12 : setup.cpuTflops * 1e12;
  return (promptTokens / pp) * (1 + attention / linear) + extraFlops / flopsRate;
}
