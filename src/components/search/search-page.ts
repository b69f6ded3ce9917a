/**
 * /search/: reads ?q= and ?type= (src/lib/search.ts parseSearchParams), runs the search, and keeps
 * the URL in step with the field and the type boxes (replaceState, so Back leaves the page).
 * Ignored parts of the URL are listed as notices, as text.
 */
import { parseSearchParams, searchUrl } from '../../lib/search.ts';
import { find } from './find.ts';
import { hitContent } from './render.ts';

const PAGE = 20;

export function attachSearchPage(): void {
  const form = document.querySelector<HTMLFormElement>('[data-search-page]');
  const input = form?.querySelector<HTMLInputElement>('input[name="q"]');
  const results = document.querySelector<HTMLOListElement>('[data-search-results]');
  const status = document.querySelector<HTMLElement>('[data-search-status]');
  const notices = document.querySelector<HTMLUListElement>('[data-search-notices]');
  const more = document.querySelector<HTMLButtonElement>('[data-search-more]');
  if (!form || !input || !results || !status || !notices || !more) return;

  const boxes = [...form.querySelectorAll<HTMLInputElement>('input[name="type"]')];
  const state = parseSearchParams(window.location.search);
  input.value = state.query;
  for (const box of boxes) box.checked = state.types.includes(box.value as never);
  notices.replaceChildren(
    ...state.notices.map((n) => {
      const li = document.createElement('li');
      li.textContent = n;
      return li;
    }),
  );

  let limit = PAGE;
  let sequence = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const types = () => boxes.filter((b) => b.checked).map((b) => b.value);

  async function run() {
    const query = input!.value.trim();
    const mine = ++sequence;
    history.replaceState(null, '', searchUrl(query, types()));
    if (query.length < 2) {
      results!.replaceChildren();
      more!.hidden = true;
      status!.textContent = 'Type a few words; results appear as you type.';
      return;
    }
    status!.textContent = 'Searching…';
    try {
      const { hits, total, used } = await find(query, { types: types(), limit });
      if (mine !== sequence) return;
      results!.replaceChildren(
        ...hits.map((hit) => {
          const li = document.createElement('li');
          const a = document.createElement('a');
          a.href = hit.url;
          a.className = 'block rounded-lg border border-line bg-surface px-4 py-3 no-underline hover:bg-sunken';
          a.append(hitContent(hit));
          li.append(a);
          return li;
        }),
      );
      const normalised = used !== query ? ` (searched for “${used}”: numbers, paths and ids left out)` : '';
      status!.textContent = total
        ? `${total} ${total === 1 ? 'page' : 'pages'} found${normalised}; showing ${hits.length}.`
        : `Nothing found for “${query}”. Try fewer words, or clear the type filters.`;
      more!.hidden = hits.length >= total || hits.length < limit;
    } catch {
      if (mine === sequence) status!.textContent = 'Search could not load; reload the page to try again.';
    }
  }

  const soon = () => {
    clearTimeout(timer);
    limit = PAGE;
    timer = setTimeout(() => void run(), 120);
  };
  input.addEventListener('input', soon);
  for (const box of boxes) box.addEventListener('change', soon);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearTimeout(timer);
    void run();
  });
  more.addEventListener('click', () => {
    limit += PAGE;
    void run();
  });
  if (state.query) void run();
}
