// The engine against buffers a real llama.cpp printed (content/reference/llamacpp-observations.json,
// made by tests/bench/llamacpp-probe/ with node-llama-cpp's prebuilt CPU build of llama.cpp v0.5.0):
// tiny models of ten architectures (transformer, sliding-window, chunked, Gated DeltaNet, Mamba,
// Mamba-2, short conv, and the hybrids built from them) at 4K and 32K/128K contexts with 1 and 4
// sequences. KV cache and recurrent state must match to the 0.01 MiB llama.cpp prints.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkObservation, comparableObservations, type LlamaCppObservation } from '../../../src/lib/observations.ts';

const fixture = JSON.parse(
  readFileSync(new URL('../../../content/reference/llamacpp-observations.json', import.meta.url), 'utf8'),
) as { observations: LlamaCppObservation[] };
const rows = comparableObservations(fixture.observations);

describe('KV cache and recurrent state match llama.cpp v0.5.0', () => {
  it('covers ten architectures', () => {
    expect(new Set(rows.map((o) => o.arch)).size).toBe(10);
  });

  it.each(rows.map((o) => [checkObservation(o).label, o] as const))('%s', (_label, o) => {
    const c = checkObservation(o);
    // llama.cpp rounds each printed cache to 0.01 MiB.
    expect(Math.abs(c.kv.engine - c.kv.printed)).toBeLessThanOrEqual(0.0051 * o.printed.kv.length);
    expect(Math.abs(c.state.engine - c.state.printed)).toBeLessThanOrEqual(0.0051);
    // The compute buffer has no closed formula; the engine's stays within 12% (or 12 MiB on these tiny models).
    if (c.compute) {
      expect(Math.abs(c.compute.engine - c.compute.printed)).toBeLessThanOrEqual(
        Math.max(12, 0.12 * c.compute.printed),
      );
    }
    // Cells per sequence of the full-attention and windowed caches, as printed (none without attention).
    if (o.printed.kv.length === 0) return;
    expect(c.cells.engine).toEqual(c.cells.printed);
  });
});
