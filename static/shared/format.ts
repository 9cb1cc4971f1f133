/** How numbers read on the pages: absent values show as an em dash, never as 0. */

export const NONE = '—';

export function formatScore(value: number | null | undefined): string {
  if (value === null || value === undefined) return NONE;
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

export function formatDays(value: number | null | undefined): string {
  if (value === null || value === undefined) return NONE;
  return `${formatScore(value)} ${value === 1 ? 'day' : 'days'}`;
}

export function formatShare(value: number | null | undefined): string {
  if (value === null || value === undefined) return NONE;
  return `${Math.round(value * 100)}%`;
}
