import { describe, expect, it } from 'vitest';
import { toCsv } from '../../../src/lib/csv.ts';

describe('toCsv', () => {
  it('writes a header and rows with CRLF, quoting only what needs it', () => {
    expect(
      toCsv(
        ['id', 'name', 'n'],
        [
          ['a', 'Plain', 1.5],
          ['b', 'Has, comma', 2],
        ],
      ),
    ).toBe('id,name,n\r\na,Plain,1.5\r\nb,"Has, comma",2\r\n');
  });
  it('doubles quotes and keeps line breaks inside a quoted cell', () => {
    expect(toCsv(['x'], [['say "hi"\nnow']])).toBe('x\r\n"say ""hi""\nnow"\r\n');
  });
  it('writes empty cells for null, undefined and non-finite numbers', () => {
    expect(toCsv(['a', 'b', 'c'], [[null, undefined, Number.NaN]])).toBe('a,b,c\r\n,,\r\n');
  });
  it('defuses text a spreadsheet would run as a formula, but not negative numbers', () => {
    expect(toCsv(['x'], [['=HYPERLINK("http://x")'], ['@SUM(A1)'], ['-2+3'], [-2]])).toBe(
      'x\r\n"\'=HYPERLINK(""http://x"")"\r\n\'@SUM(A1)\r\n\'-2+3\r\n-2\r\n',
    );
  });
});
