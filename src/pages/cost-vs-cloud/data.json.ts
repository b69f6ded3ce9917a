/** The Cost vs cloud island's data (speeds per pair, rental and API prices) as a cacheable JSON file. */
import type { APIRoute } from 'astro';
import { costPayload } from '../../queries/cost.ts';

export const GET: APIRoute = async () =>
  new Response(JSON.stringify(await costPayload()), { headers: { 'Content-Type': 'application/json' } });
