/**
 * Deployment settings, read from the environment at build time so one build serves one host.
 * Documented in README.md; every default is safe to ship (no placeholder hosts, no dead form).
 *
 * - RUNLOCALAI_SITE_URL: the public origin, for canonical links, the sitemap, feeds and badges.
 *   Default: the local preview server, http://127.0.0.1:4321.
 * - RUNLOCALAI_CONTACT_EMAIL: the editors' address on the contact, privacy and terms pages.
 *   Default: none (those pages say how to reach the editors without one).
 * - RUNLOCALAI_DIGEST_ACTION: the https URL the monthly-digest form posts to. Default: none, and
 *   the footer offers the RSS and JSON feeds instead of a form.
 * - RUNLOCALAI_AMAZON_TAG: Amazon Associates tag added to the hardware pages' Amazon search links.
 * - RUNLOCALAI_EBAY_CAMPAIGN_ID: eBay Partner Network campaign id added to their eBay (used) links.
 *   Default for both: none, and the where-to-buy links are plain searches that earn nothing; every
 *   disclosure on the site says which is true for this build.
 * @throws at build time when a value is set but malformed, naming the variable.
 */
function setting(name: string, check: (value: string) => boolean, expected: string): string {
  const value = (typeof process === 'undefined' ? undefined : process.env[name])?.trim() ?? '';
  if (value && !check(value)) throw new Error(`${name}="${value}" is not ${expected}`);
  return value;
}
const isHttpUrl = (v: string) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol);
const siteUrl = setting('RUNLOCALAI_SITE_URL', isHttpUrl, 'an http(s) URL such as https://example.org');
const contactEmail = setting(
  'RUNLOCALAI_CONTACT_EMAIL',
  (v) => /^[^\s@<>"]+@[^\s@<>"]+\.[a-z]{2,}$/i.test(v),
  'an email address',
);
const amazonTag = setting('RUNLOCALAI_AMAZON_TAG', (v) => /^[\w-]{1,64}$/.test(v), 'an Amazon tag such as mysite-20');
const ebayCampaign = setting(
  'RUNLOCALAI_EBAY_CAMPAIGN_ID',
  (v) => /^\d{6,12}$/.test(v),
  'an eBay campaign id (digits)',
);
const digestAction = setting('RUNLOCALAI_DIGEST_ACTION', (v) => isHttpUrl(v) && v.startsWith('https:'), 'an https URL');

/**
 * Site identity and navigation. The editor is configuration, not a person the site invents:
 * replace the role with a real name when one exists.
 */
export const SITE = {
  name: 'RunLocalAI',
  tagline: 'Hand-written verdicts, source-cited claims, reproducible commands.',
  description:
    'Will this model run on my GPU, Mac or PC, at what context and how fast? Fit estimates, a sourced catalog of models and hardware, and fixes for the errors you hit.',
  url: (siteUrl || 'http://127.0.0.1:4321').replace(/\/+$/, ''),
  locale: 'en',
  /** Who reviews every page. A role, not an invented person; replace with a real name and bio when one exists. */
  editor: {
    name: 'The RunLocalAI editors',
    role: 'Editorial team',
    url: '/author/',
  },
  /** '' when not configured: pages then point at the contact page's other routes. */
  contactEmail,
  /** Affiliate ids for the hardware pages' where-to-buy links; '' = plain links. */
  affiliate: { amazonTag, ebayCampaign },
  /** Monthly digest signup: the form posts here. '' = no form, the feeds instead. */
  digestFormAction: digestAction,
  /** The Pulse feeds (no account needed). */
  rssPath: '/pulse/rss.xml',
  jsonFeedPath: '/pulse/feed.json',
} as const;

/** A site path as an absolute URL on the configured origin, e.g. absoluteUrl('/data/') for feeds and JSON-LD. */
export function absoluteUrl(path: string): string {
  return new URL(path, SITE.url).href;
}

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
  { label: 'Get started', href: '/start/' },
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

/** True when this build adds an affiliate id to any link. */
export const HAS_AFFILIATE = amazonTag !== '' || ebayCampaign !== '';

/**
 * Shown in every footer and beside the where-to-buy links; it states what is true for this build
 * (the full text lives at /how-we-make-money/).
 */
export const AFFILIATE_DISCLOSURE = HAS_AFFILIATE
  ? `The where-to-buy links on hardware pages are affiliate links (${[amazonTag && 'Amazon', ebayCampaign && 'eBay'].filter(Boolean).join(' and ')}): if you buy through them we may earn a commission, at no cost to you. It never changes a verdict, a ranking or a number.`
  : 'This site has no affiliate links at the moment: the where-to-buy links on hardware pages are plain retailer searches and earn us nothing. If that changes, this notice will say so; it will never change a verdict, a ranking or a number.';
