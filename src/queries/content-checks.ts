/**
 * Build-time checks over the whole catalog's authored text and facts. Pure over plain entry
 * objects (unit-tested); catalog.ts runs them once per build and fails naming every file:
 *
 * - a memory, bandwidth, speed or compute quantity typed into the prose of a reference page
 *   (glossary, guides, learn, quick answers, models, hardware) instead of coming from a component;
 * - a launch price without a source that is about the price;
 * - two entries that are the same thing (models with one Hugging Face repo, devices with one name)
 *   or two files that map to one id;
 * - a command (in a code block, or a tool's install/run line) that downloads from a Hugging Face
 *   repository the catalog does not cite.
 */
import { citedRepos, codeBlocks, commandRepos, typedNumbers } from '../lib/content-checks.ts';

interface Source {
  url: string;
  title?: string | undefined;
}
interface AnyEntry {
  id: string;
  filePath?: string | undefined;
  body?: string | undefined;
  data: Record<string, unknown>;
}
type Collections = Record<string, readonly AnyEntry[]>;

/** Collections whose numbers must come from the engine or the data (Pulse notes are dated news; errors quote messages). */
export const NUMBER_CHECKED = ['glossary', 'guides', 'learn', 'quickAnswers', 'models', 'hardware'] as const;

const file = (e: AnyEntry) => e.filePath ?? e.id;
const sourcesOf = (e: AnyEntry) => (Array.isArray(e.data['sources']) ? (e.data['sources'] as Source[]) : []);

export function typedNumberProblems(collections: Collections): string[] {
  return NUMBER_CHECKED.flatMap((name) =>
    (collections[name] ?? []).flatMap((e) =>
      typedNumbers(e.body ?? '').map(
        (n) =>
          `${file(e)}: body line ${n.line} types "${n.text}"; use <Spec />, <Memory />, <Speed /> or <Fit /> so the number comes from the data or the engine`,
      ),
    ),
  );
}

const PRICE_WORDS = /price|msrp|\$|usd|pricing|cost/i;

export function unsourcedPriceProblems(hardware: readonly AnyEntry[]): string[] {
  return hardware
    .filter((h) => h.data['msrpUsd'] != null)
    .filter((h) => !sourcesOf(h).some((s) => PRICE_WORDS.test(s.title ?? '')))
    .map(
      (h) =>
        `${file(h)}: field "msrpUsd" has no source about the price (add a source whose title says what it states, e.g. "launch price")`,
    );
}

function duplicates<T>(entries: readonly AnyEntry[], key: (e: AnyEntry) => T | undefined, what: string): string[] {
  const seen = new Map<string, AnyEntry>();
  const out: string[] = [];
  for (const e of entries) {
    const k = key(e);
    if (k === undefined || k === null || k === '') continue;
    const norm = String(k).toLowerCase();
    const first = seen.get(norm);
    if (first) out.push(`${file(e)}: same ${what} "${String(k)}" as ${file(first)} (one entry per ${what})`);
    else seen.set(norm, e);
  }
  return out;
}

export function duplicateProblems(
  collections: Collections,
  fileNames: Record<string, readonly string[]> = {},
): string[] {
  const out = [
    ...duplicates(collections['models'] ?? [], (e) => e.data['hfRepo'] as string | undefined, 'Hugging Face repo'),
    ...duplicates(collections['models'] ?? [], (e) => e.data['name'] as string | undefined, 'model name'),
    ...duplicates(collections['hardware'] ?? [], (e) => e.data['name'] as string | undefined, 'hardware name'),
  ];
  // Two files whose names differ only by extension or case become one id; the loader keeps one silently.
  for (const [folder, names] of Object.entries(fileNames)) {
    const byId = new Map<string, string>();
    for (const n of names) {
      const id = n.replace(/\.(json|mdx?)$/, '').toLowerCase();
      const prior = byId.get(id);
      if (prior) out.push(`${folder}/${n}: same id "${id}" as ${folder}/${prior}`);
      else byId.set(id, n);
    }
  }
  return out;
}

/** Every Hugging Face repo the catalog cites: model repos, MLX repos, file repos and Hugging Face source URLs. */
export function catalogRepos(collections: Collections): Set<string> {
  const repos = new Set<string>();
  const add = (r: unknown) => typeof r === 'string' && repos.add(r.toLowerCase());
  for (const m of collections['models'] ?? []) {
    add(m.data['hfRepo']);
    add(m.data['mlxRepo']);
    for (const f of (m.data['files'] as { repo?: string; url?: string }[] | undefined) ?? []) {
      add(f.repo);
      if (f.url) citedRepos([f.url]).forEach(add);
    }
    citedRepos(sourcesOf(m).map((s) => s.url)).forEach(add);
  }
  return repos;
}

export function uncitedRepoProblems(collections: Collections): string[] {
  const cited = catalogRepos(collections);
  const out: string[] = [];
  for (const [name, entries] of Object.entries(collections))
    for (const e of entries) {
      const own = new Set(citedRepos(sourcesOf(e).map((s) => s.url)));
      const commands = [
        ...codeBlocks(e.body ?? ''),
        ...(['install', 'run'] as const).map((k) => e.data[k]).filter((v): v is string => typeof v === 'string'),
      ];
      for (const repo of new Set(commands.flatMap(commandRepos)))
        if (!cited.has(repo.toLowerCase()) && !own.has(repo.toLowerCase()))
          out.push(
            `${file(e)}: a command downloads from "${repo}", which no model entry cites (add it to a model's files or sources${name === 'models' ? '' : ", or to this entry's sources"})`,
          );
    }
  return out;
}

/** All problems, one line each. */
export function contentProblems(collections: Collections, fileNames: Record<string, readonly string[]> = {}): string[] {
  return [
    ...duplicateProblems(collections, fileNames),
    ...typedNumberProblems(collections),
    ...unsourcedPriceProblems(collections['hardware'] ?? []),
    ...uncitedRepoProblems(collections),
  ];
}
