/**
 * Map catalog JSON (content/models/<id>.json, content/hardware/<id>.json) into engine inputs.
 * Pure: the CLI, the pages and the browser island all call these with already-parsed objects.
 */
import type { Backend } from './compute.ts';
import type { HardwareSetup } from './hardware.ts';
import { cpuSetup, gpuSetup, unifiedSetup } from './hardware.ts';
import type { ArchFamily, ModelArchitecture, ModelSpec } from './model.ts';
import { validateArchitecture } from './model.ts';

/** The subset of a catalog model entry the engine reads. */
export interface CatalogModel {
  name: string;
  org?: string | undefined;
  paramsTotal: number;
  paramsActive?: number | null | undefined;
  contextLength: number;
  ollamaTag?: string | null | undefined;
  hfRepo?: string | undefined;
  mlxRepo?: string | null | undefined;
  architecture: {
    layers: number;
    hiddenSize: number;
    heads: number;
    kvHeads: number;
    headDim: number;
    vHeadDim?: number | null | undefined;
    ffnSize: number;
    vocabSize: number;
    tiedEmbeddings: boolean;
    qkvBias?: boolean | null | undefined;
    slidingWindow?: { window: number; fullEvery: number } | null | undefined;
    mla?: { kvLoraRank: number; qkRopeHeadDim: number; qkNopeHeadDim: number; vHeadDim: number; qLoraRank?: number | null | undefined } | null | undefined;
    moe?: {
      experts: number;
      activeExperts: number;
      expertFfnSize: number;
      sharedExperts: number;
      sharedFfnSize?: number | null | undefined;
      denseLayers: number;
    } | null | undefined;
  };
  files?: readonly { format: string; bytes: number; publisher?: string | undefined; url?: string | undefined }[] | undefined;
}

/** The subset of a catalog hardware entry the engine reads. */
export interface CatalogHardware {
  name: string;
  vendor: 'NVIDIA' | 'AMD' | 'Intel' | 'Apple' | string;
  kind: 'gpu' | 'apple' | 'unified' | 'cpu' | string;
  memoryGiB: number;
  bandwidthGBs: number;
  fp16Tflops?: number | null | undefined;
  backends?: readonly string[] | undefined;
}

/** Guess the tensor-layout family from names (only affects small layout details). */
export function inferFamily(name: string, hfRepo: string | undefined, arch: CatalogModel['architecture']): ArchFamily {
  const s = `${name} ${hfRepo ?? ''}`.toLowerCase();
  if (arch.mla != null) return 'deepseek2';
  if (s.includes('gpt-oss')) return 'gpt-oss';
  if (s.includes('gemma-3') || s.includes('gemma3')) return 'gemma3';
  if (s.includes('gemma')) return 'gemma2';
  if (/phi-?[34]/.test(s)) return 'phi3';
  if (s.includes('mixtral')) return 'mixtral';
  if (s.includes('qwen3') || s.includes('qwen-3')) return arch.moe != null ? 'qwen3moe' : 'qwen3';
  if (s.includes('qwen') || s.includes('qwq')) return arch.moe != null ? 'qwen2moe' : 'qwen2';
  if (s.includes('command-r') || s.includes('c4ai')) return 'command-r';
  if (s.includes('mistral') || s.includes('ministral') || s.includes('devstral')) return 'mistral';
  if (s.includes('llama')) return 'llama';
  return 'generic';
}

/** Catalog model JSON -> ModelSpec. Throws a clear error when the architecture is incomplete. */
export function modelFromCatalog(id: string, m: CatalogModel): ModelSpec {
  if (typeof m !== 'object' || m === null || typeof m.architecture !== 'object' || m.architecture === null) {
    throw new Error(`Model "${id}": missing "architecture".`);
  }
  const a = m.architecture;
  const arch: ModelArchitecture = {
    layers: a.layers,
    hiddenSize: a.hiddenSize,
    heads: a.heads,
    kvHeads: a.kvHeads,
    headDim: a.headDim,
    vHeadDim: a.vHeadDim ?? a.mla?.vHeadDim ?? null,
    ffnSize: a.ffnSize,
    vocabSize: a.vocabSize,
    tiedEmbeddings: a.tiedEmbeddings,
    qkvBias: a.qkvBias ?? null,
    slidingWindow: a.slidingWindow ?? null,
    mla: a.mla ?? null,
    moe: a.moe ?? null,
    family: inferFamily(m.name, m.hfRepo, a),
  };
  try {
    validateArchitecture(arch);
  } catch (err) {
    throw new Error(`Model "${id}": ${(err as Error).message}`);
  }
  return {
    id,
    name: m.name,
    architecture: arch,
    paramsTotal: m.paramsTotal,
    paramsActive: m.paramsActive ?? null,
    contextLength: m.contextLength,
    files: (m.files ?? []).map((f) => ({ format: f.format, bytes: f.bytes, publisher: f.publisher, url: f.url })),
    ollamaTag: m.ollamaTag ?? null,
    hfRepo: m.hfRepo ?? null,
    mlxRepo: m.mlxRepo ?? null,
  };
}

export interface HardwareOptions {
  /** Number of identical GPUs (discrete GPUs only). */
  gpus?: number | undefined;
  /** System RAM in GiB (discrete GPU hosts; default 32). */
  ramGiB?: number | undefined;
  cpuBandwidthGBs?: number | undefined;
  /** Share of unified memory the GPU may use (Apple default 0.70/0.75). */
  gpuFraction?: number | undefined;
  /** Unified memory size for Apple chips sold in several sizes. */
  memoryGiB?: number | undefined;
}

function backendOf(h: CatalogHardware): Backend {
  const b = h.backends ?? [];
  if (h.vendor === 'Apple' || b.includes('Metal')) return 'Metal';
  if (b.includes('CUDA')) return 'CUDA';
  if (b.some((x) => x === 'ROCm' || x === 'ROCm/HIP' || x === 'HIP')) return 'ROCm';
  if (b.includes('SYCL')) return 'SYCL';
  if (b.includes('Vulkan')) return 'Vulkan';
  return h.vendor === 'NVIDIA' ? 'CUDA' : h.vendor === 'AMD' ? 'ROCm' : 'Vulkan';
}

/** Catalog hardware JSON -> HardwareSetup. */
export function hardwareFromCatalog(id: string, h: CatalogHardware, o: HardwareOptions = {}): HardwareSetup {
  if (typeof h !== 'object' || h === null) throw new Error(`Hardware "${id}": not an object.`);
  if (!(h.memoryGiB > 0) || !(h.bandwidthGBs > 0)) {
    throw new Error(`Hardware "${id}": needs positive "memoryGiB" and "bandwidthGBs".`);
  }
  const mem = o.memoryGiB ?? h.memoryGiB;
  switch (h.kind) {
    case 'gpu':
      return gpuSetup({
        name: h.name,
        vramGiB: mem,
        bandwidthGBs: h.bandwidthGBs,
        fp16Tflops: h.fp16Tflops ?? null,
        count: o.gpus,
        backend: backendOf(h),
        ramGiB: o.ramGiB,
        cpuBandwidthGBs: o.cpuBandwidthGBs,
      });
    case 'apple':
    case 'unified':
      return unifiedSetup({
        name: h.name,
        memoryGiB: mem,
        bandwidthGBs: h.bandwidthGBs,
        fp16Tflops: h.fp16Tflops ?? null,
        gpuFraction: o.gpuFraction,
        apple: h.kind === 'apple',
        backend: backendOf(h),
      });
    case 'cpu':
      return cpuSetup({ name: h.name, ramGiB: mem, bandwidthGBs: h.bandwidthGBs, tflops: h.fp16Tflops ?? null });
    default:
      throw new Error(`Hardware "${id}": unknown kind "${String(h.kind)}" (use gpu, apple, unified or cpu).`);
  }
}
