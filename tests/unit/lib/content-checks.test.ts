import { describe, expect, it } from 'vitest';
import { citedRepos, codeBlocks, commandRepos, typedNumbers } from '../../../src/lib/content-checks.ts';
import { contentProblems, duplicateProblems } from '../../../src/queries/content-checks.ts';

describe('typed numbers in prose', () => {
  it('finds memory, bandwidth, speed and compute quantities', () => {
    const found = typedNumbers(
      'It needs 4.58 GiB.\nA 936 GB/s bus gives ~40 tok/s and 82 TFLOPS; 128 KiB per token.',
    ).map((t) => t.text);
    expect(found).toEqual(['4.58 GiB', '936 GB/s', '~40 tok/s', '82 TFLOPS', '128 KiB']);
  });
  it('allows size classes, code, components and link targets, and reports the line', () => {
    const body =
      'A 12 GB card and 16 GB Macs.\n`needs 8 GB`\n```\nCUDA out of memory. Tried to allocate 2.00 GiB\n```\n<Spec hardware="x-24gb" show="memory" /> [see](/hardware/x-24gb/)\nBut 24 GB of VRAM is typed.';
    expect(typedNumbers(body)).toEqual([{ line: 7, text: '24 GB' }]);
  });
});

describe('commands and the repos they download from', () => {
  it('reads every download form', () => {
    const cmds = [
      'llama-server -hf bartowski/Qwen_Qwen3-8B-GGUF:Q4_K_M --port 8080',
      'ollama run hf.co/unsloth/gemma-3-4b-it-GGUF:Q8_0',
      'lms get https://huggingface.co/lmstudio-community/Qwen3-8B-GGUF@q4_k_m',
      'mlx_lm.generate --model mlx-community/Qwen3-8B-4bit',
      'vllm serve Qwen/Qwen3-8B',
      'hf download Qwen/Qwen3-8B-GGUF',
      'vllm serve ./local-dir',
      'lms get qwen/qwen3-4b-2507',
    ].join('\n');
    expect(commandRepos(cmds).sort()).toEqual(
      [
        'bartowski/Qwen_Qwen3-8B-GGUF',
        'unsloth/gemma-3-4b-it-GGUF',
        'lmstudio-community/Qwen3-8B-GGUF',
        'mlx-community/Qwen3-8B-4bit',
        'Qwen/Qwen3-8B',
        'Qwen/Qwen3-8B-GGUF',
      ].sort(),
    );
  });
  it('extracts code blocks and cited Hugging Face repos', () => {
    expect(codeBlocks('x\n```bash\nollama run a\n```\ny')).toEqual(['ollama run a\n']);
    expect(citedRepos(['https://huggingface.co/bartowski/X-GGUF/blob/main/a.gguf', 'https://example.org/a/b'])).toEqual(
      ['bartowski/x-gguf'],
    );
  });
});

describe('catalog content problems', () => {
  const model = (id: string, hfRepo: string, files: object[] = []) => ({
    id,
    filePath: `content/models/${id}.mdx`,
    data: { name: id, hfRepo, files, sources: [] },
  });
  it('flags uncited repos in commands but not cited ones', () => {
    const tool = {
      id: 't',
      filePath: 'content/tools/t.mdx',
      body: '```\nllama-server -hf a/cited-GGUF:Q4_K_M\nllama-server -hf b/other-GGUF:Q8_0\n```',
      data: {},
    };
    const problems = contentProblems({ models: [model('m', 'a/m', [{ repo: 'a/cited-GGUF' }])], tools: [tool] });
    expect(problems).toEqual([expect.stringContaining('content/tools/t.mdx: a command downloads from "b/other-GGUF"')]);
  });
  it('flags a launch price without a price source', () => {
    const hw = (title: string) => ({
      id: 'h',
      filePath: 'h.mdx',
      data: { name: 'H', msrpUsd: 499, sources: [{ url: 'https://x', title }] },
    });
    expect(contentProblems({ hardware: [hw('Spec sheet')] })).toEqual([expect.stringContaining('msrpUsd')]);
    expect(contentProblems({ hardware: [hw('Launch price and specs')] })).toEqual([]);
  });
  it('flags duplicate entries and two files with one id', () => {
    expect(duplicateProblems({ models: [model('a', 'o/same'), model('b', 'O/Same')] })).toEqual([
      expect.stringContaining('content/models/b.mdx: same Hugging Face repo "O/Same" as content/models/a.mdx'),
    ]);
    expect(duplicateProblems({}, { glossary: ['kv-cache.mdx', 'kv-cache.md'] })).toEqual([
      'glossary/kv-cache.md: same id "kv-cache" as glossary/kv-cache.mdx',
    ]);
  });
});
