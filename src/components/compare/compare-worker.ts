/**
 * The Compare tool's engine thread: loads the catalog JSONs, parses the URL state and computes
 * each comparison with the same src/lib code the server used. A worker, so the page's own
 * script shares no module with the checker's (Vite would split shared code into extra chunks on
 * both pages) and the engine never blocks typing.
 *
 * In: { kind: 'init', search, state?, catalogUrl, compareUrl } then { kind: 'update', state }.
 * Out: CompareReply (plain data).
 */
import { hardwareFromCatalog } from '../../lib/catalog.ts';
import {
  customSpecs,
  modelRows,
  modelsTitle,
  specRows,
  type CompareSpecs,
  type ModelRow,
  type SpecRow,
} from '../../lib/compare.ts';
import { CUSTOM, parseCompareQuery, serializeCompareState, type CompareState } from '../../lib/compare-state.ts';
import { estimateEngine } from '../../lib/engine/fit.ts';
import { gpuSetup, type HardwareSetup } from '../../lib/engine/hardware.ts';
import type { ModelSpec } from '../../lib/engine/model.ts';
import type { CheckerPayload } from '../../queries/checker.ts';
import type { ComparePayload } from '../../queries/compare.ts';
import { answerMessages, fetchJson } from '../worker-messages.ts';

export type CompareRequest =
  /** `state` (the form's, on a first change) is used as is; otherwise `search` (a link) is parsed. */
  | { kind: 'init'; search: string; state?: CompareState | undefined; catalogUrl: string; compareUrl: string }
  | { kind: 'update'; state: CompareState };

export interface CompareReply {
  state: CompareState;
  /** "?hw=...": the state as a query string. */
  query: string;
  notices: string[];
  names: string[];
  specs: SpecRow[];
  models: ModelRow[];
  modelsTitle: string;
  error?: string | undefined;
}

let data: ComparePayload;
let models: Map<string, ModelSpec>;
let hardware: Map<string, CheckerPayload['hardware'][number][1] & { name: string }>;
let formerIds: Record<string, string> = {};
const machines = new Map<string, HardwareSetup>();

function compare(state: CompareState, notices: string[]): CompareReply {
  const cols: CompareSpecs[] = [];
  const setups: HardwareSetup[] = [];
  for (const id of state.hw) {
    if (id === CUSTOM) {
      const custom = customSpecs(state.vram!, state.bw!);
      cols.push(custom);
      setups.push(gpuSetup({ name: custom.name, vramGiB: state.vram!, bandwidthGBs: state.bw! }));
    } else {
      cols.push(data.specs[id]!);
      setups.push(machines.get(id) ?? machines.set(id, hardwareFromCatalog(id, hardware.get(id)!)).get(id)!);
    }
  }
  const set = data.sets.find((s) => s.id === state.set) ?? data.sets[0]!;
  const list = set.models.flatMap((id) => (models.has(id) ? [models.get(id)!] : []));
  return {
    state,
    query: serializeCompareState(state),
    notices,
    names: cols.map((c) => c.name),
    modelsTitle: modelsTitle(state.ctx),
    specs: specRows(cols),
    models: modelRows(estimateEngine, setups, list, state.ctx, (m, i, f) => data.measured[`${m}|${state.hw[i]}|${f}`], {
      minTokensPerSecond: state.floor,
    }),
  };
}

async function reply(m: CompareRequest): Promise<CompareReply> {
  if (m.kind === 'update') return compare(m.state, []);
  const [catalog, compareData] = await fetchJson<[CheckerPayload, ComparePayload]>(m.catalogUrl, m.compareUrl);
  data = compareData;
  formerIds = catalog.formerIds;
  models = new Map(catalog.models.map(([id, spec]) => [id, { ...spec, id, name: data.modelNames[id] ?? id }]));
  hardware = new Map(catalog.hardware.map(([id, h]) => [id, { ...h, name: data.specs[id]?.name ?? id }]));
  const { state, notices } = parseCompareQuery(m.search, {
    hardware: new Set(hardware.keys()),
    sets: data.sets.map((s) => s.id),
    formerIds,
    defaults: data.defaults,
  });
  return m.state ? compare(m.state, []) : compare(state, notices);
}

answerMessages(reply);
