/**
 * <will-it-run>: wiring between the server-rendered form and src/lib. Fetches the catalog JSON
 * after the first (server-rendered) answer, restores the choice from the URL (bad values fall
 * back with a visible notice), recomputes on every input and writes results with
 * textContent/attributes only: nothing from the URL or the pasted config is ever parsed as HTML.
 * Advice, the launch plan and the chart come from a worker (checker-worker.ts) started on the first change,
 * so they cost the page no JavaScript. Written as closures (not class methods) so the minifier
 * can shorten every name: the island has a 20 KB gzip budget, engine included.
 */
import { answerView, type AdviceView, type AnswerView, type CommandView } from '../../lib/answer.ts';
import { contextStops, type ChartView } from '../../lib/chart.ts';
import type { ModelSpec } from '../../lib/engine/model.ts';
import { estimateEngine } from '../../lib/engine/fit.ts';
import { sameFamily } from '../../lib/catalog.ts';
import { machineFromChoice } from '../../lib/machine.ts';
import { PASTED, parseCheckerQuery, serializeCheckerState, type CheckerState } from '../../lib/query-state.ts';
import CheckerWorker from './checker-worker.ts?worker';
import type { WorkerReply, WorkerRequest } from './checker-worker.ts';
import type { CheckerPayload } from '../../queries/checker.ts';

const SVG = 'http://www.w3.org/2000/svg';

async function init(root: HTMLElement): Promise<void> {
  // Lookups of the server-rendered nodes are cached: they never move (GPU rows use all()).
  const found = new Map<string, Element>();
  const q = <T extends Element = HTMLElement>(sel: string) =>
    (found.get(sel) ?? found.set(sel, root.querySelector(sel)!).get(sel)) as T;
  const all = <T extends Element = HTMLElement>(sel: string) => [...root.querySelectorAll<T>(sel)];
  const byId = <T extends HTMLElement = HTMLInputElement>(id: string) => q<T>(`#wir-${id}`);
  const slot = (name: string) => q(`[data-slot="${name}"]`);
  // Writes skip unchanged values, so an input that changes little costs little layout.
  const setText = (name: string, text: string, node: Node = slot(name)) => {
    if (node.textContent !== text) node.textContent = text;
  };
  const shown = new WeakMap<Element, string>();
  /** Replaces node's children with make()'s, unless `data` is what they already show. */
  const fill = (node: Element, data: unknown, make: () => (Node | string)[]) => {
    const key = JSON.stringify(data);
    if (shown.get(node) === key) return;
    shown.set(node, key);
    node.replaceChildren(...make());
  };
  const el = <K extends keyof HTMLElementTagNameMap>(
    tag: K,
    props: Partial<HTMLElementTagNameMap[K]> = {},
    ...kids: (Node | string)[]
  ) => {
    const node = Object.assign(document.createElement(tag), props);
    node.append(...kids);
    return node;
  };
  const svgEl = (tag: string, attrs: Record<string, string | number>, text = '') => {
    const node = document.createElementNS(SVG, tag);
    for (const k in attrs) node.setAttribute(k, String(attrs[k]));
    node.textContent = text;
    return node;
  };

  const showNotices = (notices: string[]) => {
    q('[data-list="notices"]').replaceChildren(...notices.map((n) => el('li', { textContent: n })));
    slot('notices').hidden = !notices.length;
  };
  let payload: CheckerPayload;
  try {
    payload = (await (await fetch(root.dataset['catalog']!)).json()) as CheckerPayload;
  } catch {
    return showNotices(['The catalog did not load, so the answer cannot change; reload the page to try again.']);
  }
  // The payload has no names: they are the labels of the form's options.
  const named = <T>(entries: [string, T][], select: HTMLSelectElement) =>
    new Map(
      entries.map(([id, e]) => [id, { ...e, id, name: [...select.options].find((o) => o.value === id)?.text ?? id }]),
    );
  const models: Map<string, ModelSpec> = named(payload.models, byId<HTMLSelectElement>('model'));
  const specSelect = byId<HTMLSelectElement>('spec');
  const vision = byId('vision');
  const hardware = named(payload.hardware, byId<HTMLSelectElement>('hw-0'));
  let pasted: ModelSpec | undefined;
  const form = q<HTMLFormElement>('form');
  const modelSelect = byId<HTMLSelectElement>('model');
  const rows = q('[data-list="gpus"]');

  const maxContext = (id: string) => (id === PASTED ? pasted?.contextLength : models.get(id)?.contextLength) ?? 8192;
  // The same object every time: the engine's weight caches are keyed by it.
  const spec = (id: string): ModelSpec => (id === PASTED && pasted ? pasted : models.get(id)!);
  /** Catalog models of the same family line and fewer parameters (draft models, smaller-model advice). */
  const smaller = (m: ModelSpec) =>
    [...models.values()].filter((x) => x !== m && sameFamily(m, x) && (x.paramsTotal ?? 0) < (m.paramsTotal ?? 0));
  /** Enables the extras the model has (vision, MTP, smaller same-family drafts); a choice it lacks falls back to off. */
  const syncExtras = () => {
    const m = spec(modelSelect.value);
    vision.disabled = m.vision == null;
    if (vision.disabled) vision.checked = false;
    const drafts = new Set(smaller(m).map((x) => x.id));
    for (const o of specSelect.options)
      o.disabled = o.value === 'mtp' ? !((m.architecture.mtpLayers ?? 0) > 0) : o.value !== '' && !drafts.has(o.value);
    if (specSelect.selectedOptions[0]?.disabled) specSelect.value = '';
  };

  const addGpuRow = (id: string) => {
    const index = rows.children.length;
    if (index >= 8) return;
    const row = rows.firstElementChild!.cloneNode(true) as HTMLElement;
    const select = row.querySelector('select')!;
    select.id = `wir-hw-${index}`;
    Object.assign(row.querySelector('label')!, { htmlFor: select.id, textContent: `GPU ${index + 1}` });
    select.querySelector('option[value=""]')?.remove();
    for (const group of select.querySelectorAll('optgroup')) if (!group.label.includes('GPU')) group.remove();
    select.value = id;
    const remove = el('button', {
      type: 'button',
      className: 'rounded-md border border-line px-2 text-sm',
      textContent: 'Remove',
    });
    remove.dataset['action'] = 'remove-gpu';
    remove.setAttribute('aria-label', `Remove GPU ${index + 1}`);
    row.append(remove);
    rows.append(row);
  };

  const syncContext = () => {
    const max = maxContext(modelSelect.value);
    const stops = contextStops(max);
    const input = byId('ctx');
    const ctx = Math.min(max, Math.max(256, input.valueAsNumber || 8192));
    Object.assign(input, { max: String(max), value: String(ctx) });
    const range = byId('ctx-range');
    let nearest = 0;
    stops.forEach((s, i) => {
      if (Math.abs(Math.log2(s / ctx)) < Math.abs(Math.log2(stops[nearest]! / ctx))) nearest = i;
    });
    Object.assign(range, { max: String(stops.length - 1), value: String(nearest) });
    range.setAttribute('aria-valuetext', `${ctx} tokens`);
    setText('ctx-max', `Model maximum: ${max.toLocaleString('en-US')} tokens`);
    syncExtras();
  };

  const applyState = (s: CheckerState) => {
    modelSelect.value = s.model;
    byId<HTMLSelectElement>('quant').value = s.quant;
    byId<HTMLSelectElement>('kv').value = s.kv;
    byId('ctx').value = String(s.ctx);
    byId<HTMLSelectElement>('hw-0').value = s.hw[0] ?? '';
    s.hw.slice(1).forEach(addGpuRow);
    for (const key of ['vram', 'bw', 'ram'] as const) byId(key).value = s[key] === undefined ? '' : String(s[key]);
    vision.checked = s.vision === true;
    specSelect.value = s.spec ?? '';
    syncContext();
  };

  const readState = (): CheckerState => {
    const num = (id: string) => {
      const v = byId(id).valueAsNumber;
      return v >= 0 ? v : undefined;
    };
    const model = modelSelect.value;
    const hw = all<HTMLSelectElement>('[data-list="gpus"] select').map((s) => s.value);
    return {
      model,
      quant: byId<HTMLSelectElement>('quant').value as CheckerState['quant'],
      ctx: Math.min(maxContext(model), Math.max(256, Math.round(num('ctx') ?? 8192))),
      kv: byId<HTMLSelectElement>('kv').value as CheckerState['kv'],
      hw: hw[0] === '' ? [] : hw.filter((v) => hardware.has(v)),
      vram: num('vram'),
      bw: num('bw'),
      ram: num('ram'),
      vision: vision.checked || undefined,
      spec: specSelect.value || undefined,
    };
  };
  const renderAdvice = (advice: AdviceView[]) => {
    slot('advice-box').hidden = !advice.length;
    fill(q('[data-list="advice"]'), advice, () =>
      advice.map((a) =>
        el(
          'li',
          {},
          el('strong', { textContent: a.title }),
          ` (${a.costText}): ${a.detail} `,
          el('span', { className: 'text-muted', textContent: `(${a.verdictLabel}; ${a.needText})` }),
          ...(a.command
            ? [el('code', { className: 'mt-1 block w-fit rounded bg-code px-2 py-0.5', textContent: a.command })]
            : []),
        ),
      ),
    );
  };
  const renderLaunch = (l: { launchText: string; maxContextText: string }) => {
    setText('launch', l.launchText);
    setText('max-context', l.maxContextText);
    slot('launch-box').hidden = !l.launchText && !l.maxContextText;
  };

  const render = (v: AnswerView) => {
    slot('verdict').dataset['tone'] = v.tone;
    setText('icon', v.icon);
    setText('label', v.label);
    setText('summary', v.summary);
    setText('total', v.totalText);
    setText('usable', v.usableText);
    setText('speed', v.speedText);
    setText('speed-full', v.speedFullText);
    setText('speculative', v.speculativeText);
    slot('speculative').hidden = !v.speculativeText;
    setText('ttft', v.ttftText && `First token: ${v.ttftText}`);
    setText('state-note', v.stateText);
    slot('state-note').hidden = !v.stateText;
    setText('prompt-speed', v.promptSpeedText);
    setText('layers', v.layersText);
    setText('assumptions', v.assumptionsText);
    slot('assumptions').hidden = !v.assumptionsText;
    slot('mini-verdict').dataset['tone'] = v.tone;
    setText('mini-verdict', `${v.icon} ${v.label}`);
    setText('mini-total', v.totalText);
    setText('mini-usable', v.usableText);
    for (const s of v.segments) {
      q(`[data-seg="${s.key}"]`).style.width = `${s.share * 100}%`;
      setText('', s.text, q(`[data-seg-text="${s.key}"]`));
      if (s.key === 'state' || s.key === 'extra') q(`[data-seg-item="${s.key}"]`).hidden = !s.bytes;
    }
    slot('usable-line').style.left = `calc(${Math.min(v.usableShare, 1) * 100}% - 1px)`;
    slot('bar').setAttribute(
      'aria-label',
      `Memory breakdown: ${v.segments.map((s) => `${s.label} ${s.text}`).join(', ')}; usable ${v.usableText}`,
    );
    slot('errors-box').hidden = !v.errorIds.length;
    fill(q('[data-list="errors"]'), v.errorIds, () =>
      v.errorIds.map((id) => el('li', {}, el('a', { href: `/errors/${id}/`, textContent: payload.errors[id] ?? id }))),
    );
  };
  const renderCommands = (commands: CommandView[]) =>
    fill(q('[data-list="commands"]'), commands, () =>
      commands.map((c) => {
        const copy = el('button', {
          type: 'button',
          className: 'absolute top-2 right-2 rounded border border-line bg-surface px-2 py-0.5 text-xs',
          textContent: 'Copy',
        });
        copy.dataset['copy'] = '';
        copy.setAttribute('aria-label', `Copy the ${c.label} command`);
        const pre = el(
          'pre',
          // Focusable so keyboard users can scroll a long command sideways.
          { className: 'overflow-x-auto rounded-md border border-line bg-code p-3 pr-20 text-sm', tabIndex: 0 },
          el('code', { textContent: c.text }),
        );
        const wrap = el(
          'div',
          {},
          el('p', { className: 'text-sm font-medium', textContent: c.label }),
          el('div', { className: 'relative' }, pre, copy),
        );
        wrap.dataset['command'] = c.id;
        return wrap;
      }),
    );

  const renderChart = ({ geometry: g, label }: ChartView) => {
    q('[data-slot="speed-curve"]').setAttribute('d', g.speedCurve);
    setText('speed-max', g.speedMax.toFixed(0));
    slot('speed-legend').hidden = !g.speedMax;
    q('[data-slot="curve"]').setAttribute('d', g.curve);
    for (const k of ['y1', 'y2']) q('[data-slot="usable-y"]').setAttribute(k, String(g.usableY ?? -10));
    q('[data-slot="marker"]').setAttribute('cx', String(g.marker.x));
    q('[data-slot="marker"]').setAttribute('cy', String(g.marker.y));
    fill(slot('x-ticks'), g.xTicks, () =>
      g.xTicks.map((t) => svgEl('text', { x: t.x, y: g.height - 8, 'text-anchor': 'middle' }, t.label)),
    );
    fill(slot('y-ticks'), g.yTicks, () =>
      g.yTicks.flatMap((t) => [
        svgEl('line', { x1: 44, x2: g.width - 12, y1: t.y, y2: t.y, stroke: 'currentColor', 'stroke-opacity': 0.15 }),
        svgEl('text', { x: 38, y: t.y + 4, 'text-anchor': 'end' }, t.label),
      ]),
    );
    slot('chart-svg').setAttribute('aria-label', label);
  };

  // The worker: started on the first change; one request in flight, the newest waiting.
  let worker: Worker | undefined;
  let asked = 0;
  let waiting: WorkerRequest | undefined;
  let busy = false;
  const send = (m: WorkerRequest) => {
    if (m.kind === 'extras' && busy) return void (waiting = m);
    busy ||= m.kind === 'extras';
    startWorker().postMessage(m);
  };
  const startWorker = () => {
    if (worker) return worker;
    worker = new CheckerWorker();
    worker.onmessage = ({ data }: MessageEvent<WorkerReply>) => {
      if (data.kind === 'extras') {
        busy = false;
        if (waiting) {
          const next = waiting;
          waiting = undefined;
          return send(next);
        }
        if (data.id !== asked) return;
        renderAdvice(data.view.advice);
        renderCommands(data.view.commands);
        renderChart(data.chart);
        setText('quality', data.view.qualityText);
        return renderLaunch(data.view);
      }
      if (!data.model) return setText('config-status', data.error ?? '');
      pasted = data.model;
      const option = q<HTMLOptionElement>('option[data-pasted]');
      option.hidden = option.disabled = false;
      modelSelect.value = PASTED;
      setText('config-status', data.summary ?? '');
      syncContext();
      update();
    };
    worker.onerror = () => {
      setText('config-status', 'The config reader did not load; reload the page and try again.');
      worker = undefined;
      busy = false;
    };
    return worker;
  };
  const usePastedConfig = () => send({ kind: 'config', text: byId<HTMLTextAreaElement>('config').value });
  // The server rendered advice and the launch plan for this state; any other needs the worker.
  const rendered = serializeCheckerState(readState());

  let urlTimer: ReturnType<typeof setTimeout> | undefined;
  /** Recomputes and renders; `push` writes the state into the URL. */
  const update = (push = true) => {
    // Extra GPUs only combine with a catalog GPU: a Mac, a CPU or a custom machine stands alone.
    const gpuFirst = hardware.get(byId<HTMLSelectElement>('hw-0').value)?.kind === 'gpu';
    if (!gpuFirst) while (rows.children.length > 1) rows.lastElementChild!.remove();
    q<HTMLButtonElement>('[data-action="add-gpu"]').disabled = !gpuFirst;
    const s = readState();
    let machine;
    try {
      machine = machineFromChoice(s, hardware);
    } catch (err) {
      return showNotices([(err as Error).message]);
    }
    const model = spec(s.model);
    const input = {
      model,
      format: s.quant,
      context: s.ctx,
      kvType: s.kv,
      hardware: machine,
      vision: s.vision,
      mtp: s.spec === 'mtp',
      draft: s.spec && s.spec !== 'mtp' ? { model: models.get(s.spec)!, format: 'Q4_K_M' } : null,
    };
    // Advice and commands come from the worker (send below); the page-load code computes the rest.
    const view = answerView(estimateEngine(input), machine);
    const link = serializeCheckerState(s, pasted);
    if (link !== rendered || worker) {
      // Until the worker answers, the advice, commands and launch plan shown are the previous state's: clear them.
      renderAdvice([]);
      renderCommands([]);
      renderLaunch({ launchText: '', maxContextText: '' });
      send({ kind: 'extras', id: ++asked, input, smallerModels: smaller(model), maxContext: maxContext(s.model) });
    }
    render(view);
    setText('question', `${model.name} on ${machine.name}`);
    // The address bar follows after a pause: dragging the slider should not write it 50 times.
    clearTimeout(urlTimer);
    if (push) urlTimer = setTimeout(() => history.replaceState(null, '', link), 150);
  };

  const filterModels = (query: string) => {
    const needle = query.trim().toLowerCase();
    let first: HTMLOptionElement | undefined;
    for (const option of modelSelect.options) {
      if (option.value === 'pasted') continue;
      const match = !needle || `${option.text} ${option.value}`.toLowerCase().includes(needle);
      option.hidden = option.disabled = !match;
      if (match) first ??= option;
    }
    if (modelSelect.selectedOptions[0]?.hidden && first) {
      modelSelect.value = first.value;
      syncContext();
      update();
    }
  };

  byId('config').closest('details')!.addEventListener('toggle', startWorker, { once: true });
  for (const node of all('[data-js-only]')) node.hidden = false;
  q('[data-no-js-note]').hidden = true;
  q('[data-submit]').textContent = 'Update the answer';
  const parsed = parseCheckerQuery(location.search, {
    models: new Map(
      [...models].map(([id, m]) => [
        id,
        { contextLength: maxContext(id), vision: m.vision != null, mtp: (m.architecture.mtpLayers ?? 0) > 0 },
      ]),
    ),
    hardware: new Set(hardware.keys()),
    formerIds: payload.formerIds,
    defaults: payload.defaults,
  });
  // Controls the visitor changed while the catalog loaded differ from their HTML defaults (every
  // select marks its default option `selected`); they are replayed over the link's state below,
  // so nothing typed early is lost.
  const early = [...form.elements].filter((n) =>
    n instanceof HTMLSelectElement
      ? !n.selectedOptions[0]?.defaultSelected
      : n instanceof HTMLInputElement && (n.checked !== n.defaultChecked || n.value !== n.defaultValue),
  ) as HTMLInputElement[];
  const typed = early.map((n) => [n.value, n.checked] as const);
  showNotices(parsed.notices);
  if (parsed.pasted) {
    pasted = parsed.pasted;
    const option = q<HTMLOptionElement>('option[data-pasted]');
    option.hidden = option.disabled = false;
  }
  applyState(parsed.state);

  const onInput = (e: Event) => {
    const target = e.target as HTMLInputElement;
    q('[data-mini-answer]').hidden = false;
    // Every control fires input first; change only adds the commit of a typed context (clamp and
    // move the slider). Answering both would compute every answer twice.
    const commit = e.type === 'change';
    if (commit && target.id !== 'wir-ctx') return;
    if (target.id === 'wir-model-filter') return filterModels(target.value);
    if (target.id === 'wir-config') return;
    if (target.id === 'wir-ctx-range') {
      const stops = contextStops(maxContext(modelSelect.value));
      byId('ctx').value = String(stops[+target.value] ?? stops[0]);
    }
    if (target.id === 'wir-model' || commit) syncContext();
    update();
  };
  form.addEventListener('input', onInput);
  form.addEventListener('change', onInput);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    update();
  });
  root.addEventListener('click', async (e) => {
    const target = e.target as HTMLElement;
    const action = target.closest<HTMLElement>('[data-action]')?.dataset['action'];
    if (action === 'add-gpu') {
      const first = byId<HTMLSelectElement>('hw-0').value;
      addGpuRow(hardware.get(first)?.kind === 'gpu' ? first : 'nvidia-rtx-3090-24gb');
      update();
    } else if (action === 'remove-gpu') {
      target.closest('[data-gpu-row]')?.remove();
      update();
    } else if (action === 'use-config') usePastedConfig();
    // Copy buttons: a command (the <code> beside the button) or, for data-copy="link", this answer's address.
    const copy = target.closest<HTMLButtonElement>('button[data-copy]');
    if (copy) {
      const label = (copy.dataset['label'] ??= copy.textContent?.trim() ?? '');
      const link = copy.dataset['copy'] === 'link';
      try {
        await navigator.clipboard.writeText(
          link
            ? new URL(serializeCheckerState(readState(), pasted), location.href).href
            : (copy.parentElement?.querySelector('code')?.textContent ?? ''),
        );
        copy.textContent = 'Copied';
      } catch {
        copy.textContent = link ? 'Copy it from the address bar' : 'Select to copy';
      }
      setTimeout(() => (copy.textContent = label), 1500);
    }
  });
  // A link with settings is rewritten to what is actually shown (bad values dropped), so sharing
  // it again passes on the answer, not the garbage; a bare /will-it-run/ stays bare.
  update(location.search.length > 1);
  early.forEach((n, i) => {
    [n.value, n.checked] = typed[i]!;
    for (const type of ['input', 'change']) n.dispatchEvent(new Event(type, { bubbles: true }));
  });
}

customElements.define(
  'will-it-run',
  class extends HTMLElement {
    connectedCallback() {
      void init(this);
    }
  },
);
