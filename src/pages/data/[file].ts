import type { GetStaticPaths } from 'astro';
import { toCsv } from '../../lib/csv.ts';
import { DATASETS, datasetCsv, datasetJson, datasetSchema } from '../../queries/open-data.ts';

/** /data/<dataset>.json, .csv and .schema.json for every dataset (see src/queries/open-data.ts). */
export const getStaticPaths = (() =>
  DATASETS.flatMap((dataset) => [
    { params: { file: `${dataset.id}.json` }, props: { dataset, kind: 'json' as const } },
    { params: { file: `${dataset.id}.csv` }, props: { dataset, kind: 'csv' as const } },
    { params: { file: `${dataset.id}.schema.json` }, props: { dataset, kind: 'schema' as const } },
  ])) satisfies GetStaticPaths;

interface Props {
  dataset: (typeof DATASETS)[number];
  kind: 'json' | 'csv' | 'schema';
}

export async function GET({ props }: { props: Props }) {
  const { dataset, kind } = props;
  if (kind === 'csv') {
    const { headers, rows } = await datasetCsv(dataset);
    return new Response(toCsv(headers, rows), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
  }
  const body = kind === 'json' ? await datasetJson(dataset) : datasetSchema(dataset);
  return new Response(JSON.stringify(body, null, 1), {
    headers: { 'Content-Type': kind === 'json' ? 'application/json' : 'application/schema+json' },
  });
}
