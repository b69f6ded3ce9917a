/**
 * The Pulse notes as feed items, shared by the RSS feed and the JSON Feed so both list the same
 * notes with the same links and dates.
 */
import { getCatalog } from './catalog.ts';
import { paths } from './paths.ts';
import { SITE, absoluteUrl } from '../site.ts';

export const FEED_TITLE = `${SITE.name} Pulse`;
export const FEED_DESCRIPTION = 'Dated notes on what changed for running AI locally: models, hardware, runtimes.';

export interface FeedItem {
  id: string;
  title: string;
  summary: string;
  /** Absolute URL of the note. */
  url: string;
  /** RFC 3339 date-time of the note's day (midnight UTC). */
  published: string;
  /** Catalog entries it is about, as absolute URLs. */
  related: string[];
}

/** Every Pulse note, newest first. */
export async function feedItems(): Promise<FeedItem[]> {
  const { pulse } = await getCatalog();
  return pulse.map((p) => ({
    id: absoluteUrl(paths.pulse(p.id)),
    title: p.data.title,
    summary: p.data.summary,
    url: absoluteUrl(paths.pulse(p.id)),
    published: `${p.data.date}T00:00:00Z`,
    related: [
      ...p.data.models.map((id) => absoluteUrl(paths.model(id))),
      ...p.data.hardware.map((id) => absoluteUrl(paths.hardware(id))),
      ...p.data.tools.map((id) => absoluteUrl(paths.tool(id))),
    ],
  }));
}

/** The JSON Feed 1.1 document (https://www.jsonfeed.org/version/1.1/). */
export async function jsonFeed() {
  const items = await feedItems();
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: FEED_TITLE,
    description: FEED_DESCRIPTION,
    home_page_url: absoluteUrl(paths.pulse()),
    feed_url: absoluteUrl(SITE.jsonFeedPath),
    language: SITE.locale,
    authors: [{ name: SITE.editor.name, url: absoluteUrl(SITE.editor.url) }],
    items: items.map((i) => ({
      id: i.id,
      url: i.url,
      title: i.title,
      summary: i.summary,
      content_text: i.related.length ? `${i.summary}\n\nAbout: ${i.related.join(' ')}` : i.summary,
      date_published: i.published,
    })),
  };
}
