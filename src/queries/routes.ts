/** getStaticPaths helpers: one per collection, so routes hold no filtering or sorting. */
import { GLOSSARY_CATEGORIES } from '../lib/taxonomy.ts';
import { getCatalog, type Catalog } from './catalog.ts';

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
