import { describe, expect, it } from 'vitest';
import { buyLinks, searchTerms } from '../../../src/lib/buy-links.ts';

const none = { amazonTag: '', ebayCampaign: '' };
describe('where-to-buy links', () => {
  it('are plain searches when no affiliate id is configured', () => {
    const links = buyLinks({ name: 'GeForce RTX 3090 24GB', kind: 'gpu', memoryType: 'GDDR6X' }, none);
    expect(links.map((l) => [l.retailer, l.affiliate])).toEqual([
      ['Amazon', false],
      ['eBay', false],
    ]);
    expect(links[0]!.url).toBe('https://www.amazon.com/s?k=GeForce+RTX+3090+24GB');
    expect(links.every((l) => !/tag=|campid=/.test(l.url))).toBe(true);
  });
  it('carry the configured ids, each only on its retailer', () => {
    const links = buyLinks(
      { name: 'Apple M4 Pro (48 GB)', kind: 'apple' },
      { amazonTag: 'x-20', ebayCampaign: '5338000000' },
    );
    expect(links[0]!.url).toBe('https://www.amazon.com/s?k=Apple+M4+Pro&tag=x-20');
    expect(links[1]!.url).toContain('campid=5338000000');
    expect(links.every((l) => l.affiliate)).toBe(true);
  });
  it('are omitted for data-centre parts and escape the search words', () => {
    expect(buyLinks({ name: 'H100 SXM5 80GB', kind: 'gpu', memoryType: 'HBM3' }, none)).toEqual([]);
    expect(searchTerms('Intel Xeon w9-3495X (256 GB 8-channel DDR5-4800)')).toBe('Intel Xeon w9-3495X');
    expect(buyLinks({ name: 'A&B <x>', kind: 'gpu' }, none)[0]!.url).toBe('https://www.amazon.com/s?k=A%26B+%3Cx%3E');
  });
});
