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
  page: (id: string) => `/${id}/`,
  willItRun: () => '/will-it-run/',
  pair: (model: string, hardware: string) => `/will-it-run/${model}/${hardware}/`,
  allPairs: () => '/will-it-run/all/',
  search: () => '/search/',
} as const;
