/**
 * schema.org objects for each page type, from catalog entries. Pages pass them to their layout's
 * `jsonLd`; <Breadcrumbs> adds the BreadcrumbList. Only facts the page itself shows go in.
 */
import type { JsonLdNode } from '../lib/json-ld.ts';
import { searchUrl } from '../lib/search.ts';
import { SITE, absoluteUrl } from '../site.ts';
import type { Entry } from './catalog.ts';
import { paths } from './paths.ts';

const publisher = { '@type': 'Organization', name: SITE.name, url: SITE.url };
const editor = { '@type': 'Organization', name: SITE.editor.name, url: absoluteUrl(SITE.editor.url) };
const citations = (sources: readonly { url: string }[]) => sources.map((s) => s.url);

/** The home page: the site, with its search as a SearchAction. */
export function websiteLd(): JsonLdNode {
  return {
    '@type': 'WebSite',
    name: SITE.name,
    url: absoluteUrl('/'),
    description: SITE.description,
    publisher,
    potentialAction: {
      '@type': 'SearchAction',
      target: {
        '@type': 'EntryPoint',
        urlTemplate: absoluteUrl(searchUrl('QUERY')).replace('QUERY', '{search_term_string}'),
      },
      'query-input': 'required name=search_term_string',
    },
  };
}

export function glossaryLd(entry: Entry<'glossary'>): JsonLdNode {
  return {
    '@type': 'DefinedTerm',
    name: entry.data.term,
    description: entry.data.definition,
    ...(entry.data.aliases.length ? { alternateName: entry.data.aliases } : {}),
    url: absoluteUrl(paths.glossary(entry.id)),
    inDefinedTermSet: { '@type': 'DefinedTermSet', name: `${SITE.name} glossary`, url: absoluteUrl(paths.glossary()) },
  };
}

/** Errors, guides, learn articles and pulse notes: a dated article with its citations. */
export function articleLd(
  kind: 'TechArticle' | 'Article' | 'NewsArticle',
  a: { title: string; description: string; path: string; date: string; sources: readonly { url: string }[] },
): JsonLdNode {
  return {
    '@type': kind,
    headline: a.title,
    description: a.description,
    url: absoluteUrl(a.path),
    dateModified: a.date,
    ...(kind === 'NewsArticle' ? { datePublished: a.date } : {}),
    author: editor,
    publisher,
    citation: citations(a.sources),
  };
}

/** A getting-started path as a HowTo whose steps are its numbered sections. */
export function howToLd(
  entry: Entry<'start'>,
  runtimeName: string,
  steps: readonly { text: string; slug: string }[],
): JsonLdNode {
  const page = absoluteUrl(paths.start(entry.id));
  return {
    '@type': 'HowTo',
    name: entry.data.title,
    description: entry.data.description,
    url: page,
    dateModified: entry.data.updated,
    tool: { '@type': 'HowToTool', name: runtimeName },
    step: steps.map((s, i) => ({ '@type': 'HowToStep', position: i + 1, name: s.text, url: `${page}#${s.slug}` })),
  };
}

export function hardwareLd(entry: Entry<'hardware'>): JsonLdNode {
  const d = entry.data;
  return {
    '@type': 'Product',
    name: d.name,
    description: d.summary,
    brand: { '@type': 'Brand', name: d.vendor },
    url: absoluteUrl(paths.hardware(entry.id)),
    additionalProperty: [
      { '@type': 'PropertyValue', name: 'Memory', value: d.memoryGiB, unitText: 'GiB' },
      { '@type': 'PropertyValue', name: 'Memory bandwidth', value: d.bandwidthGBs, unitText: 'GB/s' },
      ...(d.tdpW ? [{ '@type': 'PropertyValue', name: 'Board power', value: d.tdpW, unitText: 'W' }] : []),
    ],
  };
}

export function toolLd(entry: Entry<'tools'>): JsonLdNode {
  const d = entry.data;
  return {
    '@type': 'SoftwareApplication',
    name: d.name,
    description: d.summary,
    applicationCategory: 'DeveloperApplication',
    operatingSystem: d.platforms.join(', '),
    license: d.license,
    url: absoluteUrl(paths.tool(entry.id)),
    sameAs: [d.website, ...(d.repo ? [d.repo] : [])],
  };
}

/** A model's page: the weights as a creative work by their publisher, under their licence. */
export function modelLd(entry: Entry<'models'>): JsonLdNode {
  const d = entry.data;
  return {
    '@type': 'CreativeWork',
    name: d.name,
    description: d.summary,
    creator: { '@type': 'Organization', name: d.org },
    license: d.license,
    datePublished: d.releaseDate,
    url: absoluteUrl(paths.model(entry.id)),
    sameAs: `https://huggingface.co/${d.hfRepo}`,
  };
}

/** A quick answer as a one-question FAQPage. */
export function quickAnswerLd(entry: Entry<'quickAnswers'>): JsonLdNode {
  return {
    '@type': 'FAQPage',
    url: absoluteUrl(paths.quickAnswer(entry.id)),
    dateModified: entry.data.updated,
    mainEntity: {
      '@type': 'Question',
      name: entry.data.question,
      acceptedAnswer: { '@type': 'Answer', text: entry.data.answer },
    },
  };
}
