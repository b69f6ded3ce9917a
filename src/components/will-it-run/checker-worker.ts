/**
 * The checker's second thread, started on the first change (or when the paste box opens): it
 * parses pasted config.json files and computes what the page-load island leaves out: the ranked
 * advice, llama.cpp's launch plan, the run commands and the memory/speed chart, which cost much
 * code and many estimates.
 * The server-rendered first answer already shows both, so the page's budgeted JavaScript never
 * needs them. (A worker rather than import(), because Vite wraps dynamic imports in a preload
 * helper that would itself cost the page about 1 KB gzip.)
 *
 * Messages in: { kind: 'config', text } or { kind: 'extras', id, input, smallerModels, maxContext }.
 * Messages out: WorkerReply, plain data only.
 */
import { buildAdvice } from '../../lib/advice.ts';
import { chartView, type ChartView } from '../../lib/chart.ts';
import { extrasView, type ExtrasView } from '../../lib/answer.ts';
import { NO_COMMANDS, buildCommands } from '../../lib/commands.ts';
import { estimateEngine, estimateOutcome, type EstimateInput } from '../../lib/engine/fit.ts';
import { parseHfConfig } from '../../lib/engine/hf-config.ts';
import type { HardwareSetup } from '../../lib/engine/hardware.ts';
import { maxContextByKvType, serverDefaults } from '../../lib/engine/launch-plan.ts';
import type { ModelSpec } from '../../lib/engine/model.ts';
import { qualityFor, qualitySentence, type QualitySetData } from '../../lib/quality.ts';

/** Published quality measurements, fetched once (the answer's quality sentence; none if it fails). */
const qualityData: Promise<{ sets: QualitySetData[]; names: Record<string, string> }> = fetch(
  new URL('/will-it-run/quality.json', self.location.origin),
)
  .then((r) => r.json() as Promise<{ sets: QualitySetData[]; names: Record<string, string> }>)
  .catch(() => ({ sets: [], names: {} }));

export type WorkerRequest =
  | { kind: 'config'; text: string }
  | {
      kind: 'extras';
      id: number;
      input: EstimateInput & { hardware: HardwareSetup };
      smallerModels: ModelSpec[];
      /** The model's maximum context: the chart's last stop. */
      maxContext: number;
    };

export type WorkerReply =
  | { kind: 'config'; model?: ModelSpec; summary?: string; error?: string }
  | { kind: 'extras'; id: number; view: ExtrasView; chart: ChartView };

async function reply(message: WorkerRequest): Promise<WorkerReply> {
  if (message.kind === 'config') {
    try {
      const parsed = parseHfConfig(JSON.parse(message.text), 'Pasted model');
      return {
        kind: 'config',
        model: { ...parsed.model, id: 'pasted' },
        summary: `Using the pasted ${parsed.modelType || 'model'} config (${parsed.architecture.layers} layers); Copy link keeps it.`,
      };
    } catch (err) {
      return {
        kind: 'config',
        error: `Could not use this config: ${err instanceof SyntaxError ? 'it is not valid JSON' : (err as Error).message}`,
      };
    }
  }
  const { input, id, smallerModels, maxContext } = message;
  const e = estimateEngine(input);
  const gguf = e.formatFamily === 'gguf' && input.hardware.devices.length > 0;
  const chart = chartView(
    { model: input.model, format: input.format, kvType: input.kvType, hardware: input.hardware },
    input.context,
    maxContext,
  );
  return {
    kind: 'extras',
    id,
    chart,
    view: extrasView(
      {
        advice: e.fit && e.fit.verdict !== 'fits' ? buildAdvice(input, e, estimateOutcome, { smallerModels }) : [],
        commands: buildCommands(e, input),
        maxContextByKvType: gguf ? maxContextByKvType(input) : undefined,
        serverDefaults: gguf ? serverDefaults(input) : undefined,
      },
      await qualityLine(input.model.id ?? '', e.format),
    ),
  };
}

async function qualityLine(modelId: string, format: string): Promise<string> {
  const { sets, names } = await qualityData;
  return qualitySentence(qualityFor(sets, modelId, format), names);
}

/** What a failed request draws: no curves, no ticks. */
const EMPTY_CHART: ChartView['geometry'] = {
  width: 600,
  height: 220,
  curve: '',
  usableY: null,
  marker: { x: -10, y: -10 },
  xTicks: [],
  yTicks: [],
  speedCurve: '',
  speedMax: 0,
};

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  let out: WorkerReply;
  try {
    out = await reply(event.data);
  } catch (err) {
    out =
      event.data.kind === 'config'
        ? { kind: 'config', error: (err as Error).message }
        : {
            kind: 'extras',
            id: event.data.id,
            view: extrasView({ advice: [], commands: NO_COMMANDS }),
            chart: { geometry: EMPTY_CHART, label: 'The chart could not be drawn for this choice.' },
          };
  }
  self.postMessage(out);
};
