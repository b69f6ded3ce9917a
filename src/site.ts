/**
 * Site identity and navigation. The editor is configuration, not a person the site invents:
 * set RUNLOCALAI-specific values here when the team publishes under a real name.
 */
export const SITE = {
  name: 'RunLocalAI',
  tagline: 'Hand-written verdicts, source-cited claims, reproducible commands.',
  description:
    'Will this model run on my GPU, Mac or PC, at what context and how fast? Fit estimates, a sourced catalog of models and hardware, and fixes for the errors you hit.',
  url: 'https://runlocalai.example',
  locale: 'en',
  /** Who reviews every page. A role, not an invented person; replace with a real name and bio when one exists. */
  editor: {
    name: 'The RunLocalAI editors',
    role: 'Editorial team',
    url: '/author/',
  },
  contactEmail: 'editors@runlocalai.example',
  /** Monthly digest signup: the form posts here. Empty string = show the RSS option only. */
  digestFormAction: 'https://runlocalai.example/digest/subscribe',
  /** Where the RSS feed of Pulse notes lives (no account needed). */
  rssPath: '/pulse/rss.xml',
} as const;

export interface NavLink {
  readonly label: string;
  readonly href: string;
}

/** Header navigation, in display order. */
export const HEADER_NAV: readonly NavLink[] = [
  { label: 'Will it run?', href: '/will-it-run/' },
  { label: 'Best GPU', href: '/guides/best-gpu-for-local-ai/' },
  { label: 'Compare', href: '/compare/' },
  { label: 'Troubleshoot', href: '/errors/' },
  { label: 'Start', href: '/start/' },
  { label: 'Learn', href: '/learn/' },
  { label: 'Pulse', href: '/pulse/' },
  { label: 'Models', href: '/models/' },
  { label: 'Hardware', href: '/hardware/' },
  { label: 'Tools', href: '/tools/' },
  { label: 'Bench', href: '/benchmarks/' },
];

export const HEADER_CTA: NavLink = { label: 'Run check', href: '/will-it-run/' };

export interface FooterGroup {
  readonly title: string;
  readonly links: readonly NavLink[];
}

export const FOOTER_GROUPS: readonly FooterGroup[] = [
  {
    title: 'Directory',
    links: [
      { label: 'Models', href: '/models/' },
      { label: 'Hardware', href: '/hardware/' },
      { label: 'Tools', href: '/tools/' },
      { label: 'Benchmarks', href: '/benchmarks/' },
    ],
  },
  {
    title: 'Tools',
    links: [
      { label: 'Will it run?', href: '/will-it-run/' },
      { label: 'Compare hardware', href: '/compare/' },
      { label: 'Cost vs cloud', href: '/cost-vs-cloud/' },
      { label: 'Choose my GPU', href: '/choose-my-gpu/' },
      { label: 'Prompting kits', href: '/prompting-kits/' },
      { label: 'Quick answers', href: '/quick-answers/' },
    ],
  },
  {
    title: 'Reference',
    links: [
      { label: 'All buyer guides', href: '/guides/' },
      { label: 'Learn local AI', href: '/learn/' },
      { label: 'Methodology', href: '/methodology/' },
      { label: 'Glossary', href: '/glossary/' },
      { label: 'Errors KB', href: '/errors/' },
      { label: 'Trust', href: '/trust/' },
    ],
  },
  {
    title: 'Editor',
    links: [
      { label: 'About', href: '/about/' },
      { label: 'Author', href: '/author/' },
      { label: 'How we make money', href: '/how-we-make-money/' },
      { label: 'Editorial policy', href: '/editorial-policy/' },
      { label: 'Contact', href: '/contact/' },
    ],
  },
  {
    title: 'Legal',
    links: [
      { label: 'Privacy', href: '/privacy/' },
      { label: 'Terms', href: '/terms/' },
      { label: 'Sitemap', href: '/sitemap/' },
    ],
  },
];

/** Shown in every footer; the full text lives at /how-we-make-money/. */
export const AFFILIATE_DISCLOSURE =
  'Some links to hardware are affiliate links: if you buy through them we may earn a commission, at no cost to you. It never changes a verdict, a ranking or a number.';
