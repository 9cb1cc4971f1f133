/** A cached epic for tests of the epic cache and its projections: scored, in status 2 since two days after T0. */
import type { CachedEpic } from '../../src/services/portfolio/epicCache';

export const T0 = Date.UTC(2026, 0, 5);
export const DAY = 86_400_000;

export function cachedEpic(n: number, overrides: Partial<CachedEpic> = {}): CachedEpic {
  return {
    id: String(100 + n),
    key: `E-${n}`,
    summary: `Epic ${n}`,
    projectId: '1',
    projectKey: 'E',
    projectName: 'Epics',
    labels: [],
    createdAt: T0,
    updatedAt: T0,
    statusId: '2',
    wsjf: { userBusinessValue: 3, timeCriticality: 2, riskReductionOpportunityEnablement: 1, jobSize: 2, version: 4, updatedBy: 'acc-1', updatedAt: T0 + DAY },
    statusChanges: [[T0 + 2 * DAY, '1', '2']],
    flagChanges: [],
    ...overrides,
  };
}
