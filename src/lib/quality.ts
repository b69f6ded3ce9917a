/**
 * What a format costs in quality: published KL-divergence / perplexity measurements per model and
 * format (content/quality). Pure. A model without its own measurement gets the figure measured on
 * the most complete reference set of another model, labelled "similar model", never as its own.
 */

export interface QualityRowData {
  format: string;
  publisher?: string | null | undefined;
  kld?: number | null | undefined;
  pplDelta?: number | null | undefined;
}
export interface QualitySetData {
  model: string;
  reference: string;
  dataset: string;
  ctx: number;
  measuredBy: string;
  measuredOn?: string | null | undefined;
  rows: readonly QualityRowData[];
  sources: readonly { url: string }[];
}

export interface QualityFigure {
  format: string;
  kld: number | null;
  pplDelta: number | null;
  /** "this model": measured on it; "similar model": a per-type figure from another model's measurement. */
  basis: 'this model' | 'similar model';
  /** Catalog id of the model the measurement was made on. */
  measuredModel: string;
  reference: string;
  dataset: string;
  ctx: number;
  measuredBy: string;
  source: string;
}

/** Sets with the most generic (publisher-less) KLD rows first: the best per-type reference. */
function byCompleteness(a: QualitySetData, b: QualitySetData): number {
  const score = (s: QualitySetData) => s.rows.filter((r) => r.kld != null && !r.publisher).length;
  return score(b) - score(a) || a.model.localeCompare(b.model);
}

function figure(set: QualitySetData, row: QualityRowData, basis: QualityFigure['basis']): QualityFigure {
  return {
    format: row.format,
    kld: row.kld ?? null,
    pplDelta: row.pplDelta ?? null,
    basis,
    measuredModel: set.model,
    reference: set.reference,
    dataset: set.dataset,
    ctx: set.ctx,
    measuredBy: set.measuredBy,
    source: set.sources[0]!.url,
  };
}

/**
 * The quality figure for a model's format: this model's own generic row (KLD preferred), else the
 * same format from the most complete set measured on another model. Null when nothing was measured.
 */
export function qualityFor(sets: readonly QualitySetData[], modelId: string, format: string): QualityFigure | null {
  const fmt = format.toUpperCase();
  const rowIn = (s: QualitySetData) => s.rows.find((r) => r.format.toUpperCase() === fmt && !r.publisher);
  const own = sets.filter((s) => s.model === modelId && rowIn(s)).sort(byCompleteness);
  const withKld = own.find((s) => rowIn(s)!.kld != null) ?? own[0];
  if (withKld) return figure(withKld, rowIn(withKld)!, 'this model');
  const other = sets.filter((s) => s.model !== modelId && rowIn(s)?.kld != null).sort(byCompleteness)[0];
  return other ? figure(other, rowIn(other)!, 'similar model') : null;
}

/** Publisher-specific rows (imatrix or "dynamic" files) measured on this model, e.g. unsloth UD-Q4_K_XL. */
export function publisherFiles(
  sets: readonly QualitySetData[],
  modelId: string,
): (QualityFigure & { publisher: string })[] {
  return sets
    .filter((s) => s.model === modelId)
    .flatMap((s) =>
      s.rows
        .filter((r) => r.publisher)
        .map((r) => ({ ...figure(s, r, 'this model' as const), publisher: r.publisher! })),
    );
}

/** "0.0313 KLD" style display, 3 significant digits. */
export function formatKld(kld: number): string {
  return kld >= 0.1 ? kld.toFixed(3) : kld.toPrecision(3);
}

/**
 * One sentence for an answer: "Quality at Q4_K_M: KL divergence 0.0313 from the full-precision
 * model, perplexity +0.175 (measured on Llama 3 8B, a similar model)." '' when nothing was measured.
 * `names` maps catalog ids to display names.
 */
export function qualitySentence(q: QualityFigure | null, names: Readonly<Record<string, string>>): string {
  if (!q) return '';
  const parts = [
    q.kld !== null ? `KL divergence ${formatKld(q.kld)} from the full-precision model` : '',
    q.pplDelta !== null ? `perplexity ${q.pplDelta >= 0 ? '+' : ''}${q.pplDelta.toFixed(3)}` : '',
  ].filter(Boolean);
  const on =
    q.basis === 'this model'
      ? 'measured on this model'
      : `measured on ${names[q.measuredModel] ?? q.measuredModel}, a similar model`;
  return `Quality at ${q.format}: ${parts.join(', ')} (${on}; lower is closer to the original).`;
}
