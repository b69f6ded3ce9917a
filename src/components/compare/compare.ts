/**
 * <compare-tool>: the page side of the Compare tool. It reads the form, asks the worker
 * (compare-worker.ts) for the comparison and writes it into the server-rendered tables with
 * textContent only; nothing from the URL is parsed as HTML. The state lives in the URL.
 */
import CompareWorker from './compare-worker.ts?worker';
import type { CompareReply, CompareRequest } from './compare-worker.ts';
import type { CompareState } from '../../lib/compare-state.ts';
import { USABLE_TOKENS_PER_SECOND, bestFormatRule } from '../../lib/speed-floor.ts';

const el = (tag: string, text = '', className = '') =>
  Object.assign(document.createElement(tag), { textContent: text, className });

customElements.define(
  'compare-tool',
  class extends HTMLElement {
    connectedCallback() {
      const slot = (name: string) => this.querySelector<HTMLElement>(`[data-slot="${name}"]`)!;
      const form = this.querySelector('form')!;
      const selects = [...form.querySelectorAll<HTMLSelectElement>('select[data-slot-index]')];
      const field = (name: string) => form.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
      const showNotices = (notices: string[]) => {
        slot('notices').replaceChildren(...notices.map((n) => el('li', n)));
        slot('notices').hidden = notices.length === 0;
      };

      const read = (): CompareState => {
        const hw = selects.map((s) => s.value).filter(Boolean);
        return {
          hw: hw.filter((id, i) => id !== 'custom' || hw.indexOf('custom') === i),
          set: field('set').value,
          ctx: Number(field('ctx').value),
          floor: Number(field('floor').value),
          vram: field('vram').valueAsNumber || 24,
          bw: field('bw').valueAsNumber || 1000,
        };
      };
      const apply = (s: CompareState) => {
        selects.forEach((sel, i) => (sel.value = s.hw[i] ?? ''));
        field('set').value = s.set;
        field('ctx').value = String(s.ctx);
        field('floor').value = String(s.floor ?? USABLE_TOKENS_PER_SECOND);
        if (s.vram !== undefined) field('vram').value = String(s.vram);
        if (s.bw !== undefined) field('bw').value = String(s.bw);
      };
      const head = (name: string, first: string, names: string[]) =>
        slot(name).replaceChildren(...[first, ...names].map((n) => Object.assign(el('th', n), { scope: 'col' })));
      const row = (label: Node | string, cells: Node[][], best: number[], bestText: string) => {
        const tr = el('tr');
        const th = Object.assign(el('th'), { scope: 'row' });
        th.append(label);
        tr.append(th);
        cells.forEach((kids, i) => {
          const td = el('td', '', best.includes(i) ? 'font-bold' : '');
          td.append(...kids);
          if (best.includes(i)) td.append(el('span', ` (${bestText})`, 'sr-only'));
          tr.append(td);
        });
        return tr;
      };
      const star = (best: boolean, text: string) => (best ? `★ ${text}` : text);
      const render = (r: CompareReply) => {
        head('spec-head', 'Spec', r.names);
        head('model-head', 'Model', r.names);
        slot('specs').replaceChildren(
          ...r.specs.map((s) =>
            row(
              s.label,
              s.cells.map((c, i) => [document.createTextNode(star(s.best.includes(i), c))]),
              s.best,
              'best',
            ),
          ),
        );
        slot('models').replaceChildren(
          ...r.models.map((m) =>
            row(
              Object.assign(el('a', m.model), { href: `/models/${m.modelId}/` }),
              m.cells.map((c, i) => [
                document.createTextNode(`${star(m.best.includes(i), c.format)} · ${c.verdictText}`),
                el('span', c.speedText, 'block text-sm'),
                ...(c.measured === undefined ? [] : [el('span', `measured ${c.measured} tok/s`, 'block text-sm')]),
              ]),
              m.best,
              'fastest',
            ),
          ),
        );
        slot('models-title').textContent = r.modelsTitle;
        slot('rule').textContent = bestFormatRule(r.state.floor ?? USABLE_TOKENS_PER_SECOND);
      };

      // The server rendered the answer for the form's state: the worker (engine and catalog, about
      // 20 KB) starts only for a link with settings or on the first change.
      // Controls changed while a link's state is still loading are replayed over it once it has
      // arrived, so neither the link nor the visitor's change is lost.
      let early = location.search.length > 1 ? new Map<HTMLInputElement, string>() : undefined;
      let worker: Worker | undefined;
      const send = () => {
        const s = read();
        if (s.hw.length < 2) return showNotices(['Pick at least two machines.']);
        showNotices([]);
        if (worker) worker.postMessage({ kind: 'update', state: s } satisfies CompareRequest);
        else start(s);
      };
      const start = (state?: CompareReply['state']) => {
        worker = new CompareWorker();
        worker.onmessage = ({ data }: MessageEvent<CompareReply>) => {
          if (data.error !== undefined) return showNotices([`The comparison could not be computed: ${data.error}`]);
          if (early) {
            const replay = early;
            early = undefined;
            showNotices(data.notices);
            apply(data.state);
            if (replay.size) {
              for (const [control, value] of replay) control.value = value;
              return send();
            }
          }
          render(data);
          history.replaceState(null, '', `/compare/${data.query}`);
        };
        worker.onerror = () => showNotices(['The comparison did not load; reload the page to try again.']);
        worker.postMessage({
          kind: 'init',
          search: location.search,
          state,
          catalogUrl: new URL(this.dataset['catalog']!, location.href).href,
          compareUrl: new URL(this.dataset['compare']!, location.href).href,
        } satisfies CompareRequest);
      };
      if (early) start();
      form.addEventListener('input', (e) => {
        if (early) early.set(e.target as HTMLInputElement, (e.target as HTMLInputElement).value);
        else send();
      });
      form.addEventListener('submit', (e) => e.preventDefault());
    }
  },
);
