/**
 * "Where to buy" links for a hardware entry: retailer searches for its name, with the configured
 * affiliate id when there is one. Pure; ids come from src/site.ts. No request is made until a
 * visitor clicks (the links are plain anchors).
 */

export interface BuyLink {
  retailer: string;
  /** What the search finds, e.g. "new" or "used". */
  kind: string;
  url: string;
  /** The URL carries an affiliate id. */
  affiliate: boolean;
}

export interface AffiliateIds {
  amazonTag: string;
  ebayCampaign: string;
}

/** Search words for a device: its name without the memory-size suffix in brackets. */
export function searchTerms(name: string): string {
  return name.replace(/\s*\([^)]*\)\s*$/, '').trim();
}

/**
 * Retailer searches for a device (none for data-centre parts sold only through system vendors).
 * Amazon for new, eBay for used; the ids are added only when configured.
 */
export function buyLinks(
  device: { name: string; kind: string; memoryType?: string | undefined },
  ids: AffiliateIds,
): BuyLink[] {
  if (/^HBM/i.test(device.memoryType ?? '')) return [];
  const q = searchTerms(device.name);
  const amazon = new URLSearchParams({ k: q, ...(ids.amazonTag ? { tag: ids.amazonTag } : {}) });
  const ebay = new URLSearchParams({ _nkw: q, ...(ids.ebayCampaign ? { mkcid: '1', campid: ids.ebayCampaign } : {}) });
  return [
    { retailer: 'Amazon', kind: 'new', url: `https://www.amazon.com/s?${amazon}`, affiliate: ids.amazonTag !== '' },
    {
      retailer: 'eBay',
      kind: 'used',
      url: `https://www.ebay.com/sch/i.html?${ebay}`,
      affiliate: ids.ebayCampaign !== '',
    },
  ];
}
