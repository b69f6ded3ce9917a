/**
 * estimate(): memory terms, verdict against a hardware setup (full GPU, tight, partial/expert
 * offload, CPU only, won't run), per-card split, speed, advice and run commands.
 */
import { buildAdvice } from './advice.ts';
import type { Advice } from './advice.ts';
import { buildCommands } from './commands.ts';
import type { RunCommands } from './commands.ts';
import { computeBufferBytes, runtimeOverheadBytes, SAFETY_MARGIN_BYTES } from './compute.ts';
import type { FormatFamily, FormatId, KvCacheType } from './formats.ts';
import { getFormat } from './formats.ts';
import type { HardwareSetup } from './hardware.ts';
import { kvCache } from './kv-cache.ts';
import type { ModelSpec } from './model.ts';
import { validateArchitecture } from './model.ts';
import type { Placement, SpeedRange } from './speed.ts';
import { decodeSpeed, promptSpeed } from './speed.ts';
import { GiB, MiB } from './units.ts';
import type { WeightBreakdown } from './weights.ts';
import { modelWeights } from './weights.ts';

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

export const VERDICTS = [
  { id: 'fits', label: 'Runs fully on GPU' },
  { id: 'tight', label: 'Fits, but tight' },
  { id: 'partial-offload', label: 'Partial offload to system RAM' },
  { id: 'cpu-only', label: 'CPU only' },
  { id: 'wont-run', label: "Won't run" },
] as const;
export type Verdict = (typeof VERDICTS)[number]['id'];

export function verdictLabel(v: Verdict): string {
  return VERDICTS.find((x) => x.id === v)?.label ?? v;
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
  placement: Placement;
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

/** Layer-to-device assignment result. */
interface Fill {
  assign: number[][];
  placed: number;
  outputDevice: number;
  remaining: number[];
}

/** Greedy fill of layers (in `order`) into device capacities; output (if given) after the last layer. */
function fill(order: readonly number[], cost: (i: number) => number, caps: readonly number[], outputCost: number | null): Fill {
  const remaining = caps.slice();
  const assign: number[][] = caps.map(() => []);
  let d = 0;
  let placed = 0;
  for (const i of order) {
    const c = cost(i);
    while (d < remaining.length && (remaining[d] ?? 0) < c) d++;
    if (d >= remaining.length) break;
    remaining[d] = (remaining[d] ?? 0) - c;
    assign[d]?.push(i);
    placed++;
  }
  let outputDevice = -1;
  if (outputCost !== null && placed === order.length) {
    for (let k = Math.min(d, remaining.length - 1); k < remaining.length && k >= 0; k++) {
      if ((remaining[k] ?? 0) >= outputCost) {
        remaining[k] = (remaining[k] ?? 0) - outputCost;
        outputDevice = k;
        break;
      }
    }
  }
  return { assign, placed, outputDevice, remaining };
}

function range(n: number): number[] {
  const a = new Array<number>(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

/** The estimate without advice (advice.ts re-runs it with changed inputs). */
export function estimateCore(input: EstimateInput): Estimate {
  const model = input.model;
  const arch = model.architecture;
  validateArchitecture(arch);
  const format = getFormat(input.format);
  if (!(typeof input.context === 'number' && Number.isFinite(input.context) && input.context >= 0)) {
    throw new Error(`Context must be a number of tokens >= 0 (got ${String(input.context)}).`);
  }
  const context = Math.floor(input.context);
  const parallel = Math.max(1, Math.floor(input.parallel ?? 1));
  const ubatch = Math.max(1, Math.floor(input.ubatch ?? 512));
  const gguf = format.family === 'gguf';
  const flashAttention = input.flashAttention ?? true;
  const kvType: KvCacheType = gguf ? (input.kvType ?? 'f16') : 'f16';
  const notes: string[] = [];
  if (!gguf && input.kvType !== undefined && input.kvType !== 'f16') {
    notes.push(`KV cache quantization (${input.kvType}) is modelled for llama.cpp/GGUF only; ${format.label} uses an f16 cache here.`);
  }
  const w = modelWeights(model, format.id, { imatrix: input.imatrix });
  const kv = kvCache(arch, { context, kvType, flashAttention, ubatch, parallel });
  for (const n of kv.notes) notes.push(n);
  const compute = computeBufferBytes(arch, { contextPerSequence: kv.cellsPerSequence, ubatch, flashAttention });
  const weightsInRam = gguf ? w.tokenEmbdBytes : 0;
  const weightsOnGpu = gguf ? w.totalBytes - w.tokenEmbdBytes + (w.tiedEmbeddings ? w.tokenEmbdBytes : 0) : w.totalBytes;
  const hw = input.hardware;
  const defaultOverhead = gguf ? 457 * MiB : 1 * GiB;
  const assumptions: string[] = [];
  if (context > 0 && model.contextLength != null && context > model.contextLength) {
    notes.push(`Context ${context} is longer than the model's maximum (${model.contextLength} tokens).`);
  }

  const base: Estimate = {
    modelName: model.name,
    format: format.id,
    formatLabel: format.label,
    formatFamily: format.family,
    context,
    contextPerSequence: kv.cellsPerSequence,
    kvType,
    kvTypeV: kv.vType,
    flashAttention,
    ubatch,
    parallel,
    weightsBytes: w.totalBytes,
    weightsSource: w.source,
    weightsOnGpuBytes: weightsOnGpu,
    weightsInRamBytes: weightsInRam,
    paramsTotal: w.paramsTotal,
    paramsActive: w.paramsActive,
    kvCacheBytes: kv.totalBytes,
    kvCellsPerSequence: kv.cellsPerSequence,
    kvSwaCellsPerSequence: kv.swaCellsPerSequence,
    computeBytes: compute,
    overheadBytes: defaultOverhead,
    marginBytes: SAFETY_MARGIN_BYTES,
    totalBytes: w.totalBytes + kv.totalBytes + compute + defaultOverhead,
    weights: w,
    advice: [],
    commands: { llamaCpp: '', ollama: [], lmStudio: [], mlx: null, vllm: null },
    notes,
    assumptions,
  };
  if (hw === undefined) {
    assumptions.push('runtime overhead assumes one CUDA/ROCm GPU (457 MiB)');
    base.commands = buildCommands(base, input);
    return base;
  }
  assumptions.push(...hw.assumptions);

  const fit = gguf ? fitGguf(base, hw, kv.layerBytes) : fitNonGguf(base, hw);
  const deviceOverhead = fit.devices.reduce((s, d) => s + d.overheadBytes, 0);
  const overhead =
    deviceOverhead > 0 ? deviceOverhead : (hw.devices[0]?.overheadBytes ?? runtimeOverheadBytes('CPU'));
  const computeTotal = fit.devices.reduce((s, d) => s + d.computeBytes, 0) || compute;
  const out: Estimate = {
    ...base,
    overheadBytes: overhead,
    computeBytes: computeTotal,
    marginBytes: SAFETY_MARGIN_BYTES * Math.max(1, fit.devices.length),
    totalBytes: w.totalBytes + kv.totalBytes + computeTotal + overhead,
    fit,
  };
  if (fit.verdict !== 'wont-run') {
    const depth = Math.min(input.decodeDepth ?? 256, Math.max(0, kv.cellsPerSequence));
    out.tokensPerSecond = decodeSpeed(arch, w, hw, fit.placement, depth, kvType);
    out.tokensPerSecondAtFullContext = decodeSpeed(arch, w, hw, fit.placement, Math.min(context, kv.cellsPerSequence), kvType);
    out.promptTokensPerSecond = promptSpeed(arch, w, hw, fit.placement, ubatch);
  }
  out.commands = buildCommands(out, input);
  return out;
}

/** Full estimate: memory, verdict, speed, run commands and (when it does not fit) ranked advice. */
export function estimate(input: EstimateInput): Estimate {
  const e = estimateCore(input);
  if (input.advice !== false && e.fit !== undefined && e.fit.verdict !== 'fits') {
    e.advice = buildAdvice(input, e, estimateCore);
  }
  return e;
}

function fitGguf(e: Estimate, hw: HardwareSetup, kvLayers: readonly number[]): FitResult {
  const w = e.weights;
  const arch = w.layerBytes.length;
  const L = arch;
  const costs = w.layerBytes.map((b, i) => b + (kvLayers[i] ?? 0));
  const layerCost = (i: number): number => costs[i] ?? 0;
  const devs = hw.devices;
  const caps = (margin: boolean): number[] =>
    devs.map((d) => d.usableBytes - d.overheadBytes - e.computeBytes - (margin ? SAFETY_MARGIN_BYTES : 0));
  const all = range(L);
  const requiredBytes =
    devs.length > 0
      ? w.layerBytes.reduce((s, b) => s + b, 0) + e.kvCacheBytes + w.outputBytes + e.computeBytes + (devs[0]?.overheadBytes ?? 0)
      : 0;
  const availableBytes = devs.reduce((s, d) => s + d.usableBytes, 0);
  const ramUsable = hw.usableRamBytes;

  const result = (
    verdict: Verdict,
    f: Fill | null,
    cpuLayers: number[],
    cpuExpertLayers: number[],
    summary: string,
  ): FitResult => {
    const deviceUses: DeviceUse[] = devs.map((d, k) => {
      const layers = f?.assign[k] ?? [];
      const output = f !== null && f.outputDevice === k;
      let wb = 0;
      let kb = 0;
      const cpuExp = cpuExpertLayers.length > 0 ? new Set(cpuExpertLayers) : null;
      for (const i of layers) {
        wb += (w.layerBytes[i] ?? 0) - (cpuExp !== null && cpuExp.has(i) ? (w.layerExpertBytes[i] ?? 0) : 0);
        kb += kvLayers[i] ?? 0;
      }
      if (output) wb += w.outputBytes;
      const used = layers.length > 0 || output ? wb + kb + e.computeBytes + d.overheadBytes : 0;
      return {
        name: d.name,
        usableBytes: d.usableBytes,
        usedBytes: used,
        freeBytes: d.usableBytes - used,
        weightsBytes: wb,
        kvBytes: kb,
        computeBytes: used > 0 ? e.computeBytes : 0,
        overheadBytes: used > 0 ? d.overheadBytes : 0,
        layers: layers.length,
        output,
      };
    });
    let ramW = w.tokenEmbdBytes;
    let ramKv = 0;
    for (const i of cpuLayers) {
      ramW += w.layerBytes[i] ?? 0;
      ramKv += kvLayers[i] ?? 0;
    }
    for (const i of cpuExpertLayers) ramW += w.layerExpertBytes[i] ?? 0;
    const outputOnGpu = f !== null && f.outputDevice >= 0;
    if (!outputOnGpu) ramW += w.outputBytes - (w.tiedEmbeddings ? w.tokenEmbdBytes : 0);
    const ramCompute = devs.length === 0 || cpuLayers.length > 0 ? e.computeBytes : 0;
    const gpuLayers = deviceUses.reduce((s, d) => s + d.layers, 0);
    return {
      verdict,
      label: verdictLabel(verdict),
      summary,
      gpuLayers,
      totalLayers: L,
      outputOnGpu,
      cpuMoeLayers: cpuExpertLayers.length,
      devices: deviceUses,
      ram: { usableBytes: ramUsable, usedBytes: ramW + ramKv + ramCompute, weightsBytes: ramW, kvBytes: ramKv },
      requiredBytes,
      requiredWithMarginBytes: requiredBytes + (devs.length > 0 ? SAFETY_MARGIN_BYTES : 0),
      availableBytes,
      placement: {
        devices: devs.map((d, k) => ({ device: d, layers: f?.assign[k] ?? [], output: f !== null && f.outputDevice === k })),
        cpuLayers,
        cpuExpertLayers,
        outputOnCpu: !outputOnGpu,
        tensorParallel: false,
      },
    };
  };

  const gib = (b: number): string => `${(b / GiB).toFixed(1)} GiB`;
  const gpuUsedBy = (f: Fill, cpuExpertLayers: readonly number[]): number => {
    const cpuExp = new Set(cpuExpertLayers);
    let s = 0;
    f.assign.forEach((layers, k) => {
      if (layers.length === 0 && f.outputDevice !== k) return;
      for (const i of layers) s += layerCost(i) - (cpuExp.has(i) ? (w.layerExpertBytes[i] ?? 0) : 0);
      s += e.computeBytes + (devs[k]?.overheadBytes ?? 0);
    });
    if (f.outputDevice >= 0) s += w.outputBytes;
    return s;
  };
  const ramFree = (gpuUsed: number): number => (hw.sharedMemory ? ramUsable - gpuUsed : ramUsable);

  // CPU only machine.
  if (devs.length === 0) {
    const need = e.weightsBytes + e.kvCacheBytes + e.computeBytes + runtimeOverheadBytes('CPU');
    const verdict: Verdict = need <= ramUsable ? 'cpu-only' : 'wont-run';
    const summary =
      verdict === 'cpu-only'
        ? `Needs ${gib(need)} of system RAM; ${gib(ramUsable)} usable. Runs on the CPU.`
        : `Needs ${gib(need)} of system RAM but only ${gib(ramUsable)} is usable.`;
    const r = result(verdict, null, all, [], summary);
    r.ram.usedBytes = need;
    return r;
  }

  const multi = devs.length > 1 ? ` across ${devs.length} devices` : '';
  for (const margin of [true, false]) {
    const f = fill(all, layerCost, caps(margin), w.outputBytes);
    if (f.placed === L && f.outputDevice >= 0) {
      const embdFits = w.tokenEmbdBytes <= ramFree(gpuUsedBy(f, []));
      if (!embdFits) break;
      const summary = margin
        ? `Needs ${gib(requiredBytes)} of GPU memory${multi} (plus ${gib(SAFETY_MARGIN_BYTES)} margin); ${gib(availableBytes)} usable.`
        : `Needs ${gib(requiredBytes)} of GPU memory${multi}; ${gib(availableBytes)} usable leaves less than the ${gib(SAFETY_MARGIN_BYTES)} safety margin.`;
      return result(margin ? 'fits' : 'tight', f, [], [], summary);
    }
  }

  // MoE: keep attention + KV on the GPU and move the experts of the first N layers to RAM.
  const moe = e.weights.layerExpertBytes.some((b) => b > 0);
  if (moe) {
    const capsM = caps(true);
    const tryN = (n: number): Fill | null => {
      const f = fill(all, (i) => layerCost(i) - (i < n ? (w.layerExpertBytes[i] ?? 0) : 0), capsM, w.outputBytes);
      return f.placed === L && f.outputDevice >= 0 ? f : null;
    };
    if (tryN(L) !== null) {
      let lo = 1;
      let hi = L;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (tryN(mid) !== null) hi = mid;
        else lo = mid + 1;
      }
      const f = tryN(lo);
      const cpuExp = range(lo);
      if (f !== null) {
        let expRam = w.tokenEmbdBytes;
        for (const i of cpuExp) expRam += w.layerExpertBytes[i] ?? 0;
        if (expRam <= ramFree(gpuUsedBy(f, cpuExp))) {
          const summary = `Attention and KV cache fit on the GPU${multi}; the experts of ${lo} of ${L} layers (${gib(expRam - w.tokenEmbdBytes)}) go to system RAM (--n-cpu-moe ${lo}).`;
          return result('partial-offload', f, [], cpuExp, summary);
        }
      }
    }
  }

  // Dense (or MoE fallback): offload the last n layers, the rest runs on the CPU.
  const top = range(L).reverse();
  const f = fill(top, layerCost, caps(true), null);
  const n = f.placed;
  const cpuLayers = range(L - n);
  let ramNeed = w.tokenEmbdBytes + w.outputBytes - (w.tiedEmbeddings ? w.tokenEmbdBytes : 0) + e.computeBytes;
  for (const i of cpuLayers) ramNeed += layerCost(i);
  const ramOk = ramNeed <= ramFree(gpuUsedBy(f, []));
  if (n > 0 && ramOk) {
    const summary = `Full offload needs ${gib(requiredBytes)} of GPU memory but ${gib(availableBytes)} is usable; ${n} of ${L} layers fit on the GPU${multi}, ${L - n} run from system RAM (${gib(ramNeed)}).`;
    return result('partial-offload', f, cpuLayers, [], summary);
  }
  const cpuNeed = e.weightsBytes + e.kvCacheBytes + e.computeBytes + runtimeOverheadBytes('CPU');
  if (cpuNeed <= ramUsable) {
    const summary = `Not even one layer fits in ${gib(availableBytes)} of GPU memory; the model (${gib(cpuNeed)}) fits in system RAM and runs on the CPU.`;
    const r = result('cpu-only', null, all, [], summary);
    r.ram.usedBytes = cpuNeed;
    return r;
  }
  const summary = `Needs ${gib(requiredBytes)} of GPU memory or ${gib(cpuNeed)} of RAM; the setup has ${gib(availableBytes)} GPU and ${gib(ramUsable)} usable RAM${hw.sharedMemory ? ' (one shared pool)' : ''}.`;
  const r = result('wont-run', null, [], [], summary);
  r.ram.usedBytes = cpuNeed;
  r.ram.weightsBytes = e.weightsBytes;
  r.ram.kvBytes = e.kvCacheBytes;
  return r;
}

/** Safetensors/AWQ/GPTQ (vLLM-style, tensor parallel over identical GPUs) and MLX (Apple only). */
function fitNonGguf(e: Estimate, hw: HardwareSetup): FitResult {
  const w = e.weights;
  const L = w.layerBytes.length;
  const devs = hw.devices;
  const gib = (b: number): string => `${(b / GiB).toFixed(1)} GiB`;
  const mlx = e.formatFamily === 'mlx';
  const usable = devs.filter((d) => (mlx ? d.backend === 'Metal' : d.backend === 'CUDA' || d.backend === 'ROCm'));
  const n = usable.length;
  const overheadPer = mlx ? runtimeOverheadBytes('Metal') : 1 * GiB;
  const perDevice = n > 0 ? (e.weightsBytes + e.kvCacheBytes) / n + e.computeBytes + overheadPer : Infinity;
  const minUsable = n > 0 ? Math.min(...usable.map((d) => d.usableBytes)) : 0;
  const requiredBytes = e.weightsBytes + e.kvCacheBytes + (e.computeBytes + overheadPer) * Math.max(1, n);
  const availableBytes = usable.reduce((s, d) => s + d.usableBytes, 0);
  let verdict: Verdict;
  let summary: string;
  if (n === 0) {
    verdict = 'wont-run';
    summary = mlx
      ? 'MLX runs only on Apple silicon; pick a GGUF format for this machine.'
      : `${e.formatLabel} needs NVIDIA (CUDA) or AMD (ROCm) GPUs (vLLM/Transformers); pick a GGUF${hw.devices.some((d) => d.backend === 'Metal') ? ' or MLX' : ''} format for this machine.`;
  } else if (perDevice + SAFETY_MARGIN_BYTES <= minUsable) {
    verdict = 'fits';
    summary = `Needs ${gib(perDevice)} per GPU${n > 1 ? ` (tensor parallel over ${n})` : ''}; ${gib(minUsable)} usable.`;
  } else if (perDevice <= minUsable) {
    verdict = 'tight';
    summary = `Needs ${gib(perDevice)} per GPU; ${gib(minUsable)} usable leaves less than the ${gib(SAFETY_MARGIN_BYTES)} margin.`;
  } else {
    verdict = 'wont-run';
    summary = `Needs ${gib(perDevice)} per GPU${n > 1 ? ` over ${n} GPUs` : ''} but ${gib(minUsable)} is usable; ${e.formatLabel} is not offloaded to RAM here (use a GGUF quant for partial offload).`;
  }
  const runs = verdict !== 'wont-run';
  const all = range(L);
  return {
    verdict,
    label: verdictLabel(verdict),
    summary,
    gpuLayers: runs ? L : 0,
    totalLayers: L,
    outputOnGpu: runs,
    cpuMoeLayers: 0,
    devices: devs.map((d) => {
      const used = runs && usable.includes(d) ? perDevice : 0;
      return {
        name: d.name,
        usableBytes: d.usableBytes,
        usedBytes: used,
        freeBytes: d.usableBytes - used,
        weightsBytes: used > 0 ? e.weightsBytes / n : 0,
        kvBytes: used > 0 ? e.kvCacheBytes / n : 0,
        computeBytes: used > 0 ? e.computeBytes : 0,
        overheadBytes: used > 0 ? overheadPer : 0,
        layers: used > 0 ? L : 0,
        output: used > 0,
      };
    }),
    ram: { usableBytes: hw.usableRamBytes, usedBytes: 0, weightsBytes: 0, kvBytes: 0 },
    requiredBytes,
    requiredWithMarginBytes: requiredBytes + SAFETY_MARGIN_BYTES * Math.max(1, n),
    availableBytes,
    placement: {
      devices: usable.map((d) => ({ device: d, layers: runs ? all : [], output: runs })),
      cpuLayers: [],
      cpuExpertLayers: [],
      outputOnCpu: false,
      tensorParallel: n > 1,
    },
  };
}
