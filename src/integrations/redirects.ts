/**
 * Renamed pages at build time: the moves (src/queries/paths.ts legacyMoves) read straight from the
 * content files, because astro.config runs before the content layer. They keep the redirect pages
 * out of the sitemap, and dist/_redirects gives hosts that read it (Netlify, Cloudflare Pages) a
 * real 301 for each; every other host serves the static redirect page.
 */
import type { AstroIntegration } from 'astro';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listIds, readFrontmatter } from '../cli/catalog-io.ts';
import { legacyMoves } from '../queries/paths.ts';

/** The moves for the content tree at `contentDir` (hardware formerIds x model files). */
export function contentMoves(contentDir: string): { from: string; to: string }[] {
  const hardware = listIds('hardware', contentDir).map((id) => {
    const data = readFrontmatter(join(contentDir, 'hardware', `${id}.mdx`)) as { formerIds?: unknown };
    const formerIds = Array.isArray(data.formerIds) ? data.formerIds.filter((x) => typeof x === 'string') : [];
    return { id, formerIds };
  });
  return legacyMoves(hardware, listIds('models', contentDir));
}

/** Writes dist/_redirects: one "from to 301" line per move. */
export function redirectsFile(moves: readonly { from: string; to: string }[]): AstroIntegration {
  return {
    name: 'runlocalai:redirects',
    hooks: {
      'astro:build:done': ({ dir }) => {
        const lines = moves.map((m) => `${m.from} ${m.to} 301`);
        writeFileSync(join(fileURLToPath(dir), '_redirects'), lines.length ? `${lines.join('\n')}\n` : '');
      },
    },
  };
}
