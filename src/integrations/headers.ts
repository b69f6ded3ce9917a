/**
 * Writes dist/_headers (security headers for every path) at the end of the build. Its policy lists
 * the hash of every inline script any built page carries (Astro inlines small bundled scripts), so
 * a host that sends the header next to the <meta> policy blocks nothing the pages run.
 */
import type { AstroIntegration } from 'astro';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scriptHash, securityHeaders } from '../security.ts';

/** Inline executable scripts of an HTML page (JSON data blocks excluded). */
export function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*application\/(?:ld\+)?json)[^>]*>([\s\S]*?)<\/script>/g)]
    .map((m) => m[1] ?? '')
    .filter((text) => text.length > 0);
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? htmlFiles(join(dir, d.name)) : d.name.endsWith('.html') ? [join(dir, d.name)] : [],
  );
}

/** `hashes`: the inline theme scripts' CSP hashes (the same ones the <meta> policy lists). */
export function headersFile(hashes: readonly string[]): AstroIntegration {
  return {
    name: 'runlocalai:security-headers',
    hooks: {
      'astro:build:done': ({ dir }) => {
        const root = fileURLToPath(dir);
        const all = new Set<string>(hashes);
        for (const file of htmlFiles(root))
          for (const s of inlineScripts(readFileSync(file, 'utf8'))) all.add(scriptHash(s));
        const lines = ['/*', ...Object.entries(securityHeaders([...all].sort())).map(([k, v]) => `  ${k}: ${v}`), ''];
        writeFileSync(join(root, '_headers'), lines.join('\n'));
      },
    },
  };
}
