import rss from '@astrojs/rss';
import type { APIContext } from 'astro';
import { getCatalog } from '../../queries/catalog.ts';
import { paths } from '../../queries/paths.ts';
import { SITE } from '../../site.ts';

/** The Pulse feed: the no-account way to follow the site. */
export async function GET(context: APIContext) {
  const { pulse } = await getCatalog();
  return rss({
    title: `${SITE.name} Pulse`,
    description: 'Dated notes on what changed for running AI locally.',
    site: context.site ?? SITE.url,
    items: pulse.map((p) => ({
      title: p.data.title,
      pubDate: new Date(`${p.data.date}T00:00:00Z`),
      description: p.data.summary,
      link: paths.pulse(p.id),
    })),
  });
}
