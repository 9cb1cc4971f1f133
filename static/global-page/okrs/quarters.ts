/** Stepping between planning quarters (`2026-Q4` → `2027-Q1`). */
export function shiftQuarter(period: string, by: number): string {
  const index = Number(period.slice(0, 4)) * 4 + Number(period.slice(6)) - 1 + by;
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}
