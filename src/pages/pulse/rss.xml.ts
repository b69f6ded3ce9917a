import rss from '@astrojs/rss';
import { FEED_DESCRIPTION, FEED_TITLE, feedItems } from '../../queries/feeds.ts';
import { SITE } from '../../site.ts';

/** The Pulse feed: the no-account way to follow the site. */
export async function GET() {
  const items = await feedItems();
  return rss({
    title: FEED_TITLE,
    description: FEED_DESCRIPTION,
    site: SITE.url,
    items: items.map((i) => ({
      title: i.title,
      pubDate: new Date(i.published),
      description: i.summary,
      link: i.url,
    })),
    customData: `<language>${SITE.locale}</language>`,
  });
}
