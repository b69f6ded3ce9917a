/** The checker's catalog as a cacheable JSON file, fetched by the island after the first answer. */
import type { APIRoute } from 'astro';
import { checkerPayload } from '../../queries/checker.ts';

export const GET: APIRoute = async () =>
  new Response(JSON.stringify(await checkerPayload()), { headers: { 'Content-Type': 'application/json' } });
