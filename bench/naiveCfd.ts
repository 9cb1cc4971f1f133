/**
 * The CFD the obvious way, as the yardstick for src/domain/flow.ts: for every day, every state and
 * every epic, compare the epic's date with the day. Same rows as `cumulativeFlow` without `from`.
 */
import { eachDay } from '../src/domain/calendar';
import type { LocalDate } from '../src/domain/calendar';
import type { CfdRow, FlowEpic } from '../src/domain/flow';
import type { PortfolioConfig } from '../src/domain/states';

export function naiveCumulativeFlow(epics: readonly FlowEpic[], config: PortfolioConfig, to: LocalDate): CfdRow[] {
  let earliest: LocalDate | null = null;
  for (const epic of epics)
    for (const state of config.states) {
      const date = epic.stateDates[state] ?? null;
      if (date !== null && (earliest === null || date < earliest)) earliest = date;
    }
  if (earliest === null) return [];
  return eachDay(earliest, to).map((day) => {
    const counts: Record<string, number> = {};
    for (const state of config.states) {
      let count = 0;
      for (const epic of epics) {
        const date = epic.stateDates[state] ?? null;
        if (date !== null && date <= day) count++;
      }
      counts[state] = count;
    }
    return { date: day, counts };
  });
}
