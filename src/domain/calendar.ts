/**
 * Calendar dates in a time zone. A `LocalDate` is an ISO `YYYY-MM-DD` string: it sorts as text,
 * compares with `<`, and reads the same in tests, CSV and JSON. Instants are epoch milliseconds.
 * Time-zone rules come from the platform's Intl (IANA database); nothing here hard-codes offsets.
 */
export type LocalDate = string;
export type EpochMillis = number;

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when the platform knows the IANA zone name. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The calendar date an instant falls on in `timeZone`. */
export function toLocalDate(instant: EpochMillis, timeZone = 'UTC'): LocalDate {
  // The default zone needs no Intl: formatToParts costs ~5× the ISO string (bench: domain scale).
  if (timeZone === 'UTC') return new Date(instant).toISOString().slice(0, 10);
  const parts = formatterFor(timeZone).formatToParts(new Date(instant));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

const MS_PER_HOUR = 3_600_000;

/**
 * The first instant after `date` in `timeZone`: an instant falls on or before `date` exactly when
 * it is earlier. Offsets lie within −12 h..+14 h of UTC, so the answer lies within that margin of
 * UTC's midnight: an hourly scan back from the late end finds the last hour still on `date` (a
 * clock set back over midnight returns to it), then a binary search the millisecond.
 */
export function endOfLocalDay(date: LocalDate, timeZone = 'UTC'): EpochMillis {
  const utcEnd = (dayNumber(date) + 1) * MS_PER_DAY;
  if (timeZone === 'UTC') return utcEnd;
  const onOrBefore = (instant: EpochMillis) => toLocalDate(instant, timeZone) <= date;
  let before = utcEnd - 14 * MS_PER_HOUR - 1; // on or before `date` in every zone
  let after = utcEnd + 12 * MS_PER_HOUR; // after `date` in every zone
  for (let instant = after - MS_PER_HOUR; instant > before; instant -= MS_PER_HOUR) {
    if (onOrBefore(instant)) {
      before = instant;
      break;
    }
    after = instant;
  }
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (onOrBefore(middle)) before = middle;
    else after = middle;
  }
  return after;
}

/** True for a real calendar date in `YYYY-MM-DD` form (rejects 2025-02-30). */
export function isLocalDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d);
}

/** Days since 1970-01-01 for a calendar date: calendar arithmetic without time-of-day or DST. */
export function dayNumber(date: LocalDate): number {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / MS_PER_DAY;
}

export function fromDayNumber(day: number): LocalDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return dayNumber(to) - dayNumber(from);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** Every date from `from` to `to`, both included; empty when `to` is before `from`. */
export function eachDay(from: LocalDate, to: LocalDate): LocalDate[] {
  const days: LocalDate[] = [];
  for (let day = dayNumber(from), last = dayNumber(to); day <= last; day++) days.push(fromDayNumber(day));
  return days;
}

export type PeriodKind = 'week' | 'month' | 'quarter';

/** First day of the period containing `date`: ISO weeks start on Monday; quarters on Jan/Apr/Jul/Oct 1. */
export function periodStart(date: LocalDate, kind: PeriodKind): LocalDate {
  if (kind === 'week') {
    const day = dayNumber(date);
    const weekday = (new Date(day * MS_PER_DAY).getUTCDay() + 6) % 7; // Monday = 0
    return fromDayNumber(day - weekday);
  }
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  const startMonth = kind === 'month' ? month : month - ((month - 1) % 3);
  return `${year}-${String(startMonth).padStart(2, '0')}-01`;
}

/** The planning quarter containing `date`, named like `2026-Q4` (budgets and OKRs are kept per quarter). */
export function quarterOf(date: LocalDate): string {
  const start = periodStart(date, 'quarter');
  // Quarters start in months 1, 4, 7 and 10.
  return `${start.slice(0, 4)}-Q${(Number(start.slice(5, 7)) + 2) / 3}`;
}

/** First day of the period after the one starting at `start`. */
export function nextPeriodStart(start: LocalDate, kind: PeriodKind): LocalDate {
  if (kind === 'week') return addDays(start, 7);
  const year = Number(start.slice(0, 4));
  const month = Number(start.slice(5, 7)) + (kind === 'month' ? 1 : 3);
  const rolled = month > 12 ? { y: year + 1, m: month - 12 } : { y: year, m: month };
  return `${rolled.y}-${String(rolled.m).padStart(2, '0')}-01`;
}

/** The start dates of every period from the one containing `from` to the one containing `to`. */
export function eachPeriodStart(from: LocalDate, to: LocalDate, kind: PeriodKind): LocalDate[] {
  const starts: LocalDate[] = [];
  const last = periodStart(to, kind);
  for (let start = periodStart(from, kind); start <= last; start = nextPeriodStart(start, kind)) starts.push(start);
  return starts;
}
