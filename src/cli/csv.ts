/**
 * CSV output (RFC 4180 via papaparse): empty cells for null, one header row, `\n` line ends, rounded
 * numbers. A text cell starting with = + - @ (or a tab or carriage return) is prefixed with ' so a
 * spreadsheet shows it instead of running it as a formula. Number cells are left alone: a number
 * such as -3 is read as a number, never as a formula, and stays usable in the sheet.
 */
import Papa from 'papaparse';
import { roundForOutput } from './print';

/** Papa's default pattern stops at a line break (`.*$`): a cell "=1+1\nx" would slip through. */
const FORMULA_START = /^[=+\-@\t\r]/;

export type CsvCell = string | number | boolean | null;

export function toCsv(fields: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const data = rows.map((row) => row.map((cell) => (cell === null ? '' : typeof cell === 'number' ? roundForOutput(cell) : cell)));
  return `${Papa.unparse({ fields: [...fields], data }, { newline: '\n', escapeFormulae: FORMULA_START })}\n`;
}
