/**
 * Site search, the pure part: page types, query normalisation, result ranking and the /search/
 * URL. Pagefind finds the pages; this decides which of them a visitor sees first. No DOM, so the
 * header box, the search page and the unit tests share it.
 */

/**
 * Page types as indexed (BaseLayout's `searchType`, a Pagefind filter), in ranking tiers: the page
 * that *is* the thing (tier 0) comes before articles that explain it (1), lists and tools (2),
 * and the generated comparison (3) and pair answer pages (4), thousands of which mention it.
 */
export const SEARCH_TYPES = [
  { id: 'model', label: 'Model', tier: 0 },
  { id: 'hardware', label: 'Hardware', tier: 0 },
  { id: 'glossary', label: 'Glossary', tier: 0 },
  { id: 'error', label: 'Error', tier: 0 },
  { id: 'runtime', label: 'Runtime', tier: 0 },
  { id: 'quick-answer', label: 'Quick answer', tier: 1 },
  { id: 'guide', label: 'Guide', tier: 1 },
  { id: 'learn', label: 'Learn', tier: 1 },
  { id: 'start', label: 'Start', tier: 1 },
  { id: 'kit', label: 'Prompting kit', tier: 1 },
  { id: 'pulse', label: 'Pulse', tier: 1 },
  { id: 'tool', label: 'Tool', tier: 2 },
  { id: 'section', label: 'Section', tier: 2 },
  { id: 'page', label: 'Page', tier: 2 },
  { id: 'comparison', label: 'Comparison', tier: 3 },
  { id: 'answer', label: 'Pair answer', tier: 4 },
] as const;
export type SearchType = (typeof SEARCH_TYPES)[number]['id'];

const TYPE_BY_ID = new Map<string, (typeof SEARCH_TYPES)[number]>(SEARCH_TYPES.map((t) => [t.id, t]));

/** The generated types searched separately, so they never crowd the canonical pages out of the first results. */
export const GENERATED_TYPES: readonly SearchType[] = SEARCH_TYPES.filter((t) => t.tier >= 3).map((t) => t.id);

export function searchTypeLabel(id: string): string {
  return TYPE_BY_ID.get(id)?.label ?? 'Page';
}

/** Words that carry no meaning in a query or a title ("will llama run on a 3090?"). */
const STOPWORDS = new Set(
  'a an and are can for how i in is it my of on or run runs the to vs what which will with'.split(' '),
);

/** Lowercase words of a query or title; "3.1" and "q4_k_m" stay whole, punctuation splits. */
export function terms(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+(?:[._][\p{L}\p{N}]+)*/gu) ?? []).filter((w) => !STOPWORDS.has(w));
}

/**
 * The query with what changes from one log to the next removed, so a pasted error finds its page:
 * numbers with their unit ("(11.4 GiB)", "2.00 MiB", "85%"), hex ids and addresses, file paths,
 * "file.cu:1234" locations and URLs. Matches how error pages index their message (placeholders
 * such as "X GiB" are in the text). Returns "" when nothing meaningful is left.
 */
export function normalizeQuery(query: string): string {
  return query
    .replace(/\bhttps?:\/\/\S+/gi, ' ')
    .replace(/(?:[A-Za-z]:)?(?:[\\/][\w.@+-]+){2,}[\\/]?(?::\d+)*/g, ' ')
    .replace(/\b[\w-]+\.(?:cu|cpp|cc|c|h|go|py|rs|swift|m|gguf|safetensors|bin|so|dll|dylib)(?::\d+)*\b/gi, ' ')
    .replace(/\b0x[0-9a-f]+\b/gi, ' ')
    .replace(/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b/gi, ' ')
    .replace(/\b\d+(?:[.,:]\d+)*\s*(?:[kmgt]i?b|bytes?|%|ms|s|tokens?)?(?![\p{L}\p{N}_])/giu, ' ')
    .replace(/[^\p{L}\p{N}_.\s-]+/gu, ' ')
    .replace(/[.-]+(?=\s|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** One Pagefind result with the fields ranking needs (from its data()). */
export interface SearchHit {
  url: string;
  title: string;
  type: string;
  /** Pagefind's relevance score, higher is better. */
  score: number;
  /** Other names the page answers to (glossary aliases). */
  aliases?: readonly string[];
}

/** How well a title names the query: 1 when every title word is a query word, 0 when it misses one. */
function titleMatch(queryTerms: readonly string[], title: string): number {
  const words = terms(title);
  if (queryTerms.length === 0 || words.length === 0) return 0;
  const set = new Set(words);
  if (!queryTerms.every((t) => set.has(t) || words.some((w) => w.startsWith(t) && t.length >= 3))) return 0;
  return queryTerms.length / words.length;
}

/**
 * Hits in the order a visitor expects: pages whose title (or alias) names every query word first,
 * then by type tier (the model page before the pairs that mention it), then by how closely the
 * title matches ("RTX 3090" before "RTX 3090 Ti" for "3090"), then by Pagefind's score. Stable.
 */
export function rankHits<H extends SearchHit>(query: string, hits: readonly H[]): H[] {
  const q = terms(query);
  const pasted = looksLikeErrorMessage(query);
  const keyed = hits.map((hit, index) => {
    const match = Math.max(titleMatch(q, hit.title), ...(hit.aliases ?? []).map((a) => titleMatch(q, a)));
    // A pasted error message wants the error page, however many catalog pages share its words.
    const errorFirst = pasted && hit.type === 'error' ? 0 : 1;
    return { hit, index, named: match > 0 ? 0 : 1, errorFirst, tier: TYPE_BY_ID.get(hit.type)?.tier ?? 2, match };
  });
  keyed.sort(
    (a, b) =>
      a.named - b.named ||
      a.errorFirst - b.errorFirst ||
      a.tier - b.tier ||
      b.match - a.match ||
      b.hit.score - a.hit.score ||
      a.index - b.index,
  );
  return keyed.map((k) => k.hit);
}

/**
 * Whether a query reads like a pasted error or log line rather than a name: six or more words with
 * a quantity with a unit ("11.4 GiB"), a hex value, a path, or an error word.
 */
export function looksLikeErrorMessage(query: string): boolean {
  if (query.trim().split(/\s+/).length < 6) return false;
  return (
    /\d+(?:\.\d+)?\s?(?:[KMGT]i?B|bytes?)\b/i.test(query) ||
    /0x[0-9a-f]{4,}|[\\/][\w.-]+[\\/]/i.test(query) ||
    /\b(?:error|failed|failure|cannot|can't|unable|requires|not found|invalid|out of memory|exception|unsupported)\b/i.test(
      query,
    )
  );
}

/** What /search/ reads from its URL: the query, the type filters, and notices for what it ignored. */
export interface SearchState {
  query: string;
  types: SearchType[];
  notices: string[];
}

const MAX_QUERY = 200;

/** Parses `?q=...&type=model,hardware`; unknown types and over-long queries become notices, never errors. */
export function parseSearchParams(search: string): SearchState {
  const params = new URLSearchParams(search);
  const notices: string[] = [];
  let query = (params.get('q') ?? '').replace(/\s+/g, ' ').trim();
  if (query.length > MAX_QUERY) {
    query = query.slice(0, MAX_QUERY);
    notices.push(`The search was shortened to its first ${MAX_QUERY} characters.`);
  }
  const types: SearchType[] = [];
  for (const raw of params.getAll('type').flatMap((v) => v.split(','))) {
    const id = raw.trim();
    if (!id) continue;
    if (TYPE_BY_ID.has(id)) {
      if (!types.includes(id as SearchType)) types.push(id as SearchType);
    } else notices.push(`"${id.slice(0, 40)}" is not a page type; showing every type instead.`);
  }
  return { query, types: notices.some((n) => n.includes('page type')) ? [] : types, notices };
}

/** The /search/ URL for a query and type filters (omitted when empty), the inverse of parseSearchParams. */
export function searchUrl(query: string, types: readonly string[] = []): string {
  const params = new URLSearchParams();
  if (query.trim()) params.set('q', query.trim());
  if (types.length) params.set('type', types.join(','));
  const s = params.toString();
  return s ? `/search/?${s}` : '/search/';
}

/*
 * Index side: people paste raw log lines, and the index splits on spaces, so
 * "(00000008:kIOGPUCommandBufferCallbackErrorOutOfMemory)" would be one unsearchable token.
 */

/**
 * The message with punctuation turned into spaces and camelCase/number runs split, followed by
 * the original tokens, so both "kIOGPUCommandBufferCallbackErrorOutOfMemory" and "out of memory"
 * find the page. Pure; never returns HTML.
 */
export function searchableMessage(message: string): string {
  const words = message.split(/[^A-Za-z0-9_]+/).filter(Boolean);
  const split = words.flatMap((w) =>
    w
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
      .split(/[\s_]+/),
  );
  return [...new Set([...words, ...split])].join(' ');
}

/**
 * Pagefind's excerpt (escaped text with <mark> around matches) as text pieces, `marked` where it
 * highlighted a match; entities decoded, so callers set textContent and never parse HTML.
 */
export function excerptParts(excerpt: string): { text: string; marked: boolean }[] {
  const decode = (s: string) =>
    s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (_, e: string) => {
      const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
      if (e[0] !== '#') return named[e.toLowerCase()]!;
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    });
  return excerpt
    .split(/(<mark>[\s\S]*?<\/mark>)/)
    .filter(Boolean)
    .map((piece) =>
      piece.startsWith('<mark>')
        ? { text: decode(piece.slice(6, -7)), marked: true }
        : { text: decode(piece), marked: false },
    );
}
