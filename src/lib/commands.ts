/**
 * Run commands for the chosen setup: llama.cpp, Ollama, LM Studio settings, MLX and vLLM.
 */
import type { EngineEstimate, EstimateInput } from './engine/fit.ts';
import type { ModelSpec } from './engine/model.ts';

export interface RunCommands {
  /** llama-server command line (GGUF only; empty otherwise). */
  llamaCpp: string;
  /** Ollama: server environment line, run line and in-session settings (GGUF only). */
  ollama: string[];
  /** LM Studio model load settings, "Setting: value". */
  lmStudio: string[];
  /** mlx-lm command (MLX formats), else null. */
  mlx: string | null;
  /** vLLM command (safetensors/AWQ/GPTQ), else null. */
  vllm: string | null;
}

/**
 * The Hugging Face repository a GGUF command downloads `format` from: whether the catalog lists that
 * exact file, and whether the repo's publisher uploads every quantization (so an unlisted format is
 * there all the same).
 */
export interface GgufSource {
  repo: string;
  /** The catalog lists a file of this format in this repo. */
  exact: boolean;
  /** The repo's publisher uploads every quantization of a model (bartowski, unsloth, ...). */
  fullLadder: boolean;
}

/** Publishers that upload the whole ladder of quantizations (Q2_K to Q8_0, IQ formats) for a model. */
const FULL_LADDER_PUBLISHERS = new Set(['bartowski', 'unsloth', 'lmstudio-community', 'mradermacher']);

/**
 * Where to download a GGUF of `format`: the repo of the catalog's file in that format, otherwise a
 * repo of the catalog's files from a publisher that uploads the whole ladder of quantizations, else
 * the repo with most of the model's listed files (a model maker's own repo often holds only a few
 * formats: `exact: false` then says the catalog does not show that file). Null when no file names
 * a repo: then no command can name a download the catalog cites.
 */
export function ggufSource(model: ModelSpec, format: string): GgufSource | null {
  const ladder = (repo: string) => (FULL_LADDER_PUBLISHERS.has(repo.split('/')[0]!) ? 1 : 0);
  const files = (model.files ?? []).filter((f) => f.repo);
  const exact = files.find((f) => f.format.toUpperCase() === format.toUpperCase());
  if (exact) return { repo: exact.repo!, exact: true, fullLadder: ladder(exact.repo!) === 1 };
  const counts = new Map<string, number>();
  for (const f of files) if (/^(Q\d|IQ\d)/i.test(f.format)) counts.set(f.repo!, (counts.get(f.repo!) ?? 0) + 1);
  let best: string | null = null;
  for (const [repo, n] of counts)
    if (best === null || ladder(repo) - ladder(best) > 0 || (ladder(repo) === ladder(best) && n > counts.get(best)!))
      best = repo;
  return best === null ? null : { repo: best, exact: false, fullLadder: ladder(best) === 1 };
}

/** The shell comment put above a download the catalog does not show from a repo that may not have it. */
export function unlistedFileNote(source: GgufSource, format: string): string {
  return `# The catalog lists no ${format} file in ${source.repo}: check its file list first.`;
}

/** The quantization Ollama's plain library tag pulls: the catalog's value, else Q4_K_M (MXFP4 for natively MXFP4 models). */
export function ollamaTagFormat(model: ModelSpec): string {
  return model.ollamaTagFormat ?? (model.architecture.nativeExpertType === 'MXFP4' ? 'MXFP4' : 'Q4_K_M');
}

/** What to `ollama run` for this format: the library tag that is this quantization, else the Hugging Face file, else the plain tag. */
function ollamaName(model: ModelSpec, format: string, source: GgufSource | null): string {
  const byFormat = model.ollamaTagsByFormat?.[format];
  if (byFormat) return byFormat;
  if (model.ollamaTag && ollamaTagFormat(model).toUpperCase() === format.toUpperCase()) return model.ollamaTag;
  if (source) return `hf.co/${source.repo}:${format}`;
  return model.ollamaTag ?? `hf.co/<gguf-repo>:${format}`;
}

/** A local file name for `-m` when the catalog names no repository to download from. */
function localFileName(model: ModelSpec, format: string): string {
  return `./${(model.hfRepo ?? model.id ?? model.name).split('/').pop()!.replace(/\s+/g, '-')}-${format}.gguf`;
}

/** No commands (what the checker shows until its worker has built them). */
export const NO_COMMANDS: RunCommands = { llamaCpp: '', ollama: [], lmStudio: [], mlx: null, vllm: null };

/** Commands that reproduce the estimate's setup. */
export function buildCommands(e: EngineEstimate, input: EstimateInput): RunCommands {
  const { fit, format, context, kvType, flashAttention: fa, parallel } = e;
  const model = input.model;
  const repo = model.hfRepo ?? model.name;
  const family = e.formatFamily;
  const quantKv = kvType !== 'f16';
  const moe = fit?.cpuMoeLayers ?? 0;
  const L = e.weights.layerBytes.length;
  const gpuLayers = fit?.gpuLayers ?? L;
  const c: RunCommands = { llamaCpp: '', ollama: [], lmStudio: [], mlx: null, vllm: null };
  if (family === 'gguf') {
    // -ngl counts the output layer as one more layer.
    const ngl = !fit
      ? 99
      : fit.verdict === 'cpu-only' || fit.verdict === 'wont-run'
        ? 0
        : fit.outputOnGpu
          ? L + 1
          : gpuLayers;
    const source = ggufSource(model, format);
    const flags: (string | number | false)[] = [
      ...(source
        ? ['llama-server -hf', `${source.repo}:${format}`]
        : ['llama-server -m', localFileName(model, format)]),
      '-c',
      context,
      '-ngl',
      ngl,
      '-fa',
      fa ? 'on' : 'off',
    ];
    if (quantKv) flags.push('-ctk', kvType, '-ctv', e.kvTypeV);
    if (moe) flags.push('--n-cpu-moe', moe);
    if (parallel > 1) flags.push('-np', parallel);
    if (e.ubatch !== 512) flags.push('-ub', e.ubatch);
    if (fit && fit.devices.length > 1 && gpuLayers)
      flags.push('--tensor-split', fit.devices.map((d) => d.layers).join());
    // A download the catalog does not show, from a repo that may not have it, gets a comment line
    // saying so (harmless when pasted).
    const note = source && !source.exact && !source.fullLadder ? [unlistedFileNote(source, format)] : [];
    c.llamaCpp = [...note, flags.join(' ')].join('\n');

    const env = [
      fa && 'OLLAMA_FLASH_ATTENTION=1',
      quantKv && `OLLAMA_KV_CACHE_TYPE=${kvType}`,
      parallel > 1 && `OLLAMA_NUM_PARALLEL=${parallel}`,
      'ollama serve',
    ];
    const ollamaRun = ollamaName(model, format, source);
    c.ollama = [
      ...(ollamaRun.startsWith('hf.co/') ? note : []),
      env.filter(Boolean).join(' '),
      `ollama run ${ollamaRun}`,
      `/set parameter num_ctx ${Math.max(1, Math.floor(context / parallel))}`,
    ];
    if (fit?.verdict === 'partial-offload' && !moe) c.ollama.push(`/set parameter num_gpu ${gpuLayers}`);

    c.lmStudio = [
      ...note,
      ...(source ? [`lms get https://huggingface.co/${source.repo}@${format.toLowerCase()}`] : []),
      `Context Length: ${context}`,
      `GPU Offload: ${gpuLayers} / ${L} layers`,
      `Flash Attention: ${fa ? 'On' : 'Off'}`,
    ];
    if (quantKv)
      c.lmStudio.push(
        `K Cache Quantization Type: ${kvType.toUpperCase()}`,
        `V Cache Quantization Type: ${e.kvTypeV.toUpperCase()}`,
      );
    if (moe) c.lmStudio.push(`Number of layers for which to force MoE weights onto CPU: ${moe}`);
  } else if (family === 'mlx') {
    const bits = format === 'MLX-8bit' ? 8 : 4;
    // Use the MLX repo the catalog cites when it is this bit width; otherwise convert the cited
    // Hugging Face repo locally (mlx_lm.convert), rather than guess at a repo name that may not exist.
    if (model.mlxRepo && model.mlxRepo.endsWith(`-${bits}bit`))
      c.mlx = `mlx_lm.generate --model ${model.mlxRepo} --max-kv-size ${context} --prompt "Hello"`;
    else {
      const local = `./${repo.split('/').pop()}-${bits}bit`;
      c.mlx = `mlx_lm.convert --hf-path ${repo} --mlx-path ${local} -q --q-bits ${bits} && mlx_lm.generate --model ${local} --max-kv-size ${context} --prompt "Hello"`;
    }
  } else {
    const n = fit?.layout.slots.length ?? 1;
    c.vllm = `vllm serve ${repo} --max-model-len ${context}${n > 1 ? ` --tensor-parallel-size ${n}` : ''}${family === 'safetensors' ? '' : ` --quantization ${family}`}`;
  }
  return c;
}
