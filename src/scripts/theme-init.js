// Apply a saved theme choice before first paint (no flash). No choice = follow the system.
try {
  const t = localStorage.getItem('theme');
  if (t === 'light' || t === 'dark') document.documentElement.dataset.theme = t;
} catch {}
