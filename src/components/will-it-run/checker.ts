/**
 * <will-it-run>: wiring between the server-rendered form and src/lib. Reads the catalog payload,
 * restores the choice from the URL (bad values fall back with a visible notice), recomputes on
 * every input and writes results with textContent/attributes only: nothing from the URL or the
 * pasted config is ever parsed as HTML.
 */
import { answerView, type AnswerView } from '../../lib/answer.ts';
import { chartGeometry, contextStops, memoryCurve } from '../../lib/chart.ts';
import { modelFromCatalog, type CatalogHardware, type CatalogModel, type ModelSpec } from '../../lib/catalog.ts';
import { estimate } from '../../lib/fit.ts';
import { parseHfConfig } from '../../lib/hf-config.ts';
import { machineFromChoice } from '../../lib/machine.ts';
import { parseCheckerQuery, serializeCheckerState, type CheckerState } from '../../lib/query-state.ts';
import type { CheckerPayload } from '../../queries/checker.ts';

const SVG = 'http://www.w3.org/2000/svg';

class WillItRun extends HTMLElement {
  private payload!: CheckerPayload;
  private models = new Map<string, CatalogModel>();
  private specs = new Map<string, ModelSpec>();
  private hardware = new Map<string, CatalogHardware>();
  private pasted: ModelSpec | undefined;
  private form!: HTMLFormElement;

  connectedCallback(): void {
    const data = this.querySelector('script[data-checker-payload]');
    this.form = this.querySelector('form')!;
    if (!data || !this.form) return;
    this.payload = JSON.parse(data.textContent ?? '{}') as CheckerPayload;
    this.models = new Map(this.payload.models);
    this.hardware = new Map(this.payload.hardware);
    for (const el of this.querySelectorAll<HTMLElement>('[data-js-only]')) el.hidden = false;
    this.querySelector<HTMLElement>('[data-no-js-note]')!.hidden = true;
    this.querySelector<HTMLElement>('[data-submit]')!.textContent = 'Update the answer';

    const { state, notices } = parseCheckerQuery(location.search, {
      models: new Map([...this.models].map(([id, m]) => [id, { contextLength: m.contextLength }])),
      hardware: new Set(this.hardware.keys()),
      defaults: this.payload.defaults,
    });
    this.showNotices(notices);
    this.applyState(state);

    this.form.addEventListener('input', (e) => this.onInput(e));
    this.form.addEventListener('change', (e) => this.onInput(e));
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.update();
    });
    this.form.addEventListener('click', (e) => this.onClick(e));
    this.addEventListener('click', (e) => this.onCopy(e));
    this.update(false);
  }

  private control<T extends HTMLElement>(id: string): T {
    return this.querySelector<T>(`#${id}`)!;
  }

  /** Puts a state into the form controls. */
  private applyState(s: CheckerState): void {
    this.control<HTMLSelectElement>('wir-model').value = s.model;
    this.control<HTMLSelectElement>('wir-quant').value = s.quant;
    this.control<HTMLSelectElement>('wir-kv').value = s.kv;
    this.control<HTMLInputElement>('wir-ctx').value = String(s.ctx);
    const rows = this.querySelector('[data-list="gpus"]')!;
    for (const extra of [...rows.querySelectorAll('[data-gpu-row]')].slice(1)) extra.remove();
    this.control<HTMLSelectElement>('wir-hw-0').value = s.hw[0] ?? '';
    for (const id of s.hw.slice(1)) this.addGpuRow(id);
    for (const key of ['vram', 'bw', 'ram'] as const) {
      const v = s[key];
      this.control<HTMLInputElement>(`wir-${key}`).value = v === undefined ? '' : String(v);
    }
    this.syncContextControls();
  }

  /** Reads the form into a state (numbers validated, empty fields dropped). */
  private readState(): CheckerState {
    const num = (id: string) => {
      const v = this.control<HTMLInputElement>(id).valueAsNumber;
      return Number.isFinite(v) && v >= 0 ? v : undefined;
    };
    const model = this.control<HTMLSelectElement>('wir-model').value;
    const max = this.maxContext(model);
    const hw = [...this.querySelectorAll<HTMLSelectElement>('[data-list="gpus"] select')].map((s) => s.value).filter((v) => this.hardware.has(v));
    const firstIsCustom = this.control<HTMLSelectElement>('wir-hw-0').value === '';
    return {
      model,
      quant: this.control<HTMLSelectElement>('wir-quant').value as CheckerState['quant'],
      ctx: Math.min(max, Math.max(256, Math.round(num('wir-ctx') ?? 8192))),
      kv: this.control<HTMLSelectElement>('wir-kv').value as CheckerState['kv'],
      hw: firstIsCustom ? [] : hw,
      vram: num('wir-vram'),
      bw: num('wir-bw'),
      ram: num('wir-ram'),
    };
  }

  private maxContext(model: string): number {
    return model === 'pasted' ? (this.pasted?.contextLength ?? 8192) : (this.models.get(model)?.contextLength ?? 8192);
  }

  private spec(id: string): ModelSpec {
    if (id === 'pasted' && this.pasted) return this.pasted;
    let spec = this.specs.get(id);
    if (!spec) {
      spec = modelFromCatalog(id, this.models.get(id)!);
      this.specs.set(id, spec);
    }
    return spec;
  }

  private onInput(e: Event): void {
    const target = e.target as HTMLElement;
    if (target.id === 'wir-model-filter') return this.filterModels((target as HTMLInputElement).value);
    if (target.id === 'wir-config') return;
    if (target.id === 'wir-ctx-range') {
      const stops = contextStops(this.maxContext(this.control<HTMLSelectElement>('wir-model').value));
      this.control<HTMLInputElement>('wir-ctx').value = String(stops[Number((target as HTMLInputElement).value)] ?? stops[0]);
    }
    if (target.id === 'wir-model') this.syncContextControls();
    if (target.id === 'wir-ctx' && e.type === 'change') this.syncContextControls();
    this.update();
  }

  private onClick(e: Event): void {
    const action = (e.target as HTMLElement).closest<HTMLElement>('[data-action]')?.dataset['action'];
    if (action === 'add-gpu') {
      const first = this.control<HTMLSelectElement>('wir-hw-0').value;
      this.addGpuRow(this.hardware.get(first)?.kind === 'gpu' ? first : 'nvidia-rtx-3090');
      this.update();
    } else if (action === 'remove-gpu') {
      (e.target as HTMLElement).closest('[data-gpu-row]')?.remove();
      this.update();
    } else if (action === 'use-config') this.usePastedConfig();
  }

  private async onCopy(e: Event): Promise<void> {
    const button = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-copy]');
    if (!button) return;
    const text = button.parentElement?.querySelector('code')?.textContent ?? '';
    try {
      await navigator.clipboard.writeText(text);
      button.textContent = 'Copied';
    } catch {
      button.textContent = 'Select to copy';
    }
    setTimeout(() => (button.textContent = 'Copy'), 1500);
  }

  private addGpuRow(id: string): void {
    const rows = this.querySelector('[data-list="gpus"]')!;
    const index = rows.children.length;
    if (index >= 8) return;
    const row = rows.firstElementChild!.cloneNode(true) as HTMLElement;
    const select = row.querySelector('select')!;
    const label = row.querySelector('label')!;
    select.id = `wir-hw-${index}`;
    label.htmlFor = select.id;
    label.textContent = `GPU ${index + 1}`;
    select.querySelector('option[value=""]')?.remove();
    for (const group of select.querySelectorAll('optgroup')) if (!group.label.includes('GPU')) group.remove();
    select.value = id;
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.dataset['action'] = 'remove-gpu';
    remove.className = 'rounded-md border border-line px-2 text-sm';
    remove.textContent = 'Remove';
    remove.setAttribute('aria-label', `Remove GPU ${index + 1}`);
    row.append(remove);
    rows.append(row);
  }

  private filterModels(query: string): void {
    const q = query.trim().toLowerCase();
    const select = this.control<HTMLSelectElement>('wir-model');
    let firstVisible: HTMLOptionElement | undefined;
    for (const option of select.options) {
      if (option.value === 'pasted') continue;
      const match = !q || option.text.toLowerCase().includes(q) || option.value.includes(q);
      option.hidden = !match;
      option.disabled = !match;
      if (match) firstVisible ??= option;
    }
    if (select.selectedOptions[0]?.hidden && firstVisible) {
      select.value = firstVisible.value;
      this.syncContextControls();
      this.update();
    }
  }

  private usePastedConfig(): void {
    const status = this.querySelector<HTMLElement>('[data-slot="config-status"]')!;
    try {
      const parsed = parseHfConfig(JSON.parse(this.control<HTMLTextAreaElement>('wir-config').value), 'Pasted model');
      this.pasted = parsed.model;
      const option = this.querySelector<HTMLOptionElement>('option[data-pasted]')!;
      option.hidden = false;
      option.disabled = false;
      this.control<HTMLSelectElement>('wir-model').value = 'pasted';
      status.textContent = `Using the pasted ${parsed.modelType || 'model'} config (${parsed.architecture.layers} layers). It is not saved in the link.`;
      this.syncContextControls();
      this.update();
    } catch (err) {
      status.textContent = `Could not use this config: ${err instanceof SyntaxError ? 'it is not valid JSON' : (err as Error).message}`;
    }
  }

  private syncContextControls(): void {
    const model = this.control<HTMLSelectElement>('wir-model').value;
    const max = this.maxContext(model);
    const stops = contextStops(max);
    const ctxInput = this.control<HTMLInputElement>('wir-ctx');
    const ctx = Math.min(max, Math.max(256, ctxInput.valueAsNumber || 8192));
    ctxInput.max = String(max);
    ctxInput.value = String(ctx);
    const range = this.control<HTMLInputElement>('wir-ctx-range');
    range.max = String(stops.length - 1);
    let nearest = 0;
    stops.forEach((s, i) => {
      if (Math.abs(Math.log2(s / ctx)) < Math.abs(Math.log2(stops[nearest]! / ctx))) nearest = i;
    });
    range.value = String(nearest);
    range.setAttribute('aria-valuetext', `${ctx.toLocaleString('en-US')} tokens`);
    this.text('ctx-max', `Model maximum: ${max.toLocaleString('en-US')} tokens`);
  }

  private showNotices(notices: string[]): void {
    const box = this.querySelector<HTMLElement>('[data-slot="notices"]')!;
    const list = box.querySelector('[data-list="notices"]')!;
    list.replaceChildren(...notices.map((n) => Object.assign(document.createElement('li'), { textContent: n })));
    box.hidden = notices.length === 0;
  }

  /** Recomputes and renders; `push` writes the state into the URL. */
  private update(push = true): void {
    const state = this.readState();
    let machine;
    try {
      machine = machineFromChoice(state, this.hardware);
    } catch (err) {
      this.showNotices([(err as Error).message]);
      return;
    }
    const model = this.spec(state.model);
    const result = estimate({ model, format: state.quant, context: state.ctx, kvType: state.kv, hardware: machine });
    this.render(answerView(result, machine));
    this.text('question', `${model.name} on ${machine.name}`);
    this.renderChart(model, state, machine.devices.reduce((n, d) => n + d.usableBytes, 0) || machine.usableRamBytes);
    if (push && state.model !== 'pasted') history.replaceState(null, '', serializeCheckerState(state));
  }

  private text(slot: string, value: string): void {
    const el = this.querySelector(`[data-slot="${slot}"]`);
    if (el) el.textContent = value;
  }

  private render(v: AnswerView): void {
    this.querySelector<HTMLElement>('[data-slot="verdict"]')!.dataset['tone'] = v.tone;
    this.text('icon', v.icon);
    this.text('label', v.label);
    this.text('summary', v.summary);
    this.text('total', v.totalText);
    this.text('usable', v.usableText);
    this.text('speed', v.speedText);
    this.text('prompt-speed', v.promptSpeedText);
    this.text('layers', v.layersText);
    for (const s of v.segments) {
      this.querySelector<HTMLElement>(`[data-seg="${s.key}"]`)!.style.width = `${(s.share * 100).toFixed(2)}%`;
      this.querySelector(`[data-seg-text="${s.key}"]`)!.textContent = s.text;
    }
    this.querySelector<HTMLElement>('[data-slot="usable-line"]')!.style.left = `calc(${(Math.min(v.usableShare, 1) * 100).toFixed(2)}% - 1px)`;
    this.querySelector('[data-slot="bar"]')!.setAttribute('aria-label', `Memory breakdown: ${v.segments.map((s) => `${s.label} ${s.text}`).join(', ')}; usable ${v.usableText}`);

    const adviceBox = this.querySelector<HTMLElement>('[data-slot="advice-box"]')!;
    adviceBox.hidden = v.advice.length === 0;
    adviceBox.querySelector('[data-list="advice"]')!.replaceChildren(
      ...v.advice.map((a) => {
        const li = document.createElement('li');
        const strong = document.createElement('strong');
        strong.textContent = a.title;
        const note = document.createElement('span');
        note.className = 'text-muted';
        note.textContent = ` (${a.verdictLabel}; ${a.needText})`;
        li.append(strong, `: ${a.detail}`, note);
        return li;
      }),
    );

    const commands = this.querySelector('[data-list="commands"]')!;
    commands.replaceChildren(
      ...v.commands.map((c) => {
        const wrap = document.createElement('div');
        wrap.dataset['command'] = c.id;
        const title = Object.assign(document.createElement('p'), { className: 'text-sm font-medium', textContent: c.label });
        const box = Object.assign(document.createElement('div'), { className: 'relative' });
        const pre = Object.assign(document.createElement('pre'), { className: 'overflow-x-auto rounded-md border border-line bg-code p-3 pr-20 text-sm' });
        pre.append(Object.assign(document.createElement('code'), { textContent: c.text }));
        const copy = Object.assign(document.createElement('button'), { type: 'button', className: 'copy absolute top-2 right-2 rounded border border-line bg-surface px-2 py-0.5 text-xs', textContent: 'Copy' });
        copy.dataset['copy'] = '';
        copy.setAttribute('aria-label', `Copy the ${c.label} command`);
        box.append(pre, copy);
        wrap.append(title, box);
        return wrap;
      }),
    );

    const errorsBox = this.querySelector<HTMLElement>('[data-slot="errors-box"]')!;
    errorsBox.hidden = v.errorIds.length === 0;
    errorsBox.querySelector('[data-list="errors"]')!.replaceChildren(
      ...v.errorIds.map((id) => {
        const li = document.createElement('li');
        li.append(Object.assign(document.createElement('a'), { href: `/errors/${id}/`, textContent: this.payload.errors[id] ?? id }));
        return li;
      }),
    );
  }

  private renderChart(model: ModelSpec, s: CheckerState, usable: number): void {
    const input = { model, format: s.quant, kvType: s.kv };
    const points = memoryCurve(input, contextStops(this.maxContext(s.model)));
    const chosen = memoryCurve(input, [s.ctx])[0]!;
    const g = chartGeometry(points, usable, chosen);
    const svg = this.querySelector('[data-slot="chart-svg"]')!;
    svg.querySelector('[data-slot="curve"]')!.setAttribute('d', g.curve);
    const line = svg.querySelector('[data-slot="usable-y"]')!;
    line.setAttribute('y1', String(g.usableY ?? -10));
    line.setAttribute('y2', String(g.usableY ?? -10));
    const marker = svg.querySelector('[data-slot="marker"]')!;
    marker.setAttribute('cx', String(g.marker.x));
    marker.setAttribute('cy', String(g.marker.y));
    const label = (x: number, y: number, text: string, anchor: string) => {
      const t = document.createElementNS(SVG, 'text');
      t.setAttribute('x', String(x));
      t.setAttribute('y', String(y));
      t.setAttribute('text-anchor', anchor);
      t.textContent = text;
      return t;
    };
    svg.querySelector('[data-slot="x-ticks"]')!.replaceChildren(...g.xTicks.map((t) => label(t.x, g.height - 8, t.label, 'middle')));
    svg.querySelector('[data-slot="y-ticks"]')!.replaceChildren(
      ...g.yTicks.map((t) => {
        const group = document.createElementNS(SVG, 'g');
        const rule = document.createElementNS(SVG, 'line');
        for (const [k, val] of [['x1', 44], ['x2', g.width - 12], ['y1', t.y], ['y2', t.y]] as const) rule.setAttribute(k, String(val));
        rule.setAttribute('stroke', 'currentColor');
        rule.setAttribute('stroke-opacity', '0.15');
        group.append(rule, label(38, t.y + 4, t.label, 'end'));
        return group;
      }),
    );
    const first = points[0]!;
    const last = points[points.length - 1]!;
    svg.setAttribute('aria-label', `Memory needed rises from ${(first.bytes / 2 ** 30).toFixed(1)} GiB at ${first.context} tokens to ${(last.bytes / 2 ** 30).toFixed(1)} GiB at ${last.context} tokens; usable memory is ${(usable / 2 ** 30).toFixed(1)} GiB.`);
  }
}

customElements.define('will-it-run', WillItRun);
