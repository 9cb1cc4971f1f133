/**
 * The portfolio review's "what changed since": from the epics' Jira status histories and the app's
 * change history, the lines a review meeting walks through (epics that entered or left each state,
 * new and dropped epics, WSJF changes and re-rankings, and every other recorded change by its kind,
 * so kinds added later show up without a change here). Pure: the caller trims to what the reader
 * may see and passes the time window.
 */
import type { EpochMillis } from './calendar';
import { stateForStatus, stateIndex } from './states';
import type { PortfolioConfig } from './states';
import { COMPONENT_NAMES, rankByWsjf } from './wsjf';
import type { WsjfComponents } from './wsjf';

export interface ReviewEpic {
  readonly key: string;
  readonly summary: string;
  readonly createdAt: EpochMillis;
  /** Any order. */
  readonly statusChanges: readonly { readonly at: EpochMillis; readonly fromStatusId: string | null; readonly toStatusId: string }[];
  /** The epic's WSJF components now. */
  readonly wsjf: WsjfComponents;
}

/** A change-history entry, as far as the review reads it. */
export interface ReviewEntry {
  readonly at: EpochMillis;
  readonly action: string;
  readonly subject: { readonly kind: string; readonly key: string };
  readonly summary: string;
  readonly changes: readonly { readonly field: string; readonly from: unknown; readonly to: unknown }[];
}

/**
 * `new-epic`, `state` (moved between states), `dropped` (left the mapped flow, or closed without
 * passing the commitment point), `wsjf`, `rank`, `okr-checkin`, `okr-link`; any other recorded
 * change is categorised by its document kind (`budget`, `okrs`, …) or, for an epic, by its action
 * without a trailing `/save` (e.g. `epic/businessCase`).
 */
export type ChangeCategory = string;

export interface ChangeLine {
  readonly at: EpochMillis;
  readonly category: ChangeCategory;
  /** The epic's summary, or the document's key. */
  readonly title: string;
  readonly summary: string;
  /** The epic the line is about; null when it is about a document. */
  readonly epicKey: string | null;
  /** The document the line is about; null when it is about an epic. */
  readonly document: { readonly kind: string; readonly key: string } | null;
  readonly fromState: string | null;
  readonly toState: string | null;
}

export interface StateMovement {
  readonly state: string;
  readonly entered: number;
  readonly left: number;
}

export interface RankChange {
  readonly key: string;
  /** Rank at the window's start and now; null when unscored (or not yet created). */
  readonly from: number | null;
  readonly to: number | null;
}

export interface WhatChanged {
  /** Newest first. */
  readonly lines: ChangeLine[];
  /** Per portfolio state, in order: how many moves entered and left it. */
  readonly states: StateMovement[];
  /** Epics whose rank changed and that were or are in the top `topN`, best rank now first. */
  readonly rankChanges: RankChange[];
}

export interface WhatChangedInput {
  readonly epics: readonly ReviewEpic[];
  readonly entries: readonly ReviewEntry[];
  readonly config: PortfolioConfig;
  /** [from, to): epoch ms. */
  readonly window: { readonly from: EpochMillis; readonly to: EpochMillis };
  /** A status's name, for moves out of the mapped flow. */
  readonly statusName: (statusId: string) => string;
  /** Re-rankings are reported inside this top (default 10). */
  readonly topN?: number;
}

const WSJF_ACTION = 'epic/wsjf/save';
const inWindow = (at: EpochMillis, window: WhatChangedInput['window']) => at >= window.from && at < window.to;

/** How a recorded change is grouped (see ChangeCategory). */
export function categoryOfEntry(entry: Pick<ReviewEntry, 'action' | 'subject'>): ChangeCategory {
  if (entry.action === WSJF_ACTION) return 'wsjf';
  if (entry.action === 'okrs/checkin') return 'okr-checkin';
  if (entry.action === 'okrs/link') return 'okr-link';
  if (entry.subject.kind !== 'epic') return entry.subject.kind;
  return entry.action.replace(/\/save$/, '');
}

function isCommittedState(state: string | null, config: PortfolioConfig): boolean {
  if (state === null) return false;
  const index = stateIndex(config, state);
  return index >= stateIndex(config, config.commitment) && index < config.states.length - 1;
}

/** Status moves inside the window, each as a line, and the per-state counts they add to. */
function transitionLines(epic: ReviewEpic, input: WhatChangedInput, entered: Map<string, number>, left: Map<string, number>): ChangeLine[] {
  const { config, window } = input;
  const done = config.states[config.states.length - 1] ?? '';
  const changes = [...epic.statusChanges].sort((a, b) => a.at - b.at);
  const first = changes[0];
  // As in the timeline: the first change's "from" is where the epic was created.
  let committed = first?.fromStatusId != null && isCommittedState(stateForStatus(config, first.fromStatusId), config);
  const lines: ChangeLine[] = [];
  for (const change of changes) {
    const fromState = change.fromStatusId === null ? null : stateForStatus(config, change.fromStatusId);
    const toState = stateForStatus(config, change.toStatusId);
    const wasCommitted = committed;
    if (isCommittedState(toState, config)) committed = true;
    if (!inWindow(change.at, window) || fromState === toState) continue;
    if (toState !== null) entered.set(toState, (entered.get(toState) ?? 0) + 1);
    if (fromState !== null) left.set(fromState, (left.get(fromState) ?? 0) + 1);
    const fromText = fromState ?? (change.fromStatusId === null ? 'nowhere' : input.statusName(change.fromStatusId));
    let category = 'state';
    let summary = `${fromText} → ${toState ?? input.statusName(change.toStatusId)}`;
    if (toState === null) {
      category = 'dropped';
      summary = `Left the portfolio flow: ${fromText} → ${input.statusName(change.toStatusId)}`;
    } else if (toState === done && !wasCommitted) {
      category = 'dropped';
      summary = `Closed without implementation: ${fromText} → ${toState}`;
    }
    lines.push({ at: change.at, category, title: epic.summary, summary, epicKey: epic.key, document: null, fromState, toState });
  }
  return lines;
}

function asComponent(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * Ranks now and at the window's start. The WSJF entries record each changed component's old
 * value, so undoing the window's entries newest first gives the components the epic had before.
 * Epics created inside the window had no rank then.
 */
function rankChanges(input: WhatChangedInput, wsjfEntries: readonly ReviewEntry[]): RankChange[] {
  const topN = input.topN ?? 10;
  const before = new Map(input.epics.map((epic) => [epic.key, { ...epic.wsjf }]));
  for (const entry of [...wsjfEntries].sort((a, b) => b.at - a.at)) {
    const components = before.get(entry.subject.key);
    if (!components) continue;
    for (const change of entry.changes)
      if ((COMPONENT_NAMES as readonly string[]).includes(change.field)) components[change.field as keyof WsjfComponents] = asComponent(change.from);
  }
  const existedBefore = input.epics.filter((epic) => epic.createdAt < input.window.from);
  const rankBefore = new Map(
    rankByWsjf(existedBefore, (epic) => ({ key: epic.key, ...(before.get(epic.key) as WsjfComponents) })).map((ranked) => [ranked.key, ranked.rank]),
  );
  const rankNow = rankByWsjf(input.epics, (epic) => ({ key: epic.key, ...epic.wsjf }));
  const inTop = (rank: number | null | undefined) => rank != null && rank <= topN;
  return rankNow
    .map((ranked) => ({ key: ranked.key, from: rankBefore.get(ranked.key) ?? null, to: ranked.rank }))
    .filter((change) => change.from !== change.to && (inTop(change.from) || inTop(change.to)));
}

function rankSummary(change: RankChange, topN: number): string {
  const text = (rank: number | null) => (rank === null ? 'unranked' : `#${rank}`);
  const wasIn = change.from !== null && change.from <= topN;
  const isIn = change.to !== null && change.to <= topN;
  if (!wasIn) return `Entered the top ${topN}: ${text(change.from)} → ${text(change.to)}`;
  if (!isIn) return `Left the top ${topN}: ${text(change.from)} → ${text(change.to)}`;
  return `Rank ${text(change.from)} → ${text(change.to)}`;
}

export function whatChanged(input: WhatChangedInput): WhatChanged {
  const topN = input.topN ?? 10;
  const entered = new Map<string, number>();
  const left = new Map<string, number>();
  const lines: ChangeLine[] = [];
  const epicByKey = new Map(input.epics.map((epic) => [epic.key, epic]));

  for (const epic of input.epics) {
    if (inWindow(epic.createdAt, input.window))
      lines.push({ at: epic.createdAt, category: 'new-epic', title: epic.summary, summary: 'New epic', epicKey: epic.key, document: null, fromState: null, toState: null });
    lines.push(...transitionLines(epic, input, entered, left));
  }

  const entries = input.entries.filter((entry) => inWindow(entry.at, input.window));
  for (const entry of entries) {
    const isEpic = entry.subject.kind === 'epic';
    lines.push({
      at: entry.at,
      category: categoryOfEntry(entry),
      title: isEpic ? (epicByKey.get(entry.subject.key)?.summary ?? entry.subject.key) : entry.subject.key,
      summary: entry.summary,
      epicKey: isEpic ? entry.subject.key : null,
      document: isEpic ? null : { kind: entry.subject.kind, key: entry.subject.key },
      fromState: null,
      toState: null,
    });
  }

  const wsjfEntries = entries.filter((entry) => entry.action === WSJF_ACTION && entry.subject.kind === 'epic');
  const ranks = rankChanges(input, wsjfEntries);
  const lastWsjfAt = new Map<string, number>();
  for (const entry of wsjfEntries) lastWsjfAt.set(entry.subject.key, Math.max(entry.at, lastWsjfAt.get(entry.subject.key) ?? 0));
  const latestWsjf = Math.max(input.window.from, ...wsjfEntries.map((entry) => entry.at));
  for (const change of ranks) {
    const epic = epicByKey.get(change.key);
    lines.push({
      // A rank moves when any score does: dated by the epic's own last WSJF change, else the window's last.
      at: lastWsjfAt.get(change.key) ?? latestWsjf,
      category: 'rank',
      title: epic?.summary ?? change.key,
      summary: rankSummary(change, topN),
      epicKey: change.key,
      document: null,
      fromState: null,
      toState: null,
    });
  }

  lines.sort((a, b) => b.at - a.at || (a.epicKey ?? '').localeCompare(b.epicKey ?? '') || a.category.localeCompare(b.category));
  return {
    lines,
    states: input.config.states.map((state) => ({ state, entered: entered.get(state) ?? 0, left: left.get(state) ?? 0 })),
    rankChanges: ranks,
  };
}
