/**
 * The Flow page's light SVG charts: d3-scale maps numbers to pixels, d3-shape draws lines and
 * areas, React draws the rest. Colours are design tokens, so the charts follow light and dark mode.
 * Dates are `YYYY-MM-DD` and become day numbers for the x scale (no d3-time: ticks are our own).
 */
import type { ReactNode } from 'react';
import { token } from '@atlaskit/tokens';

export const WIDTH = 640;
export const HEIGHT = 240;
export const MARGIN = { top: 12, right: 16, bottom: 28, left: 40 };

export const COLOURS = {
  text: token('color.text.subtle'),
  grid: token('color.border'),
  axis: token('color.border.bold'),
  primary: token('color.chart.brand'),
  neutral: token('color.chart.neutral'),
  danger: token('color.chart.danger'),
  warning: token('color.chart.warning'),
  success: token('color.chart.success'),
  waiting: token('color.chart.gray.bold'),
};

/** One colour per category (states, themes), in order. */
export const CATEGORICAL = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => token(`color.chart.categorical.${n}` as 'color.chart.categorical.1'));
export const categorical = (index: number): string => CATEGORICAL[index % CATEGORICAL.length] as string;

const DAY_MS = 86_400_000;
export const dayOf = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
export const dateOfDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** "Mar 2026" or "3 Mar" for an axis. */
export function shortDate(date: string, withDay = false): string {
  const month = MONTHS[Number(date.slice(5, 7)) - 1] ?? '';
  return withDay ? `${Number(date.slice(8, 10))} ${month}` : `${month} ${date.slice(2, 4)}`;
}

/** About `count` month starts between two day numbers, for a date axis. */
export function monthTicks(fromDay: number, toDay: number, count = 6): number[] {
  const from = dateOfDay(fromDay);
  const months: number[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  for (;;) {
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
    const day = dayOf(`${year}-${String(month).padStart(2, '0')}-01`);
    if (day > toDay) break;
    months.push(day);
  }
  const step = Math.max(1, Math.ceil(months.length / count));
  return months.filter((_, index) => index % step === 0);
}

export function ChartSvg({ children, height = HEIGHT, width = WIDTH }: { children: ReactNode; height?: number; width?: number }) {
  return (
    <svg viewBox={`0 0 ${width} ${height}`} width="100%" style={{ display: 'block', maxHeight: `${height * 1.4}px`, font: token('font.body.small') }} role="presentation">
      {children}
    </svg>
  );
}

/** Horizontal grid lines with labels on the left, for a linear y scale. */
export function YAxis({ ticks, y, format = String, width = WIDTH }: { ticks: readonly number[]; y: (value: number) => number; format?: (value: number) => string; width?: number }) {
  return (
    <g>
      {ticks.map((tick) => (
        <g key={tick} transform={`translate(0,${y(tick)})`}>
          <line x1={MARGIN.left} x2={width - MARGIN.right} stroke={COLOURS.grid} strokeWidth={1} />
          <text x={MARGIN.left - 6} dy="0.32em" textAnchor="end" fill={COLOURS.text}>
            {format(tick)}
          </text>
        </g>
      ))}
    </g>
  );
}

export function XAxis({ ticks, height = HEIGHT }: { ticks: readonly { x: number; label: string }[]; height?: number }) {
  return (
    <g>
      {ticks.map((tick, index) => (
        <text key={`${tick.label}-${index}`} x={tick.x} y={height - MARGIN.bottom + 16} textAnchor="middle" fill={COLOURS.text}>
          {tick.label}
        </text>
      ))}
      <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={height - MARGIN.bottom} y2={height - MARGIN.bottom} stroke={COLOURS.axis} />
    </g>
  );
}

/** A small legend row inside the figure (outside the SVG: it wraps on narrow screens). */
export function Legend({ items }: { items: readonly { label: string; colour: string; dashed?: boolean }[] }) {
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: token('space.150'), font: token('font.body.small'), color: token('color.text.subtle') }}>
      {items.map((item) => (
        <span key={item.label} style={{ display: 'inline-flex', alignItems: 'center', gap: token('space.050') }}>
          <svg width="14" height="10" aria-hidden="true">
            {item.dashed === true ? <line x1="0" x2="14" y1="5" y2="5" stroke={item.colour} strokeWidth="2" strokeDasharray="3 2" /> : <rect width="14" height="10" rx="2" fill={item.colour} />}
          </svg>
          {item.label}
        </span>
      ))}
    </div>
  );
}

export const percent = (value: number | null | undefined): string => (value === null || value === undefined ? '—' : `${Math.round(value * 100)}%`);
export const oneDecimal = (value: number | null | undefined): string => (value === null || value === undefined ? '—' : Number.isInteger(value) ? String(value) : value.toFixed(1));
