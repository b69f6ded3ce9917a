import { describe, expect, it } from 'vitest';
import { estimate, gpuSetup } from '../../../src/lib/engine.ts';
import { catalogHardware, catalogModel } from './helpers.ts';

const llama8 = catalogModel('llama-3.1-8b-instruct');

describe('advice', () => {
  it('ranks the cheapest fixes first and says what each needs', () => {
    const e = estimate({
      model: llama8,
      format: 'Q8_0',
      context: 32768,
      hardware: gpuSetup({ vramGiB: 12, bandwidthGBs: 500 }),
    });
    expect(e.fit?.verdict).not.toBe('fits');
    const kinds = e.advice.map((a) => a.kind);
    expect(kinds[0]).toBe('kv-cache');
    expect(kinds).toContain('context');
    expect(kinds).toContain('quant');
    expect(kinds).toContain('add-gpu');
    for (const a of e.advice) {
      expect(a.requiredBytes).toBeGreaterThan(0);
      expect(a.availableBytes).toBeGreaterThan(0);
      expect(['fits', 'tight', 'partial-offload']).toContain(a.verdict);
    }
    const ctx = e.advice.find((a) => a.kind === 'context');
    expect(ctx?.change.context).toBeLessThan(32768);
    expect((ctx?.change.context ?? 0) % 1024).toBe(0);
    // The advised context really fits.
    const check = estimate({
      model: llama8,
      format: 'Q8_0',
      context: ctx?.change.context ?? 0,
      hardware: gpuSetup({ vramGiB: 12, bandwidthGBs: 500 }),
    });
    expect(check.fit?.verdict).toBe('fits');
  });
  it('no advice when it already fits', () => {
    const e = estimate({
      model: llama8,
      format: 'Q4_K_M',
      context: 4096,
      hardware: catalogHardware('nvidia-rtx-4090-24gb'),
    });
    expect(e.advice).toEqual([]);
  });
  it('suggests expert offload for MoE models', () => {
    const e = estimate({
      model: catalogModel('qwen3-30b-a3b'),
      format: 'Q4_K_M',
      context: 16384,
      hardware: catalogHardware('nvidia-rtx-3060-12gb', { ramGiB: 64 }),
    });
    expect(e.advice.map((a) => a.kind)).toContain('expert-offload');
  });
  it('Apple: raising the wired limit comes with the sysctl command', () => {
    const e = estimate({ model: llama8, format: 'Q6_K', context: 32768, hardware: catalogHardware('apple-m4-16gb') });
    const a = e.advice.find((x) => x.kind === 'apple-wired-limit');
    expect(a?.command).toMatch(/^sudo sysctl iogpu\.wired_limit_mb=\d+$/);
  });
});

describe('run commands', () => {
  it('llama.cpp flags follow the chosen setup', () => {
    const e = estimate({
      model: llama8,
      format: 'Q4_K_M',
      context: 16384,
      kvType: 'q8_0',
      parallel: 2,
      hardware: catalogHardware('nvidia-rtx-4090-24gb'),
    });
    expect(e.commands.llamaCpp).toMatch(
      /^llama-server -m \.\/\S+Q4_K_M\.gguf -c 16384 -ngl 33 -fa on -ctk q8_0 -ctv q8_0 -np 2$/,
    );
    expect(e.commands.ollama[0]).toBe(
      'OLLAMA_FLASH_ATTENTION=1 OLLAMA_KV_CACHE_TYPE=q8_0 OLLAMA_NUM_PARALLEL=2 ollama serve',
    );
    expect(e.commands.ollama).toContain('ollama run llama3.1:8b');
    expect(e.commands.ollama).toContain('/set parameter num_ctx 8192');
    expect(e.commands.lmStudio).toContain('Context Length: 16384');
    expect(e.commands.lmStudio).toContain('K Cache Quantization Type: Q8_0');
    expect(e.commands.mlx).toBeNull();
  });
  it('GGUF commands download the chosen format from the repository the catalog cites', () => {
    const model = {
      ...llama8,
      ollamaTag: 'llama3.1:8b',
      files: [
        { format: 'Q4_K_M', bytes: 4920739168, repo: 'lmstudio-community/Meta-Llama-3.1-8B-Instruct-GGUF' },
        { format: 'Q6_K', bytes: 6596006464, repo: 'bartowski/Meta-Llama-3.1-8B-Instruct-GGUF' },
        { format: 'Q5_K_M', bytes: 5732987584, repo: 'bartowski/Meta-Llama-3.1-8B-Instruct-GGUF' },
      ],
    };
    const gpu = catalogHardware('nvidia-rtx-4090-24gb');
    const at = (format: string, m = model) => estimate({ model: m, format, context: 8192, hardware: gpu }).commands;
    // The listed file's own repo, and Ollama's library tag when it is that quantization.
    expect(at('Q4_K_M').llamaCpp).toMatch(
      /^llama-server -hf lmstudio-community\/Meta-Llama-3.1-8B-Instruct-GGUF:Q4_K_M /,
    );
    expect(at('Q4_K_M').ollama).toContain('ollama run llama3.1:8b');
    expect(at('Q4_K_M').lmStudio[0]).toBe(
      'lms get https://huggingface.co/lmstudio-community/Meta-Llama-3.1-8B-Instruct-GGUF@q4_k_m',
    );
    // Another format: the repo that publishes most of the listed files, never the Q4_K_M tag.
    expect(at('Q8_0').llamaCpp).toMatch(/^llama-server -hf bartowski\/Meta-Llama-3.1-8B-Instruct-GGUF:Q8_0 /);
    expect(at('Q8_0').ollama).toContain('ollama run hf.co/bartowski/Meta-Llama-3.1-8B-Instruct-GGUF:Q8_0');
    expect(at('Q8_0').ollama).not.toContain('ollama run llama3.1:8b');
    // A sourced per-quantization library tag wins.
    const tagged = { ...model, ollamaTagsByFormat: { Q8_0: 'llama3.1:8b-instruct-q8_0' } };
    expect(at('Q8_0', tagged).ollama).toContain('ollama run llama3.1:8b-instruct-q8_0');
  });
  it('an unlisted format comes from a full-ladder publisher, or carries a comment saying the catalog does not show it', () => {
    const gpu = catalogHardware('nvidia-rtx-4090-24gb');
    const at = (files: { format: string; bytes: number; repo: string }[], format: string) =>
      estimate({ model: { ...llama8, ollamaTag: null, files }, format, context: 8192, hardware: gpu }).commands;
    // The model maker's repo lists more files, but bartowski uploads every format: no comment.
    const mixed = at(
      [
        { format: 'Q4_K_M', bytes: 4920739168, repo: 'meta-llama/Llama-3.1-8B-Instruct-GGUF' },
        { format: 'Q8_0', bytes: 8540770880, repo: 'meta-llama/Llama-3.1-8B-Instruct-GGUF' },
        { format: 'Q6_K', bytes: 6596006464, repo: 'bartowski/Meta-Llama-3.1-8B-Instruct-GGUF' },
      ],
      'Q2_K',
    );
    expect(mixed.llamaCpp).toMatch(/^llama-server -hf bartowski\/Meta-Llama-3.1-8B-Instruct-GGUF:Q2_K /);
    // Only the maker's repo, which may hold a few formats: the commands say the file is unlisted.
    const own = at([{ format: 'Q4_K_M', bytes: 4920739168, repo: 'meta-llama/Llama-3.1-8B-Instruct-GGUF' }], 'Q2_K');
    const note =
      '# The catalog lists no Q2_K file in meta-llama/Llama-3.1-8B-Instruct-GGUF: check its file list first.';
    expect(own.llamaCpp.split('\n')).toEqual([note, expect.stringMatching(/^llama-server -hf meta-llama\/.*:Q2_K /)]);
    expect(own.ollama[0]).toBe(note);
    expect(own.lmStudio[0]).toBe(note);
    // A listed file needs no comment, whoever publishes it.
    expect(
      at([{ format: 'Q4_K_M', bytes: 4920739168, repo: 'meta-llama/Llama-3.1-8B-Instruct-GGUF' }], 'Q4_K_M').llamaCpp,
    ).not.toMatch(/^#/);
  });
  it('MLX commands follow the chosen bit width', () => {
    const mac = catalogHardware('apple-m3-max-64gb');
    const model = { ...llama8, mlxRepo: 'mlx-community/Meta-Llama-3.1-8B-Instruct-4bit' };
    const four = estimate({ model, format: 'MLX-4bit', context: 8192, hardware: mac }).commands;
    const eight = estimate({ model, format: 'MLX-8bit', context: 8192, hardware: mac }).commands;
    const unnamed = estimate({ model: { ...llama8, mlxRepo: null }, format: 'MLX-8bit', context: 8192 }).commands;
    expect(four.mlx).toBe(
      'mlx_lm.generate --model mlx-community/Meta-Llama-3.1-8B-Instruct-4bit --max-kv-size 8192 --prompt "Hello"',
    );
    // No cited 8-bit repo: convert the cited Hugging Face repo instead of guessing a name.
    expect(eight.mlx).toBe(
      'mlx_lm.convert --hf-path meta-llama/Llama-3.1-8B-Instruct --mlx-path ./Llama-3.1-8B-Instruct-8bit -q --q-bits 8 && mlx_lm.generate --model ./Llama-3.1-8B-Instruct-8bit --max-kv-size 8192 --prompt "Hello"',
    );
    expect(four.llamaCpp).toBe('');
    expect(unnamed.mlx).toContain('mlx_lm.convert --hf-path meta-llama/Llama-3.1-8B-Instruct ');
  });
  it('flash attention off is spelled out', () => {
    const e = estimate({ model: llama8, format: 'Q4_K_M', context: 4096, flashAttention: false });
    expect(e.commands.llamaCpp).toContain('-fa off');
    expect(e.commands.ollama[0]).toBe('ollama serve');
  });
  it('multi-GPU gets a tensor split', () => {
    const e = estimate({
      model: catalogModel('llama-3.1-70b-instruct'),
      format: 'Q4_K_M',
      context: 8192,
      hardware: catalogHardware('nvidia-rtx-4090-24gb', { gpus: 2 }),
    });
    expect(e.commands.llamaCpp).toMatch(/--tensor-split \d+,\d+/);
  });
});
