/**
 * The dates a request may name and the work it may cause, for the resolvers and `lpm` alike. A
 * far-future as-of date makes a CFD of millions of days; a far `by` or many trials make a forecast
 * that holds the server for minutes. Each check answers a sentence that states its bound, or null.
 */
import { daysBetween } from '../domain/calendar';
import type { LocalDate } from '../domain/calendar';

export const REQUEST_BOUNDS = {
  /** No metrics before Jira existed: an earlier as-of date is a typo, not a question. */
  earliestDate: '2000-01-01',
  /** A forecast looks at most this many years past today. */
  forecastHorizonYears: 5,
  /** Trials × simulated days of one forecast: about a third of a second of one core. */
  forecastTrialDays: 20_000_000,
} as const;

const count = (n: number) => n.toLocaleString('en-US');
const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** The last day a forecast may look at: the same day `forecastHorizonYears` on (29 Feb → 28 Feb). */
export function forecastHorizonEnd(today: LocalDate): LocalDate {
  const year = Number(today.slice(0, 4)) + REQUEST_BOUNDS.forecastHorizonYears;
  const monthDay = today.slice(5) === '02-29' && !isLeapYear(year) ? '02-28' : today.slice(5);
  return `${String(year).padStart(4, '0')}-${monthDay}`;
}

/** Simulated days a "when" forecast runs at most per trial: up to the horizon's end. */
export function forecastHorizonDays(today: LocalDate): number {
  return daysBetween(today, forecastHorizonEnd(today));
}

/** An as-of date: not after today (the future has no data yet) and not before `earliestDate`. */
export function asOfProblem(asOf: LocalDate, today: LocalDate): string | null {
  if (asOf > today) return `${asOf} is after today (${today} in the portfolio's time zone); give a date up to today`;
  if (asOf < REQUEST_BOUNDS.earliestDate) return `${asOf} is before ${REQUEST_BOUNDS.earliestDate}; give a date from ${REQUEST_BOUNDS.earliestDate} up to today (${today})`;
  return null;
}

/** A "how many by" date within the horizon (a date before `from` needs no work: its answer is null). */
export function forecastByProblem(by: LocalDate, from: LocalDate): string | null {
  const end = forecastHorizonEnd(from);
  if (by > end) return `${by} is more than ${REQUEST_BOUNDS.forecastHorizonYears} years after ${from}; give a date up to ${end}`;
  return null;
}

/** Trials × simulated days within the budget; `days` is the forecast's horizon (the whole horizon for "when"). */
export function forecastWorkProblem(trials: number, days: number): string | null {
  const budget = REQUEST_BOUNDS.forecastTrialDays;
  if (trials * days <= budget) return null;
  const allowed = Math.max(1, Math.floor(budget / Math.max(1, days)));
  return `${count(trials)} trials × ${count(days)} days is ${count(trials * days)} simulated days, more than the ${count(budget)} one forecast may run; ask for at most ${count(allowed)} trials or a nearer date`;
}
