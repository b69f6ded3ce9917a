/** Answer pages (/will-it-run/<model>/<hardware>/): paths, titles and the tables they show. */
import { answerLead } from '../lib/answer.ts';
import { estimateCore } from '../lib/engine.ts';
import { COMMON_FORMATS } from '../lib/recommend.ts';
import { getCatalog } from './catalog.ts';
import { allPairs, hardwareSetup, modelSpec, sortPairs, type PairAnswer } from './fit.ts';

let cachedPairs: Promise<PairAnswer[]> | undefined;
/** Every pair, computed once per build. */
export function pairs(): Promise<PairAnswer[]> {
  cachedPairs ??= allPairs();
  return cachedPairs;
}

/** Static paths for every model x hardware pair, with neighbours for the "also" lists. */
export async function pairPaths() {
  const all = await pairs();
  return all.map((pair) => ({
    params: { model: pair.model.id, hardware: pair.hardware.id },
    props: {
      pair,
      alsoHardware: sortPairs(
        all.filter((p) => p.model.id === pair.model.id && p.hardware.id !== pair.hardware.id),
      ).slice(0, 6),
      alsoModels: sortPairs(
        all.filter((p) => p.hardware.id === pair.hardware.id && p.model.id !== pair.model.id),
      ).slice(0, 6),
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
