/**
 * Choose my GPU's engine thread (see compare-worker.ts for why a worker): loads the catalogs,
 * parses the URL state and ranks the machines with src/lib/choose.ts.
 * In: { kind: 'init', search, state?, catalogUrl, dataUrl } then { kind: 'update', state }. Out: ChooseReply.
 */
import { hardwareFromCatalog } from '../../lib/catalog.ts';
import {
  chooseHardware,
  chooseTitle,
  parseChooseQuery,
  serializeChooseState,
  type Candidate,
  type ChooseResult,
  type ChooseState,
} from '../../lib/choose.ts';
import { estimateEngine } from '../../lib/engine/fit.ts';
import type { ModelSpec } from '../../lib/engine/model.ts';
import type { CheckerPayload } from '../../queries/checker.ts';
import type { ChoosePayload } from '../../queries/choose.ts';
import { answerMessages, fetchJson } from '../worker-messages.ts';

export type ChooseRequest =
  /** `state` (the form's, on a first change) is used as is; otherwise `search` (a link) is parsed. */
  | { kind: 'init'; search: string; state?: ChooseState | undefined; catalogUrl: string; dataUrl: string }
  | { kind: 'update'; state: ChooseState };

export interface ChooseReply {
  state: ChooseState;
  query: string;
  notices: string[];
  result: ChooseResult;
  title: string;
  error?: string | undefined;
}

let models: Map<string, ModelSpec>;
let list: Candidate[];

function answer(state: ChooseState, notices: string[]): ChooseReply {
  const model = models.get(state.model)!;
  return {
    state,
    query: serializeChooseState(state),
    notices,
    result: chooseHardware(estimateEngine, model, list, state),
    title: chooseTitle(state, model.name),
  };
}

async function reply(m: ChooseRequest): Promise<ChooseReply> {
  if (m.kind === 'update') return answer(m.state, []);
  const [catalog, data] = await fetchJson<[CheckerPayload, ChoosePayload]>(m.catalogUrl, m.dataUrl);
  models = new Map(catalog.models.map(([id, spec]) => [id, { ...spec, id, name: data.modelNames[id] ?? id }]));
  const hw = new Map(catalog.hardware);
  list = data.machines.map((c) => ({ ...c, setup: hardwareFromCatalog(c.id, { ...hw.get(c.id)!, name: c.name }) }));
  const { state, notices } = parseChooseQuery(m.search, [...models.keys()]);
  return m.state ? answer(m.state, []) : answer(state, notices);
}

answerMessages(reply);
