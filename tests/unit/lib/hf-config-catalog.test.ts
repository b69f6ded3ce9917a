import { fileURLToPath } from 'node:url';
import { readFrontmatter } from '../../../src/cli/catalog-io.ts';
import { describe, expect, it } from 'vitest';
import {
  FORMAT_IDS,
  KV_CACHE_TYPE_IDS,
  WEIGHT_FORMATS,
  formatBytes,
  formatSpeedRange,
  getFormat,
  hardwareFromCatalog,
  modelFromCatalog,
  parseFormatId,
  parseHfConfig,
} from '../../../src/lib/engine.ts';
import type { CatalogHardware, CatalogModel } from '../../../src/lib/engine.ts';
import { fixtureConfig } from './helpers.ts';

describe('parseHfConfig', () => {
  it.each([
    ['llama-3.1-8b-instruct', { layers: 32, kvHeads: 8, headDim: 128, tiedEmbeddings: false, family: 'llama' }],
    ['llama-3.2-3b-instruct', { layers: 28, tiedEmbeddings: true }],
    [
      'qwen2.5-7b-instruct',
      { layers: 28, kvHeads: 4, headDim: 128, qkvBias: true, slidingWindow: null, family: 'qwen2' },
    ],
    ['qwen3-8b', { layers: 36, headDim: 128, qkvBias: false, family: 'qwen3' }],
    ['mistral-7b-instruct-v0.3', { vocabSize: 32768, slidingWindow: null }],
    [
      'gemma-2-9b-it',
      { layers: 42, headDim: 256, tiedEmbeddings: true, slidingWindow: { window: 4096, fullEvery: 2 } },
    ],
    [
      'gemma-3-12b-it',
      {
        layers: 48,
        hiddenSize: 3840,
        headDim: 256,
        tiedEmbeddings: true,
        slidingWindow: { window: 1024, fullEvery: 6 },
        family: 'gemma3',
      },
    ],
    ['phi-3.5-mini-instruct', { headDim: 96, kvHeads: 32, family: 'phi3', slidingWindow: null }],
    ['phi-4', { layers: 40, kvHeads: 10, headDim: 128, family: 'phi3' }],
    [
      'gpt-oss-20b',
      { layers: 24, headDim: 64, qkvBias: true, slidingWindow: { window: 128, fullEvery: 2 }, family: 'gpt-oss' },
    ],
  ] as const)('%s', (name, expected) => {
    const a = parseHfConfig(fixtureConfig(name)).architecture;
    expect(a).toMatchObject(expected);
  });
  it('Mixtral, Qwen3-MoE and DeepSeek V3 MoE/MLA fields', () => {
    expect(parseHfConfig(fixtureConfig('mixtral-8x7b-instruct')).architecture.moe).toMatchObject({
      experts: 8,
      activeExperts: 2,
      expertFfnSize: 14336,
      sharedExperts: 0,
      denseLayers: 0,
    });
    expect(parseHfConfig(fixtureConfig('qwen3-30b-a3b')).architecture.moe).toMatchObject({
      experts: 128,
      activeExperts: 8,
      expertFfnSize: 768,
    });
    const ds = parseHfConfig(fixtureConfig('deepseek-v3')).architecture;
    expect(ds.moe).toMatchObject({
      experts: 256,
      activeExperts: 8,
      expertFfnSize: 2048,
      sharedExperts: 1,
      denseLayers: 3,
    });
    expect(ds.mla).toMatchObject({
      kvLoraRank: 512,
      qkRopeHeadDim: 64,
      qkNopeHeadDim: 128,
      vHeadDim: 128,
      qLoraRank: 1536,
    });
    expect(parseHfConfig(fixtureConfig('gpt-oss-20b')).architecture.moe).toMatchObject({
      experts: 32,
      activeExperts: 4,
      expertFfnSize: 2880,
    });
  });
  it('counts Qwen3-VL vision parameters with its deepstack mergers, as published', () => {
    // Hugging Face's safetensors total for Qwen/Qwen3-VL-8B-Instruct (8,767,123,696) minus the text
    // model (8,190,735,360) leaves 576,388,336 for the encoder and its four mergers; the shape count
    // leaves out only biases and norms. Without the three deepstack mergers it was 21% short.
    const vision = parseHfConfig(fixtureConfig('qwen3-vl-8b')).model.vision!;
    expect(Math.abs(vision.params / 576_388_336 - 1)).toBeLessThan(0.001);
  });
  it('malformed configs fail with the missing field', () => {
    expect(() => parseHfConfig(fixtureConfig('malformed'))).toThrow(/missing "num_hidden_layers"/);
    expect(() => parseHfConfig([])).toThrow(/JSON object/);
    expect(() =>
      parseHfConfig({
        num_hidden_layers: 2,
        hidden_size: 10,
        num_attention_heads: 3,
        vocab_size: 5,
        intermediate_size: 4,
      }),
    ).toThrow(/head_dim/);
  });
});

describe('catalog mapping', () => {
  const lead = new URL('../../fixtures/content/', import.meta.url);
  it('maps catalog model and hardware frontmatter (including the lead fixtures when present)', () => {
    let raw: unknown;
    try {
      raw = readFrontmatter(fileURLToPath(new URL('models/tiny-model.mdx', lead)));
    } catch {
      raw = {
        name: 'Tiny',
        paramsTotal: 1,
        contextLength: 4096,
        architecture: {
          layers: 2,
          hiddenSize: 64,
          heads: 4,
          kvHeads: 2,
          headDim: 16,
          ffnSize: 128,
          vocabSize: 1000,
          tiedEmbeddings: true,
        },
      };
    }
    const m = modelFromCatalog('tiny-model', raw as CatalogModel);
    expect(m.architecture.layers).toBeGreaterThan(0);
    const hw = hardwareFromCatalog(
      'x',
      {
        name: 'RX',
        vendor: 'AMD',
        kind: 'gpu',
        memoryGiB: 24,
        bandwidthGBs: 960,
        fp16Tflops: 122.8,
        backends: ['ROCm', 'Vulkan'],
      },
      { gpus: 2 },
    );
    expect(hw.devices).toHaveLength(2);
    expect(hw.devices[0]?.backend).toBe('ROCm');
    const mac = hardwareFromCatalog('m', {
      name: 'Mac',
      vendor: 'Apple',
      kind: 'apple',
      memoryGiB: 36,
      bandwidthGBs: 410,
    } as CatalogHardware);
    expect(mac.sharedMemory).toBe(true);
    expect(mac.devices[0]?.backend).toBe('Metal');
    expect(() =>
      hardwareFromCatalog('bad', { name: 'x', vendor: 'NVIDIA', kind: 'tpu', memoryGiB: 1, bandwidthGBs: 1 }),
    ).toThrow(/unknown kind "tpu"/);
    expect(() => modelFromCatalog('bad', { name: 'x' } as CatalogModel)).toThrow(/Model "bad": missing "architecture"/);
  });
});

describe('formats and display units', () => {
  it('exports format ids with labels and families for z.enum', () => {
    expect(FORMAT_IDS).toContain('Q4_K_M');
    expect(FORMAT_IDS).toContain('MLX-4bit');
    expect(new Set(WEIGHT_FORMATS.map((f) => f.family))).toEqual(
      new Set(['gguf', 'safetensors', 'awq', 'gptq', 'mlx']),
    );
    expect(KV_CACHE_TYPE_IDS).toEqual(['f16', 'q8_0', 'q4_0']);
    expect(parseFormatId('q4_k_m')).toBe('Q4_K_M');
    expect(parseFormatId('mxfp4_moe')).toBe('MXFP4');
    expect(() => getFormat('Q7')).toThrow(/Unknown weight format "Q7"/);
  });
  it('one formatting module says which unit it uses', () => {
    expect(formatBytes(4.58 * 2 ** 30)).toBe('4.58 GiB');
    expect(formatBytes(512 * 2 ** 20)).toBe('512 MiB');
    expect(formatSpeedRange({ low: 100, high: 130 })).toBe('~100–130 tok/s (estimate)');
  });
});
