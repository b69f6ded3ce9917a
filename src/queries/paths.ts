/** URL of every page kind, in one place so links and routes cannot drift apart. All end with "/". */
export const paths = {
  home: () => '/',
  glossary: (id?: string) => (id ? `/glossary/${id}/` : '/glossary/'),
  glossaryCategory: (category: string) => `/glossary/category/${category}/`,
  model: (id?: string) => (id ? `/models/${id}/` : '/models/'),
  hardware: (id?: string) => (id ? `/hardware/${id}/` : '/hardware/'),
  tool: (id?: string) => (id ? `/tools/${id}/` : '/tools/'),
  error: (id?: string) => (id ? `/errors/${id}/` : '/errors/'),
  guide: (id?: string) => (id ? `/guides/${id}/` : '/guides/'),
  learn: (id?: string) => (id ? `/learn/${id}/` : '/learn/'),
  pulse: (id?: string) => (id ? `/pulse/${id}/` : '/pulse/'),
  benchmarks: () => '/benchmarks/',
  chooseMyGpu: () => '/choose-my-gpu/',
  toolMatrix: () => '/tools/matrix/',
  page: (id: string) => `/${id}/`,
  willItRun: () => '/will-it-run/',
  pair: (model: string, hardware: string) => `/will-it-run/${model}/${hardware}/`,
  allPairs: () => '/will-it-run/all/',
  allPairsOf: (model: string) => `/will-it-run/all/${model}/`,
  search: () => '/search/',
  quickAnswer: (id?: string) => (id ? `/quick-answers/${id}/` : '/quick-answers/'),
  kit: (id?: string) => (id ? `/prompting-kits/${id}/` : '/prompting-kits/'),
  start: (id?: string) => (id ? `/start/${id}/` : '/start/'),
} as const;

/**
 * Old URLs of renamed hardware (its `formerIds`) and where each moved: the hardware page and every
 * answer page. Pure, so the redirect route (from the catalog) and the build config (from the
 * content files, for the sitemap and dist/_redirects) derive the same list.
 */
export function legacyMoves(
  hardware: readonly { id: string; formerIds: readonly string[] }[],
  modelIds: readonly string[],
): { from: string; to: string }[] {
  return hardware.flatMap((h) =>
    h.formerIds.flatMap((old) => [
      { from: paths.hardware(old), to: paths.hardware(h.id) },
      ...modelIds.map((m) => ({ from: paths.pair(m, old), to: paths.pair(m, h.id) })),
    ]),
  );
}
