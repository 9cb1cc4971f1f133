/**
 * The WSJF form's values (one string per component, '' = not set, as the selects hold them) and
 * what they would mean if saved: cost of delay, WSJF and the rank among the other epics the user
 * can see, computed by the same domain functions the server uses.
 */
import type { ResolverInput, ResolverOutput } from '../../src/contract/resolvers';
import { costOfDelay, rankByWsjf, rankNeighbours, wsjfScore } from '../../src/domain/wsjf';
import type { RankedEpic } from '../../src/domain/wsjf';

type Components = ResolverInput<'epic/wsjf/save'>['components'];
export type ComponentKey = keyof Components;
export type WsjfDraft = Record<ComponentKey, string>;

export const COMPONENT_FIELDS: readonly { key: ComponentKey; label: string; explanation: string }[] = [
  { key: 'userBusinessValue', label: 'User-business value', explanation: 'What users or the business gain, relative to the other epics.' },
  { key: 'timeCriticality', label: 'Time criticality', explanation: 'How fast the value decays: a fixed date, customers who will not wait.' },
  {
    key: 'riskReductionOpportunityEnablement',
    label: 'Risk reduction | opportunity enablement',
    explanation: 'What it de-risks, or what later work it makes possible.',
  },
  { key: 'jobSize', label: 'Job size', explanation: 'Relative effort or duration; WSJF divides by it.' },
];

export function draftOf(wsjf: Pick<ResolverOutput<'epic/wsjf/get'>, ComponentKey>): WsjfDraft {
  const text = (value: number | null) => (value === null ? '' : String(value));
  return {
    userBusinessValue: text(wsjf.userBusinessValue),
    timeCriticality: text(wsjf.timeCriticality),
    riskReductionOpportunityEnablement: text(wsjf.riskReductionOpportunityEnablement),
    jobSize: text(wsjf.jobSize),
  };
}

export function componentsOf(draft: WsjfDraft): Components {
  const number = (value: string) => (value === '' ? null : Number(value));
  return {
    userBusinessValue: number(draft.userBusinessValue),
    timeCriticality: number(draft.timeCriticality),
    riskReductionOpportunityEnablement: number(draft.riskReductionOpportunityEnablement),
    jobSize: number(draft.jobSize),
  };
}

export function sameDraft(a: WsjfDraft, b: WsjfDraft): boolean {
  return COMPONENT_FIELDS.every(({ key }) => a[key] === b[key]);
}

export interface RankRow {
  readonly key: string;
  readonly summary: string;
  readonly rank: number | null;
  readonly wsjf: number | null;
}

export interface DraftPreview {
  readonly costOfDelay: number | null;
  readonly wsjf: number | null;
  readonly rank: number | null;
  readonly rankedCount: number;
  /** The epics just above, this epic, the epics just below (empty when unranked). */
  readonly neighbourhood: readonly RankRow[];
}

type Row = Components & { key: string; summary: string };

/** The draft as if saved, ranked among `others` (the other epics the user can see). */
export function draftPreview(draft: WsjfDraft, others: readonly Row[], issueKey: string, summary: string, around = 2): DraftPreview {
  const components = componentsOf(draft);
  const ranked = rankByWsjf<Row>([...others, { key: issueKey, summary, ...components }], (row) => row);
  const own = ranked.find((entry) => entry.key === issueKey);
  const { above, below } = rankNeighbours(ranked, issueKey, around);
  const row = (entry: RankedEpic<Row>): RankRow => ({ key: entry.key, summary: entry.item.summary, rank: entry.rank, wsjf: entry.wsjf });
  return {
    costOfDelay: costOfDelay(components),
    wsjf: wsjfScore(components),
    rank: own?.rank ?? null,
    rankedCount: ranked.filter((entry) => entry.rank !== null).length,
    neighbourhood: own === undefined || own.rank === null ? [] : [...above, own, ...below].map(row),
  };
}
