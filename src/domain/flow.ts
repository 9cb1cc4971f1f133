/**
 * Flow metrics (SAFe's flow time, velocity, load/CFD, distribution, efficiency, predictability,
 * aging) over epics' state dates. Dates are calendar dates already in the portfolio's time zone,
 * so every day count is calendar arithmetic: a DST change never makes a day 23 or 25 hours long here.
 */
import { daysBetween, dayNumber, eachDay, eachPeriodStart, fromDayNumber, periodStart, toLocalDate } from './calendar';
import type { LocalDate, PeriodKind } from './calendar';
import { byName } from './names';
import { doneState } from './states';
import type { PortfolioConfig } from './states';
import type { Timeline } from './timeline';

export interface FlowEpic {
  readonly key: string;
  readonly stateDates: Readonly<Record<string, LocalDate | null>>;
  /**
   * Set (true) when the epic reached Done without implementation and the portfolio excludes such
   * epics (skippedCommitment 'exclude'): no flow time from the commitment on, no velocity count.
   */
  readonly closedWithoutImplementation?: true;
}

/** How an epic that reached Done without passing the commitment state counts (settings.skippedCommitment). */
export type SkippedCommitmentPolicy = 'exclude' | 'backfill';

/** A stretch of the flow to measure, from entering one state to entering a later one. */
export interface FlowSegment {
  readonly from: string;
  readonly to: string;
}

/** The flow-time percentiles reported when none are asked for (also the bands of aging WIP). */
export const DEFAULT_FLOW_TIME_PERCENTILES = [50, 85, 95] as const;

export interface FlowTimeOptions {
  /** Count both ends: an epic committed and done on the same day took 1 day, not 0. */
  readonly inclusive?: boolean;
  /** Measure from `from` to `to` instead of commitment → Done. */
  readonly segment?: FlowSegment;
}

/** The default segment: commitment → Done. */
export function defaultSegment(config: PortfolioConfig): FlowSegment {
  return { from: config.commitment, to: doneState(config) };
}

/**
 * Problems with a segment, as sentences (empty when valid): both ends must be states, `from` before `to`.
 */
export function segmentProblems(segment: FlowSegment, config: PortfolioConfig): string[] {
  const problems: string[] = [];
  const from = config.states.indexOf(segment.from);
  const to = config.states.indexOf(segment.to);
  if (from < 0) problems.push(`The segment start "${segment.from}" is not one of the states.`);
  if (to < 0) problems.push(`The segment end "${segment.to}" is not one of the states.`);
  if (from >= 0 && to >= 0 && from >= to) problems.push(`The segment must run forward: "${segment.from}" comes at or after "${segment.to}".`);
  return problems;
}

/**
 * An excluded epic (closedWithoutImplementation) has no time in a segment ending at or after the
 * commitment state: its dates from the commitment on are borrowed from Done, not lived. A segment
 * wholly before the commitment (Reviewing → Analyzing) still counts it.
 */
export function excludedFromSegment(epic: Pick<FlowEpic, 'closedWithoutImplementation'>, segment: FlowSegment, config: PortfolioConfig): boolean {
  return epic.closedWithoutImplementation === true && config.states.indexOf(segment.to) >= config.states.indexOf(config.commitment);
}

function dateOf(epic: FlowEpic, state: string): LocalDate | null {
  return Object.hasOwn(epic.stateDates, state) ? (epic.stateDates[state] ?? null) : null;
}

/**
 * Timeline → FlowEpic: each stateEnteredAt instant as a calendar date in timeZone. With policy
 * 'exclude', an epic done without commitment is marked closedWithoutImplementation ('backfill',
 * the default here for callers that predate the setting, keeps the borrowed dates as a 0-day flow).
 */
export function toFlowEpic(timeline: Timeline, timeZone: string, skippedCommitment: SkippedCommitmentPolicy = 'backfill'): FlowEpic {
  const stateDates = byName<LocalDate | null>();
  for (const [state, instant] of Object.entries(timeline.stateEnteredAt))
    stateDates[state] = instant === null ? null : toLocalDate(instant, timeZone);
  if (skippedCommitment === 'exclude' && timeline.doneWithoutCommitment === true) return { key: timeline.key, stateDates, closedWithoutImplementation: true };
  return { key: timeline.key, stateDates };
}

/**
 * Date of `to` − date of `from` (default commitment → Done) in calendar days; +1 when inclusive;
 * null without both dates, or for an epic excluded from the segment (excludedFromSegment).
 */
export function flowTimeDays(epic: FlowEpic, config: PortfolioConfig, options: FlowTimeOptions = {}): number | null {
  const segment = options.segment ?? defaultSegment(config);
  if (excludedFromSegment(epic, segment, config)) return null;
  const started = dateOf(epic, segment.from);
  const ended = dateOf(epic, segment.to);
  if (started === null || ended === null) return null;
  return daysBetween(started, ended) + (options.inclusive ? 1 : 0);
}

/**
 * Committed on or before `today` and not done by then. Read "as of today": an epic committed after
 * `today` is not yet committed, and one done after `today` was still in progress then.
 */
export function inProgressAsOf(epic: FlowEpic, config: PortfolioConfig, today: LocalDate): boolean {
  const committed = dateOf(epic, config.commitment);
  const done = dateOf(epic, doneState(config));
  return committed !== null && committed <= today && (done === null || done > today);
}

/**
 * today − commitment date for epics in progress as of `today` (see inProgressAsOf); null otherwise
 * (inclusive adds 1 like flow time). An as-of date in the past gives the age the epic had then.
 */
export function ageDays(epic: FlowEpic, config: PortfolioConfig, today: LocalDate, options: FlowTimeOptions = {}): number | null {
  const committed = dateOf(epic, config.commitment);
  if (committed === null || !inProgressAsOf(epic, config, today)) return null;
  return daysBetween(committed, today) + (options.inclusive ? 1 : 0);
}

/** Latest dated state (the state with the latest index that has a date), or null. */
export function latestState(epic: FlowEpic, config: PortfolioConfig): string | null {
  for (let i = config.states.length - 1; i >= 0; i--) {
    const state = config.states[i] as string;
    if (dateOf(epic, state) !== null) return state;
  }
  return null;
}

export interface CfdRow {
  readonly date: LocalDate;
  readonly counts: Readonly<Record<string, number>>;
}

/**
 * One row per day from the earliest state date of any epic (or `from`) to `to`; counts[state] = epics
 * whose date for that state is ≤ day (dates before `from` count from the first row on). Empty when
 * no epic has a date and no `from` is given, or when the start is after `to`.
 */
export function cumulativeFlow(epics: readonly FlowEpic[], config: PortfolioConfig, to: LocalDate, from?: LocalDate): CfdRow[] {
  // Per state, the sorted day numbers on which epics reached it: a merge walk then fills each row.
  const arrivals = config.states.map((state) => {
    const days: number[] = [];
    for (const epic of epics) {
      const date = dateOf(epic, state);
      if (date !== null) days.push(dayNumber(date));
    }
    return days.sort((a, b) => a - b);
  });
  let start = from;
  if (start === undefined) {
    const earliest = Math.min(...arrivals.map((days) => days[0] ?? Infinity));
    if (earliest === Infinity) return [];
    start = fromDayNumber(earliest);
  }
  const cursors = arrivals.map(() => 0);
  return eachDay(start, to).map((date) => {
    const day = dayNumber(date);
    const counts = byName<number>();
    config.states.forEach((state, i) => {
      const days = arrivals[i] as number[];
      let cursor = cursors[i] as number;
      while (cursor < days.length && (days[cursor] as number) <= day) cursor++;
      cursors[i] = cursor;
      counts[state] = cursor;
    });
    return { date, counts };
  });
}

/** CFD[commitment] − CFD[done] on one row: the epics in progress that day. */
export function loadInProgressOn(row: CfdRow, config: PortfolioConfig): number {
  return (row.counts[config.commitment] ?? 0) - (row.counts[doneState(config)] ?? 0);
}

/** loadInProgressOn for each row. */
export function loadInProgress(rows: readonly CfdRow[], config: PortfolioConfig): { date: LocalDate; count: number }[] {
  return rows.map((row) => ({ date: row.date, count: loadInProgressOn(row, config) }));
}

/** Epics per latestState (every state present, zero-filled); epics with no dated state are not counted. */
export function loadByState(epics: readonly FlowEpic[], config: PortfolioConfig): Record<string, number> {
  const counts = byName<number>(config.states.map((state) => [state, 0]));
  for (const epic of epics) {
    const state = latestState(epic, config);
    if (state !== null) counts[state] = (counts[state] ?? 0) + 1;
  }
  return counts;
}

/**
 * The epics reaching Done in each period (in input order), every period present from the one of the
 * first done date (or `from`) to the one containing `to`. Done dates after `to`, or before the first
 * period, are not counted; nor are epics closed without implementation (they are counted apart).
 */
export function completedByPeriod<T extends FlowEpic>(
  epics: readonly T[],
  config: PortfolioConfig,
  kind: PeriodKind,
  to: LocalDate,
  from?: LocalDate,
): { start: LocalDate; epics: T[] }[] {
  const done = doneState(config);
  const byPeriod = new Map<LocalDate, T[]>();
  let first = from;
  for (const epic of epics) {
    const date = dateOf(epic, done);
    if (date === null || date > to || epic.closedWithoutImplementation === true) continue;
    if (from === undefined && (first === undefined || date < first)) first = date;
    const start = periodStart(date, kind);
    const bucket = byPeriod.get(start);
    if (bucket) bucket.push(epic);
    else byPeriod.set(start, [epic]);
  }
  if (first === undefined) return [];
  return eachPeriodStart(first, to, kind).map((start) => ({ start, epics: byPeriod.get(start) ?? [] }));
}

/** How many epics reached Done in each period: completedByPeriod, counted. */
export function flowVelocity(
  epics: readonly FlowEpic[],
  config: PortfolioConfig,
  kind: PeriodKind,
  to: LocalDate,
  from?: LocalDate,
): { start: LocalDate; count: number }[] {
  return completedByPeriod(epics, config, kind, to, from).map(({ start, epics: completed }) => ({ start, count: completed.length }));
}

export interface DistributionRow {
  category: string;
  count: number;
  share: number;
  target: number | null;
  delta: number | null;
}

/**
 * Share by category (theme, work type, value stream), against optional target shares (0..1);
 * categories of targets with no items appear with count 0 (share 0, also when there are no items).
 * delta = share − target. Sorted by count desc, then category.
 */
export function flowDistribution(categories: readonly string[], targets: Readonly<Record<string, number>> = {}): DistributionRow[] {
  const counts = new Map<string, number>();
  for (const category of categories) counts.set(category, (counts.get(category) ?? 0) + 1);
  for (const category of Object.keys(targets)) if (!counts.has(category)) counts.set(category, 0);
  const total = categories.length;
  return [...counts.entries()]
    .map(([category, count]) => {
      const share = total === 0 ? 0 : count / total;
      const target = Object.hasOwn(targets, category) ? (targets[category] ?? null) : null;
      return { category, count, share, target, delta: target === null ? null : share - target };
    })
    .sort((a, b) => b.count - a.count || (a.category < b.category ? -1 : a.category > b.category ? 1 : 0));
}

// Efficiency and predictability live in their own files; re-exported so callers keep one import.
export { flowEfficiency, flowEfficiencyOfSet } from './flowEfficiency';
export type { EpicEfficiency } from './flowEfficiency';
export { flowPredictability } from './flowPredictability';
export type { PlannedEpic } from './flowPredictability';

export interface AgingItem {
  key: string;
  state: string | null;
  ageDays: number;
  percentileBand: string | null;
}

/** The smallest percentile (by its number) whose flow time `age` does not exceed, else ">largest"; null without a value. */
export function percentileBand(age: number, flowTimePercentiles: Readonly<Record<string, number | null>>): string | null {
  const known = Object.entries(flowTimePercentiles)
    .filter((entry): entry is [string, number] => entry[1] !== null)
    .sort((a, b) => Number(a[0]) - Number(b[0]));
  if (known.length === 0) return null;
  const band = known.find(([, days]) => age <= days);
  return band ? band[0] : `>${(known[known.length - 1] as [string, number])[0]}`;
}

/**
 * Aging WIP: committed-not-done epics with age, and the smallest flow-time percentile (e.g. "85")
 * their age does not exceed, or ">95" style label above the largest, null if no flow-time sample.
 * Sorted oldest first, then by key. Pass the same `inclusive` the percentiles were computed with.
 */
export function agingWip(
  epics: readonly FlowEpic[],
  config: PortfolioConfig,
  today: LocalDate,
  flowTimePercentiles: Readonly<Record<string, number | null>>,
  options: FlowTimeOptions = {},
): AgingItem[] {
  const items: AgingItem[] = [];
  for (const epic of epics) {
    const age = ageDays(epic, config, today, options);
    if (age === null) continue;
    items.push({ key: epic.key, state: latestState(epic, config), ageDays: age, percentileBand: percentileBand(age, flowTimePercentiles) });
  }
  return items.sort((a, b) => b.ageDays - a.ageDays || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
