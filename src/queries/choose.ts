/** "Choose my GPU" at build time: the candidates, the default answer and the island's data file. */
import { chooseHardware, formFactor, type Candidate, type ChooseResult, type ChooseState } from '../lib/choose.ts';
import { estimateEngine } from '../lib/engine.ts';
import { getCatalog } from './catalog.ts';
import { hardwareSetup, modelSpec } from './fit.ts';
import { marketQuote } from './hardware.ts';

export async function candidates(): Promise<Candidate[]> {
  const { hardware } = await getCatalog();
  return hardware.map((h) => ({
    id: h.id,
    name: h.data.name,
    price: h.data.msrpUsd ?? null,
    market: marketQuote(h),
    watts: h.data.tdpW ?? null,
    form: formFactor(h.data),
    setup: hardwareSetup(h),
  }));
}

export async function chooseAnswer(
  state: ChooseState,
  launchedBy?: number | null,
  options: { includeUnpriced?: boolean } = {},
): Promise<ChooseResult> {
  const { models, hardware } = await getCatalog();
  const model = models.find((m) => m.id === state.model) ?? models[0]!;
  const launched = new Map(hardware.map((h) => [h.id, Number(h.data.launchDate?.slice(0, 4) ?? NaN)]));
  // A used-market list keeps machines launched by that year (unknown launch dates are left out).
  const pool = (await candidates()).filter((c) => launchedBy == null || launched.get(c.id)! <= launchedBy);
  return chooseHardware(estimateEngine, modelSpec(model), pool, state, options);
}

/** The island's data: each machine's name, price, power and form factor; model names. */
export async function choosePayload() {
  const { models } = await getCatalog();
  return {
    machines: (await candidates()).map(({ setup: _setup, ...rest }) => rest),
    modelNames: Object.fromEntries(models.map((m) => [m.id, m.data.name])),
  };
}
export type ChoosePayload = Awaited<ReturnType<typeof choosePayload>>;
