/**
 * Flow velocity as a run chart: epics done per period with the average of the complete periods.
 * The period containing `asOf` is partial when it has days left: it is drawn apart and left out of
 * the average, so a month one day old does not read as a month with nothing done. With `from`, only
 * Done dates from it on count, and a first period that starts before it is partial too. Epics closed
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
  /** The period has days after `asOf` or before `from`: not counted whole, left out of the average. */
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
  const counted: FlowEpic[] = [];
  const closed: LocalDate[] = [];
  let earliest: LocalDate | undefined;
  for (const epic of epics) {
    const date = epic.stateDates[done] ?? null;
    if (date === null || date > asOf || (from !== undefined && date < from)) continue;
    if (earliest === undefined || date < earliest) earliest = date;
    if (epic.closedWithoutImplementation === true) closed.push(date);
    else counted.push(epic);
  }
  // The periods start at the first Done of either kind, so a period with only closed epics shows.
  const periods = completedByPeriod(counted, config, kind, asOf, from ?? earliest);
  const closedByPeriod = new Map<LocalDate, number>();
  for (const date of closed) {
    const start = periodStart(date, kind);
    closedByPeriod.set(start, (closedByPeriod.get(start) ?? 0) + 1);
  }
  const series = periods.map(({ start, epics: completed }) => {
    const end = addDays(nextPeriodStart(start, kind), -1);
    // Cut by asOf on the right or by `from` on the left: not a whole period.
    const partial = asOf < end || (from !== undefined && from > start);
    return { start, end, count: completed.length, partial, closedWithoutImplementation: closedByPeriod.get(start) ?? 0 };
  });
  return { series, average: mean(series.filter((period) => !period.partial).map((period) => period.count)) };
}
