/**
 * The checker's data: the compact catalog payload the island receives (only what the engine and
 * the form need), the defaults, and the server-rendered first answer.
 */
import type { CatalogHardware, FormatId, ModelSpec } from '../lib/engine.ts';
import { estimate, familyLine } from '../lib/engine.ts';
import { machineFromChoice } from '../lib/machine.ts';
import type { CheckerState } from '../lib/query-state.ts';
import { getCatalog } from './catalog.ts';
import { errorTitles } from './answers.ts';
import { familyOf, modelSpec } from './fit.ts';

/** The first view: a popular model on a popular card, when the catalog has them. */
const PREFERRED_DEFAULTS = { model: 'llama-3.1-8b-instruct', quant: 'Q4_K_M' as FormatId, hw: 'nvidia-rtx-3060-12gb' };

/** Defaults that exist in this catalog (the preferred ids, else the first model and GPU). */
export async function checkerDefaults(): Promise<CheckerPayload['defaults']> {
  const { models, hardware } = await getCatalog();
  const has = (list: { id: string }[], id: string) => list.some((e) => e.id === id);
  return {
    model: has(models, PREFERRED_DEFAULTS.model) ? PREFERRED_DEFAULTS.model : models[0]!.id,
    quant: PREFERRED_DEFAULTS.quant,
    hw: has(hardware, PREFERRED_DEFAULTS.hw)
      ? PREFERRED_DEFAULTS.hw
      : (hardware.find((h) => h.data.kind === 'gpu') ?? hardware[0]!).id,
  };
}

/**
 * The catalog JSON the island fetches after the server-rendered answer (/will-it-run/catalog.json,
 * cacheable, not part of the page's JavaScript). Names are left out: the island takes them from
 * the form's <option> labels, which are the catalog names. Models arrive as engine-ready
 * ModelSpecs (family = the family line, for same-family advice), so the browser does no catalog
 * mapping.
 */
export interface CheckerPayload {
  models: [string, Omit<ModelSpec, 'id' | 'name'>][];
  hardware: [string, Omit<CatalogHardware, 'name'>][];
  errors: Record<string, string>;
  /** Renamed hardware: former id -> current id. */
  formerIds: Record<string, string>;
  defaults: { model: string; quant: FormatId; hw: string };
}

/** Drops null/undefined/empty-array fields so the payload stays small. */
function compact<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value, (_k, v: unknown) => (v === null || (Array.isArray(v) && v.length === 0) ? undefined : v)),
  ) as T;
}

export async function checkerPayload(): Promise<CheckerPayload> {
  const { models, hardware } = await getCatalog();
  return {
    // Engine-ready specs (family inferred and architecture validated here, once, at build time),
    // with only the fields the engine reads.
    models: models.map((m) => {
      const spec = modelSpec(m);
      const { architecture, contextLength, files, ollamaTag, hfRepo, mlxRepo, paramsTotal, vision } = spec;
      // Sizes for the engine; repos so the commands download the file the answer is about.
      const fileSizes = (files ?? []).map(({ format, bytes, repo }) => compact({ format, bytes, repo }));
      const tagsByFormat = spec.ollamaTagsByFormat ?? {};
      const family = familyLine(m.data.family);
      return [
        m.id,
        compact({
          architecture,
          contextLength,
          files: fileSizes,
          ollamaTag,
          ollamaTagFormat: spec.ollamaTagFormat,
          ollamaTagsByFormat: Object.keys(tagsByFormat).length > 0 ? tagsByFormat : undefined,
          hfRepo,
          mlxRepo,
          paramsTotal,
          vision,
          family,
        }),
      ];
    }),
    hardware: hardware.map((h) => {
      const { vendor, kind, memoryGiB, bandwidthGBs, fp16Tflops, backends, memoryType } = h.data;
      // memoryType only when it changes the speed model (HBM: data-centre cards).
      const hbm = /^HBM/i.test(memoryType) ? memoryType : undefined;
      return [h.id, compact({ vendor, kind, memoryGiB, bandwidthGBs, fp16Tflops, backends, memoryType: hbm })];
    }),
    errors: await errorTitles(),
    formerIds: Object.fromEntries(hardware.flatMap((h) => h.data.formerIds.map((old) => [old, h.id]))),
    defaults: await checkerDefaults(),
  };
}

/** The answer for a state, as the island computes it (used for the server-rendered first view). */
export async function checkerEstimate(state: CheckerState) {
  const { models, hardware } = await getCatalog();
  const model = models.find((m) => m.id === state.model)!;
  const machine = machineFromChoice(state, new Map(hardware.map((h) => [h.id, h.data])));
  return {
    machine,
    estimate: estimate(
      { model: modelSpec(model), format: state.quant, context: state.ctx, kvType: state.kv, hardware: machine },
      { smallerModels: await familyOf(model) },
    ),
  };
}
