/**
 * Build-time fit answers: maps catalog entries to engine inputs (src/lib/catalog.ts) and runs the
 * engine. Every fit or speed number a page prints comes through here or through the island, which
 * calls the same src/lib functions, so the two can never disagree.
 */
import { estimate, hardwareFromCatalog, modelFromCatalog, type Estimate, type HardwareSetup, type ModelSpec } from '../lib/engine.ts';
import { bestFormat, defaultContext, type BestFormat } from '../lib/recommend.ts';
import { verdictRank } from '../lib/verdicts.ts';
import { getCatalog, one, type Entry } from './catalog.ts';

const modelSpecs = new Map<string, ModelSpec>();
const hardwareSetups = new Map<string, HardwareSetup>();

/** Engine input for a catalog model (cached per build). */
export function modelSpec(entry: Entry<'models'>): ModelSpec {
  let spec = modelSpecs.get(entry.id);
  if (!spec) {
    spec = modelFromCatalog(entry.id, entry.data);
    modelSpecs.set(entry.id, spec);
  }
  return spec;
}

/** Engine input for a catalog hardware entry, with the engine's default host RAM (cached per build). */
export function hardwareSetup(entry: Entry<'hardware'>): HardwareSetup {
  let setup = hardwareSetups.get(entry.id);
  if (!setup) {
    setup = hardwareFromCatalog(entry.id, entry.data);
    hardwareSetups.set(entry.id, setup);
  }
  return setup;
}

export interface FitQuery {
  model: string;
  hardware: string;
  format?: string | undefined;
  context?: number | undefined;
  kvType?: 'f16' | 'q8_0' | 'q4_0' | undefined;
}

/**
 * The full estimate (with advice and commands) for ids from content or MDX.
 * @throws when an id does not exist (naming `usedBy`) or the format is unknown.
 */
export async function fitFor(query: FitQuery, usedBy: string): Promise<{ model: Entry<'models'>; hardware: Entry<'hardware'>; estimate: Estimate }> {
  const model = await one('models', query.model, usedBy);
  const hardware = await one('hardware', query.hardware, usedBy);
  const context = query.context ?? defaultContext(model.data.contextLength);
  return {
    model,
    hardware,
    estimate: estimate({
      model: modelSpec(model),
      hardware: hardwareSetup(hardware),
      format: query.format ?? 'Q4_K_M',
      context,
      kvType: query.kvType,
    }),
  };
}

export interface PairAnswer {
  model: Entry<'models'>;
  hardware: Entry<'hardware'>;
  context: number;
  best: BestFormat;
  /** The best format's estimate with advice and commands. */
  estimate: Estimate;
}

/** The answer for one model x hardware pair at the default context. */
export function pairAnswer(model: Entry<'models'>, hardware: Entry<'hardware'>): PairAnswer {
  const context = defaultContext(model.data.contextLength);
  const spec = modelSpec(model);
  const setup = hardwareSetup(hardware);
  const best = bestFormat(spec, setup, context);
  return { model, hardware, context, best, estimate: estimate({ model: spec, hardware: setup, format: best.format, context }) };
}

/** Every model x hardware pair, for the answer pages (model-major order). */
export async function allPairs(): Promise<PairAnswer[]> {
  const { models, hardware } = await getCatalog();
  return models.flatMap((m) => hardware.map((h) => pairAnswer(m, h)));
}

/** Pairs for one model or one hardware entry, best verdict first, then fastest. */
export function sortPairs(pairs: PairAnswer[]): PairAnswer[] {
  return [...pairs].sort(
    (a, b) =>
      verdictRank(a.estimate.fit!.verdict) - verdictRank(b.estimate.fit!.verdict) ||
      (b.estimate.tokensPerSecond?.expected ?? 0) - (a.estimate.tokensPerSecond?.expected ?? 0),
  );
}

/** Model size classes for "what fits" lists, by total parameters. */
export const SIZE_CLASSES = [
  { id: 'small', label: 'Small (under 5B parameters)', max: 5e9 },
  { id: 'medium', label: 'Medium (5B to 10B)', max: 10.5e9 },
  { id: 'large', label: 'Large (10B to 35B)', max: 35e9 },
  { id: 'xl', label: 'Very large (over 35B)', max: Infinity },
] as const;

/** For one hardware entry: every model's best format at 8K and 32K, grouped by size class. */
export async function whatFits(hardware: Entry<'hardware'>) {
  const { models } = await getCatalog();
  const setup = hardwareSetup(hardware);
  const rows = models
    .map((m) => {
      const spec = modelSpec(m);
      const at = (ctx: number) => (ctx <= m.data.contextLength ? bestFormat(spec, setup, ctx) : undefined);
      return { model: m, short: at(8192) ?? at(m.data.contextLength)!, long: at(32768) };
    })
    .sort((a, b) => a.model.data.paramsTotal - b.model.data.paramsTotal);
  let lower = 0;
  return SIZE_CLASSES.map((size) => {
    const items = rows.filter((r) => r.model.data.paramsTotal >= lower && r.model.data.paramsTotal < size.max);
    lower = size.max;
    return { ...size, items };
  }).filter((g) => g.items.length > 0);
}

/** For one model: its best format and verdict on every hardware entry of each tier, at the default context. */
export async function runsWellOn(model: Entry<'models'>, tiers: { id: string; label: string; items: Entry<'hardware'>[] }[]) {
  return tiers.map((tier) => ({ ...tier, answers: tier.items.map((h) => pairAnswerLite(model, h)) }));
}

function pairAnswerLite(model: Entry<'models'>, hardware: Entry<'hardware'>) {
  const context = defaultContext(model.data.contextLength);
  return { hardware, context, best: bestFormat(modelSpec(model), hardwareSetup(hardware), context) };
}
