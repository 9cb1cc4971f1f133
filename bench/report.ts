/** Plain-text tables of the bench's figures: medians first, the spread (min–max) beside them. */
import type { Spread } from './timing';

export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

function fixed(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** "123 (118–131)": median with min–max. */
export function ms(spread: Spread): string {
  return `${fixed(spread.median)} (${fixed(spread.min)}–${fixed(spread.max)})`;
}

/** Heap bytes as MiB, median with min–max. */
export function mib(spread: Spread): string {
  const toMib = (bytes: number) => bytes / 1_048_576;
  return `${fixed(toMib(spread.median))} (${fixed(toMib(spread.min))}–${fixed(toMib(spread.max))})`;
}

export function ratio(spread: Spread): string {
  return `${fixed(spread.median)}× (${fixed(spread.min)}–${fixed(spread.max)})`;
}

export function count(value: number): string {
  return value.toLocaleString('en-US');
}
