// Every page's search shortcut, inline like the theme scripts (allowed by hash in the CSP): "/"
// or Ctrl/Cmd-K focuses the header search box; its first focus loads the search code, whose URL
// the form carries (data-search-ui). Nothing else runs at page load; without JavaScript the box
// is a plain form that opens /search/?q=.
(() => {
  const form = document.querySelector('[data-site-search]');
  const input = form && form.querySelector('input');
  if (!input) return;
  const load = () => import(form.dataset.searchUi);
  input.addEventListener('focus', load, { once: true });
  document.addEventListener('keydown', (e) => {
    const t = e.target;
    const typing = t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName);
    if ((e.key === '/' && !typing) || ((e.metaKey || e.ctrlKey) && e.key.toLowerCase() === 'k')) {
      e.preventDefault();
      // On /search/ the page's own field is the one to type in.
      (document.querySelector('[data-search-primary]') || input).focus();
    }
  });
})();
