/**
 * Public entry point of the fit engine (pure TypeScript, no IO): the llama.cpp model in
 * engine/ plus the products every caller wants with an estimate, run commands and advice.
 * engine/ never imports from here, so the dependency runs one way.
 */
import type { Advice, AdviceOptions } from './advice.ts';
import { buildAdvice } from './advice.ts';
import type { RunCommands } from './commands.ts';
import { buildCommands } from './commands.ts';
import type { EngineEstimate, EstimateInput } from './engine/fit.ts';
import { estimateEngine, estimateOutcome } from './engine/fit.ts';
import type { KvCacheType } from './engine/formats.ts';
import type { LaunchDefaults } from './engine/launch-plan.ts';
import { maxContextByKvType, serverDefaults } from './engine/launch-plan.ts';

export * from './engine/units.ts';
export * from './engine/format.ts';
export * from './engine/quant-types.ts';
export * from './engine/formats.ts';
export * from './engine/model.ts';
export * from './engine/tensors.ts';
export * from './engine/weights.ts';
export * from './engine/kv-cache.ts';
export * from './engine/compute.ts';
export * from './engine/hardware.ts';
export * from './engine/speed.ts';
export * from './engine/verdicts.ts';
export * from './engine/fit.ts';
export * from './engine/hf-config.ts';
export * from './engine/gguf-metadata.ts';
export * from './engine/recurrent-state.ts';
export * from './engine/vision.ts';
export * from './engine/speculative.ts';
export * from './engine/launch-plan.ts';
export * from './advice.ts';
export * from './commands.ts';
export * from './catalog.ts';

/** An engine estimate with the run commands for its setup and (when it does not fit) ranked advice. */
export interface Estimate extends EngineEstimate {
  advice: Advice[];
  commands: RunCommands;
  /** Largest context that fits fully on the GPUs per KV-cache type (estimate() with hardware only). */
  maxContextByKvType?: Record<KvCacheType, number> | undefined;
  /** What llama-server with no flags would do on this hardware (GGUF on a GPU machine only). */
  serverDefaults?: LaunchDefaults | null | undefined;
}

/** The estimate with run commands but without advice (what pages that never show advice need). */
export function estimateCore(input: EstimateInput): Estimate {
  const e = estimateEngine(input);
  return { ...e, advice: [], commands: buildCommands(e, input) };
}

/**
 * Full estimate: memory, verdict, speed, run commands, the launch plan and (when it does not fit)
 * ranked advice; `options.smallerModels` lets the advice offer a smaller model of the same family.
 */
export function estimate(input: EstimateInput, options: AdviceOptions = {}): Estimate {
  const e = estimateCore(input);
  const hardware = input.hardware;
  if (input.advice !== false && e.fit && e.fit.verdict !== 'fits')
    e.advice = buildAdvice(input, e, estimateOutcome, options);
  if (hardware !== undefined && hardware.devices.length > 0 && e.formatFamily === 'gguf') {
    e.maxContextByKvType = maxContextByKvType({ ...input, hardware });
    e.serverDefaults = serverDefaults({ ...input, hardware });
  }
  return e;
}
