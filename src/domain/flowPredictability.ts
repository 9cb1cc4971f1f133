/**
 * Flow predictability: of the business value the portfolio had planned for a period, how much it
 * delivered within it.
 *
 * "Planned for a period" (the definition the Flow page states): an epic is planned for a period when
 * it was committed (its commitment date) BEFORE the period began and was not done before it began,
 * i.e. the committed work the portfolio carried into the period. It is delivered when its Done date
 * falls within the period. Work committed during the period and done within it is delivered but
 * unplanned: reported apart, never in the ratio. Epics closed without implementation were never
 * committed, so never planned. Business value is the epic's user-business value (WSJF component);
 * an epic without one is planned with value 0 and counted in `unvalued`.
 */
import { addDays, eachPeriodStart, nextPeriodStart } from './calendar';
import type { LocalDate, PeriodKind } from './calendar';

export interface PlannedEpic {
  key: string;
  businessValue: number;
  doneDate: LocalDate | null;
}

/** Business value of planned epics done within [start, end] ÷ business value planned; null when nothing planned or planned value is 0. */
export function flowPredictability(planned: readonly PlannedEpic[], period: { start: LocalDate; end: LocalDate }): number | null {
  let plannedValue = 0;
  let doneValue = 0;
  for (const epic of planned) {
    plannedValue += epic.businessValue;
    if (epic.doneDate !== null && epic.doneDate >= period.start && epic.doneDate <= period.end) doneValue += epic.businessValue;
  }
  return plannedValue === 0 ? null : doneValue / plannedValue;
}

export interface PredictabilityEpic {
  key: string;
  businessValue: number | null;
  committed: LocalDate | null;
  done: LocalDate | null;
}

export interface PredictabilityPeriod {
  start: LocalDate;
  end: LocalDate;
  /** The period contains `asOf` and has days after it. */
  partial: boolean;
  plannedCount: number;
  plannedValue: number;
  deliveredCount: number;
  deliveredValue: number;
  /** Committed during the period and done within it (not in the ratio). */
  unplannedDeliveredValue: number;
  /** Planned epics without a business value (counted as 0). */
  unvalued: number;
  /** deliveredValue ÷ plannedValue; null when nothing of value was planned. */
  predictability: number | null;
}

/** Predictability for every period from the one containing `from` to the one containing `asOf`. */
export function predictabilityByPeriod(
  epics: readonly PredictabilityEpic[],
  kind: PeriodKind,
  from: LocalDate,
  asOf: LocalDate,
): PredictabilityPeriod[] {
  return eachPeriodStart(from, asOf, kind).map((start) => {
    const end = addDays(nextPeriodStart(start, kind), -1);
    const row: PredictabilityPeriod = {
      start,
      end,
      partial: asOf < end,
      plannedCount: 0,
      plannedValue: 0,
      deliveredCount: 0,
      deliveredValue: 0,
      unplannedDeliveredValue: 0,
      unvalued: 0,
      predictability: null,
    };
    for (const epic of epics) {
      if (epic.committed === null) continue;
      // Only what had happened by asOf is known.
      const done = epic.done !== null && epic.done <= asOf ? epic.done : null;
      const value = epic.businessValue ?? 0;
      const doneWithin = done !== null && done >= start && done <= end;
      if (epic.committed < start && (done === null || done >= start)) {
        row.plannedCount++;
        row.plannedValue += value;
        if (epic.businessValue === null) row.unvalued++;
        if (doneWithin) {
          row.deliveredCount++;
          row.deliveredValue += value;
        }
      } else if (epic.committed >= start && doneWithin) {
        row.unplannedDeliveredValue += value;
      }
    }
    row.predictability = row.plannedValue === 0 ? null : row.deliveredValue / row.plannedValue;
    return row;
  });
}
