/**
 * The header search box as a combobox (WAI-ARIA 1.2 pattern): results appear under it as you
 * type; ArrowDown/ArrowUp move through them, Enter opens the active one (or the full results page
 * when none is active), Escape closes the list and a second Escape clears the box. Loaded by
 * site-search.ts on first focus.
 */
import { searchUrl } from '../../lib/search.ts';
import { find, pagefind, type Found } from './find.ts';
import { hitContent } from './render.ts';

const DEBOUNCE_MS = 120;

export function attachSearchBox(form: HTMLFormElement, input: HTMLInputElement): void {
  const listId = 'site-search-list';
  const popup = document.createElement('div');
  popup.className =
    'absolute top-full right-0 left-0 z-40 mt-1 hidden max-h-[70vh] overflow-y-auto rounded-lg border border-line bg-surface p-1 shadow-lg sm:left-auto sm:w-[34rem]';
  const list = document.createElement('ul');
  list.id = listId;
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', 'Search results');
  const status = document.createElement('p');
  status.className = 'px-3 py-2 text-sm text-muted';
  status.setAttribute('role', 'status');
  popup.append(status, list);
  form.append(popup);

  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-controls', listId);
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  // Start fetching Pagefind while the visitor types the first letters.
  void pagefind().catch(() => undefined);

  let active = -1;
  let options: HTMLLIElement[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let sequence = 0;

  const open = (yes: boolean) => {
    popup.classList.toggle('hidden', !yes);
    input.setAttribute('aria-expanded', String(yes));
    if (!yes) setActive(-1);
  };

  function setActive(index: number) {
    active = index;
    options.forEach((o, i) => {
      o.setAttribute('aria-selected', String(i === index));
      o.classList.toggle('bg-sunken', i === index);
    });
    if (index >= 0) {
      input.setAttribute('aria-activedescendant', options[index]!.id);
      options[index]!.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  }

  function option(href: string, content: DocumentFragment | string, index: number): HTMLLIElement {
    const li = document.createElement('li');
    li.id = `site-search-option-${index}`;
    li.setAttribute('role', 'option');
    li.setAttribute('aria-selected', 'false');
    li.className = 'rounded-md';
    const a = document.createElement('a');
    a.href = href;
    a.tabIndex = -1;
    a.className = 'block rounded-md px-3 py-2 text-fg no-underline hover:bg-sunken';
    a.append(content);
    li.append(a);
    return li;
  }

  function show(query: string, hits: Found[], total: number) {
    options = hits.map((hit, i) => option(hit.url, hitContent(hit), i));
    const all = option(searchUrl(query), `All results for “${query}” on the search page`, hits.length);
    all.firstElementChild!.classList.add('text-sm', 'font-semibold', 'text-accent');
    options.push(all);
    list.replaceChildren(...options);
    status.textContent = total
      ? `${total} ${total === 1 ? 'page' : 'pages'} found; arrow keys to choose, Enter to open.`
      : `Nothing found for “${query}”. Try fewer or other words.`;
    setActive(-1);
    open(true);
  }

  async function run() {
    const query = input.value.trim();
    const mine = ++sequence;
    if (query.length < 2) {
      open(false);
      return;
    }
    try {
      const { hits, total } = await find(query, { limit: 8 });
      if (mine === sequence) show(query, hits, total);
    } catch {
      if (mine !== sequence) return;
      list.replaceChildren();
      options = [];
      status.textContent = 'Search could not load. Open the search page instead.';
      open(true);
    }
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), DEBOUNCE_MS);
  });
  input.addEventListener('focus', () => {
    if (input.value.trim().length >= 2 && options.length) open(true);
  });
  input.addEventListener('keydown', (e) => {
    const isOpen = input.getAttribute('aria-expanded') === 'true';
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!options.length) return;
      e.preventDefault();
      if (!isOpen) open(true);
      const step = e.key === 'ArrowDown' ? 1 : -1;
      // Positions cycle through the options and back to the box itself (-1).
      const next = active + step;
      setActive(next >= options.length ? -1 : next < -1 ? options.length - 1 : next);
    } else if (e.key === 'Enter' && isOpen && active >= 0) {
      e.preventDefault();
      window.location.assign(options[active]!.querySelector('a')!.href);
    } else if (e.key === 'Escape') {
      if (isOpen) open(false);
      else input.value = '';
    }
  });
  form.addEventListener('focusout', (e) => {
    if (!form.contains(e.relatedTarget as Node | null)) open(false);
  });
  document.addEventListener('pointerdown', (e) => {
    if (!form.contains(e.target as Node)) open(false);
  });
  // The first focus is what loaded this module: answer for a value typed before it arrived.
  if (input.value.trim().length >= 2) void run();
}
