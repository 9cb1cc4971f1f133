/** CSV export: papaparse writes the text (quoting, formula-safe), the browser downloads it. */
import Papa from 'papaparse';

type Cell = string | number | null;

export function toCsvText(fields: readonly string[], rows: readonly (readonly Cell[])[]): string {
  // escapeFormulae: a cell starting with = + - @ is not run as a formula by a spreadsheet.
  return Papa.unparse({ fields: [...fields], data: rows.map((row) => [...row]) }, { escapeFormulae: true });
}

export function downloadCsv(name: string, fields: readonly string[], rows: readonly (readonly Cell[])[]): void {
  const blob = new Blob([toCsvText(fields, rows)], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name.endsWith('.csv') ? name : `${name}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
