/** Answer pages (/will-it-run/<model>/<hardware>/): paths, titles and the tables they show. */
import { VERDICT_ICON, VERDICT_TONE, answerLead } from '../lib/answer.ts';
import type { BadgeInput } from '../lib/badge.ts';
import { estimateCore, formatBytes, verdictLabel } from '../lib/engine.ts';
import { COMMON_FORMATS } from '../lib/recommend.ts';
import { getCatalog } from './catalog.ts';
import { allPairs, hardwareSetup, modelSpec, sortPairs, type PairAnswer } from './fit.ts';

let cachedPairs: Promise<PairAnswer[]> | undefined;
/** Every pair, computed once per build. */
export function pairs(): Promise<PairAnswer[]> {
  cachedPairs ??= allPairs();
  return cachedPairs;
}

/** Pairs grouped by model and by hardware, each group sorted best first (computed once per build). */
let cachedGroups: Promise<{ byModel: Map<string, PairAnswer[]>; byHardware: Map<string, PairAnswer[]> }> | undefined;
function groups() {
  cachedGroups ??= pairs().then((all) => {
    const byModel = new Map<string, PairAnswer[]>();
    const byHardware = new Map<string, PairAnswer[]>();
    for (const p of all) {
      (byModel.get(p.model.id) ?? byModel.set(p.model.id, []).get(p.model.id)!).push(p);
      (byHardware.get(p.hardware.id) ?? byHardware.set(p.hardware.id, []).get(p.hardware.id)!).push(p);
    }
    for (const [k, v] of byModel) byModel.set(k, sortPairs(v));
    for (const [k, v] of byHardware) byHardware.set(k, sortPairs(v));
    return { byModel, byHardware };
  });
  return cachedGroups;
}

/** Every model with its answers on every machine, best first (the no-JS tables). */
export async function pairsByModel(): Promise<{ model: PairAnswer['model']; answers: PairAnswer[] }[]> {
  const { byModel } = await groups();
  return [...byModel.values()].map((answers) => ({ model: answers[0]!.model, answers }));
}

/**
 * Static paths for every model x hardware pair, with neighbours for the "also" lists. The
 * neighbour lists come from the per-model and per-device groups sorted once, so the cost per
 * pair is constant however large the catalog grows.
 */
export async function pairPaths() {
  const all = await pairs();
  const { byModel, byHardware } = await groups();
  const top = (list: PairAnswer[], skip: (p: PairAnswer) => boolean) => list.filter((p) => !skip(p)).slice(0, 6);
  return all.map((pair) => ({
    params: { model: pair.model.id, hardware: pair.hardware.id },
    props: {
      pair,
      alsoHardware: top(byModel.get(pair.model.id)!.slice(0, 7), (p) => p.hardware.id === pair.hardware.id),
      alsoModels: top(byHardware.get(pair.hardware.id)!.slice(0, 7), (p) => p.model.id === pair.model.id),
    },
  }));
}

/** "Can a GeForce RTX 3060 12GB run Llama 3.1 8B Instruct?" */
export function pairTitle(pair: PairAnswer): string {
  return `Can the ${pair.hardware.data.name} run ${pair.model.data.name}?`;
}

/** The one-sentence answer, from the engine. */
export function pairLead(pair: PairAnswer): string {
  return answerLead(
    pair.estimate,
    pair.model.data.name,
    pair.hardware.data.name,
    hardwareSetup(pair.hardware).sharedMemory,
  );
}

/** Every common format for the pair at the pair's context (no advice, fast). */
export function formatsForPair(pair: PairAnswer) {
  const model = modelSpec(pair.model);
  const hardware = hardwareSetup(pair.hardware);
  return COMMON_FORMATS.map((format) => ({
    format,
    estimate: estimateCore({ model, hardware, format, context: pair.context, advice: false }),
  }));
}

/** Error page titles by id, for answer blocks. */
export async function errorTitles(): Promise<Record<string, string>> {
  const { errors } = await getCatalog();
  return Object.fromEntries(errors.map((e) => [e.id, e.data.title]));
}

/** The badge for a pair: what was asked, and the verdict in words with its icon and the memory. */
export function pairBadge(pair: PairAnswer): BadgeInput {
  const verdict = pair.estimate.fit!.verdict;
  return {
    label: `${pair.model.data.name} on ${pair.hardware.data.name}`,
    message: `${VERDICT_ICON[verdict]} ${verdictLabel(verdict)} · ${pair.estimate.format} · ${formatBytes(pair.estimate.totalBytes, 1)}`,
    tone: VERDICT_TONE[verdict],
  };
}

/** URL of a pair's badge, relative to the site. */
export const badgePath = (model: string, hardware: string) => `/badge/${model}/${hardware}.svg`;
