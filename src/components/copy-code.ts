/** DOM wiring for copy buttons on code blocks (browser only). */
export function enhanceCodeBlocks(root: ParentNode): void {
  for (const pre of root.querySelectorAll<HTMLPreElement>('[data-copy-code] pre')) {
    if (pre.parentElement?.classList.contains('code-wrap')) continue;
    const wrap = document.createElement('div');
    wrap.className = 'code-wrap relative';
    pre.replaceWith(wrap);
    wrap.append(pre);
    const button = document.createElement('button');
    button.type = 'button';
    button.className =
      'absolute top-2 right-2 rounded border border-line bg-surface px-2 py-0.5 text-xs text-fg opacity-90 hover:opacity-100';
    button.textContent = 'Copy';
    button.setAttribute('aria-label', 'Copy code to clipboard');
    const status = document.createElement('span');
    status.className = 'sr-only';
    status.setAttribute('aria-live', 'polite');
    button.addEventListener('click', async () => {
      const text = pre.querySelector('code')?.textContent ?? pre.textContent ?? '';
      try {
        await navigator.clipboard.writeText(text.trimEnd());
        button.textContent = 'Copied';
        status.textContent = 'Copied to clipboard';
      } catch {
        button.textContent = 'Select and copy';
        status.textContent = 'Copy failed; select the text instead';
      }
      setTimeout(() => {
        button.textContent = 'Copy';
      }, 2000);
    });
    wrap.append(button, status);
  }
}
