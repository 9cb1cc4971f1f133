/**
 * A WSJF scoring session, without React: the epics as loaded, the user's drafts (text as typed,
 * so a value off the scale is kept and shown, not dropped), the live ranking those drafts give
 * (the domain's rankByWsjf, the function the server ranks with), the table's filter and order,
 * and what a "Save all" answered per epic.
 */
import type { ResolverOutput } from '../../../src/contract/resolvers';
import { COMPONENT_NAMES, compareKeysNaturally, costOfDelay, rankByWsjf, wsjfScore } from '../../../src/domain/wsjf';
import type { WsjfComponents } from '../../../src/domain/wsjf';
import { isStageIncluded, workStage } from '../../../src/domain/states';
import type { StageFilter, WorkStage } from '../../../src/domain/states';

export type Ranking = ResolverOutput<'portfolio/wsjf'>;
export type RankedEpic = Ranking['epics'][number];
export type SaveOutcome = ResolverOutput<'portfolio/wsjf/saveMany'>['results'][number];
export type ComponentName = (typeof COMPONENT_NAMES)[number];

export const COMPONENT_LABELS: Readonly<Record<ComponentName, string>> = {
  userBusinessValue: 'Business value',
  timeCriticality: 'Time criticality',
  riskReductionOpportunityEnablement: 'RR | OE',
  jobSize: 'Job size',
};

/** What the user typed for one epic, and the property version their edit started from. */
export interface Draft {
  readonly text: Readonly<Record<ComponentName, string>>;
  readonly baseVersion: number | null;
}
export type Drafts = ReadonlyMap<string, Draft>;

/** One row as the table shows it: saved values with the draft laid over them. */
export interface SessionRow {
  readonly epic: RankedEpic;
  readonly components: WsjfComponents;
  readonly costOfDelay: number | null;
  readonly wsjfScore: number | null;
  /** The rank these values give (live); null when unscored. */
  readonly rank: number | null;
  readonly draft: Draft | undefined;
  /** Components whose text is not a value on the scale. */
  readonly invalid: readonly ComponentName[];
  /** Differs from what is saved (and is valid): "Save all" sends it. */
  readonly changed: boolean;
}

export function componentsOf(epic: RankedEpic): WsjfComponents {
  return {
    userBusinessValue: epic.userBusinessValue,
    timeCriticality: epic.timeCriticality,
    riskReductionOpportunityEnablement: epic.riskReductionOpportunityEnablement,
    jobSize: epic.jobSize,
  };
}

export function textOf(value: number | null): string {
  return value === null ? '' : String(value);
}

export function draftFrom(epic: RankedEpic): Draft {
  const components = componentsOf(epic);
  const text = Object.fromEntries(COMPONENT_NAMES.map((name) => [name, textOf(components[name])])) as Record<ComponentName, string>;
  return { text, baseVersion: epic.version };
}

/** '' → null (not scored); a value on the scale → that number; anything else → 'invalid'. */
export function parseScaleValue(text: string, scale: readonly number[]): number | null | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) && scale.includes(value) ? value : 'invalid';
}

function rowOf(epic: RankedEpic, draft: Draft | undefined, scale: readonly number[]): Omit<SessionRow, 'rank'> {
  const saved = componentsOf(epic);
  if (draft === undefined) {
    return { epic, components: saved, costOfDelay: epic.costOfDelay, wsjfScore: epic.wsjfScore, draft, invalid: [], changed: false };
  }
  const components = { ...saved };
  const invalid: ComponentName[] = [];
  for (const name of COMPONENT_NAMES) {
    const parsed = parseScaleValue(draft.text[name], scale);
    if (parsed === 'invalid') invalid.push(name);
    else components[name] = parsed;
  }
  const changed = invalid.length === 0 && COMPONENT_NAMES.some((name) => components[name] !== saved[name]);
  return { epic, components, costOfDelay: costOfDelay(components), wsjfScore: wsjfScore(components), draft, invalid, changed };
}

/**
 * Every epic with its live values and rank. Ranks are over all the epics loaded and the scored
 * ones the server's filter left out (the same set the server ranks), whatever the table shows.
 */
export function sessionRows(ranking: Ranking, drafts: Drafts): SessionRow[] {
  const rows = ranking.epics.map((epic) => rowOf(epic, drafts.get(epic.key), ranking.scale));
  // The scored epics the server's filter left out still take their places in the ranking.
  const loaded = new Set(ranking.epics.map((epic) => epic.key));
  const others = (ranking.leftOut ?? [])
    .filter(([key]) => !loaded.has(key))
    .map(([key, userBusinessValue, timeCriticality, riskReductionOpportunityEnablement, jobSize]) => ({
      key,
      components: { userBusinessValue, timeCriticality, riskReductionOpportunityEnablement, jobSize },
    }));
  const ranked = rankByWsjf<Omit<SessionRow, 'rank'> | (typeof others)[number]>([...rows, ...others], (item) =>
    'epic' in item ? { key: item.epic.key, ...item.components } : { key: item.key, ...item.components },
  );
  return ranked.flatMap(({ item, rank }) => ('epic' in item ? [{ ...item, rank }] : []));
}

// ---- Which epics the table shows ---------------------------------------------------------------

/** Which stages the table adds to the epics still to be pulled (the domain's filter, shared with the service). */
export type StateFilter = StageFilter;
export type Stage = WorkStage;

/** Before the commitment state (or in no state) → still to be pulled; the last state → done. */
export function stageOf(state: string | null, ranking: Pick<Ranking, 'states' | 'commitment'>): Stage {
  return workStage(state, ranking.states, ranking.commitment);
}

export function isShown(row: SessionRow, filter: StateFilter, ranking: Pick<Ranking, 'states' | 'commitment'>): boolean {
  return isStageIncluded(stageOf(row.epic.state, ranking), filter);
}

// ---- Order -------------------------------------------------------------------------------------

export const SORT_KEYS = [
  'rank',
  'key',
  'summary',
  'state',
  'theme',
  'userBusinessValue',
  'timeCriticality',
  'riskReductionOpportunityEnablement',
  'jobSize',
  'costOfDelay',
  'wsjfScore',
  'scoredBy',
  'scoredAt',
  'missing',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export interface Sort {
  readonly key: SortKey;
  readonly order: 'ASC' | 'DESC';
}
export const DEFAULT_SORT: Sort = { key: 'rank', order: 'ASC' };

export function scorerName(epic: RankedEpic): string | null {
  return epic.scoredBy === null ? null : (epic.scoredBy.displayName ?? epic.scoredBy.accountId);
}

function sortValue(row: SessionRow, key: SortKey, states: readonly string[]): number | string | null {
  switch (key) {
    case 'rank':
    case 'costOfDelay':
    case 'wsjfScore':
      return row[key];
    case 'userBusinessValue':
    case 'timeCriticality':
    case 'riskReductionOpportunityEnablement':
    case 'jobSize':
      return row.components[key];
    case 'key':
      return row.epic.key;
    case 'summary':
      return row.epic.summary.toLowerCase();
    case 'state':
      return row.epic.state === null ? null : states.indexOf(row.epic.state);
    case 'theme':
      return row.epic.theme?.toLowerCase() ?? null;
    case 'scoredBy':
      return scorerName(row.epic)?.toLowerCase() ?? null;
    case 'scoredAt':
      return row.epic.scoredAt;
    case 'missing':
      return missingOf(row).length;
  }
}

/** Sorted by one column; empty values last in both directions; ties by key (natural order). */
export function sortRows(rows: readonly SessionRow[], sort: Sort, states: readonly string[]): SessionRow[] {
  const direction = sort.order === 'ASC' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = sortValue(a, sort.key, states);
    const y = sortValue(b, sort.key, states);
    if (x === null || y === null) {
      if (x !== y) return x === null ? 1 : -1;
    } else if (sort.key === 'key') {
      const order = compareKeysNaturally(x as string, y as string);
      if (order !== 0) return direction * order;
    } else if (x !== y) {
      return direction * (x < y ? -1 : 1);
    }
    return compareKeysNaturally(a.epic.key, b.epic.key);
  });
}

// ---- Scoring hints and saving ------------------------------------------------------------------

/** What an unscored epic still lacks, e.g. ['Time criticality', 'Job size']. */
export function missingOf(row: SessionRow): string[] {
  return COMPONENT_NAMES.filter((name) => row.components[name] === null).map((name) => COMPONENT_LABELS[name]);
}

/** "All four", or the components missing by name. */
export function missingText(row: SessionRow): string {
  const missing = missingOf(row);
  return missing.length === COMPONENT_NAMES.length ? 'All four' : missing.join(', ');
}

/**
 * Relative estimation puts the smallest item of a column at 1. For each column whose smallest
 * value among the given rows is above 1: that smallest value.
 */
export function smallestAboveOne(rows: readonly SessionRow[]): Partial<Record<ComponentName, number>> {
  const hints: Partial<Record<ComponentName, number>> = {};
  for (const name of COMPONENT_NAMES) {
    const values = rows.map((row) => row.components[name]).filter((value): value is number => value !== null);
    if (values.length === 0) continue;
    const smallest = Math.min(...values);
    if (smallest > 1) hints[name] = smallest;
  }
  return hints;
}

export interface SaveEntry {
  readonly issueKey: string;
  readonly components: WsjfComponents;
  readonly version: number | null;
}

/** The changed, valid drafts, as saveMany entries, in batches of at most `batchSize`. */
export function saveBatches(rows: readonly SessionRow[], batchSize: number): SaveEntry[][] {
  const entries = rows
    .filter((row) => row.changed && row.draft !== undefined)
    .map((row) => ({ issueKey: row.epic.key, components: row.components, version: row.draft?.baseVersion ?? null }));
  const batches: SaveEntry[][] = [];
  for (let start = 0; start < entries.length; start += batchSize) batches.push(entries.slice(start, start + batchSize));
  return batches;
}

/**
 * After a save: a saved epic's draft is dropped (the reloaded ranking has its values); every
 * other outcome keeps the draft as typed, so nothing is lost.
 */
export function draftsAfterSave(drafts: Drafts, outcomes: readonly SaveOutcome[]): Map<string, Draft> {
  const next = new Map(drafts);
  for (const outcome of outcomes) if (outcome.status === 'saved') next.delete(outcome.issueKey);
  return next;
}

/** "Keep mine" after a conflict: the draft now builds on the version saved since, so the next save replaces it deliberately. */
export function keepMine(drafts: Drafts, issueKey: string, currentVersion: number | null): Map<string, Draft> {
  const next = new Map(drafts);
  const draft = next.get(issueKey);
  if (draft !== undefined) next.set(issueKey, { ...draft, baseVersion: currentVersion });
  return next;
}
