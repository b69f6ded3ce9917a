// The engine against buffers a real llama.cpp printed (tests/fixtures/llamacpp-observations.json,
// made by tests/bench/llamacpp-probe/ with node-llama-cpp's prebuilt CPU build of llama.cpp v0.5.0):
// tiny models of ten architectures (transformer, sliding-window, chunked, Gated DeltaNet, Mamba,
// Mamba-2, short conv, and the hybrids built from them) at 4K and 32K/128K contexts with 1 and 4
// sequences. KV cache and recurrent state must match to the 0.01 MiB llama.cpp prints.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  architectureFromGguf,
  computeBufferBytes,
  kvCache,
  parseKvCacheType,
  recurrentState,
} from '../../../src/lib/engine.ts';

interface Observation {
  arch: string;
  hparams: Record<string, unknown>;
  run: {
    nCtxSeq: number;
    nSeqMax: number;
    flashAttention: boolean;
    kvType: string;
    kvTypeV: string;
    ubatch: number;
    swaFull?: boolean;
  };
  printed: {
    kv: { MiB: number; cells: number; layers: number }[];
    rs: { MiB: number; rMiB: number; sMiB: number }[];
    computeMiB?: { CPU?: number };
  };
}

const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/llamacpp-observations.json', import.meta.url), 'utf8'),
) as { observations: Observation[] };
const MiB = 2 ** 20;
const rows = fixture.observations.filter((o) => o.run.swaFull !== true);

describe('KV cache and recurrent state match llama.cpp v0.5.0', () => {
  it('covers ten architectures', () => {
    expect(new Set(rows.map((o) => o.arch)).size).toBe(10);
  });

  it.each(
    rows.map(
      (o) =>
        [
          `${o.arch} ctx ${o.run.nCtxSeq} x ${o.run.nSeqMax} ${o.run.kvType}/${o.run.kvTypeV}${o.run.flashAttention ? ' FA' : ''}`,
          o,
        ] as const,
    ),
  )('%s', (_label, o) => {
    const arch = architectureFromGguf(o.hparams);
    const np = o.run.nSeqMax;
    // node-llama-cpp gives every sequence the whole context: -c is contextSize x sequences.
    const kv = kvCache(arch, {
      context: o.run.nCtxSeq * np,
      parallel: np,
      ubatch: o.run.ubatch,
      flashAttention: o.run.flashAttention,
      kvType: parseKvCacheType(o.run.kvType.toLowerCase()),
      kvTypeV: parseKvCacheType(o.run.kvTypeV.toLowerCase()),
    });
    // llama.cpp rounds each printed cache to 0.01 MiB.
    const printedKv = o.printed.kv.reduce((a, k) => a + k.MiB, 0);
    expect(Math.abs(kv.totalBytes / MiB - printedKv)).toBeLessThanOrEqual(0.0051 * o.printed.kv.length);
    const printedRs = o.printed.rs.reduce((a, r) => a + r.MiB, 0);
    expect(Math.abs(recurrentState(arch, np).totalBytes / MiB - printedRs)).toBeLessThanOrEqual(0.0051);
    // The compute buffer has no closed formula; the engine's stays within 12% (or 12 MiB on these tiny models).
    const printedCompute = o.printed.computeMiB?.CPU;
    if (printedCompute !== undefined) {
      const engine =
        computeBufferBytes(arch, {
          contextPerSequence: kv.cellsPerSequence,
          ubatch: o.run.ubatch,
          flashAttention: o.run.flashAttention,
        }) / MiB;
      expect(Math.abs(engine - printedCompute)).toBeLessThanOrEqual(Math.max(12, 0.12 * printedCompute));
    }
    // Cells per sequence of the full-attention and windowed caches, as printed (none without attention).
    if (o.printed.kv.length === 0) return;
    const cells = o.printed.kv.map((k) => k.cells).sort((a, b) => a - b);
    const engineCells = [kv.cellsPerSequence, ...(kv.swaCellsPerSequence > 0 ? [kv.swaCellsPerSequence] : [])];
    expect(engineCells.sort((a, b) => a - b)).toEqual(cells);
  });
});
