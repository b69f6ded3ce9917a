/** The Compare island's data (spec columns, model sets, measured speeds) as a cacheable JSON file. */
import type { APIRoute } from 'astro';
import { comparePayload } from '../../queries/compare.ts';

export const GET: APIRoute = async () =>
  new Response(JSON.stringify(await comparePayload()), { headers: { 'Content-Type': 'application/json' } });
