/**
 * The only module that reads astro:content. Loads every collection once per build, checks every
 * cross-reference (the build fails on a dangling id) and hands out entries sorted for display.
 */
import { getCollection, type CollectionEntry, type CollectionKey } from 'astro:content';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { contentProblems } from './content-checks.ts';
import { assertReferences, hardwareIdProblems, resolveIds } from './references.ts';

export type Entry<C extends CollectionKey> = CollectionEntry<C>;

export interface Catalog {
  glossary: Entry<'glossary'>[];
  models: Entry<'models'>[];
  hardware: Entry<'hardware'>[];
  tools: Entry<'tools'>[];
  errors: Entry<'errors'>[];
  guides: Entry<'guides'>[];
  learn: Entry<'learn'>[];
  benchmarks: Entry<'benchmarks'>[];
  pulse: Entry<'pulse'>[];
  pages: Entry<'pages'>[];
  cloud: Entry<'cloud'>[];
  apiPrices: Entry<'apiPrices'>[];
  quickAnswers: Entry<'quickAnswers'>[];
  promptingKits: Entry<'promptingKits'>[];
  start: Entry<'start'>[];
  quality: Entry<'quality'>[];
}

const byName = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);

async function load(): Promise<Catalog> {
  const [
    glossary,
    models,
    hardware,
    tools,
    errors,
    guides,
    learn,
    benchmarks,
    pulse,
    pages,
    cloud,
    apiPrices,
    quickAnswers,
    promptingKits,
    start,
    quality,
  ] = await Promise.all([
    getCollection('glossary'),
    getCollection('models'),
    getCollection('hardware'),
    getCollection('tools'),
    getCollection('errors'),
    getCollection('guides'),
    getCollection('learn'),
    getCollection('benchmarks'),
    getCollection('pulse'),
    getCollection('pages'),
    getCollection('cloud'),
    getCollection('apiPrices'),
    getCollection('quickAnswers'),
    getCollection('promptingKits'),
    getCollection('start'),
    getCollection('quality'),
  ]);
  const catalog: Catalog = {
    glossary: glossary.sort((a, b) => a.data.term.localeCompare(b.data.term)),
    models: models.sort((a, b) => a.data.name.localeCompare(b.data.name)),
    hardware: hardware.sort((a, b) => a.data.name.localeCompare(b.data.name)),
    tools: tools.sort((a, b) => a.data.name.localeCompare(b.data.name)),
    errors: errors.sort((a, b) => a.data.title.localeCompare(b.data.title)),
    guides: guides.sort(byName),
    learn: learn.sort((a, b) => a.data.order - b.data.order),
    benchmarks: benchmarks.sort(byName),
    pulse: pulse.sort((a, b) => b.data.date.localeCompare(a.data.date)),
    pages: pages.sort(byName),
    cloud: cloud.sort((a, b) => a.data.usdPerGpuHour - b.data.usdPerGpuHour),
    apiPrices: apiPrices.sort((a, b) => a.data.usdPerMillionOutput - b.data.usdPerMillionOutput),
    quickAnswers: quickAnswers.sort((a, b) => a.data.order - b.data.order || a.id.localeCompare(b.id)),
    promptingKits: promptingKits.sort((a, b) => a.data.order - b.data.order),
    start: start.sort(byName),
    quality: quality.sort(byName),
  };
  assertReferences(catalog as unknown as Record<string, { id: string; data: unknown }[]>);
  const idProblems = hardwareIdProblems(catalog.hardware);
  if (idProblems.length) throw new Error(`Hardware id rule:\n  ${idProblems.join('\n  ')}`);
  const problems = contentProblems(
    catalog as unknown as Parameters<typeof contentProblems>[0],
    entryFileNames(['models', 'hardware', 'glossary', 'tools', 'errors', 'guides', 'learn']),
  );
  if (problems.length) throw new Error(`Content checks (${problems.length}):\n  ${problems.join('\n  ')}`);
  return catalog;
}

/** File names in content folders (for the duplicate-id check; the loader keeps only one of two files with one id). */
function entryFileNames(folders: string[]): Record<string, string[]> {
  const root = process.env['RUNLOCALAI_CONTENT_DIR'] ?? './content';
  const out: Record<string, string[]> = {};
  for (const f of folders) {
    try {
      out[f] = readdirSync(join(root, f)).filter((n) => /\.(json|mdx?)$/.test(n) && !n.startsWith('_'));
    } catch {
      out[f] = [];
    }
  }
  return out;
}

let cached: Promise<Catalog> | undefined;

/** The whole catalog, loaded and reference-checked once per build. */
export function getCatalog(): Promise<Catalog> {
  cached ??= load();
  return cached;
}

/**
 * Entries of `collection` for the given ids, in the given order.
 * @throws DanglingReferenceError naming `from` (the referring entry's file), `field` and the missing id.
 */
export async function pick<C extends keyof Catalog>(
  collection: C,
  ids: readonly string[],
  from: { filePath?: string | undefined; id: string },
  field: string,
): Promise<Catalog[C]> {
  const catalog = await getCatalog();
  const entries = catalog[collection] as { id: string }[];
  const byId = new Map(entries.map((e) => [e.id, e]));
  return resolveIds(ids, { collection, byId }, { file: from.filePath ?? from.id, field }) as Catalog[C];
}

/** One entry by id (for routes and MDX components). @throws when the id does not exist. */
export async function one<C extends keyof Catalog>(
  collection: C,
  id: string,
  usedBy: string,
): Promise<Catalog[C][number]> {
  const [entry] = await pick(collection, [id], { id: usedBy }, collection);
  return entry as Catalog[C][number];
}

/** Whether an MDX entry's body has fenced code blocks (pages without any ship no copy-button script). */
export function hasCodeBlocks(entry: { body?: string | undefined }): boolean {
  return /^\s*```/m.test(entry.body ?? '');
}
