/** The pages' CSV export: RFC 4180 text with formula-like cells neutralised. */
import Papa from 'papaparse';
import { neutraliseCell, toCsv } from '../../../static/shared/csv';

describe('CSV export', () => {
  it.each([
    ['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
    ['+1', "'+1"],
    ['-cmd', "'-cmd"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTab', "'\tTab"],
    ['Launch in-app chat', 'Launch in-app chat'],
    [null, ''],
    [-3, -3],
  ] as const)('should write %p as %p', (cell, expected) => {
    expect(neutraliseCell(cell)).toBe(expected);
  });

  it('should quote commas, quotes and line breaks so the rows read back as written', () => {
    const csv = toCsv(['Key', 'Summary', 'WSJF'], [['PAY-1', 'Payouts, "fast"\nand safe', 4.33], ['PAY-2', '=1+1', null]]);
    expect(Papa.parse(csv, { skipEmptyLines: true }).data).toEqual([
      ['Key', 'Summary', 'WSJF'],
      ['PAY-1', 'Payouts, "fast"\nand safe', '4.33'],
      ['PAY-2', "'=1+1", ''],
    ]);
  });
});
