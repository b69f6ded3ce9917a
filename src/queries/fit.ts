/**
 * Build-time fit answers: maps catalog entries to engine inputs (src/lib/catalog.ts) and runs the
 * engine. Every fit or speed number a page prints comes through here or through the island, which
 * calls the same src/lib functions, so the two can never disagree.
 */
import {
  estimate,
  estimateCore,
  sameFamily,
  hardwareFromCatalog,
  modelFromCatalog,
  type Estimate,
  type HardwareSetup,
  type ModelSpec,
} from '../lib/engine.ts';
import { bestFormat, defaultContext, type BestFormat } from '../lib/recommend.ts';
import { verdictRank } from '../lib/engine/verdicts.ts';
import { getCatalog, one, type Entry } from './catalog.ts';

/** Per-build cache: entries, setups and best formats are computed once however many pages ask. */
const cache = new Map<string, unknown>();
function cached<T>(key: string, make: () => T): T {
  if (!cache.has(key)) cache.set(key, make());
  return cache.get(key) as T;
}

/** Engine input for a catalog model. */
export function modelSpec(entry: Entry<'models'>): ModelSpec {
  return cached(`model:${entry.id}`, () => modelFromCatalog(entry.id, entry.data));
}

/** Engine input for a catalog hardware entry, with the engine's default host RAM. */
export function hardwareSetup(entry: Entry<'hardware'>): HardwareSetup {
  return cached(`hardware:${entry.id}`, () => hardwareFromCatalog(entry.id, entry.data));
}

/** Catalog models of the same family line as `entry` (for "run a smaller model instead" advice). */
export async function familyOf(entry: Entry<'models'>): Promise<ModelSpec[]> {
  const { models } = await getCatalog();
  const self = modelSpec(entry);
  return models
    .filter((m) => m.id !== entry.id)
    .map(modelSpec)
    .filter((m) => sameFamily(self, m));
}

/** The recommended format for a pair at a context (see bestFormat in src/lib/recommend.ts). */
export function bestFor(model: Entry<'models'>, hardware: Entry<'hardware'>, context: number): BestFormat {
  return cached(`best:${model.id}:${hardware.id}:${context}`, () =>
    bestFormat(modelSpec(model), hardwareSetup(hardware), context),
  );
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
export async function fitFor(
  query: FitQuery,
  usedBy: string,
): Promise<{ model: Entry<'models'>; hardware: Entry<'hardware'>; estimate: Estimate }> {
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

/** The answer for one model x hardware pair at the default context; `siblings` feed the smaller-model advice. */
export function pairAnswer(
  model: Entry<'models'>,
  hardware: Entry<'hardware'>,
  siblings: readonly ModelSpec[] = [],
): PairAnswer {
  const context = defaultContext(model.data.contextLength);
  const best = bestFor(model, hardware, context);
  return {
    model,
    hardware,
    context,
    best,
    estimate: estimate(
      { model: modelSpec(model), hardware: hardwareSetup(hardware), format: best.format, context },
      { smallerModels: siblings },
    ),
  };
}

/** Every model x hardware pair, for the answer pages (model-major order). */
export async function allPairs(): Promise<PairAnswer[]> {
  const { models, hardware } = await getCatalog();
  const out: PairAnswer[] = [];
  for (const m of models) {
    const siblings = await familyOf(m);
    for (const h of hardware) out.push(pairAnswer(m, h, siblings));
  }
  return out;
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

/** For one hardware entry: every model's best format at its default context (8K or its maximum) and at 32K, by size class. */
export async function whatFits(hardware: Entry<'hardware'>) {
  const { models } = await getCatalog();
  const rows = models
    .map((m) => {
      const at = (ctx: number) => (ctx <= m.data.contextLength ? bestFor(m, hardware, ctx) : undefined);
      return { model: m, short: bestFor(m, hardware, defaultContext(m.data.contextLength)), long: at(32768) };
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
export async function runsWellOn(
  model: Entry<'models'>,
  tiers: { id: string; label: string; items: Entry<'hardware'>[] }[],
) {
  const context = defaultContext(model.data.contextLength);
  return tiers.map((tier) => ({
    ...tier,
    answers: tier.items.map((hardware) => ({ hardware, context, best: bestFor(model, hardware, context) })),
  }));
}

/**
 * Memory a model needs in each format at a context, with no hardware (what MDX's <MemoryTable>
 * prints). @throws when the model id or a format is unknown, naming `usedBy`.
 */
export async function memoryByFormat(
  modelId: string,
  formats: readonly string[],
  context: number | undefined,
  usedBy: string,
) {
  const model = await one('models', modelId, usedBy);
  const ctx = context ?? defaultContext(model.data.contextLength);
  if (ctx > model.data.contextLength)
    throw new Error(`${usedBy}: ctx ${ctx} is over ${model.id}'s maximum context of ${model.data.contextLength}`);
  const rows = formats.map((format) => {
    try {
      return estimateCore({ model: modelSpec(model), format, context: ctx });
    } catch (error) {
      throw new Error(`${usedBy}: ${(error as Error).message}`);
    }
  });
  return { model, context: ctx, rows };
}

/**
 * How the catalog's models fare on one machine at a context: every model's best format (see
 * bestFormat), largest first, for MDX's <FitsOn>. @throws on an unknown hardware id.
 */
export async function fitsOn(hardwareId: string, context: number, usedBy: string) {
  const hardware = await one('hardware', hardwareId, usedBy);
  const { models } = await getCatalog();
  const rows = models
    .filter((m) => m.data.contextLength >= context)
    .map((model) => ({ model, best: bestFor(model, hardware, context) }))
    .sort((a, b) => b.model.data.paramsTotal - a.model.data.paramsTotal);
  return { hardware, context, rows };
}

/** A claim's outcome word for an engine verdict (see CLAIM_OUTCOMES in src/schemas/quick-answers.ts). */
export function claimOutcome(verdict: string): 'on-gpu' | 'offload' | 'cpu-only' | 'wont-run' {
  if (verdict === 'fits' || verdict === 'tight') return 'on-gpu';
  if (verdict === 'partial-offload') return 'offload';
  return verdict === 'cpu-only' ? 'cpu-only' : 'wont-run';
}

/**
 * Recomputes a quick answer's claims. @throws naming the file and the claim when the engine's
 * answer differs from what the prose states.
 */
export async function checkClaims(
  file: string,
  claims: readonly { model: string; hardware: string; format: string; ctx: number; outcome: string }[],
) {
  return Promise.all(
    claims.map(async (claim) => {
      const { model, hardware, estimate } = await fitFor(
        { model: claim.model, hardware: claim.hardware, format: claim.format, context: claim.ctx },
        `${file} claims`,
      );
      const actual = claimOutcome(estimate.fit!.verdict);
      if (actual !== claim.outcome)
        throw new Error(
          `${file}: claim "${claim.model} on ${claim.hardware} at ${claim.format}, ${claim.ctx} tokens: ${claim.outcome}" no longer holds; the engine says ${actual} (${estimate.fit!.verdict}). Update the answer's prose and the claim.`,
        );
      return { claim, model, hardware, estimate };
    }),
  );
}
