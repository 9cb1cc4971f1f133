/** Work-in-progress limits on the portfolio Kanban. */
import { ownValue } from './names';
import { doneState, stateIndex } from './states';
import type { PortfolioConfig } from './states';

export interface WipColumn {
  readonly state: string;
  /** Null when the state has no limit; Done never has one. */
  readonly wipLimit: number | null;
  readonly count: number;
  readonly overLimit: boolean;
}

/**
 * Every problem with a set of WIP limits, as sentences an admin can act on. Empty when valid.
 * Done collects finished work, so a limit there would mean nothing: it is refused here rather
 * than saved and silently ignored by the board.
 */
export function wipLimitProblems(config: PortfolioConfig, wipLimits: Readonly<Record<string, number>>): string[] {
  const done = doneState(config);
  const problems: string[] = [];
  for (const [state, limit] of Object.entries(wipLimits)) {
    if (stateIndex(config, state) < 0) problems.push(`The WIP limit for "${state}" names no state.`);
    else if (state === done) problems.push(`"${state}" is the last state (Done) and takes no WIP limit: finished work is not in progress.`);
    if (!Number.isInteger(limit) || limit < 1) problems.push(`The WIP limit for "${state}" is ${limit}; it must be a whole number of at least 1.`);
  }
  return problems;
}

/**
 * One column per state, in state order, counting the epics in each. A limit on Done (refused by
 * wipLimitProblems, but possible in a document saved before that rule) is ignored. A column is
 * over its limit only when the count exceeds it (at the limit is full, not over).
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
    const wipLimit = state === done ? null : (ownValue(wipLimits, state) ?? null);
    return { state, wipLimit, count, overLimit: wipLimit !== null && count > wipLimit };
  });
}
