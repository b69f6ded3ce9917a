// The best-format rule, table-tested: quality first (RECOMMENDABLE_FORMATS order), then fit
// (fully on the GPU, with margin before tight), then speed (the usable floor).
import { describe, expect, it } from 'vitest';
import { estimateCore, gpuSetup, unifiedSetup } from '../../../src/lib/engine.ts';
import { bestFormat, USABLE_TOKENS_PER_SECOND } from '../../../src/lib/recommend.ts';
import { catalogModel } from './helpers.ts';

const llama8 = catalogModel('llama-3.1-8b-instruct');
const speed = (format: string, hw: ReturnType<typeof gpuSetup>) =>
  estimateCore({ model: llama8, format, context: 8192, hardware: hw, advice: false }).tokensPerSecond!.expected;

describe('best format: quality, then fit, then speed', () => {
  const big = gpuSetup({ vramGiB: 24, bandwidthGBs: 1000 });
  const eight = gpuSetup({ vramGiB: 8, bandwidthGBs: 300 });
  // Plenty of memory, very little bandwidth: every format fits, the big ones are slow.
  const slow = unifiedSetup({ memoryGiB: 64, bandwidthGBs: 60, apple: false });
  const crawl = unifiedSetup({ memoryGiB: 64, bandwidthGBs: 20, apple: false });

  it.each([
    ['fits everywhere and fast: the highest quality', big, {}, 'Q8_0'],
    ['Q8_0 does not fit in 8 GiB and Q6_K only tightly: the best that fits with margin', eight, {}, 'Q5_K_M'],
    ['fits but too slow at 8 bits: the best that reaches the floor', slow, {}, null],
    ['the same machine with no speed floor: quality only', slow, { minTokensPerSecond: 0 }, 'Q8_0'],
    ['nothing reaches the floor: the fastest that fits', crawl, {}, 'Q3_K_M'],
  ] as const)('%s', (_label, hw, rule, want) => {
    const got = bestFormat(llama8, hw, 8192, rule);
    if (want === null) {
      // The pick reaches the floor and the next-better format does not.
      expect(speed(got.format, hw)).toBeGreaterThanOrEqual(USABLE_TOKENS_PER_SECOND);
      expect(speed('Q8_0', hw)).toBeLessThan(USABLE_TOKENS_PER_SECOND);
      expect(got.format).not.toBe('Q8_0');
    } else expect(got.format).toBe(want);
    expect(['fits', 'tight']).toContain(got.estimate.fit?.verdict);
  });

  it('on the 8 GiB card the formats above the pick really do not fit with margin', () => {
    const verdict = (f: string) =>
      estimateCore({ model: llama8, format: f, context: 8192, hardware: eight }).fit?.verdict;
    expect(verdict('Q8_0')).not.toMatch(/^(fits|tight)$/);
    expect(verdict('Q6_K')).toBe('tight');
  });

  it('the floor is what the rule says it is', () => {
    const got = bestFormat(llama8, slow, 8192, { minTokensPerSecond: 1000 });
    // Nothing reaches 1000 tok/s: fastest on-GPU format wins, never a higher-quality slower one.
    for (const f of ['Q8_0', 'Q6_K', 'Q5_K_M', 'Q4_K_M'])
      expect(speed(got.format, slow)).toBeGreaterThanOrEqual(speed(f, slow));
  });
});
