import { describe, expect, it } from 'vitest';
import { searchableMessage } from '../../../src/lib/search-text.ts';

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
