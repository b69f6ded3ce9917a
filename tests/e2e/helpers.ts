import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Page } from '@playwright/test';

export const DIST = new URL('../../dist/', import.meta.url).pathname;

/** Every built HTML page as a site path ("/models/x/"), excluding the 404 page. */
export function builtPages(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) {
        if (name !== 'pagefind' && name !== '_astro') walk(full);
      } else if (name === 'index.html') {
        out.push('/' + relative(DIST, dir).split('\\').join('/') + (dir === DIST.replace(/\/$/, '') ? '' : '/'));
      }
    }
  };
  walk(DIST.replace(/\/$/, ''));
  return out.map((p) => p.replace(/\/+/g, '/')).sort();
}

export function readBuilt(path: string): string {
  return readFileSync(join(DIST, path, 'index.html'), 'utf8');
}

/**
 * Records console errors, page errors and any request that leaves 127.0.0.1, for a test to assert
 * on at the end. Call before page.goto.
 */
export function watchPage(page: Page) {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && url.protocol !== 'data:') {
      problems.push(`external request: ${req.url()}`);
    }
  });
  return problems;
}
