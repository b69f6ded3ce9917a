import { jsonFeed } from '../../queries/feeds.ts';

/** Pulse as a JSON Feed 1.1, beside the RSS feed. */
export async function GET() {
  return new Response(JSON.stringify(await jsonFeed(), null, 2), {
    headers: { 'Content-Type': 'application/feed+json; charset=utf-8' },
  });
}
