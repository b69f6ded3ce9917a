/** Quality figures for pages: the catalog's quality sets mapped through src/lib/quality.ts. */
import { getCatalog, type Entry } from './catalog.ts';
import { modelSpec } from './fit.ts';
import {
  publisherFiles,
  qualityFor,
  qualitySentence,
  type QualityFigure,
  type QualitySetData,
} from '../lib/quality.ts';
import { tableFormats } from '../lib/recommend.ts';
import { modelWeights, type FormatId } from '../lib/engine.ts';

export async function qualitySets(): Promise<QualitySetData[]> {
  return (await getCatalog()).quality.map((q) => q.data);
}

export interface FormatQuality {
  format: FormatId;
  /** Weight bytes: the published file when the catalog lists one, else the engine's simulation. */
  bytes: number;
  published: boolean;
  quality: QualityFigure | null;
}

/** One row per format of the model's memory table, with its size and its measured (or similar-model) quality. */
export async function formatQuality(model: Entry<'models'>): Promise<{
  rows: FormatQuality[];
  publisherRows: ReturnType<typeof publisherFiles>;
}> {
  const sets = await qualitySets();
  const spec = modelSpec(model);
  const rows = tableFormats(spec).map((format) => {
    const file = model.data.files.find((f) => f.format === format);
    return {
      format,
      bytes: file?.bytes ?? modelWeights(spec, format).totalBytes,
      published: file !== undefined,
      quality: qualityFor(sets, model.id, format),
    };
  });
  return { rows, publisherRows: publisherFiles(sets, model.id) };
}

/** Names of the models quality sets were measured on (for "measured on X, a similar model"). */
export async function measuredNames(): Promise<Record<string, string>> {
  const { models, quality } = await getCatalog();
  const ids = new Set(quality.map((q) => q.data.model));
  return Object.fromEntries(models.filter((m) => ids.has(m.id)).map((m) => [m.id, m.data.name]));
}

/** The answer's quality sentence for a model id and format. */
export async function qualityTextFor(modelId: string, format: string): Promise<string> {
  return qualitySentence(qualityFor(await qualitySets(), modelId, format), await measuredNames());
}

/** The checker worker's quality data: every set (rows and method only) and the measured models' names. */
export async function qualityPayload() {
  // Only what qualityFor and qualitySentence read: the rows, the measured model and one source.
  const sets: QualitySetData[] = (await qualitySets()).map((q) => ({
    model: q.model,
    reference: q.reference,
    dataset: q.dataset,
    ctx: q.ctx,
    measuredBy: '',
    rows: q.rows.map(({ format, publisher, kld, pplDelta }) => ({ format, publisher, kld, pplDelta })),
    sources: q.sources.slice(0, 1).map(({ url }) => ({ url })),
  }));
  return { sets, names: await measuredNames() };
}
export type QualityPayload = Awaited<ReturnType<typeof qualityPayload>>;
