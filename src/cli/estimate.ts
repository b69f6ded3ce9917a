/**
 * CLI: estimate memory, verdict and speed for a model + format + context on a machine.
 *
 *   node src/cli/estimate.ts --config config.json --quant Q4_K_M --ctx 8192 [--kv q8_0]
 *     [--flash-attn on|off] [--ubatch 512] [--parallel 1] [--hardware <catalog id>] [--json]
 *   node src/cli/estimate.ts --model <catalog id> ...
 *   machine not in the catalog: --vram-gb 24 --bandwidth-gbs 1008 [--fp16-tflops 165] [--gpus 2]
 *     [--ram-gb 64] [--unified]   (VRAM/RAM sizes are GiB, as vendors' "24 GB" VRAM is)
 *   speed and extras: [--depth N] [--prompt-tokens N] [--vision on|off] [--draft <catalog id | config.json>]
 *     [--draft-quant Q8_0] [--mtp] [--draft-max 3]
 */
import { parseArgs } from 'node:util';
import type { CatalogHardware, CatalogModel, Estimate, HardwareSetup, ModelSpec } from '../lib/engine.ts';
import {
  FORMAT_IDS,
  KV_CACHE_TYPE_IDS,
  MEMORY_UNIT,
  MEMORY_UNIT_NOTE,
  estimate,
  verdictLabel,
  sameFamily,
  formatBytes,
  formatGiB,
  formatSpeedRange,
  formatTokensPerSecond,
  gpuSetup,
  hardwareFromCatalog,
  modelFromCatalog,
  parseFormatId,
  parseHfConfig,
  parseKvCacheType,
  unifiedSetup,
} from '../lib/engine.ts';
import { listIds, readEntry, readJson, readQualitySets } from './catalog-io.ts';
import { qualityFor } from '../lib/quality.ts';

class UsageError extends Error {}

const USAGE =
  'usage: estimate (--config <config.json> | --model <id>) --quant <format> [--ctx 8192] [--kv f16|q8_0|q4_0] [--flash-attn on|off] [--ubatch 512] [--parallel 1] [--depth N] [--prompt-tokens N] [--vision on|off] [--draft <id | config.json> [--draft-quant F]] [--mtp] [--draft-max 3] [--hardware <id> | --vram-gb N --bandwidth-gbs N [--fp16-tflops N] [--gpus N] [--ram-gb N] [--unified]] [--json]';

function intArg(name: string, v: string | undefined, min: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer >= ${min} (got "${v}").`);
  return n;
}

function numArg(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} must be a positive number (got "${v}").`);
  return n;
}

function run(argv: string[]): { text: string } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        config: { type: 'string' },
        model: { type: 'string' },
        quant: { type: 'string' },
        format: { type: 'string' },
        ctx: { type: 'string' },
        kv: { type: 'string' },
        'flash-attn': { type: 'string' },
        ubatch: { type: 'string' },
        parallel: { type: 'string' },
        hardware: { type: 'string' },
        'vram-gb': { type: 'string' },
        'bandwidth-gbs': { type: 'string' },
        'fp16-tflops': { type: 'string' },
        gpus: { type: 'string' },
        'ram-gb': { type: 'string' },
        'cpu-bandwidth-gbs': { type: 'string' },
        'gpu-fraction': { type: 'string' },
        unified: { type: 'boolean' },
        depth: { type: 'string' },
        'prompt-tokens': { type: 'string' },
        vision: { type: 'string' },
        draft: { type: 'string' },
        'draft-quant': { type: 'string' },
        mtp: { type: 'boolean' },
        'draft-max': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError(`${(err as Error).message.split('\n')[0]} (${USAGE})`);
  }
  const v = parsed.values;
  if (v.help === true) return { text: USAGE };

  // Model.
  if (v.config !== undefined && v.model !== undefined)
    throw new UsageError('Use either --config or --model, not both.');
  if (v.config === undefined && v.model === undefined)
    throw new UsageError(`Pass --config <config.json> or --model <catalog id>. ${USAGE}`);
  const model = loadModel(v.config ?? v.model!);

  const quantRaw = v.quant ?? v.format;
  if (quantRaw === undefined) throw new UsageError(`Pass --quant <format>, one of: ${FORMAT_IDS.join(', ')}.`);
  const format = parseFormatId(quantRaw);
  if (format === undefined) throw new UsageError(`Unknown quant "${quantRaw}". Use one of: ${FORMAT_IDS.join(', ')}.`);

  const ctx = intArg('ctx', v.ctx, 0) ?? Math.min(8192, model.contextLength ?? 8192);
  let kvType;
  if (v.kv !== undefined) {
    kvType = parseKvCacheType(v.kv);
    if (kvType === undefined)
      throw new UsageError(`Unknown KV cache type "${v.kv}". Use one of: ${KV_CACHE_TYPE_IDS.join(', ')}.`);
  }
  let flashAttention: boolean | undefined;
  if (v['flash-attn'] !== undefined) {
    const fa = v['flash-attn'].toLowerCase();
    if (fa === 'on' || fa === '1' || fa === 'true') flashAttention = true;
    else if (fa === 'off' || fa === '0' || fa === 'false') flashAttention = false;
    else throw new UsageError(`--flash-attn must be on or off (got "${v['flash-attn']}").`);
  }
  const ubatch = intArg('ubatch', v.ubatch, 1);
  const parallel = intArg('parallel', v.parallel, 1);

  // Hardware.
  let hardware: HardwareSetup | undefined;
  const gpus = intArg('gpus', v.gpus, 1);
  const ramGiB = numArg('ram-gb', v['ram-gb']);
  const cpuBw = numArg('cpu-bandwidth-gbs', v['cpu-bandwidth-gbs']);
  const gpuFraction = numArg('gpu-fraction', v['gpu-fraction']);
  if (v.hardware !== undefined) {
    if (v['vram-gb'] !== undefined)
      throw new UsageError('Use either --hardware or --vram-gb/--bandwidth-gbs, not both.');
    hardware = hardwareFromCatalog(v.hardware, readEntry('hardware', v.hardware) as CatalogHardware, {
      gpus,
      ramGiB,
      cpuBandwidthGBs: cpuBw,
      gpuFraction,
    });
  } else if (v['vram-gb'] !== undefined || v['bandwidth-gbs'] !== undefined) {
    const vram = numArg('vram-gb', v['vram-gb']);
    const bw = numArg('bandwidth-gbs', v['bandwidth-gbs']);
    if (vram === undefined)
      throw new UsageError(
        '--bandwidth-gbs needs --vram-gb (memory of one GPU, or the unified memory with --unified).',
      );
    if (bw === undefined) throw new UsageError('--vram-gb needs --bandwidth-gbs (peak memory bandwidth in GB/s).');
    const tflops = numArg('fp16-tflops', v['fp16-tflops']);
    hardware =
      v.unified === true
        ? unifiedSetup({ memoryGiB: vram, bandwidthGBs: bw, fp16Tflops: tflops ?? null, gpuFraction })
        : gpuSetup({
            vramGiB: vram,
            bandwidthGBs: bw,
            fp16Tflops: tflops ?? null,
            count: gpus,
            ramGiB,
            cpuBandwidthGBs: cpuBw,
          });
  }

  const decodeDepth = intArg('depth', v.depth, 0);
  const promptTokens = intArg('prompt-tokens', v['prompt-tokens'], 0);
  const vision = onOff('vision', v.vision);
  if (vision === true && model.vision == null)
    throw new UsageError(`--vision on: ${model.name} has no vision projector (no vision_config).`);
  if (v.mtp === true && !((model.architecture.mtpLayers ?? 0) > 0))
    throw new UsageError(`--mtp: ${model.name} has no MTP block (mtp_num_hidden_layers).`);
  if (v.mtp === true && v.draft !== undefined) throw new UsageError('Use either --draft or --mtp, not both.');
  let draft;
  if (v.draft !== undefined) {
    const draftQuant = v['draft-quant'] ?? format;
    const draftFormat = parseFormatId(draftQuant);
    if (draftFormat === undefined) throw new UsageError(`Unknown --draft-quant "${draftQuant}".`);
    draft = { model: loadModel(v.draft), format: draftFormat };
  } else if (v['draft-quant'] !== undefined) throw new UsageError('--draft-quant needs --draft.');
  const draftMax = intArg('draft-max', v['draft-max'], 1);

  const e = estimate(
    {
      model,
      format,
      context: ctx,
      kvType,
      flashAttention,
      ubatch,
      parallel,
      hardware,
      decodeDepth,
      promptTokens,
      vision,
      draft,
      mtp: v.mtp,
      draftMax,
    },
    { smallerModels: familyOf(model) },
  );
  // Quality of the chosen format: this model's published measurement, else a similar model's (labelled).
  const q = qualityFor(readQualitySets(), model.id ?? '', format);
  const quality = q && {
    kld: q.kld,
    pplDelta: q.pplDelta,
    basis: q.basis,
    measuredOn: q.measuredModel,
    source: q.source,
  };
  return {
    text: v.json === true ? JSON.stringify({ ...toJson(e, hardware), quality }, null, 2) : table(e, hardware),
  };
}

/** A model from a catalog id or a config.json path ("org/Model/config.json" is named after its folder). */
function loadModel(ref: string): ModelSpec {
  if (!/\.json$/i.test(ref)) return modelFromCatalog(ref, readEntry('models', ref) as CatalogModel);
  const parts = ref.replace(/\\/g, '/').split('/');
  const file = parts.at(-1) ?? '';
  const name = file === 'config.json' ? (parts.at(-2) ?? 'model') : file.replace(/\.json$/i, '');
  return parseHfConfig(readJson(ref), name === '.' || name === '' ? 'model' : name).model;
}

/** Catalog models of the same family as `model` (for "run a smaller model instead" advice). */
function familyOf(model: ModelSpec): ModelSpec[] {
  return listIds('models')
    .map((id) => modelFromCatalog(id, readEntry('models', id) as CatalogModel))
    .filter((m) => m.id !== model.id && sameFamily(model, m));
}

function onOff(name: string, v: string | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  const s = v.toLowerCase();
  if (s === 'on' || s === '1' || s === 'true') return true;
  if (s === 'off' || s === '0' || s === 'false') return false;
  throw new UsageError(`--${name} must be on or off (got "${v}").`);
}

function toJson(e: Estimate, hw: HardwareSetup | undefined): Record<string, unknown> {
  const fit = e.fit;
  return {
    units: { memory: 'bytes', speed: 'tokens per second', display: MEMORY_UNIT_NOTE },
    model: e.modelName,
    format: e.format,
    context: e.context,
    contextPerSequence: e.contextPerSequence,
    kvType: e.kvType,
    kvTypeV: e.kvTypeV,
    flashAttention: e.flashAttention,
    ubatch: e.ubatch,
    parallel: e.parallel,
    paramsTotal: e.paramsTotal,
    paramsActive: e.paramsActive,
    weightsBytes: e.weightsBytes,
    weightsSource: e.weightsSource,
    weightsOnGpuBytes: e.weightsOnGpuBytes,
    weightsInRamBytes: e.weightsInRamBytes,
    kvCacheBytes: e.kvCacheBytes,
    recurrentStateBytes: e.recurrentStateBytes,
    recurrentStateNote:
      e.recurrentLayers > 0
        ? `fixed per sequence (${e.recurrentLayers} recurrent layers); does not grow with context`
        : null,
    visionBytes: e.visionBytes,
    draftBytes: e.draftBytes,
    mtpBytesInFile: e.weights.mtpBytes,
    computeBytes: e.computeBytes,
    overheadBytes: e.overheadBytes,
    marginBytes: e.marginBytes,
    totalBytes: e.totalBytes,
    ...(hw !== undefined && fit !== undefined
      ? {
          hardware: hw.name,
          verdict: fit.verdict,
          verdictLabel: fit.label,
          summary: fit.summary,
          gpuLayers: fit.gpuLayers,
          totalLayers: fit.totalLayers,
          outputOnGpu: fit.outputOnGpu,
          cpuMoeLayers: fit.cpuMoeLayers,
          requiredBytes: fit.requiredBytes,
          availableBytes: fit.availableBytes,
          devices: fit.devices,
          ram: fit.ram,
          decodeDepth: e.decodeDepth,
          tokensPerSecond: e.tokensPerSecond ?? null,
          tokensPerSecondAtFullContext: e.tokensPerSecondAtFullContext ?? null,
          promptTokensPerSecond: e.promptTokensPerSecond ?? null,
          promptTokens: e.promptTokens,
          timeToFirstTokenSeconds: e.timeToFirstTokenSeconds ?? null,
          speculative: e.speculative ?? null,
          maxContextByKvType: e.maxContextByKvType ?? null,
          serverDefaults: e.serverDefaults ?? null,
          speedNote: 'estimate',
          advice: e.advice,
        }
      : {}),
    commands: e.commands,
    notes: e.notes,
    assumptions: e.assumptions,
  };
}

function table(e: Estimate, hw: HardwareSetup | undefined): string {
  const rows: [string, string][] = [];
  const add = (k: string, val: string): void => {
    rows.push([k, val]);
  };
  add('Model', e.modelName);
  add(
    'Format',
    `${e.formatLabel} (weights ${e.weightsSource === 'file' ? 'from the real file size' : 'simulated per tensor'})`,
  );
  add(
    'Context',
    `${e.context} tokens${e.parallel > 1 ? ` (${e.parallel} sequences x ${e.contextPerSequence})` : ''}, KV ${e.kvType}/${e.kvTypeV}, flash attention ${e.flashAttention ? 'on' : 'off'}`,
  );
  add(`Weights (${MEMORY_UNIT})`, formatGiB(e.weightsBytes));
  add(`KV cache (${MEMORY_UNIT})`, formatGiB(e.kvCacheBytes));
  if (e.recurrentLayers > 0)
    add(
      `Recurrent state (${MEMORY_UNIT})`,
      `${formatGiB(e.recurrentStateBytes)} (${e.recurrentLayers} layers; does not grow with context)`,
    );
  if (e.visionBytes > 0) add(`Vision projector (${MEMORY_UNIT})`, formatGiB(e.visionBytes));
  if (e.draftBytes > 0) add(`Speculative extras (${MEMORY_UNIT})`, formatGiB(e.draftBytes));
  add(`Compute buffer (${MEMORY_UNIT})`, formatGiB(e.computeBytes));
  add(`Runtime overhead (${MEMORY_UNIT})`, formatGiB(e.overheadBytes));
  add(`Total (${MEMORY_UNIT})`, formatGiB(e.totalBytes));
  add(`Safety margin (${MEMORY_UNIT})`, formatGiB(e.marginBytes));
  const fit = e.fit;
  if (hw !== undefined && fit !== undefined) {
    add('Hardware', hw.name);
    add('Verdict', `${fit.label}: ${fit.summary}`);
    add(
      'GPU layers',
      `${fit.gpuLayers} / ${fit.totalLayers}${fit.cpuMoeLayers > 0 ? `, experts of ${fit.cpuMoeLayers} layers in RAM` : ''}`,
    );
    for (const d of fit.devices)
      add(
        `  ${d.name}`,
        `${formatBytes(d.usedBytes)} used of ${formatBytes(d.usableBytes)} usable, ${d.layers} layers`,
      );
    if (fit.ram.weightsBytes + fit.ram.kvBytes > 0)
      add('  System RAM', `${formatBytes(fit.ram.usedBytes)} used of ${formatBytes(fit.ram.usableBytes)} usable`);
    if (e.tokensPerSecond !== undefined) {
      add(`Generation speed at ${e.decodeDepth} tokens`, formatSpeedRange(e.tokensPerSecond));
      if (e.tokensPerSecondAtFullContext !== undefined)
        add(`  with the context full (${e.contextPerSequence})`, formatSpeedRange(e.tokensPerSecondAtFullContext));
    }
    if (e.speculative !== undefined)
      add(
        `  with ${e.speculative.kind === 'mtp' ? 'MTP' : 'a draft model'}`,
        `${formatSpeedRange(e.speculative.tokensPerSecond)} (x${e.speculative.speedup.low.toFixed(2)}-${e.speculative.speedup.high.toFixed(2)} at ${e.speculative.acceptance.low * 100}-${e.speculative.acceptance.high * 100}% acceptance)`,
      );
    if (e.timeToFirstTokenSeconds !== undefined)
      add(
        `Time to first token`,
        `~${e.timeToFirstTokenSeconds.toFixed(2)} s for ${e.promptTokens} prompt tokens (estimate)`,
      );
    if (e.promptTokensPerSecond !== undefined)
      add(
        'Prompt processing',
        `~${formatTokensPerSecond(e.promptTokensPerSecond.low)}–${formatTokensPerSecond(e.promptTokensPerSecond.high)} tok/s (estimate)`,
      );
    if (e.maxContextByKvType !== undefined)
      add(
        'Largest context on GPU',
        Object.entries(e.maxContextByKvType)
          .map(([k, n]) => `${k} ${n}`)
          .join(', '),
      );
    if (e.serverDefaults) add('llama-server, no flags', e.serverDefaults.summary);
    e.advice.forEach((a, i) =>
      add(
        i === 0 ? 'Advice' : '',
        `${i + 1}. [${a.cost}] ${a.title} → ${verdictLabel(a.verdict)}. ${a.detail}${a.command ? ` Run: ${a.command}` : ''}`,
      ),
    );
  }
  if (e.commands.llamaCpp !== '') add('llama.cpp', e.commands.llamaCpp);
  if (e.commands.ollama.length > 0) add('Ollama', e.commands.ollama.join(' | '));
  if (e.commands.mlx !== null) add('MLX', e.commands.mlx);
  if (e.commands.vllm !== null) add('vLLM', e.commands.vllm);
  for (const n of [...e.notes, ...e.assumptions]) add('Note', n);
  const w = Math.max(...rows.map((r) => r[0].length));
  return [...rows.map(([k, val]) => `${k.padEnd(w)}  ${val}`), `(${MEMORY_UNIT_NOTE}; speeds are estimates)`].join(
    '\n',
  );
}

try {
  const { text } = run(process.argv.slice(2));
  process.stdout.write(`${text}\n`);
} catch (err) {
  const msg = (err as Error).message.replace(/\s*\n\s*/g, ' ');
  process.stderr.write(`error: ${msg}\n`);
  process.exitCode = err instanceof UsageError ? 2 : 1;
}
