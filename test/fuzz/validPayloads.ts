/**
 * One valid payload per resolver key, and the documents they refer to (value streams, themes,
 * guardrails, a budget, OKRs, a participatory session), so that a mutation of a valid payload gets
 * past the schema and reaches authorization, the domain rules and the store.
 */
import type { ResolverInput, ResolverKey } from '../../src/contract/resolvers';
import { defaultSettings } from '../../src/services/settings';
import { dataOf, demoEpicKeys } from '../builders/services';
import type { TestBackend } from '../builders/services';

export type ValidPayloads = { readonly [K in ResolverKey]: ResolverInput<K> };

export const FUZZ_PERIOD = '2026-Q4';
const STREAMS = [
  { id: 'payments', name: 'Payments', projectKeys: ['PAY'] },
  { id: 'mobile', name: 'Mobile Experience', projectKeys: ['MOB'] },
  { id: 'data', name: 'Data & Analytics', projectKeys: ['DAT'] },
];
const THEMES = [
  { id: 'growth', name: 'Growth', label: 'theme-growth', targetAllocation: 0.6, colour: 'green' as const },
  { id: 'platform', name: 'Platform', label: 'theme-platform', targetAllocation: 0.4, colour: 'blue' as const },
];
const GUARDRAILS = {
  investmentTypes: [
    { id: 'business', name: 'Business', target: 0.7 },
    { id: 'enabler', name: 'Enabler', target: 0.3 },
  ],
  tolerance: 0.05,
  approvalThreshold: 100_000,
  approvalThresholdByValueStream: { payments: 50_000 },
};
const OBJECTIVES: ResolverInput<'okrs/save'>['objectives'] = [
  {
    id: 'faster-payouts',
    title: 'Faster payouts',
    themeId: 'growth',
    keyResults: [
      { id: 'payout-hours', title: 'Payout time', metric: 'Median payout time', baseline: 48, target: 4, current: 48, unit: 'h', owner: null, confidence: 5 },
      { id: 'markets', title: 'Markets live', baseline: 0, target: 10, current: 2, unit: '', weight: 2 },
    ],
  },
];
const COMPONENTS = { userBusinessValue: 8, timeCriticality: 5, riskReductionOpportunityEnablement: 3, jobSize: 5 };

/** Stores what the valid payloads name; each document at version 1. */
export async function seedFuzzDocuments(backend: TestBackend): Promise<void> {
  dataOf(await backend.call('rte', 'valueStreams/save', { valueStreams: STREAMS, version: null }));
  dataOf(await backend.call('rte', 'themes/save', { themes: THEMES, version: null }));
  dataOf(await backend.call('rte', 'guardrails/save', { guardrails: GUARDRAILS, version: null }));
  dataOf(await backend.call('rte', 'budgets/save', { period: FUZZ_PERIOD, lines: [{ valueStreamId: 'payments', budget: 200_000 }], version: null }));
  dataOf(await backend.call('rte', 'okrs/save', { period: FUZZ_PERIOD, objectives: OBJECTIVES, version: null }));
  const session = { period: FUZZ_PERIOD, total: 1_000, valueStreamIds: ['payments', 'mobile'], participants: null, version: null };
  dataOf(await backend.call('rte', 'participatory/open', session));
}

/** Two epics of the demo's PAY project, which both demo users can see. */
export function fuzzEpicKeys(backend: TestBackend): readonly [string, string] {
  return demoEpicKeys(backend, 'PAY') as [string, string];
}

export function validPayloads([issueKey, otherKey]: readonly [string, string]): ValidPayloads {
  const filters = { themes: ['growth', 'none'], valueStreams: ['payments'], workTypes: ['business' as const], from: '2026-01-01', to: '2026-11-01' };
  return {
    'me/get': {},
    'sync/status': {},
    'sync/start': {},
    'portfolio/board': { doneWithinDays: 30 },
    'portfolio/wsjf': {},
    'flow/metrics': { asOf: '2026-11-01', percentiles: [50, 85], period: 'month', segment: { from: 'Implementing', to: 'Done' }, filters },
    'flow/forecast': { items: 5, windowDays: 90, seed: 1, trials: 500, filters, backlog: true },
    'epic/wsjf/get': { issueKey },
    'epic/wsjf/save': { issueKey, components: COMPONENTS, version: null },
    'portfolio/wsjf/saveMany': { entries: [{ issueKey, components: COMPONENTS, version: null }, { issueKey: otherKey, components: COMPONENTS, version: 1 }] },
    'settings/get': {},
    'settings/save': { settings: defaultSettings(), version: null },
    'admin/statuses': {},
    'themes/list': {},
    'themes/save': { themes: THEMES, version: 1 },
    'valueStreams/list': {},
    'valueStreams/save': { valueStreams: STREAMS, version: 1 },
    'budgets/list': { period: FUZZ_PERIOD },
    'budgets/save': { period: FUZZ_PERIOD, lines: [{ valueStreamId: 'payments', budget: 250_000 }], version: 1 },
    'budgets/spend/save': { period: FUZZ_PERIOD, valueStreamId: 'payments', month: '2026-10', amount: 5_000, note: 'Team', version: 1 },
    'strategy/overview': { period: FUZZ_PERIOD },
    'themes/assign': { themeId: 'growth', issueKeys: [issueKey] },
    'guardrails/get': {},
    'guardrails/save': { guardrails: GUARDRAILS, version: 1 },
    'epic/case/get': { issueKey },
    'epic/case/save': { issueKey, case: { hypothesis: { forCustomers: 'Merchants', who: 'wait for payouts' }, businessOutcomes: ['Payouts within a day'], forecastCost: 60_000 }, version: null },
    'epic/case/decide': { issueKey, decision: 'go', note: 'The pilot worked', version: null },
    'participatory/get': { period: FUZZ_PERIOD },
    'participatory/open': { period: '2027-Q1', total: 900, valueStreamIds: ['payments', 'mobile'], epicKeys: [issueKey], participants: null, version: null },
    'participatory/submit': { period: FUZZ_PERIOD, allocation: { payments: 600, mobile: 400 }, rationale: 'Payments first' },
    'participatory/adopt': { period: FUZZ_PERIOD, allocation: { payments: 600, mobile: 400 }, version: 1 },
    'okrs/list': { period: FUZZ_PERIOD },
    'okrs/save': { period: FUZZ_PERIOD, objectives: OBJECTIVES, version: 1 },
    'okrs/checkin': { period: FUZZ_PERIOD, objectiveId: 'faster-payouts', keyResultId: 'payout-hours', value: 24, confidence: 6, note: 'Halfway', version: null },
    'okrs/link': { period: FUZZ_PERIOD, objectiveId: 'faster-payouts', keyResultId: 'payout-hours', issueKeys: [issueKey], linked: true },
    'review/get': { since: '2026-11-01' },
    'review/mark': { date: '2026-11-10', version: null },
    'epic/transition': { issueKey, toState: 'Implementing', overWipLimit: true },
    'history/list': { since: 0, limit: 50 },
    'epic/panel': { issueKey },
    'admin/jql/check': { jql: 'issuetype = Epic' },
    'admin/groups': { query: 'portfolio' },
    'admin/mapping': {},
    'admin/check': {},
  };
}
