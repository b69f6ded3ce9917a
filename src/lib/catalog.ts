/**
 * Map catalog JSON (content/models/<id>.mdx, content/hardware/<id>.mdx frontmatter) into engine inputs.
 * Pure: the CLI, the pages and the browser island all call these with already-parsed objects.
 */
import type { Backend } from './engine/compute.ts';
import type { HardwareSetup } from './engine/hardware.ts';
import { cpuSetup, gpuSetup, unifiedSetup } from './engine/hardware.ts';
import type { ArchFamily, ModelArchitecture, ModelFile, ModelSpec } from './engine/model.ts';
import { validateArchitecture } from './engine/model.ts';

/** The subset of a catalog model entry the engine reads. */
export interface CatalogModel {
  name: string;
  org?: string | undefined;
  /** Catalog family, e.g. "llama" (for same-family advice). */
  family?: string | null | undefined;
  paramsTotal: number;
  paramsActive?: number | null | undefined;
  contextLength: number;
  ollamaTag?: string | null | undefined;
  hfRepo?: string | undefined;
  mlxRepo?: string | null | undefined;
  /** The same shape as the engine's architecture; the family is inferred from the names unless given. */
  architecture: Omit<ModelArchitecture, 'family'> & { family?: ArchFamily | null | undefined };
  ollamaTagFormat?: string | null | undefined;
  ollamaTagsByFormat?: Readonly<Record<string, string>> | undefined;
  files?: readonly ModelFile[] | undefined;
  vision?: ModelSpec['vision'];
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
  /** e.g. "GDDR6X", "HBM3" (HBM marks a data-centre card for the speed model). */
  memoryType?: string | undefined;
  architecture?: string | undefined;
}

/** Layout families by name pattern, first match wins (a "moe" variant when the model has experts). */
const FAMILY_PATTERNS: [RegExp, ArchFamily, ArchFamily?][] = [
  [/gpt-oss/, 'gpt-oss'],
  [/gemma-?3/, 'gemma3'],
  [/gemma/, 'gemma2'],
  [/phi-?[34]/, 'phi3'],
  [/mixtral/, 'mixtral'],
  [/qwen-?3(?!\d)/, 'qwen3', 'qwen3moe'],
  [/qwen|qwq/, 'qwen2', 'qwen2moe'],
  [/command-r|c4ai/, 'command-r'],
  [/mistral|ministral|devstral/, 'mistral'],
  [/llama/, 'llama'],
];

/** Guess the tensor-layout family from names (only affects small layout details). */
export function inferFamily(name: string, hfRepo: string | undefined, arch: CatalogModel['architecture']): ArchFamily {
  if (arch.mla != null) return 'deepseek2';
  const s = `${name} ${hfRepo ?? ''}`.toLowerCase();
  const hit = FAMILY_PATTERNS.find(([re]) => re.test(s));
  return hit === undefined ? 'generic' : arch.moe != null ? (hit[2] ?? hit[1]) : hit[1];
}

/** Catalog model JSON -> ModelSpec. Throws a clear error when the architecture is incomplete. */
export function modelFromCatalog(id: string, m: CatalogModel): ModelSpec {
  const a = m?.architecture;
  if (typeof a !== 'object' || a === null) throw new Error(`Model "${id}": missing "architecture".`);
  const architecture: ModelArchitecture = {
    ...a,
    vHeadDim: a.vHeadDim ?? a.mla?.vHeadDim ?? null,
    qkvBias: a.qkvBias ?? null,
    slidingWindow: a.slidingWindow ?? null,
    mla: a.mla ?? null,
    moe: a.moe ?? null,
    recurrent: a.recurrent ?? null,
    blocks: a.blocks ?? null,
    nativeExpertType: a.nativeExpertType ?? null,
    mtpLayers: a.mtpLayers ?? null,
    family: a.family ?? inferFamily(m.name, m.hfRepo, a),
  };
  try {
    validateArchitecture(architecture);
  } catch (err) {
    throw new Error(`Model "${id}": ${(err as Error).message}`);
  }
  return {
    id,
    name: m.name,
    family: m.family ?? null,
    architecture,
    paramsTotal: m.paramsTotal,
    paramsActive: m.paramsActive ?? null,
    contextLength: m.contextLength,
    files: m.files ?? [],
    vision: m.vision ?? null,
    ollamaTag: m.ollamaTag ?? null,
    ollamaTagFormat: m.ollamaTagFormat ?? null,
    ollamaTagsByFormat: m.ollamaTagsByFormat ?? {},
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
  if (b.some((x) => /^(ROCm|HIP)/.test(x))) return 'ROCm';
  if (b.includes('SYCL')) return 'SYCL';
  if (b.includes('Vulkan')) return 'Vulkan';
  return h.vendor === 'NVIDIA' ? 'CUDA' : h.vendor === 'AMD' ? 'ROCm' : 'Vulkan';
}

/** Catalog hardware JSON -> HardwareSetup. */
export function hardwareFromCatalog(id: string, h: CatalogHardware, o: HardwareOptions = {}): HardwareSetup {
  const fail = (why: string): never => {
    throw new Error(`Hardware "${id}": ${why}.`);
  };
  if (!(h?.memoryGiB > 0 && h.bandwidthGBs > 0)) fail('needs positive "memoryGiB" and "bandwidthGBs"');
  const { name, kind, bandwidthGBs } = h;
  const memoryGiB = o.memoryGiB ?? h.memoryGiB;
  const fp16Tflops = h.fp16Tflops ?? null;
  if (kind === 'gpu') {
    const { gpus: count, ramGiB, cpuBandwidthGBs } = o;
    const backend = backendOf(h);
    return gpuSetup({
      name,
      decodeClass: /^HBM/i.test(h.memoryType ?? '') ? 'datacentre' : h.vendor === 'AMD' ? 'rdna' : 'consumer',
      vramGiB: memoryGiB,
      bandwidthGBs,
      fp16Tflops,
      count,
      backend,
      ramGiB,
      cpuBandwidthGBs,
    });
  }
  if (kind === 'apple' || kind === 'unified') {
    return unifiedSetup({
      name,
      memoryGiB,
      bandwidthGBs,
      fp16Tflops,
      gpuFraction: o.gpuFraction,
      apple: kind === 'apple',
      backend: backendOf(h),
    });
  }
  if (kind === 'cpu') return cpuSetup({ name, ramGiB: memoryGiB, bandwidthGBs, tflops: fp16Tflops });
  return fail(`unknown kind "${String(kind)}" (use gpu, apple, unified or cpu)`);
}

export type { ModelSpec } from './engine/model.ts';

/** A catalog family's line without its version ("Llama 3.3" -> "llama", "Qwen2.5" -> "qwen"): models "of the same family". */
export function familyLine(family: string | null | undefined): string {
  return (family ?? '').toLowerCase().replace(/[\s\d.-].*$/, '');
}

/**
 * Whether two models are "of the same family" for smaller-model advice and draft models: the same
 * family line and the same vocabulary (a draft must share the tokenizer, and Llama 2 or Gemma 2 is
 * no like-for-like stand-in for Llama 3 or Gemma 3).
 */
export function sameFamily(
  a: { family?: string | null | undefined; architecture: { vocabSize: number } },
  b: { family?: string | null | undefined; architecture: { vocabSize: number } },
): boolean {
  return (
    a.family != null &&
    familyLine(a.family) !== '' &&
    familyLine(a.family) === familyLine(b.family) &&
    a.architecture.vocabSize === b.architecture.vocabSize
  );
}
