/**
 * Scenario 2, Monte Carlo: both forecasts at the design's defaults (10,000 trials, daily throughput
 * sampled from the last 90 days) on the demo portfolio's real done dates. Each run is one forecast.
 */
import { addDays } from '../src/domain/calendar';
import { dailyThroughput, forecastHowMany, forecastWhen } from '../src/domain/forecast';
import { doneDatesAsOf } from '../src/services/flowReport';
import { BENCH_TODAY, benchSettings, demoPortfolio, epicHistoriesOf } from './portfolio';
import { measureSync } from './timing';
import type { RunPlan, Spread } from './timing';

export const FORECAST_TRIALS = 10_000;
export const WINDOW_DAYS = 90;
/** "How many by" looks one window ahead: a planning interval of about 13 weeks. */
const HORIZON_DAYS = 90;

export interface ForecastFigures {
  readonly epics: number;
  readonly doneInWindow: number;
  readonly howMany: { readonly ms: Spread; readonly horizonDays: number; readonly answer: Record<string, number> };
  readonly when: { readonly ms: Spread; readonly items: number; readonly answer: Record<string, number | null> };
}

export function benchForecast(epicCount: number, plan: RunPlan): ForecastFigures {
  const histories = epicHistoriesOf(demoPortfolio(epicCount));
  const settings = benchSettings();
  const samples = dailyThroughput(doneDatesAsOf(histories, settings, BENCH_TODAY), BENCH_TODAY, WINDOW_DAYS);
  const doneInWindow = samples.reduce((sum, count) => sum + count, 0);
  const by = addDays(BENCH_TODAY, HORIZON_DAYS);
  // "When" asks for what the window delivered: about 90 days of sampling per trial.
  const items = Math.max(1, doneInWindow);

  const howMany = measureSync(() => forecastHowMany(samples, BENCH_TODAY, by, { trials: FORECAST_TRIALS }), plan);
  const when = measureSync(() => forecastWhen(samples, BENCH_TODAY, items, { trials: FORECAST_TRIALS }), plan);

  const howManyAnswer = Object.fromEntries((howMany.lastResult?.results ?? []).map((r) => [`${r.confidence}%`, r.items]));
  const whenAnswer = Object.fromEntries((when.lastResult?.results ?? []).map((r) => [`${r.confidence}%`, r.days]));
  return {
    epics: histories.length,
    doneInWindow,
    howMany: { ms: howMany.ms, horizonDays: HORIZON_DAYS, answer: howManyAnswer },
    when: { ms: when.ms, items, answer: whenAnswer },
  };
}
