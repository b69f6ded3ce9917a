/**
 * Cross-reference checking between collections. Pure (no astro:content) so it is unit-tested
 * directly; src/queries/catalog.ts feeds it the loaded entries.
 */

/** The minimum an entry must expose to be checked: its id, the file it came from and its data. */
export interface RefEntry {
  readonly id: string;
  readonly filePath?: string | undefined;
  readonly data: unknown;
}

/** One reference field: in `from` entries, `field` (a dotted path, `[]` for arrays) holds ids of `to`. */
export interface ReferenceRule {
  readonly from: string;
  readonly field: string;
  readonly to: string;
}

export class DanglingReferenceError extends Error {
  override name = 'DanglingReferenceError';
}

/** Every cross-collection link in the catalog. A new reference field is one line here. */
export const REFERENCE_RULES: readonly ReferenceRule[] = [
  { from: 'glossary', field: 'related[]', to: 'glossary' },
  { from: 'glossary', field: 'errors[]', to: 'errors' },
  { from: 'glossary', field: 'guides[]', to: 'guides' },
  { from: 'glossary', field: 'example.model', to: 'models' },
  { from: 'glossary', field: 'example.hardware', to: 'hardware' },
  { from: 'models', field: 'tools[]', to: 'tools' },
  { from: 'errors', field: 'tools[]', to: 'tools' },
  { from: 'errors', field: 'hardware[]', to: 'hardware' },
  { from: 'errors', field: 'terms[]', to: 'glossary' },
  { from: 'guides', field: 'picks[].hardware', to: 'hardware' },
  { from: 'guides', field: 'rankings[].model', to: 'models' },
  { from: 'learn', field: 'terms[]', to: 'glossary' },
  { from: 'benchmarks', field: 'model', to: 'models' },
  { from: 'benchmarks', field: 'hardware', to: 'hardware' },
  { from: 'benchmarks', field: 'tool', to: 'tools' },
  { from: 'apiPrices', field: 'model', to: 'models' },
  { from: 'pulse', field: 'models[]', to: 'models' },
  { from: 'pulse', field: 'hardware[]', to: 'hardware' },
  { from: 'pulse', field: 'tools[]', to: 'tools' },
  { from: 'quickAnswers', field: 'models[]', to: 'models' },
  { from: 'quickAnswers', field: 'hardware[]', to: 'hardware' },
  { from: 'quickAnswers', field: 'terms[]', to: 'glossary' },
  { from: 'quickAnswers', field: 'guides[]', to: 'guides' },
  { from: 'quickAnswers', field: 'learn[]', to: 'learn' },
  { from: 'quickAnswers', field: 'claims[].model', to: 'models' },
  { from: 'quickAnswers', field: 'claims[].hardware', to: 'hardware' },
  { from: 'promptingKits', field: 'models[]', to: 'models' },
  { from: 'quality', field: 'model', to: 'models' },
  { from: 'promptingKits', field: 'terms[]', to: 'glossary' },
  { from: 'start', field: 'runtime', to: 'tools' },
  { from: 'start', field: 'terms[]', to: 'glossary' },
];

/** All ids found at a dotted field path such as "picks[].hardware" (missing/null values yield nothing). */
export function idsAt(data: unknown, field: string): string[] {
  let values: unknown[] = [data];
  for (const part of field.split('.')) {
    const isArray = part.endsWith('[]');
    const key = isArray ? part.slice(0, -2) : part;
    values = values.flatMap((v) => {
      if (v === null || typeof v !== 'object') return [];
      const next = (v as Record<string, unknown>)[key];
      if (next === undefined || next === null) return [];
      return isArray ? (Array.isArray(next) ? next : []) : [next];
    });
  }
  return values.filter((v): v is string => typeof v === 'string');
}

/** Where an entry lives, for error messages: its file path, or "<collection>/<id>" when unknown. */
export function entryLabel(collection: string, entry: RefEntry): string {
  return entry.filePath ?? `content/${collection}/${entry.id}`;
}

/**
 * Checks every rule over the given collections.
 * @throws DanglingReferenceError listing every missing id, each naming both ends:
 *   `content/models/x.json: field "tools" refers to tools "foo", which does not exist`.
 */
export function assertReferences(
  collections: Readonly<Record<string, readonly RefEntry[]>>,
  rules: readonly ReferenceRule[] = REFERENCE_RULES,
): void {
  const problems: string[] = [];
  for (const rule of rules) {
    const targets = collections[rule.to];
    if (!targets)
      throw new Error(`Reference rule ${rule.from}.${rule.field} points at unknown collection "${rule.to}"`);
    const known = new Set(targets.map((t) => t.id));
    for (const entry of collections[rule.from] ?? []) {
      for (const id of idsAt(entry.data, rule.field)) {
        if (!known.has(id)) {
          problems.push(
            `${entryLabel(rule.from, entry)}: field "${rule.field.replaceAll('[]', '')}" refers to ${rule.to} "${id}", which does not exist (expected content/${rule.to}/${id}.*)`,
          );
        }
      }
    }
  }
  if (problems.length > 0) {
    throw new DanglingReferenceError(
      `Dangling reference${problems.length > 1 ? 's' : ''}:\n  ${problems.join('\n  ')}`,
    );
  }
}

/**
 * Looks ids up in a map, in order.
 * @throws DanglingReferenceError naming the referring file, the field and the missing id.
 */
export function resolveIds<T>(
  ids: readonly string[],
  target: { readonly collection: string; readonly byId: ReadonlyMap<string, T> },
  site: { readonly file: string; readonly field: string },
): T[] {
  return ids.map((id) => {
    const found = target.byId.get(id);
    if (found === undefined) {
      throw new DanglingReferenceError(
        `${site.file}: field "${site.field}" refers to ${target.collection} "${id}", which does not exist (expected content/${target.collection}/${id}.*)`,
      );
    }
    return found;
  });
}

/** The id rule for hardware: the name's device plus its memory, e.g. "nvidia-rtx-3090-24gb". */
export function hardwareIdProblems(
  entries: readonly { id: string; filePath?: string | undefined; data: { memoryGiB: number; formerIds: string[] } }[],
): string[] {
  const ids = new Set(entries.map((e) => e.id));
  const former = new Map<string, string>();
  const problems: string[] = [];
  for (const e of entries) {
    const label = entryLabel('hardware', e);
    const suffix = `-${e.data.memoryGiB}gb`;
    if (!e.id.endsWith(suffix))
      problems.push(`${label}: the id must end with its memory size "${suffix}" (field "memoryGiB")`);
    for (const old of e.data.formerIds) {
      if (ids.has(old)) problems.push(`${label}: field "formerIds" lists "${old}", which is a current hardware id`);
      else if (former.has(old))
        problems.push(`${label}: field "formerIds" lists "${old}", already a former id of ${former.get(old)}`);
      else former.set(old, e.id);
    }
  }
  return problems;
}
