// The theme button: cycles system -> light -> dark and remembers the choice.
(() => {
  const order = ['system', 'light', 'dark'];
  const el = document.querySelector('theme-toggle');
  if (!el) return;
  const btn = el.querySelector('button');
  const read = () => document.documentElement.dataset.theme || 'system';
  const show = () => {
    const t = read();
    btn.textContent = 'Theme: ' + t;
    btn.setAttribute('aria-label', 'Colour theme: ' + t + '. Activate to change.');
  };
  btn.addEventListener('click', () => {
    const next = order[(order.indexOf(read()) + 1) % order.length];
    if (next === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = next;
    try {
      if (next === 'system') localStorage.removeItem('theme');
      else localStorage.setItem('theme', next);
    } catch {}
    show();
  });
  el.classList.remove('invisible');
  show();
})();
