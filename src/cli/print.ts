/**
 * How numbers leave the command: fractions rounded to 6 decimals, so binary floating-point noise
 * (53.199999999999996) does not reach the reader. Computation stays unrounded.
 */
export function roundForOutput(value: number): number {
  return Number.isInteger(value) ? value : Math.round(value * 1e6) / 1e6;
}

export function toJsonText(value: unknown): string {
  return `${JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' ? roundForOutput(v) : v), 2)}\n`;
}
