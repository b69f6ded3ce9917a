// The pure pieces behind answer pages and the island: machine assembly, best format, answer
// wording, chart geometry.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answerLead, answerView, extrasView, likelyErrors } from '../../../src/lib/answer.ts';
import { chartGeometry, contextStops, memoryCurve } from '../../../src/lib/chart.ts';
import { estimate, type CatalogHardware } from '../../../src/lib/engine.ts';
import { machineFromChoice } from '../../../src/lib/machine.ts';
import { bestFormat, memoryTable, RECOMMENDABLE_FORMATS, tableContexts } from '../../../src/lib/recommend.ts';
import { formatBytes } from '../../../src/lib/engine/format.ts';
import { GiB } from '../../../src/lib/engine/units.ts';
import { catalogModel } from './helpers.ts';

const gpu = (name: string, memoryGiB: number, bandwidthGBs: number): CatalogHardware => ({
  name,
  vendor: 'NVIDIA',
  kind: 'gpu',
  memoryGiB,
  bandwidthGBs,
  fp16Tflops: 35,
  backends: ['CUDA'],
});
const catalog = new Map<string, CatalogHardware>([
  ['rtx-3090', gpu('RTX 3090', 24, 936)],
  ['rtx-3060', gpu('RTX 3060', 12, 360)],
  [
    'm4-pro',
    { name: 'M4 Pro 48', vendor: 'Apple', kind: 'apple', memoryGiB: 48, bandwidthGBs: 273, backends: ['Metal'] },
  ],
  [
    'desktop-cpu',
    { name: 'Desktop CPU', vendor: 'AMD', kind: 'cpu', memoryGiB: 64, bandwidthGBs: 89.6, backends: ['CPU'] },
  ],
]);
const llama8b = catalogModel('llama-3.1-8b-instruct');
const llama70b = catalogModel('llama-3.1-70b-instruct');

describe('machineFromChoice', () => {
  it('keeps one device per card, even for identical cards (VRAM is never pooled)', () => {
    const m = machineFromChoice({ hw: ['rtx-3090', 'rtx-3090'] }, catalog);
    expect(m.devices.map((d) => d.memoryBytes)).toEqual([24 * GiB, 24 * GiB]);
  });
  it('combines different cards in order', () => {
    const m = machineFromChoice({ hw: ['rtx-3090', 'rtx-3060'] }, catalog);
    expect(m.name).toBe('RTX 3090 + RTX 3060');
    expect(m.devices.map((d) => d.memoryBytes / GiB)).toEqual([24, 12]);
  });
  it('applies system RAM to GPU hosts', () => {
    expect(machineFromChoice({ hw: ['rtx-3060'], ram: 64 }, catalog).systemRamBytes).toBe(64 * GiB);
  });
  it('uses only the GPU-wired share of Apple memory', () => {
    const m = machineFromChoice({ hw: ['m4-pro'] }, catalog);
    expect(m.sharedMemory).toBe(true);
    expect(m.devices[0]!.usableBytes).toBeLessThan(0.8 * 48 * GiB);
  });
  it('builds custom GPU and CPU-only machines', () => {
    expect(machineFromChoice({ hw: [], vram: 16, bw: 500, ram: 64 }, catalog).devices[0]!.memoryBytes).toBe(16 * GiB);
    expect(machineFromChoice({ hw: [], vram: 0, bw: 80, ram: 64 }, catalog).devices).toEqual([]);
  });
  it('rejects unknown ids', () => {
    expect(() => machineFromChoice({ hw: ['nope'] }, catalog)).toThrow('Unknown hardware "nope".');
  });
  it('a second card turns a 70B partial offload into a full fit', () => {
    const one = estimate({
      model: llama70b,
      format: 'Q4_K_M',
      context: 8192,
      hardware: machineFromChoice({ hw: ['rtx-3090'] }, catalog),
    });
    const two = estimate({
      model: llama70b,
      format: 'Q4_K_M',
      context: 8192,
      hardware: machineFromChoice({ hw: ['rtx-3090', 'rtx-3090'] }, catalog),
    });
    expect(one.fit!.verdict).toBe('partial-offload');
    expect(['fits', 'tight']).toContain(two.fit!.verdict);
  });
});

describe('bestFormat', () => {
  it('picks the highest-quality recommendable format that fits with margin', () => {
    const b = bestFormat(llama8b, machineFromChoice({ hw: ['rtx-3090'] }, catalog), 8192);
    expect(b.format).toBe('Q8_0');
    expect(b.estimate.fit!.verdict).toBe('fits');
  });
  it('steps down the ladder on a smaller card', () => {
    const b = bestFormat(llama8b, machineFromChoice({ hw: [], vram: 6, bw: 300 }, catalog), 8192);
    expect(RECOMMENDABLE_FORMATS.indexOf(b.format as (typeof RECOMMENDABLE_FORMATS)[number])).toBeGreaterThan(2);
    expect(['fits', 'tight']).toContain(b.estimate.fit!.verdict);
  });
  it('falls back to Q4_K_M with offload when nothing fits on the GPU', () => {
    const b = bestFormat(llama70b, machineFromChoice({ hw: ['rtx-3060'], ram: 64 }, catalog), 8192);
    expect(b.format).toBe('Q4_K_M');
    expect(b.estimate.fit!.verdict).toBe('partial-offload');
  });
});

describe('machines without a GPU', () => {
  const cpu = machineFromChoice({ hw: ['desktop-cpu'] }, catalog);
  it('take the RAM field as installed memory, and stand alone', () => {
    expect(cpu.devices).toEqual([]);
    expect(cpu.systemRamBytes).toBe(64 * GiB);
    expect(machineFromChoice({ hw: ['desktop-cpu', 'rtx-3090'], ram: 128 }, catalog).systemRamBytes).toBe(128 * GiB);
    expect(machineFromChoice({ hw: ['desktop-cpu', 'rtx-3090'] }, catalog).devices).toEqual([]);
  });
  it('get Q4_K_M recommended, not the smallest quant, when everything runs on the CPU', () => {
    const b = bestFormat(llama8b, cpu, 8192);
    expect(b.format).toBe('Q4_K_M');
    expect(b.estimate.fit!.verdict).toBe('cpu-only');
  });
  it('are described against system RAM, not a GPU', () => {
    const e = estimate({ model: llama8b, format: 'Q4_K_M', context: 8192, hardware: cpu });
    const v = answerView(e, cpu);
    expect(v.usableText).toBe(formatBytes(cpu.usableRamBytes));
    expect(v.usableShare).toBeGreaterThan(0.5);
    expect(v.layersText).toBe('All 32 layers on the CPU');
    expect(v.errorIds).not.toContain('cuda-out-of-memory');
    expect(v.errorIds[0]).toBe('ollama-running-slowly');
    expect(answerLead(e, 'Llama', 'Desktop CPU')).toMatch(
      /^Yes, on the CPU\. Llama runs from system RAM on the Desktop CPU at Q4_K_M .* against [\d.]+ GiB usable, generating/,
    );
    const huge = estimate({ model: llama70b, format: 'F16', context: 8192, hardware: cpu });
    expect(answerLead(huge, 'Llama 70B', 'Desktop CPU')).toMatch(
      /^No\. .* more than the [\d.]+ GiB of usable RAM on the Desktop CPU\.$/,
    );
  });
});

describe('bestFormat for gpt-oss', () => {
  it('recommends the native MXFP4 file first', () => {
    const gptOss = {
      ...llama8b,
      name: 'gpt-oss-20b',
      architecture: { ...llama8b.architecture, family: 'gpt-oss' as const },
    };
    expect(bestFormat(gptOss, machineFromChoice({ hw: ['rtx-3090'] }, catalog), 8192).format).toBe('MXFP4');
  });
});

describe('answer wording follows the engine', () => {
  const m = machineFromChoice({ hw: ['rtx-3060'] }, catalog);
  it.each([
    [llama8b, 'Q4_K_M', 8192, /^Yes\. .* runs fully on the RTX 3060 at Q4_K_M with 8K tokens of context/],
    [llama70b, 'Q4_K_M', 8192, /^No\. .* needs [\d.]+ GiB in total at Q4_K_M/],
  ] as const)('%#', (model, format, context, pattern) => {
    const e = estimate({ model, format, context, hardware: m });
    expect(answerLead(e, model.name, 'RTX 3060', false)).toMatch(pattern);
  });

  it('answerView segments add up to the total and name their units', () => {
    const e = estimate({ model: llama8b, format: 'Q4_K_M', context: 32768, hardware: m });
    const v = answerView(e, m);
    expect(v.segments.reduce((n, s) => n + s.bytes, 0)).toBe(e.totalBytes);
    expect(v.totalText).toMatch(/ GiB$/);
    const { commands } = extrasView(e);
    expect(commands.map((c) => c.id)).toEqual(expect.arrayContaining(['llama-cpp', 'ollama', 'lm-studio']));
    expect(commands.find((c) => c.id === 'llama-cpp')!.text).toContain('-c 32768');
    // The catalog GPU says nothing about the host: the assumed RAM is shown, not hidden.
    expect(v.assumptionsText).toBe('System RAM assumed 32 GiB. CPU memory bandwidth assumed 64 GB/s.');
    const host64 = machineFromChoice({ hw: ['rtx-3060'], ram: 64 }, catalog);
    const e64 = estimate({ model: llama8b, format: 'Q4_K_M', context: 8192, hardware: host64 });
    expect(answerView(e64, host64).assumptionsText).not.toContain('System RAM');
  });

  it('links only error pages that exist', () => {
    const errors = new Set(
      readdirSync(new URL('../../../content/errors/', import.meta.url)).map((f) => f.replace(/\.mdx?$/, '')),
    );
    for (const v of ['fits', 'tight', 'partial-offload', 'cpu-only', 'wont-run'] as const) {
      for (const backend of [m, machineFromChoice({ hw: ['m4-pro'] }, catalog)]) {
        for (const id of likelyErrors(v, backend)) expect(errors, id).toContain(id);
      }
    }
  });
});

describe('memory chart', () => {
  it('stops double from 2K to the maximum', () => {
    expect(contextStops(131072)).toEqual([2048, 4096, 8192, 16384, 32768, 65536, 131072]);
    expect(contextStops(40000)).toEqual([2048, 4096, 8192, 16384, 32768, 40000]);
    expect(contextStops(2048)).toEqual([2048]);
  });
  it('memory grows with context and the chart keeps the usable line inside the plot', () => {
    const input = { model: llama8b, format: 'Q4_K_M' };
    const points = memoryCurve(input, contextStops(131072));
    for (let i = 1; i < points.length; i++) expect(points[i]!.bytes).toBeGreaterThan(points[i - 1]!.bytes);
    const g = chartGeometry(points, 12 * GiB, points[2]!);
    expect(g.curve.startsWith('M44,')).toBe(true);
    expect(g.usableY!).toBeGreaterThan(0);
    expect(g.usableY!).toBeLessThan(g.height);
    expect(g.marker.x).toBe(g.xTicks[2]!.x);
  });
  it('model tables list 4K..max and grow down the quant ladder the other way', () => {
    expect(tableContexts(131072)).toEqual([4096, 8192, 32768, 131072]);
    expect(tableContexts(8192)).toEqual([4096, 8192]);
    const t = memoryTable(llama8b, 8192, ['Q8_0', 'Q4_K_M']);
    expect(t.rows[0]!.totalBytes[0]!).toBeGreaterThan(t.rows[1]!.totalBytes[0]!);
  });
  it('a model released in its own format lists that format first; others start at F16', () => {
    const gptOss = { ...llama8b, architecture: { ...llama8b.architecture, family: 'gpt-oss' as const } };
    expect(
      memoryTable(gptOss, 8192)
        .rows.map((r) => r.format)
        .slice(0, 2),
    ).toEqual(['MXFP4', 'F16']);
    expect(memoryTable(llama8b, 8192).rows[0]!.format).toBe('F16');
  });
});
