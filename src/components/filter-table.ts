/**
 * <filter-table>: filters and sorts a server-rendered table in place, with the state in the URL.
 * Contract with the markup: a <form> whose <select name=X> lists the values of filter X ("" = all)
 * and whose <select name="sort"> lists sort keys (the first is the default); each body <tr>
 * carries data-X="value" for every filter and data-sort-<key>="number" for every sort key (rows
 * sort descending, missing values last); [data-slot="count"] shows how many rows are visible and
 * [data-slot="notices"] any fallback notice. Without JavaScript the full table stays as rendered.
 */
import { parseTableQuery, serializeTableState, type TableSpec, type TableState } from '../lib/table-state.ts';

customElements.define(
  'filter-table',
  class extends HTMLElement {
    connectedCallback() {
      const form = this.querySelector('form')!;
      const body = this.querySelector('tbody')!;
      const rows = [...body.rows];
      const selects = [...form.querySelectorAll('select')];
      const values = (s: HTMLSelectElement) => [...s.options].map((o) => o.value).filter(Boolean);
      const spec: TableSpec = {
        filters: Object.fromEntries(selects.filter((s) => s.name !== 'sort').map((s) => [s.name, values(s)])),
        sorts: values(selects.find((s) => s.name === 'sort')!),
      };
      const slot = (name: string) => this.querySelector<HTMLElement>(`[data-slot="${name}"]`)!;

      const apply = (state: TableState) => {
        for (const s of selects) s.value = s.name === 'sort' ? state.sort : (state.filters[s.name] ?? '');
        const key = (r: HTMLTableRowElement) =>
          Number(r.dataset[`sort${state.sort[0]!.toUpperCase()}${state.sort.slice(1)}`] ?? NaN);
        const sorted = [...rows].sort((a, b) =>
          Number.isNaN(key(b)) ? -1 : Number.isNaN(key(a)) ? 1 : key(b) - key(a),
        );
        let shown = 0;
        for (const r of sorted) {
          r.hidden = Object.entries(state.filters).some(([name, v]) => r.dataset[name] !== v);
          if (!r.hidden) shown++;
        }
        body.append(...sorted);
        slot('count').textContent = `Showing ${shown} of ${rows.length} rows`;
      };
      const read = (): TableState => ({
        filters: Object.fromEntries(selects.filter((s) => s.name !== 'sort' && s.value).map((s) => [s.name, s.value])),
        sort: form.querySelector<HTMLSelectElement>('select[name="sort"]')!.value,
      });

      // Without a query the form's own values stand (a choice made before this script ran counts).
      const { state, notices } =
        location.search.length > 1 ? parseTableQuery(location.search, spec) : { state: read(), notices: [] };
      const list = slot('notices');
      list.replaceChildren(...notices.map((n) => Object.assign(document.createElement('li'), { textContent: n })));
      list.hidden = notices.length === 0;
      apply(state);
      if (notices.length) history.replaceState(null, '', location.pathname + serializeTableState(state, spec));
      form.addEventListener('input', () => {
        const next = read();
        apply(next);
        history.replaceState(null, '', location.pathname + serializeTableState(next, spec));
      });
      form.addEventListener('submit', (e) => e.preventDefault());
    }
  },
);
