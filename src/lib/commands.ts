/**
 * Run commands for the chosen setup: llama.cpp, Ollama, LM Studio settings, MLX and vLLM.
 */
import type { Estimate, EstimateInput } from './fit.ts';

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

function ggufFileName(input: EstimateInput, format: string): string {
  const repo = input.model.hfRepo ?? input.model.id ?? input.model.name;
  const base = repo.split('/').pop() ?? 'model';
  return `${base.replace(/\s+/g, '-')}-${format}.gguf`;
}

/** Commands that reproduce the estimate's setup. */
export function buildCommands(e: Estimate, input: EstimateInput): RunCommands {
  const fit = e.fit;
  const gguf = e.formatFamily === 'gguf';
  const quantKv = e.kvType !== 'f16';
  let llamaCpp = '';
  const ollama: string[] = [];
  const lmStudio: string[] = [];
  if (gguf) {
    const L = e.weights.layerBytes.length;
    const ngl = fit === undefined ? 99 : fit.verdict === 'cpu-only' || fit.verdict === 'wont-run' ? 0 : fit.outputOnGpu ? L + 1 : fit.gpuLayers;
    const parts = ['llama-server', '-m', ggufFileName(input, e.format), '-c', String(e.context), '-ngl', String(ngl)];
    parts.push('-fa', e.flashAttention ? 'on' : 'off');
    if (quantKv) parts.push('-ctk', e.kvType, '-ctv', e.kvTypeV);
    if (fit !== undefined && fit.cpuMoeLayers > 0) parts.push('--n-cpu-moe', String(fit.cpuMoeLayers));
    if (e.parallel > 1) parts.push('-np', String(e.parallel));
    if (e.ubatch !== 512) parts.push('-ub', String(e.ubatch));
    if (fit !== undefined && fit.devices.length > 1 && fit.gpuLayers > 0) {
      parts.push('--tensor-split', fit.devices.map((d) => String(d.layers)).join(','));
    }
    llamaCpp = parts.join(' ');

    const env: string[] = [];
    if (e.flashAttention) env.push('OLLAMA_FLASH_ATTENTION=1');
    if (quantKv) env.push(`OLLAMA_KV_CACHE_TYPE=${e.kvType}`);
    if (e.parallel > 1) env.push(`OLLAMA_NUM_PARALLEL=${e.parallel}`);
    ollama.push(`${env.join(' ')}${env.length > 0 ? ' ' : ''}ollama serve`.trim());
    const tag = input.model.ollamaTag ?? (input.model.hfRepo != null ? `hf.co/${input.model.hfRepo}-GGUF:${e.format}` : `<model>:${e.format}`);
    ollama.push(`ollama run ${tag}`);
    ollama.push(`/set parameter num_ctx ${Math.max(1, Math.floor(e.context / e.parallel))}`);
    if (fit !== undefined && fit.verdict === 'partial-offload' && fit.cpuMoeLayers === 0) {
      ollama.push(`/set parameter num_gpu ${fit.gpuLayers}`);
    }

    lmStudio.push(`Context Length: ${e.context}`);
    lmStudio.push(`GPU Offload: ${fit === undefined ? L : fit.gpuLayers} / ${L} layers`);
    lmStudio.push(`Flash Attention: ${e.flashAttention ? 'On' : 'Off'}`);
    if (quantKv) {
      lmStudio.push(`K Cache Quantization Type: ${e.kvType.toUpperCase()}`);
      lmStudio.push(`V Cache Quantization Type: ${e.kvTypeV.toUpperCase()}`);
    }
    if (fit !== undefined && fit.cpuMoeLayers > 0) {
      lmStudio.push(`Number of layers for which to force MoE weights onto CPU: ${fit.cpuMoeLayers}`);
    }
  }
  let mlx: string | null = null;
  if (e.formatFamily === 'mlx') {
    const repo = input.model.mlxRepo ?? `mlx-community/${(input.model.hfRepo ?? input.model.name).split('/').pop() ?? 'model'}-${e.format === 'MLX-8bit' ? '8bit' : '4bit'}`;
    mlx = `mlx_lm.generate --model ${repo} --max-kv-size ${e.context} --prompt "Hello"`;
  }
  let vllm: string | null = null;
  if (e.formatFamily === 'safetensors' || e.formatFamily === 'awq' || e.formatFamily === 'gptq') {
    const parts = ['vllm', 'serve', input.model.hfRepo ?? input.model.name, '--max-model-len', String(e.context)];
    const n = fit?.placement.devices.length ?? 1;
    if (n > 1) parts.push('--tensor-parallel-size', String(n));
    if (e.formatFamily === 'awq') parts.push('--quantization', 'awq');
    if (e.formatFamily === 'gptq') parts.push('--quantization', 'gptq');
    vllm = parts.join(' ');
  }
  return { llamaCpp, ollama, lmStudio, mlx, vllm };
}
