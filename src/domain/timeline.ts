/**
 * From an epic's status history to the dates it entered each portfolio state.
 * IMPLEMENTATION OWNED BY THE DOMAIN HELPER — the exported types are the contract.
 */
import type { EpochMillis } from './calendar';
import type { PortfolioConfig } from './states';

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
  /** Status ids seen in the history (or current) that map to no state, each once, in first-seen order. */
  readonly unmappedStatuses: readonly string[];
}

export declare function buildTimeline(history: EpicHistory, config: PortfolioConfig): Timeline;
