import type { GetStaticPaths } from 'astro';
import { badgeSvg } from '../../../lib/badge.ts';
import { pairBadge, pairs } from '../../../queries/answers.ts';
import type { PairAnswer } from '../../../queries/fit.ts';

/** /badge/<model>/<hardware>.svg: the engine's verdict for every pair as an embeddable image. */
export const getStaticPaths = (async () =>
  (await pairs()).map((pair) => ({
    params: { model: pair.model.id, hardware: pair.hardware.id },
    props: { pair },
  }))) satisfies GetStaticPaths;

export function GET({ props }: { props: { pair: PairAnswer } }) {
  return new Response(badgeSvg(pairBadge(props.pair)), { headers: { 'Content-Type': 'image/svg+xml' } });
}
