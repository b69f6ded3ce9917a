/** Glossary-specific lookups: links of a term, buyer guides, A-Z grouping. */
import { GLOSSARY_CATEGORIES } from '../lib/taxonomy.ts';
import { getCatalog, one, pick, type Entry } from './catalog.ts';

/** The entries a term links to, resolved (throws on a dangling id). */
export async function glossaryLinks(term: Entry<'glossary'>) {
  const { data } = term;
  const [related, errors, guides, model, hardware] = await Promise.all([
    pick('glossary', data.related, term, 'related'),
    pick('errors', data.errors, term, 'errors'),
    pick('guides', data.guides, term, 'guides'),
    one('models', data.example.model, term.filePath ?? term.id),
    one('hardware', data.example.hardware, term.filePath ?? term.id),
  ]);
  return { related, errors, guides, example: { model, hardware } };
}

/** The given guides, or every buyer guide when none are given. */
export async function buyerGuides(chosen: Entry<'guides'>[]) {
  if (chosen.length > 0) return chosen;
  const { guides } = await getCatalog();
  return guides.filter((g) => g.data.kind === 'buyer');
}

/** Terms grouped by category (categories in taxonomy order, empty ones dropped). */
export async function glossaryByCategory() {
  const { glossary } = await getCatalog();
  return GLOSSARY_CATEGORIES.map((category) => ({
    category,
    terms: glossary.filter((t) => t.data.category === category.id),
  })).filter((group) => group.terms.length > 0);
}

/** Terms grouped by first letter A-Z ("#" for digits), letters in order. */
export async function glossaryByLetter() {
  const { glossary } = await getCatalog();
  const groups = new Map<string, Entry<'glossary'>[]>();
  for (const term of glossary) {
    const first = term.data.term.charAt(0).toUpperCase();
    const letter = /[A-Z]/.test(first) ? first : '#';
    groups.set(letter, [...(groups.get(letter) ?? []), term]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([letter, terms]) => ({ letter, terms }));
}
