/**
 * Forecast of the ranked backlog: the epics not yet done, in WSJF rank order, each with the date by
 * which it is done at a confidence (85 % by default). Every trial replays the future from sampled
 * daily throughput (as forecastWhen does) and finishes the backlog in rank order: the k-th epic is
 * done on the first day the trial's cumulative throughput reaches k. At confidence c, epic k's
 * answer is the smallest d such that at least c % of trials had finished k epics within d days.
 */
import { addDays } from './calendar';
import type { LocalDate } from './calendar';
import { FORECAST_DEFAULTS, FORECAST_MAX_DAYS } from './forecast';
import { seededRandom } from './stats';

export interface BacklogForecastOptions {
  trials?: number;
  seed?: number;
  /** Percent, 0..100; default 85. */
  confidence?: number;
}

export interface BacklogForecastItem {
  key: string;
  /** 1-based place in the rank order. */
  position: number;
  /** Days after `today`; null when the confidence needs trials that never got there (FORECAST_MAX_DAYS). */
  days: number | null;
  date: LocalDate | null;
}

export const BACKLOG_FORECAST_CONFIDENCE = 85;

/** Null when no sample is positive (throughput zero never finishes anything). */
export function forecastRankedBacklog(
  samples: readonly number[],
  today: LocalDate,
  rankedKeys: readonly string[],
  options: BacklogForecastOptions = {},
): BacklogForecastItem[] | null {
  const trials = options.trials ?? FORECAST_DEFAULTS.trials;
  const confidence = options.confidence ?? BACKLOG_FORECAST_CONFIDENCE;
  if (!Number.isInteger(trials) || trials < 1) throw new RangeError(`trials must be a positive whole number, got ${trials}`);
  if (!(confidence >= 0 && confidence <= 100)) throw new RangeError(`confidence must be within 0..100, got ${confidence}`);
  if (!samples.some((sample) => sample > 0)) return null;
  const count = rankedKeys.length;
  const unfinished = FORECAST_MAX_DAYS + 1;
  // days[position * trials + trial]: the day trial `trial` finished the epic at `position` (0-based).
  const days = new Int32Array(count * trials).fill(unfinished);
  const random = seededRandom(options.seed ?? FORECAST_DEFAULTS.seed);
  const { floor } = Math;
  for (let trial = 0; trial < trials; trial++) {
    let finished = 0;
    for (let day = 1; finished < count && day <= FORECAST_MAX_DAYS; day++) {
      const target = Math.min(count, finished + (samples[floor(random() * samples.length)] as number));
      for (; finished < target; finished++) days[finished * trials + trial] = day;
    }
  }
  const needed = Math.min(trials, Math.max(1, Math.ceil((confidence * trials) / 100)));
  return rankedKeys.map((key, position) => {
    const outcomes = days.subarray(position * trials, (position + 1) * trials).sort();
    const day = outcomes[needed - 1] as number;
    return day === unfinished ? { key, position: position + 1, days: null, date: null } : { key, position: position + 1, days: day, date: addDays(today, day) };
  });
}
