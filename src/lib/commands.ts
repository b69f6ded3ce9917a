/**
 * Run commands for the chosen setup: llama.cpp, Ollama, LM Studio settings, MLX and vLLM.
 */
import type { EngineEstimate, EstimateInput } from './engine/fit.ts';

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
    const file = `${(model.hfRepo ?? model.id ?? model.name).split('/').pop()!.replace(/\s+/g, '-')}-${format}.gguf`;
    const flags: (string | number | false)[] = [
      'llama-server -m',
      file,
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
    c.llamaCpp = flags.join(' ');

    const env = [
      fa && 'OLLAMA_FLASH_ATTENTION=1',
      quantKv && `OLLAMA_KV_CACHE_TYPE=${kvType}`,
      parallel > 1 && `OLLAMA_NUM_PARALLEL=${parallel}`,
      'ollama serve',
    ];
    c.ollama = [
      env.filter(Boolean).join(' '),
      `ollama run ${model.ollamaTag ?? (model.hfRepo != null ? `hf.co/${model.hfRepo}-GGUF:${format}` : `<model>:${format}`)}`,
      `/set parameter num_ctx ${Math.max(1, Math.floor(context / parallel))}`,
    ];
    if (fit?.verdict === 'partial-offload' && !moe) c.ollama.push(`/set parameter num_gpu ${gpuLayers}`);

    c.lmStudio = [
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
    const bits = format === 'MLX-8bit' ? '8bit' : '4bit';
    // The catalog names one MLX repo (usually the 4-bit one); mlx-community publishes the
    // other bit width under the same name with the suffix swapped.
    const mlxRepo = model.mlxRepo?.replace(/-[48]bit$/, `-${bits}`) ?? `mlx-community/${repo.split('/').pop()}-${bits}`;
    c.mlx = `mlx_lm.generate --model ${mlxRepo} --max-kv-size ${context} --prompt "Hello"`;
  } else {
    const n = fit?.layout.slots.length ?? 1;
    c.vllm = `vllm serve ${repo} --max-model-len ${context}${n > 1 ? ` --tensor-parallel-size ${n}` : ''}${family === 'safetensors' ? '' : ` --quantization ${family}`}`;
  }
  return c;
}
