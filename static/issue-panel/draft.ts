/** The WSJF form's values: one string per component ('' = not set), as the selects hold them. */
import type { ResolverInput, ResolverOutput } from '../../src/contract/resolvers';

type Components = ResolverInput<'epic/wsjf/save'>['components'];
export type ComponentKey = keyof Components;
export type WsjfDraft = Record<ComponentKey, string>;

export const COMPONENT_FIELDS: readonly { key: ComponentKey; label: string }[] = [
  { key: 'userBusinessValue', label: 'User-business value' },
  { key: 'timeCriticality', label: 'Time criticality' },
  { key: 'riskReductionOpportunityEnablement', label: 'Risk reduction | opportunity enablement' },
  { key: 'jobSize', label: 'Job size' },
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
