/**
 * The site's Content Security Policy and security headers, shared by astro.config.ts (the <meta>
 * Astro writes on every page) and the _headers file for static hosts (src/integrations/headers.ts).
 * Scripts: same-origin files and the two inline theme scripts by hash, never 'unsafe-inline';
 * 'wasm-unsafe-eval' lets Pagefind's search run its WebAssembly. Styles allow inline: Shiki's
 * highlighted code and the memory bars use style attributes.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SITE } from './site.ts';

/** Files of the inline scripts (components include them with `?raw`, through compactScript, and set:html). */
export const INLINE_SCRIPT_FILES = [
  'src/scripts/theme-init.js',
  'src/scripts/theme-toggle.js',
  'src/scripts/site-search.js',
] as const;

/**
 * An inline script as pages carry it: comment lines and indentation dropped (the source files keep
 * their comments; pages should not ship them). Components inline `compactScript(raw)` and the CSP
 * hashes the same text, so the two always agree.
 */
export function compactScript(source: string): string {
  return source
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('//'))
    .join('\n');
}

/** "sha256-..." of a script's text, as CSP wants it. */
export function scriptHash(text: string): `sha256-${string}` {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}

/** Hashes of the inline scripts, read from the project root (astro.config.ts and tests run there). */
export function inlineScriptHashes(root: URL): `sha256-${string}`[] {
  return INLINE_SCRIPT_FILES.map((f) => scriptHash(compactScript(readFileSync(new URL(f, root), 'utf8'))));
}
export const SCRIPT_RESOURCES = ["'self'", "'wasm-unsafe-eval'"];
export const STYLE_RESOURCES = ["'self'", "'unsafe-inline'"];

/** Directives besides script-src and style-src (Astro writes those two). */
export const CSP_DIRECTIVES = [
  "default-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  // The digest form may post to its configured endpoint (src/site.ts).
  `form-action 'self'${SITE.digestFormAction ? ` ${new URL(SITE.digestFormAction, SITE.url).origin}` : ''}` as const,
] as const;

/** The whole policy as one header value; frame-ancestors only works as a header, not in <meta>. */
export function cspHeader(hashes: readonly string[]): string {
  return [
    ...CSP_DIRECTIVES,
    `script-src ${[...SCRIPT_RESOURCES, ...hashes.map((h) => `'${h}'`)].join(' ')}`,
    `style-src ${STYLE_RESOURCES.join(' ')}`,
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers every page gets from a static host that reads a _headers file (Netlify, Cloudflare Pages). */
export function securityHeaders(hashes: readonly string[]): Record<string, string> {
  return {
    'Content-Security-Policy': cspHeader(hashes),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}
