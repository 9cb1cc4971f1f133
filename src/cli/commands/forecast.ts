/**
 * `lpm forecast`: Monte Carlo over the daily throughput of the last `--window` days up to the
 * as-of date: how many epics by `--by`, or when `--items` more will be done.
 */
import { addDays, daysBetween } from '../../domain/calendar';
import { FORECAST_DEFAULTS, dailyThroughput, forecastHowMany, forecastWhen } from '../../domain/forecast';
import { doneDatesAsOf } from '../../services/flowReport';
import { forecastByProblem, forecastHorizonDays, forecastWorkProblem } from '../../services/requestBounds';
import { CliInputError, CliUsageError } from '../errors';
import type { CliIo } from '../io';
import { dateOption, integerOption, parseOptions } from '../options';
import { PORTFOLIO_OPTIONS, loadPortfolio } from '../portfolio';
import { toJsonText } from '../print';

export async function forecastCommand(args: readonly string[], io: CliIo): Promise<void> {
  const values = parseOptions('forecast', args, {
    ...PORTFOLIO_OPTIONS,
    by: { type: 'string' },
    items: { type: 'string' },
    window: { type: 'string' },
    trials: { type: 'string' },
    seed: { type: 'string' },
  });
  const by = dateOption(values, 'by');
  const items = integerOption(values, 'items', 1);
  if ((by === undefined) === (items === undefined)) throw new CliUsageError('forecast: give either --by YYYY-MM-DD or --items N');
  const windowDays = integerOption(values, 'window', 1, 3650) ?? FORECAST_DEFAULTS.windowDays;
  const trials = integerOption(values, 'trials', 1, 1_000_000) ?? FORECAST_DEFAULTS.trials;
  const seed = integerOption(values, 'seed', 0, 0xffffffff) ?? FORECAST_DEFAULTS.seed;

  const { histories, settings, asOf } = await loadPortfolio('forecast', values, io);
  if (by !== undefined && by < asOf) throw new CliInputError('--by', '', `${by} is before the as-of date ${asOf}`);
  const byProblem = by === undefined ? null : forecastByProblem(by, asOf);
  if (byProblem !== null) throw new CliInputError('--by', '', byProblem);
  // "How many by" simulates the days up to --by; "when" up to the horizon at most.
  const horizonDays = forecastHorizonDays(asOf);
  const workProblem = forecastWorkProblem(trials, by === undefined ? horizonDays : daysBetween(asOf, by));
  if (workProblem !== null) throw new CliInputError('--trials', '', workProblem);

  const doneDates = doneDatesAsOf(histories, settings, asOf);
  const samples = dailyThroughput(doneDates, asOf, windowDays);
  const window = { start: addDays(asOf, 1 - windowDays), end: asOf, days: windowDays, done: samples.reduce((sum, n) => sum + n, 0) };
  const options = { trials, seed, maxDays: horizonDays };
  const base = { asOf, window, trials, seed };

  if (by !== undefined) {
    const forecast = forecastHowMany(samples, asOf, by, options);
    const result = { ...base, by, days: forecast?.days ?? null, howMany: forecast?.results ?? null };
    io.stdout(toJsonText(result));
  } else {
    const forecast = forecastWhen(samples, asOf, items as number, options);
    // Null when nothing was done in the window: throughput zero never finishes.
    const result = { ...base, items, when: forecast?.results ?? null };
    io.stdout(toJsonText(result));
  }
}
