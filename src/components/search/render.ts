/**
 * DOM for one search hit, shared by the header box and the /search/ page. Builds nodes with
 * textContent only: titles, facts and excerpts come from the index and are never parsed as HTML.
 */
import { excerptParts } from '../../lib/search.ts';
import type { Found } from './find.ts';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Title, type, key fact and excerpt of a hit, for inside its link. */
export function hitContent(hit: Found, { excerpt = true } = {}): DocumentFragment {
  const out = document.createDocumentFragment();
  const head = el('span', 'flex flex-wrap items-baseline gap-x-2');
  head.append(el('span', 'font-semibold text-fg', hit.title));
  head.append(el('span', 'rounded bg-sunken px-1.5 text-xs font-medium text-muted', hit.typeLabel));
  if (hit.fact) head.append(el('span', 'text-xs text-muted', hit.fact));
  out.append(head);
  if (excerpt && hit.excerpt) {
    const p = el('span', 'mt-0.5 block text-sm text-muted');
    for (const part of excerptParts(hit.excerpt))
      p.append(part.marked ? el('mark', 'search-mark', part.text) : part.text);
    out.append(p);
  }
  return out;
}
