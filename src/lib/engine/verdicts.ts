/** The five answers the fit engine gives, best first. */
export const VERDICTS = [
  { id: 'fits', label: 'Runs fully on GPU' },
  { id: 'tight', label: 'Fits, but tight' },
  { id: 'partial-offload', label: 'Partial offload to system RAM' },
  { id: 'cpu-only', label: 'CPU only' },
  { id: 'wont-run', label: "Won't run" },
] as const;
export type Verdict = (typeof VERDICTS)[number]['id'];

const RANK = new Map<string, number>(VERDICTS.map((v, i) => [v.id, i]));

/** Position in VERDICTS: 0 = runs fully on GPU ... 4 = won't run. */
export function verdictRank(v: Verdict): number {
  return RANK.get(v)!;
}

export function verdictLabel(v: Verdict): string {
  return VERDICTS[verdictRank(v)]?.label ?? v;
}
