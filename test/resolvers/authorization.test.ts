/**
 * Who may change what: WSJF needs Edit issues on that epic; settings, themes, value streams,
 * budgets and OKRs need Jira admin or the configured portfolio-managers group.
 */
import type { ResolverInput, ResolverKey } from '../../src/contract/resolvers';
import { defaultSettings } from '../../src/services/settings';
import { dataOf, demoEpicKeys, startTestBackend } from '../builders/services';
import type { TestBackend } from '../builders/services';

const COMPONENTS = { userBusinessValue: 5, timeCriticality: 3, riskReductionOpportunityEnablement: 2, jobSize: 5 };

/** Each manager-only write, with a valid payload that creates its document. */
const MANAGER_WRITES: { [K in ResolverKey]?: ResolverInput<K> } = {
  'settings/save': { settings: defaultSettings(), version: null },
  'themes/save': { themes: [{ id: 'growth', name: 'Growth', label: 'theme-growth', targetAllocation: 0.5 }], version: null },
  'valueStreams/save': { valueStreams: [{ id: 'payments', name: 'Payments', projectKeys: ['PAY'] }], version: null },
  'budgets/save': { period: '2026-Q4', lines: [{ valueStreamId: 'payments', budget: 100 }], version: null },
  'budgets/spend/save': { period: '2026-Q3', valueStreamId: 'payments', month: '2026-08', amount: 10, note: 'Contractors', version: null },
  'guardrails/save': {
    guardrails: { investmentTypes: [{ id: 'business', name: 'Business', target: 0.7 }], tolerance: 0.05, approvalThreshold: 1_000, approvalThresholdByValueStream: {} },
    version: null,
  },
  'participatory/open': { period: '2027-Q1', total: 1_000, valueStreamIds: ['payments'], participants: null, version: null },
  'okrs/save': {
    period: '2026-Q4',
    objectives: [{ id: 'o1', title: 'Faster payouts', themeId: null, keyResults: [{ id: 'k1', title: 'Payout time', baseline: 48, target: 4, current: 26 }] }],
    version: null,
  },
  'review/mark': { date: '2026-11-02', version: null },
};
const WRITE_KEYS = Object.keys(MANAGER_WRITES) as ResolverKey[];

let backend: TestBackend;
beforeAll(async () => {
  backend = await startTestBackend();
});
afterAll(() => backend.close());

describe('me/get', () => {
  it.each([
    ['rte', { accountId: '712020:rte', displayName: 'Rae Engel (RTE)', canAdminister: true, canManagePortfolio: true }],
    ['member', { accountId: '712020:member', displayName: 'Mika Member', canAdminister: false, canManagePortfolio: false }],
  ] as const)('should say what %s may do when asked who they are', async (user, expected) => {
    expect(dataOf(await backend.call(user, 'me/get'))).toEqual(expected);
  });
});

describe('portfolio writes', () => {
  it.each(WRITE_KEYS)('should answer forbidden and store nothing when the member calls %s', async (key) => {
    const writesBefore = backend.store.writes.length;
    const result = await backend.callRaw('member', key, MANAGER_WRITES[key]);
    expect(result).toEqual({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('group "portfolio-managers"') } });
    expect(backend.store.writes.length).toBe(writesBefore);
  });

  it.each(WRITE_KEYS)('should save when the RTE (Jira admin) calls %s', async (key) => {
    const result = await backend.callRaw('rte', key, MANAGER_WRITES[key]);
    expect(result).toMatchObject({ ok: true, data: { version: 1 } });
  });

  it('should let the member save when their group becomes the portfolio-managers group', async () => {
    const settings = dataOf(await backend.call('rte', 'settings/get'));
    dataOf(await backend.call('rte', 'settings/save', { settings: { ...settings.settings, portfolioManagersGroup: 'jira-software-users' }, version: settings.version }));

    expect(dataOf(await backend.call('member', 'me/get'))).toMatchObject({ canAdminister: false, canManagePortfolio: true });
    const themes = dataOf(await backend.call('member', 'themes/list'));
    expect(await backend.call('member', 'themes/save', { themes: [], version: themes.version })).toEqual({ ok: true, data: { themes: [], version: 2 } });
  });
});

describe('epic/wsjf/save', () => {
  it.each([
    ['forbidden', 'member', 'PLT'],
    ['ok', 'member', 'PAY'],
    ['ok', 'member', 'MOB'],
    ['not_found', 'member', 'DAT'],
    ['ok', 'rte', 'DAT'],
  ] as const)('should answer %s to the %s when they save the WSJF of a %s epic', async (outcome, user, project) => {
    const issueKey = demoEpicKeys(backend, project)[1] as string;
    const before = dataOf(await backend.call('rte', 'epic/wsjf/get', { issueKey }));

    const result = await backend.call(user, 'epic/wsjf/save', { issueKey, components: COMPONENTS, version: before.version });

    const after = dataOf(await backend.call('rte', 'epic/wsjf/get', { issueKey }));
    if (outcome === 'ok') {
      expect(result).toMatchObject({ ok: true, data: { issueKey, ...COMPONENTS, costOfDelay: 10, wsjfScore: 2, canEdit: true } });
      expect(after).toMatchObject({ ...COMPONENTS, wsjfScore: 2, version: (before.version ?? 0) + 1 });
    } else {
      expect(result).toMatchObject({ ok: false, error: { code: outcome } });
      expect(after).toEqual(before);
    }
  });

  it('should say the member cannot edit when the member reads the WSJF of a PLT epic', async () => {
    const issueKey = demoEpicKeys(backend, 'PLT')[2] as string;
    expect(dataOf(await backend.call('member', 'epic/wsjf/get', { issueKey })).canEdit).toBe(false);
    expect(dataOf(await backend.call('rte', 'epic/wsjf/get', { issueKey })).canEdit).toBe(true);
  });

  it('should explain the missing permission when the member is refused', async () => {
    const issueKey = demoEpicKeys(backend, 'PLT')[0] as string;
    const result = await backend.call('member', 'epic/wsjf/save', { issueKey, components: COMPONENTS, version: null });
    expect(result).toEqual({ ok: false, error: { code: 'forbidden', message: `You need the Edit issues permission on ${issueKey} to change its WSJF.` } });
  });
});
