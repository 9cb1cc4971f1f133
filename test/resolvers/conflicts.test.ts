/**
 * Optimistic locking: a write names the version it read. A stale version is refused with
 * conflict, with a message the page can show, and the stored value stays what it was.
 */
import { GROUP_IDS } from '../../preview/demo-jira';
import { defaultSettings } from '../../src/services/settings';
import { dataOf, demoEpicKeys, startTestBackend } from '../builders/services';
import type { TestBackend } from '../builders/services';

/** How each default state's time counts: only Implementing is active; the rest are outside flow time. */
const DEFAULT_STATE_TIME_KINDS = {
  Funnel: 'outside',
  Reviewing: 'outside',
  Analyzing: 'outside',
  'Portfolio Backlog': 'outside',
  Implementing: 'active',
  Done: 'outside',
};

let backend: TestBackend;
beforeAll(async () => {
  backend = await startTestBackend();
});
afterAll(() => backend.close());

describe('settings', () => {
  it('should refuse a stale write with conflict and keep the stored settings when another save came first', async () => {
    const loaded = dataOf(await backend.call('rte', 'settings/get'));
    expect(loaded.version).toBeNull();
    const first = dataOf(await backend.call('rte', 'settings/save', { settings: { ...loaded.settings, timeZone: 'Europe/Berlin' }, version: loaded.version }));
    expect(first.version).toBe(1);

    // A second editor still holds what they loaded before the first save.
    const stale = await backend.call('rte', 'settings/save', { settings: { ...loaded.settings, timeZone: 'America/New_York' }, version: loaded.version });

    expect(stale).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message: 'Someone else saved the settings in the meantime (you read nothing saved yet; now there is version 1). Reload, then apply your change again.',
      },
    });
    expect(dataOf(await backend.call('rte', 'settings/get'))).toEqual({
      // The save stored the id of the managers' group (settings name it by name until then).
      settings: { ...defaultSettings(), timeZone: 'Europe/Berlin', portfolioManagersGroupId: GROUP_IDS['portfolio-managers'] },
      version: 1,
      stateTimeKinds: DEFAULT_STATE_TIME_KINDS,
    });
  });

  it('should refuse a write naming an older version with conflict when the settings moved on twice', async () => {
    const current = dataOf(await backend.call('rte', 'settings/get'));
    const next = dataOf(await backend.call('rte', 'settings/save', { settings: { ...current.settings, forecastWindowDays: 60 }, version: current.version }));

    const stale = await backend.call('rte', 'settings/save', { settings: { ...current.settings, forecastWindowDays: 120 }, version: current.version });

    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining(`you read version ${current.version}; now there is version ${next.version}`) } });
    expect(dataOf(await backend.call('rte', 'settings/get')).settings.forecastWindowDays).toBe(60);
  });
});

describe('themes', () => {
  const growth = { id: 'growth', name: 'Growth', label: 'theme-growth', targetAllocation: 0.5, description: '', colour: 'green' as const, activeQuarters: [] };
  const platform = { id: 'platform', name: 'Platform', label: 'theme-platform', targetAllocation: 0.3, description: '', colour: 'blue' as const, activeQuarters: ['2026-Q4'] };

  it('should refuse a stale themes write with conflict and keep the stored themes when another save came first', async () => {
    const created = dataOf(await backend.call('rte', 'themes/save', { themes: [growth], version: null }));
    dataOf(await backend.call('rte', 'themes/save', { themes: [growth, platform], version: created.version }));

    const stale = await backend.call('rte', 'themes/save', { themes: [], version: created.version });

    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(dataOf(await backend.call('rte', 'themes/list'))).toEqual({ themes: [growth, platform], version: 2 });
  });

  it('should refuse to create themes again with conflict when they already exist', async () => {
    const result = await backend.call('rte', 'themes/save', { themes: [], version: null });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('you read nothing saved yet; now there is version 2') } });
  });
});

describe('epic WSJF', () => {
  it('should refuse a stale WSJF save with conflict and keep the property when someone saved in between', async () => {
    const issueKey = demoEpicKeys(backend, 'PAY')[3] as string;
    const loaded = dataOf(await backend.call('rte', 'epic/wsjf/get', { issueKey }));
    const first = { userBusinessValue: 13, timeCriticality: 8, riskReductionOpportunityEnablement: 5, jobSize: 13 };
    const saved = dataOf(await backend.call('member', 'epic/wsjf/save', { issueKey, components: first, version: loaded.version }));
    expect(saved).toMatchObject({ ...first, costOfDelay: 26, wsjfScore: 2, version: (loaded.version ?? 0) + 1 });

    const stale = await backend.call('rte', 'epic/wsjf/save', {
      issueKey,
      components: { userBusinessValue: 1, timeCriticality: 1, riskReductionOpportunityEnablement: 1, jobSize: 20 },
      version: loaded.version,
    });

    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining(`Someone else saved the WSJF of ${issueKey} in the meantime`) } });
    expect(dataOf(await backend.call('rte', 'epic/wsjf/get', { issueKey }))).toMatchObject({ ...first, wsjfScore: 2, version: saved.version });
  });

  it('should write the property in the indexed shape when a save succeeds', async () => {
    const issueKey = demoEpicKeys(backend, 'MOB')[0] as string;
    const loaded = dataOf(await backend.call('rte', 'epic/wsjf/get', { issueKey }));
    const components = { userBusinessValue: 3, timeCriticality: 2, riskReductionOpportunityEnablement: 1, jobSize: 3 };
    dataOf(await backend.call('rte', 'epic/wsjf/save', { issueKey, components, version: loaded.version }));

    const issue = backend.demo.data.issues.find((candidate) => candidate.key === issueKey);
    expect(issue?.properties['lean-portfolio.wsjf']).toEqual({
      schemaVersion: 1,
      version: (loaded.version ?? 0) + 1,
      ...components,
      costOfDelay: 6,
      wsjfScore: 2,
      theme: null,
      updatedAt: backend.clock.now(),
      updatedBy: '712020:rte',
    });
  });
});

describe('budgets and OKRs', () => {
  it('should refuse a stale budget write with conflict when the budget moved on', async () => {
    dataOf(await backend.call('rte', 'budgets/save', { period: '2027-Q1', lines: [{ valueStreamId: 'payments', budget: 100 }], version: null }));
    const stale = await backend.call('rte', 'budgets/save', { period: '2027-Q1', lines: [{ valueStreamId: 'payments', budget: 5 }], version: null });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(dataOf(await backend.call('rte', 'budgets/list', { period: '2027-Q1' })).lines[0]).toMatchObject({ valueStreamId: 'payments', budget: 100 });
  });

  it('should keep quarters apart when two quarters are saved from nothing', async () => {
    const objectives = [{ id: 'o', title: 'O', themeId: null, keyResults: [] }];
    expect(dataOf(await backend.call('rte', 'okrs/save', { period: '2027-Q1', objectives, version: null })).version).toBe(1);
    expect(dataOf(await backend.call('rte', 'okrs/save', { period: '2027-Q2', objectives, version: null })).version).toBe(1);
  });
});
