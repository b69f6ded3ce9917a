/**
 * Runs a query against the Pagefind index and returns ranked, display-ready hits. Shared by the
 * header box and the /search/ page; loaded on first use only (with Pagefind's own ~13 KB script
 * and WebAssembly), never at page load.
 *
 * Strategy: the canonical pages and the generated ones (comparisons, pair answers) are searched
 * apart, so thousands of pair pages that mention "3090" cannot push the RTX 3090's own page out of
 * the first results; src/lib/search.ts then ranks the union. A query that finds nothing is retried
 * normalised (numbers, paths and ids of a pasted log line removed), then with fewer words.
 */
import {
  GENERATED_TYPES,
  looksLikeErrorMessage,
  normalizeQuery,
  rankHits,
  searchTypeLabel,
  terms,
  type SearchHit,
} from '../../lib/search.ts';

interface PagefindResult {
  score: number;
  data(): Promise<{
    url: string;
    excerpt: string;
    meta: Record<string, string | undefined>;
    filters: Record<string, string[] | undefined>;
  }>;
}
interface Pagefind {
  options(o: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(q: string, o?: { filters?: unknown }): Promise<{ results: PagefindResult[] }>;
}

export interface Found extends SearchHit {
  typeLabel: string;
  /** A key fact from the page's metadata (parameters, VRAM), when it has one. */
  fact: string | undefined;
  /** Pagefind's excerpt: escaped text with <mark> around the matches (render with excerptParts, src/lib/search.ts). */
  excerpt: string;
}

export interface FindResult {
  hits: Found[];
  /** Pages matching the query that was finally used, in the searched types. */
  total: number;
  /** The query Pagefind matched (the normalised one when the original found nothing). */
  used: string;
}

let loading: Promise<Pagefind> | undefined;

/** Pagefind, loaded and initialised once per page. */
export function pagefind(): Promise<Pagefind> {
  loading ??= (async () => {
    const url = '/pagefind/pagefind.js';
    const pf = (await import(/* @vite-ignore */ url)) as Pagefind;
    // A longer excerpt than the default 30 words would crowd the header list.
    await pf.options({ excerptLength: 24 });
    await pf.init();
    return pf;
  })();
  return loading;
}

/** The queries to try, in order: as typed, normalised, then its first eight and four words. */
export function queryVariants(query: string): string[] {
  const normal = normalizeQuery(query);
  const words = normal.split(' ');
  const out = [query.trim(), normal, words.slice(0, 8).join(' '), words.slice(0, 4).join(' ')];
  return [...new Set(out.filter((q) => terms(q).length > 0))];
}

async function hitsOf(results: PagefindResult[], count: number): Promise<Found[]> {
  return Promise.all(
    results.slice(0, count).map(async (r) => {
      const d = await r.data();
      const type = d.filters['type']?.[0] ?? 'page';
      const aliases = d.meta['aliases'];
      return {
        url: d.url,
        title: d.meta['title'] ?? d.url,
        type,
        typeLabel: searchTypeLabel(type),
        score: r.score,
        aliases: aliases ? aliases.split('|') : [],
        fact: d.meta['fact'],
        excerpt: d.excerpt,
      };
    }),
  );
}

/**
 * Up to `limit` ranked hits for a query; `types` narrows to those page types (the /search/ filters).
 * Generated pages take at most a third of the places unless they are all that was asked for.
 */
export async function find(query: string, { types = [] as readonly string[], limit = 8 } = {}): Promise<FindResult> {
  const pf = await pagefind();
  for (const used of queryVariants(query)) {
    const wanted = types.length ? types : null;
    const canonicalTypes = wanted ? wanted.filter((t) => !GENERATED_TYPES.includes(t as never)) : null;
    const generatedTypes = wanted ? wanted.filter((t) => GENERATED_TYPES.includes(t as never)) : GENERATED_TYPES;
    // A pasted error also searches the error pages alone, without its numbers and paths: its words
    // are common across the catalog, and the numbers match other pages by chance.
    const errorsToo = looksLikeErrorMessage(used) && (!wanted || wanted.includes('error'));
    const [canonical, generated, errors] = await Promise.all([
      canonicalTypes && canonicalTypes.length === 0
        ? { results: [] }
        : pf.search(used, {
            filters: canonicalTypes ? { type: { any: canonicalTypes } } : { type: { none: GENERATED_TYPES } },
          }),
      generatedTypes.length === 0 ? { results: [] } : pf.search(used, { filters: { type: { any: generatedTypes } } }),
      errorsToo ? pf.search(normalizeQuery(used), { filters: { type: { any: ['error'] } } }) : { results: [] },
    ]);
    const total = canonical.results.length + generated.results.length + errors.results.length;
    if (total === 0) continue;
    const generatedShare = canonical.results.length ? Math.ceil(limit / 3) : limit;
    const found = [
      ...(await hitsOf(canonical.results, limit + 4)),
      ...(await hitsOf(generated.results, generatedShare)),
      ...(await hitsOf(errors.results, 3)),
    ];
    const hits = [...new Map(found.map((h) => [h.url, h])).values()];
    return { hits: rankHits(used, hits).slice(0, limit), total, used };
  }
  return { hits: [], total: 0, used: query.trim() };
}
