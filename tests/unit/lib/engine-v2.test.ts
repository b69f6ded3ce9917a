// Engine v2: hybrid and recurrent layers, chunked attention, native MXFP4 experts, vision,
// speculative decoding, speed by depth, time to first token, the launch plan and the advice
// that always finds a way. Exact numbers are derived in the comments from config.json values.
import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../../src/lib/engine.ts';
import {
  attentionLayerCount,
  estimate,
  gpuSetup,
  maxContextByKvType,
  parseHfConfig,
  recurrentState,
  recurrentStateFloats,
  serverDefaults,
  simulateWeights,
  unifiedSetup,
  verdictRank,
} from '../../../src/lib/engine.ts';
import { catalogHardware, catalogModel, fixtureConfig } from './helpers.ts';

const MiB = 2 ** 20;
const model = (name: string): ModelSpec => parseHfConfig(fixtureConfig(name), name).model;
const qwenNext = model('qwen3-next-80b-a3b');
const qwen35 = model('qwen3.5-35b-a3b');
const nemotron = model('nemotron-3-nano-30b-a3b');
const scout = model('llama-4-scout-17b-16e');
const gptOss20 = model('gpt-oss-20b');
const gptOss120 = model('gpt-oss-120b');
const gemma3 = model('gemma-3-12b-it');
const llama8 = catalogModel('llama-3.1-8b-instruct');
const card24 = gpuSetup({ vramGiB: 24, bandwidthGBs: 1008, fp16Tflops: 82.6, ramGiB: 64 });

describe('hybrid layers from config.json', () => {
  it.each([
    // model, layers with attention, recurrent layers, conv floats r, state floats s per layer
    // Qwen3-Next: every 4th layer attends; GDN r = 3 * (32*128 + 2*16*128) = 24576, s = 128 * 4096.
    [qwenNext, 12, 36, 24576, 524288],
    // Qwen3.5-35B-A3B: the same GDN sizes over 40 layers (layer_types).
    [qwen35, 10, 30, 24576, 524288],
    // Nemotron 3 Nano: 6 "*" layers, 23 "M" layers; r = 3 * (64*64 + 2*8*128) = 18432, s = 128 * 4096.
    [nemotron, 6, 23, 18432, 524288],
    // Llama 4 Scout: a transformer (chunked attention), no recurrent state.
    [scout, 48, 0, 0, 0],
  ] as const)('%#: attention and recurrent layers and state sizes', (m, attn, rec, r, s) => {
    const a = m.architecture;
    expect(attentionLayerCount(a)).toBe(attn);
    expect(recurrentState(a).layers).toBe(rec);
    if (rec > 0) expect(recurrentStateFloats(a)).toEqual({ r, s });
  });

  it('Nemotron-H keeps its per-layer pattern, MoE only on "E" blocks', () => {
    expect(nemotron.architecture.blocks).toBe('MEMEM*EMEMEM*EMEMEM*EMEMEM*EMEMEM*EMEMEMEM*EMEMEMEME');
    // 31.6B total parameters (ungated experts), as NVIDIA states.
    expect(simulateWeights(nemotron.architecture, 'F16').paramsTotal / 1e9).toBeCloseTo(31.58, 1);
  });

  it('rejects a hybrid config whose layer pattern does not match the layer count', () => {
    const raw = fixtureConfig('nemotron-3-nano-30b-a3b') as Record<string, unknown>;
    expect(() => parseHfConfig({ ...raw, hybrid_override_pattern: 'MEM' })).toThrow(/hybrid_override_pattern has 3/);
    expect(() => parseHfConfig({ ...raw, hybrid_override_pattern: 'MEMX'.repeat(13) })).toThrow(/may only use/);
  });
});

describe('recurrent state: fixed per sequence, never grows with context', () => {
  // Qwen3-Next: 36 layers x (24576 + 524288) floats x 4 B = 75.375 MiB per sequence.
  it.each([
    [4096, 1, 75.375],
    [131072, 1, 75.375],
    [4096, 4, 301.5],
    [131072, 4, 301.5],
  ])('ctx %i, %i sequences: %f MiB', (context, parallel, mib) => {
    const e = estimate({ model: qwenNext, format: 'Q4_K_M', context, parallel });
    expect(e.recurrentStateBytes / MiB).toBeCloseTo(mib, 6);
    // KV exists only on the 12 attention layers: 12 x 2 heads x (256 + 256) x 2 B per cell.
    expect(e.kvCacheBytes).toBe(12 * 2 * 512 * 2 * Math.ceil(context / 256) * 256);
    expect(e.totalBytes).toBeGreaterThan(e.weightsBytes + e.kvCacheBytes + e.recurrentStateBytes);
  });

  it('q8_0 KV shrinks the KV cache but not the F32 state', () => {
    const f16 = estimate({ model: qwenNext, format: 'Q4_K_M', context: 32768 });
    const q8 = estimate({ model: qwenNext, format: 'Q4_K_M', context: 32768, kvType: 'q8_0' });
    expect(q8.kvCacheBytes).toBeLessThan(f16.kvCacheBytes * 0.6);
    expect(q8.recurrentStateBytes).toBe(f16.recurrentStateBytes);
  });

  it('MTP decoding keeps 3 rollback copies on Qwen3.5 (llama.cpp n_rs_seq), none without it', () => {
    const plain = estimate({ model: qwen35, format: 'Q4_K_M', context: 8192 });
    const mtp = estimate({ model: qwen35, format: 'Q4_K_M', context: 8192, mtp: true });
    expect(mtp.recurrentStateBytes).toBe(4 * plain.recurrentStateBytes);
    expect(mtp.draftBytes).toBeGreaterThan(plain.weights.mtpBytes);
    expect(plain.draftBytes).toBe(0);
  });
});

describe('chunked attention (Llama 4)', () => {
  it('36 of 48 layers keep pad256(8192 + 512) = 8704 cells per sequence; 12 keep the whole context', () => {
    const perCell = 8 * (128 + 128) * 2;
    for (const [context, parallel] of [
      [131072, 1],
      [131072, 4],
      [4096, 1],
    ] as const) {
      const e = estimate({ model: scout, format: 'Q4_K_M', context, parallel });
      const perSeq = context / parallel;
      expect(e.kvSwaCellsPerSequence).toBe(Math.min(perSeq, 8704));
      expect(e.kvCacheBytes).toBe(perCell * parallel * (12 * perSeq + 36 * Math.min(perSeq, 8704)));
    }
    expect(scout.architecture.slidingWindow).toEqual({ window: 8192, fullEvery: 4, kind: 'chunked' });
  });

  it('Scout Q3_K_S simulated within 0.1% of unsloth file (46,740,372,480 B)', () => {
    expect(simulateWeights(scout.architecture, 'Q3_K_S').fileBytes / 46740372480 - 1).toBeLessThan(0.001);
  });
});

describe('native MXFP4 experts (gpt-oss)', () => {
  // Published: unsloth Q4_K_M 11,624,759,488, Q8_0 12,109,567,168; ggml-org MXFP4 12,109,566,624;
  // gpt-oss-120b MXFP4 63,387,346,208 (tests/fixtures/published-gguf-sizes.json).
  it.each([
    [gptOss20, 'Q4_K_M', 11624759488],
    [gptOss20, 'Q8_0', 12109567168],
    [gptOss20, 'MXFP4', 12109566624],
    [gptOss120, 'MXFP4', 63387346208],
  ] as const)('%#: %s within 0.2% of the published file', (m, format, bytes) => {
    const w = simulateWeights(m.architecture, format);
    expect(Math.abs(w.fileBytes / bytes - 1)).toBeLessThan(0.002);
    expect(w.bytesByType['MXFP4']).toBeGreaterThan(0.8 * w.totalBytes);
  });

  it('the F16 file keeps MXFP4 experts (about 13.8 GB, not 42 GB)', () => {
    expect(simulateWeights(gptOss20.architecture, 'F16').fileBytes / 1e9).toBeCloseTo(13.78, 1);
  });
});

describe('vision projector', () => {
  it('off by default, on adds the mmproj and its compute buffer to the first GPU', () => {
    const off = estimate({ model: gemma3, format: 'Q4_K_M', context: 8192, hardware: card24 });
    const on = estimate({ model: gemma3, format: 'Q4_K_M', context: 8192, hardware: card24, vision: true });
    expect(off.visionBytes).toBe(0);
    // SigLIP-400M + projector: about 0.42 B parameters, 0.85 GB in F16.
    expect(on.visionBytes / 1e9).toBeGreaterThan(0.8);
    expect(on.visionBytes / 1e9).toBeLessThan(1.2);
    expect(on.totalBytes - off.totalBytes).toBe(on.visionBytes);
    expect(on.fit!.devices[0]!.extraBytes).toBe(on.visionBytes);
    // An image adds encoder compute and 256 tokens to the prompt.
    expect(on.timeToFirstTokenSeconds!).toBeGreaterThan(off.timeToFirstTokenSeconds!);
  });

  it('Q8_0 mmproj is about half the F16 one', () => {
    const f16 = estimate({ model: gemma3, format: 'Q4_K_M', context: 8192, vision: true });
    const q8 = estimate({ model: gemma3, format: 'Q4_K_M', context: 8192, vision: true, visionType: 'Q8_0' });
    expect(q8.visionBytes).toBeLessThan(0.7 * f16.visionBytes);
  });
});

describe('speculative decoding', () => {
  const draft = model('llama-3.2-3b-instruct');
  it('a draft model adds its weights, its own KV cache at the same context, and a speed-up range', () => {
    const plain = estimate({ model: llama8, format: 'Q8_0', context: 16384, hardware: card24 });
    const spec = estimate({
      model: llama8,
      format: 'Q8_0',
      context: 16384,
      hardware: card24,
      draft: { model: draft, format: 'Q4_K_M' },
    });
    // Llama 3.2 3B KV at 16384: 28 layers x 8 x 256 x 2 B x 16384 = 1.75 GiB.
    expect(spec.draftBytes).toBeGreaterThan(2.0 * 2 ** 30 + 1.75 * 2 ** 30 - 0.3 * 2 ** 30);
    expect(spec.totalBytes - plain.totalBytes).toBe(spec.draftBytes);
    const s = spec.speculative!;
    expect(s.kind).toBe('draft');
    expect(s.speedup.low).toBeLessThan(s.speedup.expected);
    expect(s.speedup.expected).toBeLessThan(s.speedup.high);
    expect(s.speedup.high).toBeGreaterThan(1.1);
    expect(s.tokensPerSecond.expected).toBeCloseTo(plain.tokensPerSecond!.expected * s.speedup.expected, 6);
  });
  it('off by default', () => {
    const e = estimate({ model: llama8, format: 'Q8_0', context: 16384, hardware: card24 });
    expect(e.speculative).toBeUndefined();
    expect(e.draftBytes).toBe(0);
  });
});

describe('speed as the context fills', () => {
  it.each([
    [llama8, 'Q4_K_M'],
    [qwenNext, 'Q4_K_M'],
  ] as const)('%#: decode at depth 0 is faster than with 32K in the cache', (m, format) => {
    const hardware = m === qwenNext ? gpuSetup({ vramGiB: 80, bandwidthGBs: 2039, ramGiB: 128 }) : card24;
    const at0 = estimate({ model: m, format, context: 32768, hardware, decodeDepth: 0 });
    const full = estimate({ model: m, format, context: 32768, hardware, decodeDepth: 32768 });
    expect(at0.decodeDepth).toBe(0);
    expect(full.tokensPerSecond!.expected).toBeLessThan(at0.tokensPerSecond!.expected);
    expect(full.tokensPerSecond!.expected).toBeCloseTo(at0.tokensPerSecondAtFullContext!.expected, 6);
  });
  it('an 8B transformer slows more from 0 to 32K than a hybrid whose state does not grow', () => {
    const h = gpuSetup({ vramGiB: 80, bandwidthGBs: 2039, ramGiB: 128 });
    const drop = (m: ModelSpec): number => {
      const e = estimate({ model: m, format: 'Q4_K_M', context: 32768, hardware: h, decodeDepth: 0 });
      return e.tokensPerSecondAtFullContext!.expected / e.tokensPerSecond!.expected;
    };
    expect(drop(llama8)).toBeLessThan(drop(qwenNext));
  });
  it('time to first token grows faster than linearly with the prompt (attention)', () => {
    const t = (promptTokens: number): number =>
      estimate({ model: llama8, format: 'Q4_K_M', context: 32768, hardware: card24, promptTokens })
        .timeToFirstTokenSeconds!;
    expect(t(32768) / t(4096)).toBeGreaterThan(8);
    expect(t(1024)).toBeGreaterThan(0);
  });
});

describe('launch plan: llama.cpp fitting by itself', () => {
  it('largest context that fits fully grows with a smaller KV type', () => {
    const m = maxContextByKvType({
      model: llama8,
      format: 'Q8_0',
      context: 8192,
      hardware: catalogHardware('nvidia-rtx-3060-12gb'),
    });
    expect(m.f16).toBeGreaterThan(0);
    expect(m.q8_0).toBeGreaterThan(m.f16);
    expect(m.q4_0).toBeGreaterThan(m.q8_0);
    for (const [kvType, ctx] of Object.entries(m)) {
      const hw = catalogHardware('nvidia-rtx-3060-12gb');
      const at = estimate({ model: llama8, format: 'Q8_0', context: ctx, kvType: kvType as 'f16', hardware: hw });
      const over = estimate({
        model: llama8,
        format: 'Q8_0',
        context: ctx + 256,
        kvType: kvType as 'f16',
        hardware: hw,
      });
      expect(at.fit!.verdict).toBe('fits');
      if (ctx + 256 <= 131072) expect(over.fit!.verdict).not.toBe('fits');
    }
  });
  it('llama-server with no flags shrinks the 128K training context to what fits, 4 slots', () => {
    const d = serverDefaults({
      model: llama8,
      format: 'Q4_K_M',
      context: 8192,
      hardware: catalogHardware('nvidia-rtx-3060-12gb'),
    })!;
    expect(d.parallel).toBe(4);
    expect(d.fullOffload).toBe(true);
    expect(d.context).toBeGreaterThan(4096);
    expect(d.context).toBeLessThan(131072);
    expect(d.context % 256).toBe(0);
  });
  it('keeps the training context when it fits', () => {
    const d = serverDefaults({
      model: llama8,
      format: 'Q4_K_M',
      context: 8192,
      hardware: gpuSetup({ vramGiB: 80, bandwidthGBs: 2039 }),
    })!;
    expect(d.context).toBe(131072);
  });
});

describe('advice that always finds a way', () => {
  it('Llama 3.x 70B Q4_K_M on a 12 GB card with 32 GB RAM: at least two ways that run, cheapest first', () => {
    const hardware = catalogHardware('nvidia-rtx-3060-12gb', { ramGiB: 32 });
    const e = estimate(
      { model: catalogModel('llama-3.1-70b-instruct'), format: 'Q4_K_M', context: 8192, hardware },
      { smallerModels: [llama8] },
    );
    expect(e.fit!.verdict).toBe('wont-run');
    const runs = e.advice.filter((a) => a.verdict !== 'wont-run');
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(e.advice.map((a) => a.kind)).toEqual(expect.arrayContaining(['quant-offload', 'smaller-model', 'more-ram']));
    const offload = e.advice.find((a) => a.kind === 'quant-offload')!;
    expect(offload.verdict).toBe('partial-offload');
    expect(offload.ramBytes).toBeGreaterThan(10 * 2 ** 30);
    expect(offload.tokensPerSecond).toBeGreaterThan(0);
    const costs = e.advice.map((a) => ['free', 'quality', 'hardware'].indexOf(a.cost));
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
    // The RAM advice names the next common size that makes it run.
    expect(e.advice.find((a) => a.kind === 'more-ram')!.change.ramGiB).toBe(48);
  });
  it('a 16 GB Mac gets the exact sysctl command when raising the wired limit helps', () => {
    const mac = unifiedSetup({ name: 'Mac 16 GB', memoryGiB: 16, bandwidthGBs: 120 });
    const e = estimate({ model: llama8, format: 'Q8_0', context: 20480, hardware: mac });
    const a = e.advice.find((x) => x.kind === 'apple-wired-limit');
    expect(verdictRank(e.fit!.verdict)).toBeGreaterThan(verdictRank('fits'));
    expect(a?.command).toBe(`sudo sysctl iogpu.wired_limit_mb=${Math.floor((16 * 2 ** 30 - 4 * 2 ** 30) / 2 ** 20)}`);
  });
});
