/**
 * <cost-tool>: recomputes the Cost vs cloud answer on every change with src/lib/cost-tool.ts
 * (pure, no engine: the speeds come precomputed in the data file) and keeps the state in the URL.
 * Writes with textContent and SVG attributes only.
 */
import {
  costView,
  parseCostQuery,
  priceHint,
  serializeCostState,
  type CostData,
  type CostState,
} from '../../lib/cost-tool.ts';

const SVG = 'http://www.w3.org/2000/svg';

customElements.define(
  'cost-tool',
  class extends HTMLElement {
    async connectedCallback() {
      const slot = (name: string) => this.querySelector<HTMLElement>(`[data-slot="${name}"]`)!;
      const form = this.querySelector('form')!;
      const field = (name: string) => form.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
      const showNotices = (notices: string[]) => {
        slot('notices').replaceChildren(
          ...notices.map((n) => Object.assign(document.createElement('li'), { textContent: n })),
        );
        slot('notices').hidden = notices.length === 0;
      };
      // The form is live from the first paint; changes made before the data arrives are held and
      // replayed in order over the link's (or the default) state, so none is lost.
      const early: [HTMLInputElement, string][] = [];
      const hold = (e: Event) => early.push([e.target as HTMLInputElement, (e.target as HTMLInputElement).value]);
      form.addEventListener('input', hold);
      let data: CostData;
      try {
        data = (await (await fetch(this.dataset['src']!)).json()) as CostData;
      } catch {
        return showNotices(['The price data did not load; reload the page to try again.']);
      }
      const keys = ['hw', 'model', 'price', 'months', 'kwh', 'watts', 'out', 'in', 'hours', 'rent', 'api'] as const;
      const apply = (s: CostState) => {
        for (const k of keys) field(k).value = String(s[k]);
        for (const o of field('api').querySelectorAll('option[data-model]'))
          (o as HTMLOptionElement).hidden = (o as HTMLOptionElement).dataset['model'] !== s.model;
      };
      const usd = (v: number) =>
        `$${v.toLocaleString('en-US', { maximumFractionDigits: v < 10 ? 2 : 0, minimumFractionDigits: v < 10 ? 2 : 0 })}`;
      const svgText = (attrs: Record<string, string | number>, text: string) => {
        const t = document.createElementNS(SVG, 'text');
        for (const k in attrs) t.setAttribute(k, String(attrs[k]));
        t.textContent = text;
        return t;
      };
      const render = (s: CostState) => {
        const v = costView(s, data);
        const r = v.result;
        const set = (key: string, text: string) => (this.querySelector(`[data-value="${key}"]`)!.textContent = text);
        slot('summary').textContent = v.error || v.summary;
        slot('price-hint').textContent = priceHint(data, s.hw);
        slot('chart-text').textContent = v.summary;
        set(
          'format',
          v.error ? '–' : `${v.format}: ${v.decodeTokS} tok/s generating, ${v.promptTokS} tok/s reading (estimate)`,
        );
        set('local', r ? usd(r.localUsdPerMillion) : '–');
        set('api', r?.apiUsdPerMillion !== undefined ? usd(r.apiUsdPerMillion) : '–');
        set('hours', r ? `${r.localHoursPerDay.toFixed(2)} h` : '–');
        set('electricity', r ? usd(r.electricityUsdPerDay) : '–');
        set('rental', r?.rentalUsdPerDay !== undefined ? usd(r.rentalUsdPerDay) : '–');
        set('per-wh', r ? Math.round(r.tokensPerWh).toLocaleString('en-US') : '–');
        slot('choices').textContent =
          `${v.rental ? `Rental: ${v.rental.label}. ` : ''}${v.api ? `API: ${v.api.label}.` : ''}`;
        const c = v.chart;
        for (const line of ['own', 'api', 'rental'] as const)
          this.querySelector(`[data-line="${line}"]`)!.setAttribute('d', c?.[line] ?? '');
        slot('y-ticks').replaceChildren(
          ...(c?.yTicks ?? []).flatMap((t) => {
            const l = document.createElementNS(SVG, 'line');
            for (const [k, val] of Object.entries({
              x1: 56,
              x2: c!.width - 12,
              y1: t.y,
              y2: t.y,
              stroke: 'currentColor',
              'stroke-opacity': 0.15,
            }))
              l.setAttribute(k, String(val));
            return [
              l,
              svgText({ x: 50, y: t.y + 4, 'text-anchor': 'end', 'font-size': 11, fill: 'currentColor' }, t.label),
            ];
          }),
        );
        slot('x-ticks').replaceChildren(
          ...(c?.xTicks ?? []).map((t) =>
            svgText(
              { x: t.x, y: c!.height - 8, 'text-anchor': 'middle', 'font-size': 11, fill: 'currentColor' },
              t.label,
            ),
          ),
        );
      };
      const read = (): CostState => {
        const q = new URLSearchParams();
        for (const k of keys) q.set(k, field(k).value);
        return parseCostQuery(`?${q}`, data).state;
      };
      form.removeEventListener('input', hold);
      const parsed = parseCostQuery(location.search, data);
      showNotices(parsed.notices);
      apply(parsed.state);
      // A new machine brings its own launch price and power; a new model its own API list.
      const follow = (target: HTMLInputElement) => {
        if (target.name === 'hw') {
          const h = data.hardware[target.value];
          if (h?.msrp) field('price').value = String(h.msrp);
          if (h?.watts) field('watts').value = String(h.watts);
        }
        if (target.name === 'model') field('api').value = '';
      };
      for (const [control, value] of early) {
        control.value = value;
        follow(control);
      }
      if (location.search.length > 1 || early.length) {
        const state = read();
        apply(state);
        render(state);
        history.replaceState(null, '', location.pathname + serializeCostState(state));
      }
      form.addEventListener('input', (e) => {
        follow(e.target as HTMLInputElement);
        const s = read();
        apply(s);
        render(s);
        history.replaceState(null, '', location.pathname + serializeCostState(s));
      });
      form.addEventListener('submit', (e) => e.preventDefault());
    }
  },
);
