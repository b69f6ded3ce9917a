/**
 * Benchmark rows joined with their catalog entries and the engine's estimate of the same run, for
 * the benchmark table, the accuracy page and the measured rows on hardware and model pages.
 */
import { relativeError } from '../lib/accuracy.ts';
import {
  estimateEngine,
  hardwareFromCatalog,
  parseFormatId,
  withoutAccelerators,
  type SpeedRange,
} from '../lib/engine.ts';
import { BENCH_TRUST, type Backend } from '../lib/taxonomy.ts';
import { getCatalog, type Entry } from './catalog.ts';
import { modelSpec } from './fit.ts';

export interface BenchRow {
  entry: Entry<'benchmarks'>;
  model: Entry<'models'>;
  hardware: Entry<'hardware'>;
  tool: Entry<'tools'>;
  trustLabel: string;
  /** The engine's decode and prompt speeds for the same model, format, backend and depth (undefined when it cannot say). */
  estimatedDecode?: number | undefined;
  estimatedPrompt?: number | undefined;
  /** Signed relative errors of those estimates. */
  decodeError?: number | undefined;
  promptError?: number | undefined;
}

/** The engine's speeds for a run as llama-bench makes it: -c = depth + prompt + generated, decode at mid-generation. */
function estimateRun(
  b: Entry<'benchmarks'>['data'],
  model: Entry<'models'>,
  hardware: Entry<'hardware'>,
): { decode?: SpeedRange | undefined; prompt?: SpeedRange | undefined } {
  const format = parseFormatId(b.format);
  if (format === undefined) return {};
  // The row's backend, not the catalog's default one (an AMD card run on Vulkan, not ROCm); a
  // CPU-only run on a machine with a GPU (llama-bench -dev none) is that machine with its
  // accelerators unused: its host's CPU-side bandwidth and TFLOPS (not the GPU's).
  const cpuOnly = b.backend === 'CPU' && hardware.data.kind !== 'cpu';
  const full = hardwareFromCatalog(hardware.id, { ...hardware.data, backends: [b.backend as Backend] });
  const setup = cpuOnly ? withoutAccelerators(full) : full;
  const e = estimateEngine({
    model: modelSpec(model),
    format,
    context: b.depth + b.promptTokens + b.generatedTokens,
    hardware: setup,
    decodeDepth: b.depth + Math.round(b.generatedTokens / 2),
    promptTokens: b.promptTokens,
  });
  return { decode: e.tokensPerSecond, prompt: e.promptTokensPerSecond };
}

let cached: Promise<BenchRow[]> | undefined;

/** Every benchmark row, fastest decode first, with its estimate. */
export function benchRows(): Promise<BenchRow[]> {
  cached ??= (async () => {
    const { benchmarks, models, hardware, tools } = await getCatalog();
    const byId = <T extends { id: string }>(list: T[]) => new Map(list.map((e) => [e.id, e]));
    const [m, h, t] = [byId(models), byId(hardware), byId(tools)];
    return benchmarks
      .map((entry) => {
        const b = entry.data;
        const model = m.get(b.model)!;
        const hw = h.get(b.hardware)!;
        const { decode, prompt } = estimateRun(b, model, hw);
        const estimatedDecode = decode?.expected;
        const estimatedPrompt = b.promptTokS ? prompt?.expected : undefined;
        return {
          entry,
          model,
          hardware: hw,
          tool: t.get(b.tool)!,
          trustLabel: BENCH_TRUST.find((x) => x.id === b.trust)!.label,
          estimatedDecode,
          estimatedPrompt,
          decodeError: estimatedDecode ? relativeError(estimatedDecode, b.decodeTokS) : undefined,
          promptError: estimatedPrompt && b.promptTokS ? relativeError(estimatedPrompt, b.promptTokS) : undefined,
        };
      })
      .sort((a, b) => b.entry.data.decodeTokS - a.entry.data.decodeTokS);
  })();
  return cached;
}
