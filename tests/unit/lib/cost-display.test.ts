import { describe, expect, it } from 'vitest';
import { breakEvenHours, cheapestRentalWithMemory } from '../../../src/lib/cost.ts';
import { formatCount, formatMonth, formatUsd, formatMarketPrice } from '../../../src/lib/display.ts';

describe('cheapestRentalWithMemory', () => {
  const options = [
    { id: 'a', gpuMemoryGiB: 24, usdPerGpuHour: 0.7 },
    { id: 'b', gpuMemoryGiB: 80, usdPerGpuHour: 1.2 },
    { id: 'c', gpuMemoryGiB: 48, usdPerGpuHour: 1.9 },
  ];
  it.each([
    [12, 'a'],
    [24, 'a'],
    [32, 'b'],
    [80, 'b'],
  ])('%i GiB -> %s', (mem, id) => {
    expect(cheapestRentalWithMemory(options, mem)?.id).toBe(id);
  });
  it('returns undefined when nothing is large enough', () => {
    expect(cheapestRentalWithMemory(options, 96)).toBeUndefined();
  });
});

describe('breakEvenHours', () => {
  it('divides price by hourly rate', () => {
    expect(breakEvenHours(1599, 0.682)).toBeCloseTo(2344.6, 1);
  });
  it.each([
    [0, 1],
    [-1, 1],
    [100, 0],
    [Infinity, 1],
    [Number.NaN, 1],
  ])('rejects %s / %s', (a, b) => {
    expect(() => breakEvenHours(a, b)).toThrow(RangeError);
  });
});

describe('display formatters', () => {
  it.each([
    [8030261248, '8.03B'],
    [494032768, '494M'],
    [671e9, '671B'],
    [1.2e12, '1.2T'],
    [999, '999'],
  ])('formatCount(%d) = %s', (n, s) => {
    expect(formatCount(n)).toBe(s);
  });
  it('says what a market price is and when it was observed', () => {
    expect(formatMonth('2026-09')).toBe('September 2026');
    expect(formatMonth('2026-12', { short: true })).toBe('Dec 2026');
    expect(
      formatMarketPrice({ usd: 1207, basis: 'average of the 3 cheapest listings', observedMonth: '2026-09' }),
    ).toBe('$1,207 (average of the 3 cheapest listings, September 2026)');
  });

  it('formats dollars', () => {
    expect(formatUsd(1599)).toBe('$1,599');
    expect(formatUsd(0.682)).toBe('$0.68');
  });
});
