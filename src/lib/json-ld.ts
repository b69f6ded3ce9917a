/**
 * schema.org JSON-LD: the serialiser every page uses and the BreadcrumbList builder. Pure.
 * Page-specific objects are built where their data is (the pages); this only guarantees they
 * are safe to embed.
 */

export type JsonLdNode = Record<string, unknown>;

/**
 * A <script type="application/ld+json"> body: JSON with "<", ">" and "&" escaped as \u003c etc.,
 * so no value (a title, a pasted string) can close the script element or open a comment.
 */
export function jsonLdText(nodes: JsonLdNode | readonly JsonLdNode[]): string {
  const list = Array.isArray(nodes) ? nodes : [nodes];
  const body =
    list.length === 1
      ? { '@context': 'https://schema.org', ...list[0] }
      : { '@context': 'https://schema.org', '@graph': list };
  return JSON.stringify(body).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** BreadcrumbList for a trail that starts at Home; the last crumb (the page itself) takes `pageUrl`. */
export function breadcrumbList(
  trail: readonly { label: string; href?: string | undefined }[],
  siteUrl: string,
  pageUrl: string,
): JsonLdNode {
  const crumbs = [{ label: 'Home', href: '/' }, ...trail];
  return {
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((c, i) => ({
      '@type': 'ListItem',
      position: i + 1,
      name: c.label,
      item: new URL(c.href ?? (i === crumbs.length - 1 ? pageUrl : '/'), siteUrl).href,
    })),
  };
}
