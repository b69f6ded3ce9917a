import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import tailwindcss from '@tailwindcss/vite';
import pagefind from 'astro-pagefind';
import { SITE } from './src/site.ts';
import { CSP_DIRECTIVES, SCRIPT_RESOURCES, STYLE_RESOURCES, inlineScriptHashes } from './src/security.ts';
import { headersFile } from './src/integrations/headers.ts';
import { contentMoves, redirectsFile } from './src/integrations/redirects.ts';

const scriptHashes = inlineScriptHashes(new URL('./', import.meta.url));

// Tests build fixture content (RUNLOCALAI_CONTENT_DIR, read in src/content.config.ts) into a
// scratch folder so they never touch the real dist/ or its cache.
const scratch = process.env['RUNLOCALAI_BUILD_DIR'];
// Old URLs of renamed entries: redirect pages, left out of the sitemap, listed in dist/_redirects.
const moves = contentMoves(process.env['RUNLOCALAI_CONTENT_DIR'] ?? './content');
const moved = new Set(moves.map((m) => m.from));

export default defineConfig({
  site: SITE.url,
  output: 'static',
  ...(scratch ? { outDir: `${scratch}/dist`, cacheDir: `${scratch}/cache` } : {}),
  trailingSlash: 'always',
  // Render 4 pages at a time: a page's file write overlaps the next page's render. Measured with
  // `npm run bench:scale -- --runs 3` (60 x 50): the render phase took 22.0 s one at a time and
  // 11.9 s four at a time (8 at a time: 13.8 s); the pages share promise-based caches, so the
  // output is the same.
  build: { concurrency: 4 },
  integrations: [
    mdx(),
    sitemap({ filter: (page) => !moved.has(new URL(page).pathname) }),
    pagefind(),
    headersFile(scriptHashes),
    redirectsFile(moves),
  ],
  // One Content Security Policy for the whole site (src/security.ts): Astro hashes the scripts it
  // bundles and writes the policy as a <meta> on every page; the build also writes dist/_headers.
  security: {
    csp: {
      directives: [...CSP_DIRECTIVES],
      scriptDirective: { resources: SCRIPT_RESOURCES, hashes: scriptHashes },
      styleDirective: { resources: STYLE_RESOURCES },
    },
  },
  markdown: {
    // Both palettes are emitted as CSS variables; global.css picks one per theme.
    shikiConfig: {
      themes: { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' },
      defaultColor: false,
    },
  },
  vite: {
    plugins: [tailwindcss()],
    build: {
      rolldownOptions: {
        onwarn(warning, defaultHandler) {
          // withastro/astro#18087: one MODULE_LEVEL_DIRECTIVE warning per MDX file, harmless.
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
          defaultHandler(warning);
        },
      },
    },
  },
});
