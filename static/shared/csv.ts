/**
 * CSV export for the pages: what a table shows, as RFC 4180 (papaparse). A text cell that a
 * spreadsheet would read as a formula (starting with = + - @, or a tab or carriage return) is
 * neutralised with a leading apostrophe: an epic summary must not run as a formula on open.
 */
import Papa from 'papaparse';

export type CsvCell = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;

/** Numbers stay numbers (a negative number is data, not a formula); text that starts like a formula gets a leading `'`. */
export function neutraliseCell(cell: CsvCell): string | number {
  if (cell === null) return '';
  if (typeof cell === 'number') return cell;
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

export function toCsv(fields: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const data = rows.map((row) => row.map(neutraliseCell));
  return `${Papa.unparse({ fields: fields.map((field) => String(neutraliseCell(field))), data }, { newline: '\r\n' })}\r\n`;
}

/** Offers the text as a file download (the page's own origin; no network). */
export function downloadCsv(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // After the click has handed the file to the browser.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
