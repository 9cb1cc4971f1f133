/**
 * Flow velocity as a run chart: epics done per period with the average of the complete periods.
 * The period containing `asOf` is partial when it has days left: it is drawn apart and left out of
 * the average, so a month one day old does not read as a month with nothing done. Epics closed
 * without implementation are not velocity; each period counts them apart.
 */
import { addDays, nextPeriodStart, periodStart } from './calendar';
import type { LocalDate, PeriodKind } from './calendar';
import { completedByPeriod } from './flow';
import type { FlowEpic } from './flow';
import { doneState } from './states';
import type { PortfolioConfig } from './states';
import { mean } from './stats';

export interface VelocityPeriod {
  start: LocalDate;
  /** The period's last day. */
  end: LocalDate;
  count: number;
  /** The period contains `asOf` and has days after it. */
  partial: boolean;
  /** Epics that reached Done in the period without implementation (excluded from `count`). */
  closedWithoutImplementation: number;
}

export interface VelocityRun {
  series: VelocityPeriod[];
  /** Mean count of the complete periods; null when none is complete. */
  average: number | null;
}

export function velocityRun(epics: readonly FlowEpic[], config: PortfolioConfig, kind: PeriodKind, asOf: LocalDate, from?: LocalDate): VelocityRun {
  const done = doneState(config);
  const closed: LocalDate[] = [];
  let earliest: LocalDate | undefined;
  for (const epic of epics) {
    const date = epic.stateDates[done] ?? null;
    if (date === null || date > asOf) continue;
    if (earliest === undefined || date < earliest) earliest = date;
    if (epic.closedWithoutImplementation === true) closed.push(date);
  }
  // The periods start at the first Done of either kind, so a period with only closed epics shows.
  const periods = completedByPeriod(epics, config, kind, asOf, from ?? earliest);
  const closedByPeriod = new Map<LocalDate, number>();
  for (const date of closed) {
    const start = periodStart(date, kind);
    closedByPeriod.set(start, (closedByPeriod.get(start) ?? 0) + 1);
  }
  const series = periods.map(({ start, epics: completed }) => {
    const end = addDays(nextPeriodStart(start, kind), -1);
    return { start, end, count: completed.length, partial: asOf < end, closedWithoutImplementation: closedByPeriod.get(start) ?? 0 };
  });
  return { series, average: mean(series.filter((period) => !period.partial).map((period) => period.count)) };
}
