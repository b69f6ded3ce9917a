/**
 * <choose-tool>: the page side of Choose my GPU. Reads the form, asks the worker to rank, writes
 * the answer with textContent only, keeps the state in the URL.
 */
import ChooseWorker from './choose-worker.ts?worker';
import type { ChooseReply, ChooseRequest } from './choose-worker.ts';
import type { ChooseState } from '../../lib/choose.ts';

customElements.define(
  'choose-tool',
  class extends HTMLElement {
    connectedCallback() {
      const slot = (name: string) => this.querySelector<HTMLElement>(`[data-slot="${name}"]`)!;
      const form = this.querySelector('form')!;
      const field = (name: string) => form.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
      const el = (tag: string, text = '', className = '') =>
        Object.assign(document.createElement(tag), { textContent: text, className });
      const showNotices = (notices: string[]) => {
        slot('notices').replaceChildren(...notices.map((n) => el('li', n)));
        slot('notices').hidden = notices.length === 0;
      };
      const usd = (v: number) => `$${v.toLocaleString('en-US')}`;
      const names = ['budget', 'buy', 'model', 'ctx', 'form', 'watts'] as const;
      const apply = (s: ChooseState) => names.forEach((n) => (field(n).value = String(s[n])));
      const read = (): ChooseState => ({
        budget: field('budget').valueAsNumber,
        model: field('model').value,
        ctx: Number(field('ctx').value),
        form: field('form').value as ChooseState['form'],
        watts: field('watts').valueAsNumber || 0,
        buy: field('buy').value as ChooseState['buy'],
      });
      const render = (r: ChooseReply) => {
        const { picks, stepUp, unpriced } = r.result;
        slot('title').textContent = r.title;
        slot('unpriced').textContent = String(unpriced);
        slot('picks').replaceChildren(
          ...picks.slice(0, 8).map((p, i) => {
            const li = el('li', '', 'rounded-lg border border-line bg-surface p-3');
            li.append(
              Object.assign(el('a', `${i + 1}. ${p.name}`, 'font-semibold'), { href: `/hardware/${p.id}/` }),
              el('p', p.reason, 'text-sm'),
            );
            return li;
          }),
        );
        slot('empty').hidden = picks.length > 0;
        slot('step-up').hidden = !stepUp;
        slot('step-up').textContent = stepUp
          ? `Next step up: the ${stepUp.name} for ${usd(stepUp.extraUsd)} more (${stepUp.gain}). ${stepUp.reason}`
          : '';
      };

      // The server rendered the answer for the form's state: the worker (engine and catalog, about
      // 20 KB) starts only for a link with settings or on the first change.
      // Controls changed while a link's state is still loading are replayed over it once it has
      // arrived, so neither the link nor the visitor's change is lost.
      let early = location.search.length > 1 ? new Map<HTMLInputElement, string>() : undefined;
      let worker: Worker | undefined;
      const send = () => {
        const s = read();
        if (!(s.budget >= 50 && s.budget <= 100000)) return showNotices(['Enter a budget between $50 and $100,000.']);
        showNotices([]);
        if (worker) worker.postMessage({ kind: 'update', state: s } satisfies ChooseRequest);
        else start(s);
      };
      const start = (state?: ChooseReply['state']) => {
        worker = new ChooseWorker();
        worker.onmessage = ({ data }: MessageEvent<ChooseReply>) => {
          if (data.error !== undefined) return showNotices([`The ranking could not be computed: ${data.error}`]);
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
          history.replaceState(null, '', location.pathname + data.query);
        };
        worker.onerror = () => showNotices(['The ranking did not load; reload the page to try again.']);
        worker.postMessage({
          kind: 'init',
          search: location.search,
          state,
          catalogUrl: new URL(this.dataset['catalog']!, location.href).href,
          dataUrl: new URL(this.dataset['src']!, location.href).href,
        } satisfies ChooseRequest);
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
