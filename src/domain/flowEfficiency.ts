/**
 * Flow efficiency: time actively worked ÷ time in the flow. The classic per-epic figure runs from
 * commitment to Done over the active states; segmentEfficiency measures any segment (Reviewing →
 * Done makes the Portfolio Backlog queue count as waiting), lets a status override its state's
 * kind (an "On Hold" status inside Implementing is waiting), and counts flagged time as waiting.
 */
import type { EpochMillis } from './calendar';
import { doneState } from './states';
import type { PortfolioConfig } from './states';
import type { Timeline } from './timeline';

export interface EpicEfficiency {
  key: string;
  activeMs: number;
  flowMs: number;
  efficiency: number | null;
}

type Interval = readonly [EpochMillis, EpochMillis];

/** Sorted, non-overlapping union of intervals (empty ones dropped). */
function union(intervals: Interval[]): Interval[] {
  const sorted = intervals.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const merged: [EpochMillis, EpochMillis][] = [];
  for (const [a, b] of sorted) {
    const last = merged[merged.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

function totalMs(intervals: readonly Interval[]): number {
  return intervals.reduce((sum, [a, b]) => sum + (b - a), 0);
}

/** Length of the overlap of two unions. */
function overlapMs(left: readonly Interval[], right: readonly Interval[]): number {
  let sum = 0;
  for (const [a, b] of left) for (const [c, d] of right) sum += Math.max(0, Math.min(b, d) - Math.max(a, c));
  return sum;
}

/**
 * Time in active states minus flagged time (flagged time is waiting), over [commitment instant, done
 * instant]. Null when the epic is not committed or not done; efficiency is null when flowMs is 0
 * (committed and done at the same instant). Open spans (`to` null) run to the done instant.
 */
export function flowEfficiency(timeline: Timeline, config: PortfolioConfig): EpicEfficiency | null {
  const start = timeline.stateEnteredAt[config.commitment] ?? null;
  const end = timeline.stateEnteredAt[doneState(config)] ?? null;
  if (start === null || end === null || end < start) return null;
  const flowMs = end - start;
  const clip = (from: EpochMillis, to: EpochMillis | null): Interval => [Math.max(from, start), Math.min(to ?? end, end)];
  const active = union(timeline.spans.filter((span) => config.active.includes(span.state)).map((span) => clip(span.from, span.to)));
  const flagged = union(timeline.flaggedSpans.map((span) => clip(span.from, span.to)));
  const activeMs = totalMs(active) - overlapMs(active, flagged);
  return { key: timeline.key, activeMs, flowMs, efficiency: flowMs === 0 ? null : activeMs / flowMs };
}

/** Sum of active over sum of flow for a set; null when the set has no flow time. */
export function flowEfficiencyOfSet(items: readonly EpicEfficiency[]): number | null {
  let active = 0;
  let flow = 0;
  for (const item of items) {
    active += item.activeMs;
    flow += item.flowMs;
  }
  return flow === 0 ? null : active / flow;
}

/** How time in one state or status split, in milliseconds. */
export interface ActivitySplit {
  activeMs: number;
  waitingMs: number;
}

export interface SegmentEfficiency {
  key: string;
  /** Active time less flagged time. */
  activeMs: number;
  /** Length of the segment (instant `from` entered → instant `to` entered). */
  flowMs: number;
  /** Flagged time within the segment (all of it counts as waiting). */
  flaggedMs: number;
  efficiency: number | null;
  /** Per state, then per status id, the segment's time split into active and waiting. */
  byState: Record<string, ActivitySplit>;
  byStatus: Record<string, ActivitySplit>;
}

export interface SegmentEfficiencyOptions {
  /** Default commitment → Done. */
  readonly segment?: { readonly from: string; readonly to: string };
  /** Status id → kind; overrides the kind of the state the status is in. */
  readonly statusActivity?: Readonly<Record<string, 'active' | 'waiting'>>;
  /** True for an epic excluded from the segment (see excludedFromSegment): no efficiency. */
  readonly excluded?: boolean;
}

/** Whether time in `statusId` while in `state` counts as active: the status's kind, else the state's. */
export function isActiveTime(config: PortfolioConfig, state: string | null, statusId: string | null, statusActivity: Readonly<Record<string, 'active' | 'waiting'>> = {}): boolean {
  if (statusId !== null && Object.hasOwn(statusActivity, statusId)) return statusActivity[statusId] === 'active';
  return state !== null && config.active.includes(state);
}

function addSplit(splits: Record<string, ActivitySplit>, key: string, activeMs: number, waitingMs: number): void {
  const split = (splits[key] ??= { activeMs: 0, waitingMs: 0 });
  split.activeMs += activeMs;
  split.waitingMs += waitingMs;
}

/**
 * Efficiency of one epic over a segment, from the instant it (last) entered `from` to the instant
 * it entered `to`. Each status span in it is active or waiting (isActiveTime); flagged time within
 * an active span is waiting. Null when either end is undated, the end precedes the start, or the
 * epic is excluded. Timelines without status spans fall back to their state spans.
 */
export function segmentEfficiency(timeline: Timeline, config: PortfolioConfig, options: SegmentEfficiencyOptions = {}): SegmentEfficiency | null {
  const segment = options.segment ?? { from: config.commitment, to: doneState(config) };
  if (options.excluded === true) return null;
  const start = timeline.stateEnteredAt[segment.from] ?? null;
  const end = timeline.stateEnteredAt[segment.to] ?? null;
  if (start === null || end === null || end < start) return null;
  const pieces =
    timeline.statusSpans?.map((span) => ({ state: span.state, statusId: span.statusId as string | null, from: span.from, to: span.to })) ??
    timeline.spans.map((span) => ({ state: span.state as string | null, statusId: null as string | null, from: span.from, to: span.to }));
  const flagged = union(timeline.flaggedSpans.map((span) => [Math.max(span.from, start), Math.min(span.to ?? end, end)] as Interval));
  const byState: Record<string, ActivitySplit> = {};
  const byStatus: Record<string, ActivitySplit> = {};
  let activeMs = 0;
  for (const piece of pieces) {
    const clipped: Interval = [Math.max(piece.from, start), Math.min(piece.to ?? end, end)];
    const length = clipped[1] - clipped[0];
    if (length <= 0) continue;
    const active = isActiveTime(config, piece.state, piece.statusId, options.statusActivity) ? length - overlapMs([clipped], flagged) : 0;
    activeMs += active;
    if (piece.state !== null) addSplit(byState, piece.state, active, length - active);
    if (piece.statusId !== null) addSplit(byStatus, piece.statusId, active, length - active);
  }
  const flowMs = end - start;
  return { key: timeline.key, activeMs, flowMs, flaggedMs: totalMs(flagged), efficiency: flowMs === 0 ? null : activeMs / flowMs, byState, byStatus };
}

export interface SetEfficiency {
  /** Σ active ÷ Σ flow; null when the set has no flow time. */
  efficiency: number | null;
  activeMs: number;
  flowMs: number;
  flaggedMs: number;
  byState: Record<string, ActivitySplit>;
  byStatus: Record<string, ActivitySplit>;
}

/** The set's sums: what the portfolio's efficiency and its active/waiting split are made of. */
export function segmentEfficiencyOfSet(items: readonly SegmentEfficiency[]): SetEfficiency {
  const set: SetEfficiency = { efficiency: null, activeMs: 0, flowMs: 0, flaggedMs: 0, byState: {}, byStatus: {} };
  for (const item of items) {
    set.activeMs += item.activeMs;
    set.flowMs += item.flowMs;
    set.flaggedMs += item.flaggedMs;
    for (const [state, split] of Object.entries(item.byState)) addSplit(set.byState, state, split.activeMs, split.waitingMs);
    for (const [status, split] of Object.entries(item.byStatus)) addSplit(set.byStatus, status, split.activeMs, split.waitingMs);
  }
  set.efficiency = set.flowMs === 0 ? null : set.activeMs / set.flowMs;
  return set;
}
