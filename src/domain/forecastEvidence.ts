/**
 * The evidence shown beside every forecast, so a reader can judge it: the throughput sample it drew
 * from (weekly totals), a stability check (the window's first half against its second half), and a
 * back-test (the same forecast made one window ago, against what really happened since).
 */
import { addDays } from './calendar';
import type { LocalDate } from './calendar';
import { FORECAST_DEFAULTS, dailyThroughput, forecastHowMany } from './forecast';
import type { ForecastOptions } from './forecast';

/** Throughput halves differing by more than this factor make the forecast's sample unstable. */
export const STABILITY_FACTOR = 2;

export interface ThroughputWeek {
  start: LocalDate;
  /** 7, or fewer for the first block when the window is not a whole number of weeks. */
  days: number;
  count: number;
}

/** The daily samples (oldest first, ending at `windowEnd`) summed in 7-day blocks counted back from the end. */
export function weeklyThroughput(samples: readonly number[], windowEnd: LocalDate): ThroughputWeek[] {
  const weeks: ThroughputWeek[] = [];
  for (let end = samples.length; end > 0; end -= 7) {
    const begin = Math.max(0, end - 7);
    let count = 0;
    for (let i = begin; i < end; i++) count += samples[i] as number;
    weeks.unshift({ start: addDays(windowEnd, begin - samples.length + 1), days: end - begin, count });
  }
  return weeks;
}

export interface StabilityCheck {
  /** Items done in the first and the second half (an odd middle day belongs to neither). */
  firstHalf: number;
  secondHalf: number;
  /** Larger half ÷ smaller half; null when either half is 0. */
  ratio: number | null;
  factor: number;
  /** The halves differ by more than `factor` (or one half is 0 and the other is not). */
  unstable: boolean;
}

export function stabilityCheck(samples: readonly number[], factor: number = STABILITY_FACTOR): StabilityCheck {
  const half = Math.floor(samples.length / 2);
  const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
  const firstHalf = sum(samples.slice(0, half));
  const secondHalf = sum(samples.slice(samples.length - half));
  const low = Math.min(firstHalf, secondHalf);
  const high = Math.max(firstHalf, secondHalf);
  const ratio = low === 0 ? null : high / low;
  return { firstHalf, secondHalf, ratio, factor, unstable: ratio === null ? high > 0 : ratio > factor };
}

export interface BackTest {
  /** The as-of date of the past forecast: one window before `asOf`. */
  madeOn: LocalDate;
  /** Its sample window ended on madeOn; it forecast how many by `asOf`. */
  by: LocalDate;
  /** Done in (madeOn, asOf]. */
  actual: number;
  /** At each confidence: the forecast count and whether what happened reached it. */
  results: { confidence: number; forecast: number; hit: boolean }[];
}

/**
 * "How many by asOf", forecast as of one window ago from the window before it, against the items
 * really done since. A hit at confidence c: actual ≥ the count forecast at c. Null when the window
 * before madeOn had no throughput at all (nothing to forecast from).
 */
export function backTest(doneDates: readonly LocalDate[], asOf: LocalDate, windowDays: number = FORECAST_DEFAULTS.windowDays, options: ForecastOptions = {}): BackTest | null {
  const madeOn = addDays(asOf, -windowDays);
  const samples = dailyThroughput(doneDates, madeOn, windowDays);
  if (!samples.some((sample) => sample > 0)) return null;
  const forecast = forecastHowMany(samples, madeOn, asOf, options);
  if (forecast === null) return null;
  const actual = doneDates.filter((date) => date > madeOn && date <= asOf).length;
  return {
    madeOn,
    by: asOf,
    actual,
    results: forecast.results.map(({ confidence, items }) => ({ confidence, forecast: items, hit: actual >= items })),
  };
}

