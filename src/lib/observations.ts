/**
 * The engine against what a real llama.cpp printed for the same model and settings
 * (content/reference/llamacpp-observations.json, made by tests/bench/llamacpp-probe/): KV cache,
 * recurrent state and compute buffer, in MiB. Pure; the unit test asserts the tolerances and the
 * accuracy page publishes the same comparison.
 */
import { architectureFromGguf } from './engine/gguf-metadata.ts';
import { computeBufferBytes } from './engine/compute.ts';
import { kvCache } from './engine/kv-cache.ts';
import { parseKvCacheType } from './engine/formats.ts';
import { recurrentState } from './engine/recurrent-state.ts';
import { MiB } from './engine/units.ts';

export interface LlamaCppObservation {
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

export interface ObservationCheck {
  label: string;
  arch: string;
  /** Engine and printed sizes in MiB; compute is absent when llama.cpp printed none. */
  kv: { engine: number; printed: number };
  state: { engine: number; printed: number };
  compute?: { engine: number; printed: number } | undefined;
  /** Cells per sequence of each cache (full and windowed), engine's and printed, sorted. */
  cells: { engine: number[]; printed: number[] };
}

/** Runs the engine on one observation's model and settings. */
export function checkObservation(o: LlamaCppObservation): ObservationCheck {
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
  const sum = (list: { MiB: number }[]) => list.reduce((a, k) => a + k.MiB, 0);
  const printedCompute = o.printed.computeMiB?.CPU;
  return {
    label: `${o.arch} ctx ${o.run.nCtxSeq} x ${np} ${o.run.kvType}/${o.run.kvTypeV}${o.run.flashAttention ? ' FA' : ''}`,
    arch: o.arch,
    kv: { engine: kv.totalBytes / MiB, printed: sum(o.printed.kv) },
    state: { engine: recurrentState(arch, np).totalBytes / MiB, printed: sum(o.printed.rs) },
    compute:
      printedCompute === undefined
        ? undefined
        : {
            engine:
              computeBufferBytes(arch, {
                contextPerSequence: kv.cellsPerSequence,
                ubatch: o.run.ubatch,
                flashAttention: o.run.flashAttention,
              }) / MiB,
            printed: printedCompute,
          },
    cells: {
      engine: [kv.cellsPerSequence, ...(kv.swaCellsPerSequence > 0 ? [kv.swaCellsPerSequence] : [])].sort(
        (a, b) => a - b,
      ),
      printed: o.printed.kv.map((k) => k.cells).sort((a, b) => a - b),
    },
  };
}

/** The observations the comparison covers: those run with llama.cpp's default windowed cache. */
export function comparableObservations<T extends LlamaCppObservation>(all: readonly T[]): T[] {
  return all.filter((o) => o.run.swaFull !== true);
}
