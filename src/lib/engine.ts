/** Public entry point of the fit engine (pure TypeScript, no IO). */
export * from './units.ts';
export * from './format.ts';
export * from './quant-types.ts';
export * from './formats.ts';
export * from './model.ts';
export * from './tensors.ts';
export * from './weights.ts';
export * from './kv-cache.ts';
export * from './compute.ts';
export * from './hardware.ts';
export * from './speed.ts';
export * from './verdicts.ts';
export * from './fit.ts';
export * from './advice.ts';
export * from './commands.ts';
export * from './hf-config.ts';
export * from './catalog.ts';
