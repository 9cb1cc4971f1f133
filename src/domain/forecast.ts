/**
 * Monte Carlo forecasting from daily throughput: every trial replays the future by sampling past
 * days with replacement. One seeded generator drives all trials in order (trial by trial, day by
 * day; index = floor(random × samples)), so a seed gives the same answer on every machine.
 */
import { addDays, dayNumber, daysBetween } from './calendar';
import type { LocalDate } from './calendar';
import { seededRandom } from './stats';

/** What a forecast uses when not told otherwise: the last 90 days of throughput, 10,000 trials, seed 1, 50/85/95% confidence. */
export const FORECAST_DEFAULTS = { windowDays: 90, trials: 10_000, seed: 1, confidences: [50, 85, 95] } as const;

export interface ForecastOptions {
  /** Number of simulated futures; default FORECAST_DEFAULTS.trials. */
  trials?: number;
  /** Seed of the generator; default FORECAST_DEFAULTS.seed. */
  seed?: number;
  /** Confidence levels in percent (0..100); default FORECAST_DEFAULTS.confidences. */
  confidences?: readonly number[];
  /** "When" trials give up after this many days; default FORECAST_MAX_DAYS (callers bound their work with it). */
  maxDays?: number;
}

/** "When" trials give up after this many days and count as not finished (reported as null). */
export const FORECAST_MAX_DAYS = 3650;

// Looked up once: a global lookup per sampled day is measurable in sandboxed runtimes (Jest's vm).
const { floor } = Math;

function resolve(options: ForecastOptions): { trials: number; seed: number; confidences: readonly number[] } {
  const trials = options.trials ?? FORECAST_DEFAULTS.trials;
  const confidences = options.confidences ?? FORECAST_DEFAULTS.confidences;
  if (!Number.isInteger(trials) || trials < 1) throw new RangeError(`trials must be a positive whole number, got ${trials}`);
  for (const c of confidences) if (!(c >= 0 && c <= 100)) throw new RangeError(`confidence must be within 0..100, got ${c}`);
  return { trials, seed: options.seed ?? FORECAST_DEFAULTS.seed, confidences };
}

/** How many of `trials` outcomes must meet the bar for confidence c (at least one). */
function trialsNeeded(confidence: number, trials: number): number {
  return Math.min(trials, Math.max(1, Math.ceil((confidence * trials) / 100)));
}

/** Done count per day for the `windowDays` days ending at `windowEnd` (inclusive), oldest first. */
export function dailyThroughput(doneDates: readonly LocalDate[], windowEnd: LocalDate, windowDays: number = FORECAST_DEFAULTS.windowDays): number[] {
  const length = Math.max(0, Math.floor(windowDays));
  const counts = new Array<number>(length).fill(0);
  const first = dayNumber(windowEnd) - length + 1;
  for (const date of doneDates) {
    const index = dayNumber(date) - first;
    if (index >= 0 && index < length) counts[index] = (counts[index] as number) + 1;
  }
  return counts;
}

/**
 * How many items by `by`: each trial sums a sampled (with replacement) daily throughput for each day
 * after `today` up to and including `by`. At confidence c the answer is the largest n such that at
 * least c% of trials completed ≥ n. Null when there are no samples or `by` is before `today`.
 */
export function forecastHowMany(
  samples: readonly number[],
  today: LocalDate,
  by: LocalDate,
  options: ForecastOptions = {},
): { trials: number; days: number; results: { confidence: number; items: number }[] } | null {
  const { trials, seed, confidences } = resolve(options);
  const days = daysBetween(today, by);
  if (samples.length === 0 || days < 0) return null;
  const random = seededRandom(seed);
  const outcomes = new Float64Array(trials);
  for (let trial = 0; trial < trials; trial++) {
    let sum = 0;
    for (let day = 0; day < days; day++) sum += samples[floor(random() * samples.length)] as number;
    outcomes[trial] = sum;
  }
  outcomes.sort(); // typed arrays sort numerically, ascending
  // The k-th largest outcome is the largest n that at least k trials reached.
  const results = confidences.map((confidence) => ({
    confidence,
    items: outcomes[trials - trialsNeeded(confidence, trials)] as number,
  }));
  return { trials, days, results };
}

/**
 * When will `items` be done: each trial samples days until the sum reaches items. At c the answer is
 * the smallest d such that at least c% of trials finished within d days; date = today + d. Null when
 * the samples are empty or none is positive. Trials still short after maxDays (FORECAST_MAX_DAYS) count as
 * never finishing; a confidence that needs them reports days and date null. `items` ≤ 0 is done today.
 */
export function forecastWhen(
  samples: readonly number[],
  today: LocalDate,
  items: number,
  options: ForecastOptions = {},
): { trials: number; results: { confidence: number; days: number | null; date: LocalDate | null }[] } | null {
  const { trials, seed, confidences } = resolve(options);
  if (!samples.some((sample) => sample > 0)) return null;
  const random = seededRandom(seed);
  const maxDays = Math.min(FORECAST_MAX_DAYS, options.maxDays ?? FORECAST_MAX_DAYS);
  const unfinished = maxDays + 1;
  const outcomes = new Int32Array(trials);
  for (let trial = 0; trial < trials; trial++) {
    let sum = 0;
    let day = 0;
    while (sum < items && day < maxDays) {
      sum += samples[floor(random() * samples.length)] as number;
      day++;
    }
    outcomes[trial] = sum < items ? unfinished : day;
  }
  outcomes.sort();
  const results = confidences.map((confidence) => {
    const days = outcomes[trialsNeeded(confidence, trials) - 1] as number;
    return days === unfinished ? { confidence, days: null, date: null } : { confidence, days, date: addDays(today, days) };
  });
  return { trials, results };
}
