/** CSV output (RFC 4180 via papaparse): empty cells for null, one header row, `\n` line ends, rounded numbers. */
import Papa from 'papaparse';
import { roundForOutput } from './print';

export type CsvCell = string | number | boolean | null;

export function toCsv(fields: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const data = rows.map((row) => row.map((cell) => (cell === null ? '' : typeof cell === 'number' ? roundForOutput(cell) : cell)));
  return `${Papa.unparse({ fields: [...fields], data }, { newline: '\n' })}\n`;
}
