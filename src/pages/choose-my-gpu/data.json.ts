/** The Choose my GPU island's data (machines with price, power and form factor) as a cacheable JSON file. */
import type { APIRoute } from 'astro';
import { choosePayload } from '../../queries/choose.ts';

export const GET: APIRoute = async () =>
  new Response(JSON.stringify(await choosePayload()), { headers: { 'Content-Type': 'application/json' } });
