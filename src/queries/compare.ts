/**
 * Compare: the model sets, the popular pairs that get static pages, and the data both the pages
 * and the /compare/ island use (the island fetches /compare/data.json; models come from the
 * checker's catalog JSON).
 */
import { customSpecs, modelRows, specRows, type CompareSpecs, type ModelRow, type SpecRow } from '../lib/compare.ts';
import { CUSTOM, type CompareState } from '../lib/compare-state.ts';
import { COMPARE_DEFAULTS, COMPARE_PAIRS, MODEL_SETS, pairSlug } from './compare-config.ts';

export { COMPARE_DEFAULTS, COMPARE_PAIRS, MODEL_SETS, pairSlug };
import { estimateEngine, gpuSetup, type HardwareSetup } from '../lib/engine.ts';
import { memoryKindLabel } from '../lib/taxonomy.ts';
import { getCatalog, type Entry } from './catalog.ts';
import { hardwareSetup, modelSpec } from './fit.ts';

/** The model set that suits the largest machine of a comparison. */
export function setFor(hardware: readonly Entry<'hardware'>[]): string {
  const max = Math.max(...hardware.map((h) => h.data.memoryGiB));
  return max >= 64 ? 'large' : max >= 20 ? 'mid' : 'everyday';
}

export function compareSpecs(h: Entry<'hardware'>): CompareSpecs {
  const d = h.data;
  return {
    name: d.name,
    memoryGiB: d.memoryGiB,
    memoryLabel: memoryKindLabel(d.kind),
    bandwidthGBs: d.bandwidthGBs,
    fp16Tflops: d.fp16Tflops ?? null,
    tdpW: d.tdpW ?? null,
    msrpUsd: d.msrpUsd ?? null,
    marketUsd: d.marketPrice?.usd ?? null,
    marketMonth: d.marketPrice?.observedMonth ?? null,
    backends: d.backends.join(', '),
  };
}

/**
 * How the catalog's market prices were gathered, one entry per source site: its bases, the most
 * used first (a month with a narrower basis, such as one marketplace only, says so in its basis).
 */
export async function marketPriceSources(): Promise<{ url: string; title: string; bases: string[] }[]> {
  const { hardware } = await getCatalog();
  const bySite = new Map<string, { url: string; title: string; uses: Map<string, number> }>();
  for (const h of hardware) {
    const u = h.data.marketPrice;
    if (!u) continue;
    const title = new URL(u.source.url).hostname.replace(/^www\./, '');
    const site = bySite.get(title) ?? bySite.set(title, { url: u.source.url, title, uses: new Map() }).get(title)!;
    site.uses.set(u.basis, (site.uses.get(u.basis) ?? 0) + 1);
  }
  return [...bySite.values()].map(({ url, title, uses }) => ({
    url,
    title,
    bases: [...uses].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([basis]) => basis),
  }));
}

/** Measured decode tok/s by "model|hardware|format" (empty context rows, fastest kept). */
export async function measuredDecode(): Promise<Record<string, number>> {
  const { benchmarks } = await getCatalog();
  const out: Record<string, number> = {};
  for (const b of benchmarks) {
    if (b.data.depth > 0) continue;
    const key = `${b.data.model}|${b.data.hardware}|${b.data.format}`;
    out[key] = Math.max(out[key] ?? 0, b.data.decodeTokS);
  }
  return out;
}

export interface CompareView {
  names: string[];
  ids: string[];
  specs: SpecRow[];
  models: ModelRow[];
}

/** The comparison for a state, as the island computes it (custom machine included). */
export async function compareView(state: CompareState): Promise<CompareView> {
  const { hardware, models } = await getCatalog();
  const byId = new Map(hardware.map((h) => [h.id, h]));
  const set = MODEL_SETS.find((s) => s.id === state.set) ?? MODEL_SETS[1];
  const specs = (set.models as readonly string[])
    .map((id) => models.find((m) => m.id === id))
    .filter((m): m is Entry<'models'> => m !== undefined)
    .map(modelSpec);
  const machines: HardwareSetup[] = [];
  const specCols: CompareSpecs[] = [];
  for (const id of state.hw) {
    if (id === CUSTOM) {
      const vram = state.vram ?? 24;
      const bw = state.bw ?? 1000;
      const custom = customSpecs(vram, bw);
      machines.push(gpuSetup({ name: custom.name, vramGiB: vram, bandwidthGBs: bw }));
      specCols.push(custom);
      continue;
    }
    const h = byId.get(id)!;
    machines.push(hardwareSetup(h));
    specCols.push(compareSpecs(h));
  }
  const measured = await measuredDecode();
  return {
    names: specCols.map((s) => s.name),
    ids: state.hw,
    specs: specRows(specCols),
    models: modelRows(
      estimateEngine,
      machines,
      specs,
      state.ctx,
      (model, i, format) => measured[`${model}|${state.hw[i]}|${format}`],
      { minTokensPerSecond: state.floor },
    ),
  };
}

/** The island's data: spec columns of every catalog machine, the sets, measured speeds. */
export async function comparePayload() {
  const { hardware, models } = await getCatalog();
  const inSets = new Set<string>(MODEL_SETS.flatMap((s) => s.models));
  return {
    modelNames: Object.fromEntries(models.filter((m) => inSets.has(m.id)).map((m) => [m.id, m.data.name])),
    specs: Object.fromEntries(hardware.map((h) => [h.id, compareSpecs(h)])),
    sets: MODEL_SETS.map((s) => ({ id: s.id, models: [...s.models] })),
    measured: await measuredDecode(),
    defaults: await compareDefaults(),
  };
}
export type ComparePayload = Awaited<ReturnType<typeof comparePayload>>;

/** Static paths of the popular pairs, each with a one-line lede computed from the engine. */
export async function comparePairPaths() {
  const { hardware } = await getCatalog();
  const byId = new Map(hardware.map((h) => [h.id, h]));
  // Pairs whose machines this catalog lacks are skipped (a test content tree has few entries).
  const present = COMPARE_PAIRS.filter(([ia, ib]) => byId.has(ia) && byId.has(ib));
  return Promise.all(
    present.map(async ([ia, ib]) => {
      const a = byId.get(ia)!;
      const b = byId.get(ib)!;
      const state: CompareState = { hw: [ia, ib], set: setFor([a, b]), ctx: COMPARE_DEFAULTS.ctx };
      const view = await compareView(state);
      const runs = (i: number) => view.models.filter((r) => ['fits', 'tight'].includes(r.cells[i]!.verdict)).length;
      const set = MODEL_SETS.find((s) => s.id === state.set)!;
      const lede = `Of ${view.models.length} ${set.label.toLowerCase().replace(/ \(.*\)$/, '')} at 16K tokens of context, the ${a.data.name} runs ${runs(0)} fully on its GPU and the ${b.data.name} runs ${runs(1)}; below, the specs and the estimated speed of each.`;
      return { params: { pair: pairSlug(ia, ib) }, props: { a, b, state, lede } };
    }),
  );
}

/** COMPARE_DEFAULTS when the catalog has its machines, else its first two entries. */
export async function compareDefaults(): Promise<CompareState> {
  const { hardware } = await getCatalog();
  const ids = new Set(hardware.map((h) => h.id));
  if (COMPARE_DEFAULTS.hw.every((id) => ids.has(id))) return COMPARE_DEFAULTS;
  const first = hardware.slice(0, 2).map((h) => h.id);
  return { ...COMPARE_DEFAULTS, hw: first.length === 2 ? first : [first[0]!, first[0]!] };
}

/** The popular pairs this catalog has both machines of. */
export async function comparePairs(): Promise<[string, string][]> {
  const { hardware } = await getCatalog();
  const ids = new Set(hardware.map((h) => h.id));
  return COMPARE_PAIRS.filter(([a, b]) => ids.has(a) && ids.has(b));
}
