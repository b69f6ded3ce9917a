/**
 * All the search code, bundled as one standalone file (SiteSearch.astro imports it with
 * `?worker&url`, which makes Vite bundle it on its own and hand back its URL, though it runs in
 * the page, not in a worker). Loaded by the header's inline stub on first focus and by /search/
 * at page load; it attaches itself to whichever of the two is on the page. One file with no
 * imports, so no page carries a module loader for it.
 */
import { attachSearchBox } from './search-box.ts';
import { attachSearchPage } from './search-page.ts';

const form = document.querySelector<HTMLFormElement>('[data-site-search]');
const input = form?.querySelector('input');
if (form && input && !form.dataset.searchReady) {
  form.dataset.searchReady = 'true';
  attachSearchBox(form, input);
}
attachSearchPage();
