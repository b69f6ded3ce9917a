import { describe, expect, it } from 'vitest';
import {
  excerptParts,
  normalizeQuery,
  parseSearchParams,
  rankHits,
  looksLikeErrorMessage,
  searchUrl,
  searchableMessage,
  terms,
  type SearchHit,
} from '../../../src/lib/search.ts';

describe('searchableMessage', () => {
  it.each([
    [
      'Insufficient Memory (00000008:kIOGPUCommandBufferCallbackErrorOutOfMemory)',
      ['kIOGPUCommandBufferCallbackErrorOutOfMemory', 'Out', 'Memory', '00000008', 'Callback'],
    ],
    ['CUDA error: out of memory', ['CUDA', 'error', 'out', 'of', 'memory']],
    [
      'ggml_backend_cuda_buffer_type_alloc_buffer: allocating 1024.00 MiB',
      ['ggml_backend_cuda_buffer_type_alloc_buffer', 'ggml', 'alloc', 'buffer', 'MiB'],
    ],
  ])('%s', (message, expected) => {
    expect(searchableMessage(message).split(' ')).toEqual(expect.arrayContaining(expected));
  });
  it('drops markup characters', () => {
    expect(searchableMessage('<script>alert(1)</script>')).not.toMatch(/[<>()/]/);
  });
});

describe('normalizeQuery', () => {
  it.each([
    [
      'model requires more system memory (11.4 GiB) than is available (7.2 GiB)',
      'model requires more system memory than is available',
    ],
    ['Error: listen tcp 127.0.0.1:11434: bind: address already in use', 'Error listen tcp bind address already in use'],
    [
      "RuntimeError: Failed to load shared library 'C:\\Users\\me\\llama_cpp\\lib\\llama.dll'",
      'RuntimeError Failed to load shared library',
    ],
    ['CUDA error at /home/u/llama.cpp/ggml/src/ggml-cuda.cu:1234 err=0x7fa3b2c4', 'CUDA error at err'],
    ['torch.OutOfMemoryError: Tried to allocate 224.00 MiB. 85% used', 'torch.OutOfMemoryError Tried to allocate used'],
    ['see https://huggingface.co/x/y for details', 'see for details'],
  ])('%s', (query, expected) => {
    expect(normalizeQuery(query)).toBe(expected);
  });
  it('keeps model and quant names that mix letters and digits', () => {
    expect(normalizeQuery('qwen3 30b-a3b q4_k_m')).toBe('qwen3 30b-a3b q4_k_m');
  });
  it('drops markup, leaving nothing to inject', () => {
    expect(normalizeQuery('<img src=x onerror=alert(1)>')).not.toMatch(/[<>()=]/);
    expect(normalizeQuery('12.5 GiB')).toBe('');
  });
});

describe('terms', () => {
  it('lowercases, keeps versions and quant ids whole, drops stop words', () => {
    expect(terms('Will Llama 3.1 8B run on an RTX 3090?')).toEqual(['llama', '3.1', '8b', 'rtx', '3090']);
    expect(terms('Q4_K_M or Q5_K_M')).toEqual(['q4_k_m', 'q5_k_m']);
  });
});

describe('rankHits', () => {
  const hit = (title: string, type: string, score: number, aliases?: string[]): SearchHit => ({
    url: `/${title}/`,
    title,
    type,
    score,
    ...(aliases ? { aliases } : {}),
  });
  it('puts the error page first for a pasted error message, even when a device page scores higher', () => {
    const query = 'model requires more system memory (11.4 GiB) than is available (7.2 GiB)';
    expect(looksLikeErrorMessage(query)).toBe(true);
    expect(looksLikeErrorMessage('rtx 3090 24gb')).toBe(false);
    const ranked = rankHits(query, [
      hit('Radeon RX 7800 XT 16GB', 'hardware', 9),
      hit('Ollama: not enough RAM to load', 'error', 4),
    ]);
    expect(ranked[0]!.type).toBe('error');
  });
  it('puts the canonical page above higher-scoring comparison and pair pages that mention it', () => {
    const ranked = rankHits('3090', [
      hit('Tesla P40 24GB vs GeForce RTX 3090 24GB', 'comparison', 8.3),
      hit('Will DeepSeek-V3 run on GeForce RTX 3090 24GB?', 'answer', 8.1),
      hit('GeForce RTX 3090 Ti 24GB', 'hardware', 7.8),
      hit('GeForce RTX 3090 24GB', 'hardware', 7.6),
    ]);
    expect(ranked.map((h) => h.title)).toEqual([
      'GeForce RTX 3090 24GB',
      'GeForce RTX 3090 Ti 24GB',
      'Tesla P40 24GB vs GeForce RTX 3090 24GB',
      'Will DeepSeek-V3 run on GeForce RTX 3090 24GB?',
    ]);
  });
  it('lets a generated page lead when only its title names every word', () => {
    const ranked = rankHits('3090 vs 4090', [
      hit('GeForce RTX 3090 24GB', 'hardware', 9),
      hit('GeForce RTX 3090 24GB vs GeForce RTX 4090 24GB', 'comparison', 5),
    ]);
    expect(ranked[0]!.type).toBe('comparison');
  });
  it('prefers the closest title and counts aliases as names', () => {
    expect(
      rankHits('kv cache', [hit('KV cache quantization', 'glossary', 0.9), hit('KV cache', 'glossary', 0.8)])[0]!.title,
    ).toBe('KV cache');
    expect(
      rankHits('gguf file', [hit('Model file', 'glossary', 3), hit('GGUF', 'glossary', 1, ['GGUF file'])])[0]!.title,
    ).toBe('GGUF');
  });
  it('keeps Pagefind order when nothing else decides', () => {
    const hits = [hit('Alpha', 'guide', 1), hit('Beta', 'guide', 1)];
    expect(rankHits('zeta', hits)).toEqual(hits);
  });
});

describe('parseSearchParams and searchUrl', () => {
  it('round-trips a query with type filters', () => {
    const url = searchUrl('kv cache', ['glossary', 'error']);
    expect(url).toBe('/search/?q=kv+cache&type=glossary%2Cerror');
    expect(parseSearchParams(url.slice('/search/'.length))).toEqual({
      query: 'kv cache',
      types: ['glossary', 'error'],
      notices: [],
    });
  });
  it('reads repeated type= fields from the no-JavaScript form', () => {
    expect(parseSearchParams('?q=3090&type=hardware&type=model').types).toEqual(['hardware', 'model']);
  });
  it('turns garbage into notices and defaults, never errors', () => {
    const s = parseSearchParams(`?q=${'x'.repeat(500)}&type=<script>`);
    expect(s.query).toHaveLength(200);
    expect(s.types).toEqual([]);
    expect(s.notices).toHaveLength(2);
    expect(s.notices[1]).toContain('is not a page type');
    expect(parseSearchParams('?q=%E0%A4%A').query).toMatch(/%A$/);
  });
  it('has no query string when empty', () => {
    expect(searchUrl('  ')).toBe('/search/');
  });
});

describe('excerptParts', () => {
  it('splits on marks, keeps spaces between them and decodes entities', () => {
    expect(excerptParts('a <mark>Llama</mark> <mark>3.1</mark> &lt;b&gt; &amp; &#39;x&#x27;')).toEqual([
      { text: 'a ', marked: false },
      { text: 'Llama', marked: true },
      { text: ' ', marked: false },
      { text: '3.1', marked: true },
      { text: " <b> & 'x'", marked: false },
    ]);
  });
});
