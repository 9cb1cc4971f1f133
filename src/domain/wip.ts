/** Work-in-progress limits on the portfolio Kanban. */
import { doneState } from './states';
import type { PortfolioConfig } from './states';

export interface WipColumn {
  readonly state: string;
  /** Null when the state has no limit; Done never has one. */
  readonly wipLimit: number | null;
  readonly count: number;
  readonly overLimit: boolean;
}

/**
 * One column per state, in state order, counting the epics in each. Done collects finished work,
 * so a limit there would mean nothing and is ignored. A column is over its limit only when the
 * count exceeds it (at the limit is full, not over).
 */
export function wipColumns(
  config: PortfolioConfig,
  wipLimits: Readonly<Record<string, number>>,
  epicStates: readonly string[],
): WipColumn[] {
  const counts = new Map<string, number>();
  for (const state of epicStates) counts.set(state, (counts.get(state) ?? 0) + 1);
  const done = doneState(config);
  return config.states.map((state) => {
    const count = counts.get(state) ?? 0;
    const wipLimit = state === done ? null : (wipLimits[state] ?? null);
    return { state, wipLimit, count, overLimit: wipLimit !== null && count > wipLimit };
  });
}
