/** Read catalog entries (content/models, content/hardware: MDX with YAML frontmatter) for the CLI and the bench. */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { QualitySetData } from '../lib/quality.ts';

/** Catalog root: $RUNLOCALAI_CONTENT_DIR or <repo>/content. */
export function contentDir(): string {
  const env = process.env['RUNLOCALAI_CONTENT_DIR'];
  if (env !== undefined && env !== '') return env;
  return fileURLToPath(new URL('../../content', import.meta.url));
}

/** Ids (file names without .mdx, skipping files that start with "_") in a catalog folder. */
export function listIds(kind: 'models' | 'hardware', root = contentDir()): string[] {
  const dir = join(root, kind);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.mdx') && !f.startsWith('_'))
    .map((f) => f.slice(0, -'.mdx'.length))
    .sort();
}

/** Parsed JSON of one catalog entry; throws a one-line error naming close ids when unknown. */
export function readEntry(kind: 'models' | 'hardware', id: string, root = contentDir()): unknown {
  const ids = listIds(kind, root);
  if (!ids.includes(id)) {
    const near = ids.filter((x) => x.includes(id) || id.includes(x)).slice(0, 5);
    const hint =
      near.length > 0
        ? ` Did you mean: ${near.join(', ')}?`
        : ids.length > 0
          ? ` Known ids include: ${ids.slice(0, 8).join(', ')}${ids.length > 8 ? ', ...' : ''}.`
          : ` No ${kind} found in ${join(root, kind)} (set RUNLOCALAI_CONTENT_DIR).`;
    throw new Error(`Unknown ${kind === 'models' ? 'model' : 'hardware'} id "${id}".${hint}`);
  }
  return readFrontmatter(join(root, kind, `${id}.mdx`));
}

/**
 * The YAML frontmatter of an MDX entry as data, with a one-line error. Dates stay strings
 * (YAML 1.2 core schema), as the content schemas expect.
 */
export function readFrontmatter(path: string): unknown {
  const text = readText(path);
  const match = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/.exec(text);
  if (match === null) throw new Error(`${path} has no frontmatter (it must start with a line "---").`);
  try {
    return parseYaml(match[1]!) as unknown;
  } catch (err) {
    throw new Error(`${path} has invalid YAML frontmatter (${(err as Error).message.split('\n')[0]}).`);
  }
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new Error(`Cannot read ${path}: file not found or not readable.`);
  }
}

/** Read and parse a JSON file with a one-line error. */
export function readJson(path: string): unknown {
  const text = readText(path);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new Error(`${path} is not valid JSON (${(err as Error).message.split('\n')[0]}).`);
  }
}

/** Every quality measurement set (content/quality/*.json); none when the folder is missing. */
export function readQualitySets(root = contentDir()): QualitySetData[] {
  const dir = join(root, 'quality');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.startsWith('_'))
    .sort()
    .map((f) => readJson(join(dir, f)) as QualitySetData);
}
