import { describe, expect, it } from 'vitest';
import {
  errorStats,
  formatError,
  formatShare,
  groupErrorStats,
  quantile,
  relativeError,
} from '../../../src/lib/accuracy.ts';
import { parseTableQuery, serializeTableState, type TableSpec } from '../../../src/lib/table-state.ts';

describe('accuracy statistics', () => {
  it('signed relative error', () => {
    expect(relativeError(110, 100)).toBeCloseTo(0.1, 12);
    expect(relativeError(90, 100)).toBeCloseTo(-0.1, 12);
    expect(() => relativeError(1, 0)).toThrow(/> 0/);
  });

  it('interpolated quantiles', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([0, 10], 0.9)).toBe(9);
    expect(quantile([], 0.5)).toBeNaN();
  });

  it('median and p90 of absolute errors, bias of signed ones', () => {
    const s = errorStats([0.1, -0.2, 0.05, -0.05, 0.3]);
    expect(s.n).toBe(5);
    expect(s.median).toBeCloseTo(0.1, 12);
    expect(s.p90).toBeCloseTo(0.26, 12);
    expect(s.bias).toBeCloseTo(0.05, 12);
  });

  it('groups in first-seen order', () => {
    const rows = [
      { k: 'b', e: 0.1 },
      { k: 'a', e: -0.3 },
      { k: 'b', e: 0.3 },
    ];
    const g = groupErrorStats(
      rows,
      (r) => r.k,
      (r) => r.e,
    );
    expect(g.map((x) => [x.key, x.stats.n, x.stats.median])).toEqual([
      ['b', 2, 0.2],
      ['a', 1, 0.3],
    ]);
  });

  it.each([
    [0.123, '+12%'],
    [-0.034, '−3.4%'],
    [0.0001, '0.0%'],
    [-0.5, '−50%'],
  ])('formatError(%s) = %s', (e, text) => expect(formatError(e)).toBe(text));

  it('formatShare', () => {
    expect(formatShare(0.043)).toBe('4.3%');
    expect(formatShare(0.25)).toBe('25%');
    expect(formatShare(NaN)).toBe('–');
  });
});

describe('table URL state', () => {
  const spec: TableSpec = {
    filters: { backend: ['CUDA', 'Metal'], trust: ['community'] },
    sorts: ['decode', 'prompt'],
  };

  it('reads valid filters and sort, and writes them back without defaults', () => {
    const { state, notices } = parseTableQuery('?backend=Metal&sort=prompt&other=1', spec);
    expect(notices).toEqual([]);
    expect(state).toEqual({ filters: { backend: 'Metal' }, sort: 'prompt' });
    expect(serializeTableState(state, spec)).toBe('?backend=Metal&sort=prompt');
    expect(serializeTableState({ filters: {}, sort: 'decode' }, spec)).toBe('');
  });

  it('drops unknown values with a notice that quotes them safely', () => {
    const { state, notices } = parseTableQuery('?backend=<img src=x onerror=alert(1)>&sort=%00bogus', spec);
    expect(state).toEqual({ filters: {}, sort: 'decode' });
    expect(notices).toEqual([
      'Unknown backend "<img src=x onerror=alert(1)>": showing all.',
      'Unknown sort "bogus": sorted by decode.',
    ]);
  });
});
