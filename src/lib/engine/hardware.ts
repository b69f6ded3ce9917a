/**
 * Hardware setups: accelerators (each with its own memory; total VRAM is never one pool),
 * Apple/unified memory (the GPU only gets a wired share), system RAM and CPU bandwidth.
 */
import type { Backend } from './compute.ts';
import { runtimeOverheadBytes } from './compute.ts';
import { GiB } from './units.ts';

export type DeviceKind = 'gpu' | 'apple' | 'unified';

export interface Device {
  name: string;
  kind: DeviceKind;
  backend: Backend;
  /** Physical memory of the device (VRAM, or the whole unified RAM). */
  memoryBytes: number;
  /** Memory the model may use on this device (VRAM minus reserve, or the GPU-wired share). */
  usableBytes: number;
  /** Peak memory bandwidth, decimal GB/s. */
  bandwidthGBs: number;
  /** Dense FP16 matrix TFLOPS, null when unknown. */
  fp16Tflops: number | null;
  /** Runtime/driver overhead charged on this device. */
  overheadBytes: number;
  /** Decode class of a discrete GPU (speed.ts): consumer GDDR (default), data-centre HBM, or AMD RDNA. */
  decodeClass?: DecodeClass | undefined;
}

/**
 * How a discrete GPU turns bandwidth into decode speed. 'datacentre' (HBM cards such as A100,
 * H100): lower clocks make the fixed per-token cost about twice a consumer card's, which
 * dominates on small models; 'rdna' (AMD Radeon): llama.cpp's ROCm/Vulkan kernels reach a lower
 * share of the bandwidth than CUDA's.
 */
export type DecodeClass = 'consumer' | 'datacentre' | 'rdna';

export interface HardwareSetup {
  name: string;
  /** Accelerators; empty for a CPU-only machine. */
  devices: Device[];
  /** Devices and CPU share one memory pool (Apple silicon, Strix Halo, DGX Spark). */
  sharedMemory: boolean;
  systemRamBytes: number;
  /** RAM the model may use on the CPU side (system RAM minus an OS reserve). */
  usableRamBytes: number;
  cpuBandwidthGBs: number;
  /** CPU matrix throughput in TFLOPS (prompt processing on CPU). */
  cpuTflops: number;
  /** Fraction of unified memory the GPU may wire (Apple), for display and advice. */
  wiredFraction?: number | undefined;
  /** Values the engine assumed because the input did not say (shown to the user). */
  assumptions: string[];
}

/** Defaults for a desktop host when the catalog entry is only a GPU. */
export const DEFAULT_SYSTEM_RAM_GIB = 32;
export const DEFAULT_CPU_BANDWIDTH_GBS = 64;
export const DEFAULT_CPU_TFLOPS = 1.5;

/** RAM kept free for the OS and apps: 15% of RAM, between 2 and 8 GiB. */
export function osReserveBytes(ramBytes: number): number {
  return Math.min(8 * GiB, Math.max(2 * GiB, 0.15 * ramBytes));
}

/** Default share of Apple unified memory the GPU may wire (recommendedMaxWorkingSetSize). */
export function appleDefaultWiredFraction(memoryGiB: number): number {
  return memoryGiB <= 36 ? 0.7 : 0.75;
}

function positive(what: string, v: number): number {
  if (!(v > 0 && v < Infinity)) throw new Error(`Hardware: ${what} must be a positive number (got ${v}).`);
  return v;
}

/** The host side of a setup: system RAM (GiB) with its OS reserve, CPU bandwidth and TFLOPS. */
function host(
  name: string,
  devices: Device[],
  ramGiB: number,
  cpuBandwidthGBs: number,
  cpuTflops = DEFAULT_CPU_TFLOPS,
): HardwareSetup {
  const ram = ramGiB * GiB;
  return {
    name,
    devices,
    sharedMemory: false,
    systemRamBytes: ram,
    usableRamBytes: ram - osReserveBytes(ram),
    cpuBandwidthGBs,
    cpuTflops,
    assumptions: [],
  };
}

export interface GpuSetupOptions {
  name?: string | undefined;
  vramGiB: number;
  bandwidthGBs: number;
  fp16Tflops?: number | null | undefined;
  /** Number of identical cards (default 1). */
  count?: number | undefined;
  backend?: Backend | undefined;
  ramGiB?: number | undefined;
  cpuBandwidthGBs?: number | undefined;
  /** VRAM used by the desktop/other apps, per card (default 0). */
  reservedGiB?: number | undefined;
  /** Decode class (default: 'rdna' on ROCm, else 'consumer'). */
  decodeClass?: DecodeClass | undefined;
}

/** One or more identical discrete GPUs in a host with system RAM. */
export function gpuSetup(o: GpuSetupOptions): HardwareSetup {
  const count = Math.max(1, Math.floor(o.count ?? 1));
  const memoryBytes = positive('VRAM', o.vramGiB) * GiB;
  const backend = o.backend ?? 'CUDA';
  const name = o.name ?? `${o.vramGiB} GiB GPU`;
  const devices = Array.from({ length: count }, (_, i) => ({
    name: count > 1 ? `${name} #${i + 1}` : name,
    kind: 'gpu' as const,
    backend,
    memoryBytes,
    usableBytes: memoryBytes - (o.reservedGiB ?? 0) * GiB,
    bandwidthGBs: positive('bandwidth', o.bandwidthGBs),
    fp16Tflops: o.fp16Tflops ?? null,
    overheadBytes: runtimeOverheadBytes(backend),
    decodeClass: o.decodeClass ?? (backend === 'ROCm' ? 'rdna' : 'consumer'),
  }));
  const setup = host(
    count > 1 ? `${count}x ${name}` : name,
    devices,
    o.ramGiB ?? DEFAULT_SYSTEM_RAM_GIB,
    o.cpuBandwidthGBs ?? DEFAULT_CPU_BANDWIDTH_GBS,
  );
  if (o.ramGiB === undefined) setup.assumptions.push(`system RAM assumed ${DEFAULT_SYSTEM_RAM_GIB} GiB`);
  if (o.cpuBandwidthGBs === undefined)
    setup.assumptions.push(`CPU memory bandwidth assumed ${DEFAULT_CPU_BANDWIDTH_GBS} GB/s`);
  return setup;
}

export interface UnifiedSetupOptions {
  name?: string | undefined;
  memoryGiB: number;
  bandwidthGBs: number;
  fp16Tflops?: number | null | undefined;
  /** Share of memory the GPU may use. Apple default 0.70 (<= 36 GiB) / 0.75; other APUs 0.85. */
  gpuFraction?: number | undefined;
  apple?: boolean | undefined;
  backend?: Backend | undefined;
}

/** Apple silicon or another unified-memory machine: one pool, GPU limited to a share of it. */
export function unifiedSetup(o: UnifiedSetupOptions): HardwareSetup {
  const memGiB = positive('memory', o.memoryGiB);
  const bw = positive('bandwidth', o.bandwidthGBs);
  const apple = o.apple ?? true;
  const fraction = o.gpuFraction ?? (apple ? appleDefaultWiredFraction(memGiB) : 0.85);
  if (!(fraction > 0 && fraction <= 1))
    throw new Error(`Hardware: GPU memory share must be in (0, 1] (got ${fraction}).`);
  const backend: Backend = o.backend ?? (apple ? 'Metal' : 'Vulkan');
  const name = o.name ?? `${apple ? 'Apple silicon' : 'Unified memory'} ${memGiB} GiB`;
  const memoryBytes = memGiB * GiB;
  const device: Device = {
    name,
    kind: apple ? 'apple' : 'unified',
    backend,
    memoryBytes,
    usableBytes: memoryBytes * fraction,
    bandwidthGBs: bw,
    fp16Tflops: o.fp16Tflops ?? null,
    overheadBytes: runtimeOverheadBytes(backend),
  };
  const setup = { ...host(name, [device], memGiB, bw * 0.5), sharedMemory: true, wiredFraction: fraction };
  if (o.gpuFraction === undefined)
    setup.assumptions.push(`GPU may use ${Math.round(fraction * 100)}% of unified memory (default wired limit)`);
  return setup;
}

export interface CpuSetupOptions {
  name?: string | undefined;
  ramGiB: number;
  bandwidthGBs: number;
  tflops?: number | null | undefined;
}

/** CPU-only machine: model in system RAM. */
export function cpuSetup(o: CpuSetupOptions): HardwareSetup {
  return host(
    o.name ?? `CPU with ${o.ramGiB} GiB RAM`,
    [],
    positive('RAM', o.ramGiB),
    positive('bandwidth', o.bandwidthGBs),
    o.tflops ?? undefined,
  );
}

/** Copy of a setup with Apple/unified GPU share changed (e.g. after raising iogpu.wired_limit_mb). */
export function withGpuFraction(setup: HardwareSetup, fraction: number): HardwareSetup {
  return {
    ...setup,
    wiredFraction: fraction,
    devices: setup.devices.map((d) => (d.kind === 'gpu' ? d : { ...d, usableBytes: d.memoryBytes * fraction })),
    assumptions: setup.assumptions.filter((a) => !a.startsWith('GPU may use')),
  };
}

/**
 * The same machine with its accelerators unused (llama.cpp built for the CPU, or -ngl 0 with
 * -dev none): the host's RAM, CPU-side bandwidth and CPU TFLOPS. On a unified-memory machine
 * that is the CPU cluster's share of the memory bandwidth, not the GPU's.
 */
export function withoutAccelerators(setup: HardwareSetup): HardwareSetup {
  return { ...setup, devices: [], sharedMemory: false, wiredFraction: undefined };
}

/** Copy of a GPU setup with one more card identical to the first. */
export function withExtraGpu(setup: HardwareSetup): HardwareSetup {
  const first = setup.devices[0];
  if (first?.kind !== 'gpu') return setup;
  const n = setup.devices.length + 1;
  const base = first.name.replace(/ #\d+$/, '');
  return {
    ...setup,
    name: `${n}x ${base}`,
    devices: [...setup.devices, first].map((d, i) => ({ ...d, name: `${base} #${i + 1}` })),
  };
}

/** Copy of a setup whose host has `ramGiB` of system RAM (not for shared-memory machines, whose RAM is the GPU's). */
export function withSystemRam(setup: HardwareSetup, ramGiB: number): HardwareSetup {
  const ram = positive('RAM', ramGiB) * GiB;
  return {
    ...setup,
    systemRamBytes: ram,
    usableRamBytes: ram - osReserveBytes(ram),
    assumptions: setup.assumptions.filter((a) => !a.startsWith('system RAM assumed')),
  };
}

/** System RAM sizes people buy, in GiB (the next step up is what advice offers). */
export const COMMON_RAM_SIZES_GIB: readonly number[] = [8, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024];
