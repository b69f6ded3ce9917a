/**
 * The accuracy page's data, all computed at build time from the engine: decode and prompt speed
 * against every benchmark row, memory terms against the buffers a real llama.cpp printed, and
 * simulated GGUF sizes against the exact sizes of published files in the catalog.
 */
import observations from '../../content/reference/llamacpp-observations.json';
import { errorStats, groupErrorStats, relativeError, type ErrorStats } from '../lib/accuracy.ts';
import { parseFormatId, simulateWeights } from '../lib/engine.ts';
import { checkObservation, comparableObservations, type LlamaCppObservation } from '../lib/observations.ts';
import { benchRows, type BenchRow } from './bench.ts';
import { getCatalog } from './catalog.ts';
import { modelSpec } from './fit.ts';

/** "Discrete GPU", "Data-centre GPU (HBM)", "Apple silicon", "Unified-memory PC" or "CPU only". */
export function hardwareClass(h: BenchRow['hardware']): string {
  const d = h.data;
  if (d.kind === 'gpu') return /^HBM/i.test(d.memoryType) ? 'Data-centre GPU (HBM)' : 'Discrete GPU';
  return d.kind === 'apple' ? 'Apple silicon' : d.kind === 'unified' ? 'Unified-memory PC' : 'CPU only';
}

export interface SpeedAccuracy {
  rows: BenchRow[];
  /** Out-of-sample rows only (not used to fit the engine's constants). */
  heldOut: { decode: ErrorStats; prompt: ErrorStats };
  calibration: { decode: ErrorStats; prompt: ErrorStats };
  groups: { by: string; groups: { key: string; stats: ErrorStats }[] }[];
}

export async function speedAccuracy(): Promise<SpeedAccuracy> {
  const rows = (await benchRows()).filter((r) => r.decodeError !== undefined);
  const split = (calibration: boolean) => rows.filter((r) => r.entry.data.calibration === calibration);
  const stats = (list: BenchRow[]) => ({
    decode: errorStats(list.map((r) => r.decodeError!)),
    prompt: errorStats(list.flatMap((r) => (r.promptError === undefined ? [] : [r.promptError]))),
  });
  const held = split(false);
  const by = (label: string, key: (r: BenchRow) => string) => ({
    by: label,
    groups: groupErrorStats(held, key, (r) => r.decodeError!).sort((a, b) => b.stats.n - a.stats.n),
  });
  return {
    rows,
    heldOut: stats(held),
    calibration: stats(split(true)),
    groups: [
      by('Hardware class', (r) => hardwareClass(r.hardware)),
      by('Backend', (r) => r.entry.data.backend),
      by('Runtime', (r) => r.tool.data.name),
      by('Trust level', (r) => r.trustLabel),
    ],
  };
}

export interface MemoryAccuracy {
  runs: number;
  architectures: number;
  /** Largest |engine - printed| in MiB over all runs. */
  kvMaxDiffMiB: number;
  stateMaxDiffMiB: number;
  compute: ErrorStats;
  byArch: { arch: string; runs: number; kvMaxDiffMiB: number; stateMaxDiffMiB: number; compute: ErrorStats }[];
  llamaCpp: string;
}

export function memoryAccuracy(): MemoryAccuracy {
  const data = observations as unknown as {
    llamaCpp: { version: string; commit: string };
    observations: LlamaCppObservation[];
  };
  const checks = comparableObservations(data.observations).map(checkObservation);
  const maxDiff = (list: typeof checks, term: 'kv' | 'state') =>
    Math.max(0, ...list.map((c) => Math.abs(c[term].engine - c[term].printed)));
  const computeErrors = (list: typeof checks) =>
    list.flatMap((c) =>
      c.compute && c.compute.printed > 0 ? [relativeError(c.compute.engine, c.compute.printed)] : [],
    );
  const archs = [...new Set(checks.map((c) => c.arch))];
  return {
    runs: checks.length,
    architectures: archs.length,
    kvMaxDiffMiB: maxDiff(checks, 'kv'),
    stateMaxDiffMiB: maxDiff(checks, 'state'),
    compute: errorStats(computeErrors(checks)),
    byArch: archs.map((arch) => {
      const list = checks.filter((c) => c.arch === arch);
      return {
        arch,
        runs: list.length,
        kvMaxDiffMiB: maxDiff(list, 'kv'),
        stateMaxDiffMiB: maxDiff(list, 'state'),
        compute: errorStats(computeErrors(list)),
      };
    }),
    llamaCpp: `${data.llamaCpp.version} (${data.llamaCpp.commit})`,
  };
}

export interface WeightRow {
  model: string;
  modelId: string;
  format: string;
  publisher: string;
  publishedBytes: number;
  simulatedBytes: number;
  error: number;
}

/** Catalog files with exact published sizes against the engine's simulated GGUF of the same format. */
export async function weightsAccuracy(): Promise<{ rows: WeightRow[]; stats: ErrorStats }> {
  const { models } = await getCatalog();
  const rows = models.flatMap((m) =>
    (m.data.files ?? []).flatMap((f) => {
      const format = parseFormatId(f.format);
      if (format === undefined || !(f.bytes > 0)) return [];
      const simulatedBytes = simulateWeights(modelSpec(m).architecture, format).fileBytes;
      return [
        {
          model: m.data.name,
          modelId: m.id,
          format: f.format,
          publisher: f.publisher ?? '',
          publishedBytes: f.bytes,
          simulatedBytes,
          error: relativeError(simulatedBytes, f.bytes),
        },
      ];
    }),
  );
  return { rows, stats: errorStats(rows.map((r) => r.error)) };
}
