/** getStaticPaths helpers: one per collection, so routes hold no filtering or sorting. */
import { GLOSSARY_CATEGORIES } from '../lib/taxonomy.ts';
import { getCatalog, type Catalog } from './catalog.ts';
import { legacyMoves } from './paths.ts';

/** Static paths `{ params: { id }, props: { entry } }` for every entry of a collection. */
export async function entryPaths<C extends keyof Catalog>(collection: C) {
  const catalog = await getCatalog();
  return (catalog[collection] as Catalog[C][number][]).map((entry) => ({
    params: { id: entry.id },
    props: { entry },
  }));
}

/** Static paths for glossary category pages, with the terms of each category. */
export async function glossaryCategoryPaths() {
  const { glossary } = await getCatalog();
  return GLOSSARY_CATEGORIES.map((category) => ({
    params: { category: category.id },
    props: { category, terms: glossary.filter((t) => t.data.category === category.id) },
  }));
}

/** Static redirect pages for the old URLs of renamed hardware (see legacyMoves). */
export async function legacyPaths() {
  const { hardware, models } = await getCatalog();
  const moves = legacyMoves(
    hardware.map((h) => ({ id: h.id, formerIds: h.data.formerIds })),
    models.map((m) => m.id),
  );
  return moves.map(({ from, to }) => ({ params: { legacy: from.slice(1, -1) }, props: { to } }));
}
