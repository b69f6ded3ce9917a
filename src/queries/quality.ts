/** Quality figures for pages: the catalog's quality sets mapped through src/lib/quality.ts. */
import { getCatalog, type Entry } from './catalog.ts';
import { modelSpec } from './fit.ts';
import { publisherFiles, qualityFor, type QualityFigure, type QualitySetData } from '../lib/quality.ts';
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
