/**
 * "Cost vs cloud" data: each catalog model on each machine at 8K context (the best format's
 * speeds and memory, from the same answers the static pair pages show), the rental and API price
 * lists. The island fetches it as /cost-vs-cloud/data.json: data, not code.
 */
import { getCatalog } from './catalog.ts';
import { pairs } from './answers.ts';
import { marketQuote } from './hardware.ts';

export async function costPayload() {
  const { cloud, apiPrices, hardware, models } = await getCatalog();
  const all = await pairs();
  const speeds: Record<string, [string, number, number, number]> = {};
  for (const p of all) {
    const e = p.estimate;
    if (!e.tokensPerSecond || !e.promptTokensPerSecond) continue;
    // [format, decode tok/s, prompt tok/s, total GiB]
    speeds[`${p.model.id}|${p.hardware.id}`] = [
      p.best.format,
      Math.round(e.tokensPerSecond.expected * 10) / 10,
      Math.round(e.promptTokensPerSecond.expected),
      Math.round((e.totalBytes / 2 ** 30) * 10) / 10,
    ];
  }
  return {
    speeds,
    hardware: Object.fromEntries(
      hardware.map((h) => [
        h.id,
        {
          msrp: h.data.msrpUsd ?? null,
          market: marketQuote(h),
          watts: h.data.tdpW ?? null,
          ...(h.data.kind === 'cpu' ? { processorOnly: true as const } : {}),
        },
      ]),
    ),
    models: models.map((m) => m.id),
    rentals: cloud.map((c) => ({
      id: c.id,
      label: `${c.data.provider}: ${c.data.gpu} (${c.data.gpuMemoryGiB} GiB), $${c.data.usdPerGpuHour}/h, ${c.data.asOf}`,
      usdPerHour: c.data.usdPerGpuHour,
      memoryGiB: c.data.gpuMemoryGiB,
    })),
    apis: apiPrices.map((a) => ({
      id: a.id,
      model: a.data.model,
      label: `${a.data.provider}: $${a.data.usdPerMillionInput} in / $${a.data.usdPerMillionOutput} out per 1M, ${a.data.asOf}`,
      input: a.data.usdPerMillionInput,
      output: a.data.usdPerMillionOutput,
    })),
  };
}
export type CostPayload = Awaited<ReturnType<typeof costPayload>>;
