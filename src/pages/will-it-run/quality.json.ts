/** Published quality measurements for the checker's worker (the quality sentence of an answer). */
import type { APIRoute } from 'astro';
import { qualityPayload } from '../../queries/quality.ts';

export const GET: APIRoute = async () =>
  new Response(JSON.stringify(await qualityPayload()), { headers: { 'Content-Type': 'application/json' } });
