/**
 * From an epic's status history to the dates it entered each portfolio state (design.md, "State
 * dates"): replay the status changes in time order, mapping status ids to states; a backward move
 * clears later states' dates; skipped states borrow the next later date. Pure: no clock, no I/O.
 */
import type { EpochMillis } from './calendar';
import { byName } from './names';
import { stateForStatus, type PortfolioConfig } from './states';

export interface StatusChange {
  readonly at: EpochMillis;
  readonly fromStatusId: string | null;
  readonly toStatusId: string;
}

export interface FlagChange {
  readonly at: EpochMillis;
  readonly flagged: boolean;
}

/** What the domain needs of one epic's Jira history; changes may come in any order. */
export interface EpicHistory {
  readonly key: string;
  readonly createdAt: EpochMillis;
  readonly currentStatusId: string;
  readonly statusChanges: readonly StatusChange[];
  readonly flagChanges: readonly FlagChange[];
}

/** A stretch of time the epic spent in one state; `to` is null while it is still there. */
export interface StateSpan {
  readonly state: string;
  readonly from: EpochMillis;
  readonly to: EpochMillis | null;
}

/**
 * A stretch of time the epic spent in one Jira status, mapped or not, with the portfolio state it
 * was in meanwhile (an unmapped status leaves the epic in its previous state; null before any).
 */
export interface StatusSpan {
  readonly statusId: string;
  readonly state: string | null;
  readonly from: EpochMillis;
  readonly to: EpochMillis | null;
}

export interface FlaggedSpan {
  readonly from: EpochMillis;
  readonly to: EpochMillis | null;
}

export interface Timeline {
  readonly key: string;
  /** Null when no status the epic has had maps to a state. */
  readonly currentState: string | null;
  /** Instant each state was (last) entered, after backward-move clearing and skipped-state filling. */
  readonly stateEnteredAt: Readonly<Record<string, EpochMillis | null>>;
  /** Chronological, contiguous spans from createdAt; unmapped statuses extend the previous span. */
  readonly spans: readonly StateSpan[];
  readonly flaggedSpans: readonly FlaggedSpan[];
  /** Chronological status spans from createdAt (flow efficiency per status). Absent in hand-built timelines. */
  readonly statusSpans?: readonly StatusSpan[];
  /**
   * Done without having (still) entered the commitment state or any later state before Done: a no-go,
   * a cancelled idea. Its commitment date is only borrowed from Done (see skippedCommitment).
   */
  readonly doneWithoutCommitment?: boolean;
  /** Status ids seen in the history (or current) that map to no state, each once, in first-seen order. */
  readonly unmappedStatuses: readonly string[];
}


/** Sort by `at`, keeping the given order for equal instants (Array.prototype.sort is stable). */
function chronological<T extends { readonly at: EpochMillis }>(changes: readonly T[]): T[] {
  return [...changes].sort((a, b) => a.at - b.at);
}

/** Spans with zero length are dropped and neighbours in the same state merged, so equal-instant moves leave no trace. */
function tidySpans(spans: readonly StateSpan[]): StateSpan[] {
  const tidy: StateSpan[] = [];
  for (const span of spans) {
    if (span.to !== null && span.to <= span.from) continue;
    const last = tidy[tidy.length - 1];
    if (last && last.state === span.state) tidy[tidy.length - 1] = { ...last, to: span.to };
    else tidy.push(span);
  }
  return tidy;
}

/** Zero-length status spans dropped (equal-instant moves leave no trace). */
function tidyStatusSpans(spans: readonly StatusSpan[]): StatusSpan[] {
  return spans.filter((span) => span.to === null || span.to > span.from);
}

/**
 * Flagged stretches. A flag set while already set (or cleared while clear) is ignored. When the
 * first change clears the flag, the epic was flagged since it was created (as with statuses, the
 * first change tells the state at creation).
 */
function buildFlaggedSpans(createdAt: EpochMillis, flagChanges: readonly FlagChange[]): FlaggedSpan[] {
  const changes = chronological(flagChanges);
  const spans: FlaggedSpan[] = [];
  let openedAt: EpochMillis | null = changes[0]?.flagged === false ? createdAt : null;
  for (const change of changes) {
    const at = Math.max(change.at, createdAt);
    if (change.flagged && openedAt === null) openedAt = at;
    else if (!change.flagged && openedAt !== null) {
      if (at > openedAt) spans.push({ from: openedAt, to: at });
      openedAt = null;
    }
  }
  if (openedAt !== null) spans.push({ from: openedAt, to: null });
  return spans;
}

/**
 * The status an epic was created in: the one its first status change (in time) moved it from, or
 * that change's target when the source is unknown; with no change, the current status.
 */
function statusAtCreation(firstChange: StatusChange | undefined, currentStatusId: string): string {
  return firstChange ? (firstChange.fromStatusId ?? firstChange.toStatusId) : currentStatusId;
}

/**
 * The history as it stood just before `end`: changes at or after `end` are dropped and the current
 * status becomes the one the epic was in then. Null for an epic created at or after `end` (it did
 * not exist yet); the same object when nothing is dropped, so a timeline built from it still holds.
 */
export function historyUntil(history: EpicHistory, end: EpochMillis): EpicHistory | null {
  if (history.createdAt >= end) return null;
  const before = (change: { readonly at: EpochMillis }) => change.at < end;
  if (history.statusChanges.every(before) && history.flagChanges.every(before)) return history;
  // The earliest change (first given among equals) and the latest kept (last given), as `chronological` orders them.
  let first: StatusChange | undefined;
  let lastKept: StatusChange | undefined;
  for (const change of history.statusChanges) {
    if (first === undefined || change.at < first.at) first = change;
    if (before(change) && (lastKept === undefined || change.at >= lastKept.at)) lastKept = change;
  }
  return {
    ...history,
    currentStatusId: lastKept?.toStatusId ?? statusAtCreation(first, history.currentStatusId),
    statusChanges: history.statusChanges.filter(before),
    flagChanges: history.flagChanges.filter(before),
  };
}

/**
 * Replays one epic's history against the portfolio states. Changes may come in any order; equal
 * instants apply in the order given. Instants before `createdAt` (clock skew in imported data)
 * count as `createdAt`. When the epic starts in an unmapped status, its spans begin when it first
 * enters a mapped one. A first change with no `fromStatusId` means the starting status is unknown:
 * the epic is taken to start in that change's target.
 */
export function buildTimeline(history: EpicHistory, config: PortfolioConfig): Timeline {
  const { states } = config;
  const changes = chronological(history.statusChanges);
  const initialStatusId = statusAtCreation(changes[0], history.currentStatusId);

  const enteredAt: (EpochMillis | null)[] = states.map(() => null);
  const rawSpans: StateSpan[] = [];
  const unmapped: string[] = [];
  let currentIndex = -1;

  const noteUnmapped = (statusId: string) => {
    if (stateForStatus(config, statusId) === null && !unmapped.includes(statusId)) unmapped.push(statusId);
  };

  const statusSpans: StatusSpan[] = [];
  const enterStatus = (statusId: string, at: EpochMillis) => {
    const lastStatus = statusSpans[statusSpans.length - 1];
    if (lastStatus?.statusId !== statusId) {
      if (lastStatus) statusSpans[statusSpans.length - 1] = { ...lastStatus, to: at };
      const mapped = stateForStatus(config, statusId);
      statusSpans.push({ statusId, state: mapped ?? states[currentIndex] ?? null, from: at, to: null });
    }
    const state = stateForStatus(config, statusId);
    if (state === null) return; // unmapped: the epic stays where it was
    const index = states.indexOf(state);
    if (index === currentIndex) return; // two statuses mapped to one state: no new span
    // Entering a state clears every later one; forward moves find them clear already.
    for (let later = index + 1; later < enteredAt.length; later++) enteredAt[later] = null;
    if (enteredAt[index] === null) enteredAt[index] = at;
    const open = rawSpans[rawSpans.length - 1];
    if (open) rawSpans[rawSpans.length - 1] = { ...open, to: at };
    rawSpans.push({ state, from: at, to: null });
    currentIndex = index;
  };

  noteUnmapped(initialStatusId);
  enterStatus(initialStatusId, history.createdAt);
  for (const change of changes) {
    if (change.fromStatusId !== null) noteUnmapped(change.fromStatusId);
    noteUnmapped(change.toStatusId);
    enterStatus(change.toStatusId, Math.max(change.at, history.createdAt));
  }
  noteUnmapped(history.currentStatusId);

  // Before the skipped states borrow dates: did the epic reach Done without a real commitment?
  const doneIndex = states.length - 1;
  const commitmentIndex = states.indexOf(config.commitment);
  const doneWithoutCommitment =
    doneIndex > 0 && currentIndex === doneIndex && commitmentIndex >= 0 && enteredAt.slice(commitmentIndex, doneIndex).every((date) => date === null);

  // Skipped states up to the current one take the date of the next later dated state.
  for (let index = currentIndex - 1; index >= 0; index--) enteredAt[index] ??= enteredAt[index + 1] ?? null;

  return {
    key: history.key,
    currentState: states[currentIndex] ?? null,
    stateEnteredAt: byName(states.map((state, index) => [state, enteredAt[index] ?? null] as const)),
    spans: tidySpans(rawSpans),
    flaggedSpans: buildFlaggedSpans(history.createdAt, history.flagChanges),
    statusSpans: tidyStatusSpans(statusSpans),
    doneWithoutCommitment,
    unmappedStatuses: unmapped,
  };
}
