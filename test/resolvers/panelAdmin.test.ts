/**
 * The epic panel's and the admin page's resolvers, through the handler against the demo Jira:
 * every authorization rule (forged calls included), the portfolio issue type re-checked on every
 * epic call, the scope JQL checked by Jira (its message, nothing stored), group ids, the mapping
 * and the configuration check.
 */
import { GROUP_IDS, ISSUE_TYPE_IDS } from '../../preview/demo-jira';
import { WSJF_PROPERTY_KEY } from '../../src/contract/documents';
import { defaultSettings } from '../../src/services/settings';
import { dataOf, demoEpicKeys, issueKeysIn, startTestBackend } from '../builders/services';
import type { TestBackend } from '../builders/services';

const COMPONENTS = { userBusinessValue: 8, timeCriticality: 5, riskReductionOpportunityEnablement: 3, jobSize: 2 };

let backend: TestBackend;
beforeAll(async () => {
  backend = await startTestBackend();
});
afterAll(() => backend.close());

function storyKey(projectKey: string): string {
  const project = backend.demo.data.projects.find((candidate) => candidate.key === projectKey);
  const story = backend.demo.data.issues.find((issue) => issue.issueTypeId === ISSUE_TYPE_IDS.story && issue.projectId === project?.id);
  if (!story) throw new Error(`the demo has no story in ${projectKey}`);
  return story.key;
}

function propertyOf(key: string): unknown {
  return backend.demo.data.issues.find((issue) => issue.key === key)?.properties[WSJF_PROPERTY_KEY];
}

async function saveSettings(change: Partial<ReturnType<typeof defaultSettings>>) {
  const current = dataOf(await backend.call('rte', 'settings/get'));
  return backend.call('rte', 'settings/save', { settings: { ...current.settings, ...change }, version: current.version });
}

describe('the portfolio issue type', () => {
  it('should answer "not a portfolio epic" and nothing else when the panel asks about a story', async () => {
    const key = storyKey('PAY');
    expect(dataOf(await backend.call('rte', 'epic/panel', { issueKey: key }))).toEqual({
      kind: 'not-portfolio-epic',
      issueKey: key,
      issueType: 'Story',
      expected: 'issue types at hierarchy level 1 (Epic)',
    });
  });

  it('should refuse a forged WSJF save for a story even when the scope JQL selects stories', async () => {
    dataOf(await saveSettings({ scopeJql: 'project = PAY ORDER BY key' }));
    const key = storyKey('PAY');
    const before = propertyOf(key);
    const writes = backend.store.writes.length;
    const result = await backend.call('rte', 'epic/wsjf/save', { issueKey: key, components: COMPONENTS, version: null });
    expect(result).toEqual({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining(`${key} is a Story, not a portfolio epic`) } });
    expect(propertyOf(key)).toEqual(before);
    expect(backend.store.writes.length).toBe(writes);
    expect(await backend.call('rte', 'epic/wsjf/get', { issueKey: key })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    dataOf(await saveSettings({ scopeJql: defaultSettings().scopeJql }));
  });

  it('should treat stories as the portfolio epics when the setting names their type id', async () => {
    dataOf(await saveSettings({ portfolioIssueType: { by: 'issueTypeIds', ids: [ISSUE_TYPE_IDS.story] } }));
    try {
      const epic = demoEpicKeys(backend, 'PAY')[0]!;
      // The panel asks Jira for the type only of an issue outside the scope: a story is then of the
      // portfolio's type but not selected; an epic the scope selects is the scope's (as on the board).
      expect(dataOf(await backend.call('rte', 'epic/panel', { issueKey: storyKey('PAY') }))).toMatchObject({ kind: 'out-of-scope' });
      expect(dataOf(await backend.call('rte', 'epic/panel', { issueKey: epic })).kind).toBe('epic');
      expect(await backend.call('rte', 'epic/wsjf/get', { issueKey: epic })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    } finally {
      dataOf(await saveSettings({ portfolioIssueType: { by: 'hierarchyLevel', level: 1 } }));
    }
    const epic = demoEpicKeys(backend, 'PAY')[0]!;
    expect(dataOf(await backend.call('rte', 'epic/panel', { issueKey: epic })).kind).toBe('epic');
    expect(dataOf(await backend.call('rte', 'epic/panel', { issueKey: storyKey('PAY') })).kind).toBe('not-portfolio-epic');
  });
});

describe('epic/panel', () => {
  it('should answer not found when the member asks about an epic they cannot browse', async () => {
    const hidden = demoEpicKeys(backend, 'DAT')[0]!;
    for (const key of ['epic/panel', 'epic/wsjf/get'] as const) {
      expect(await backend.call('member', key, { issueKey: hidden })).toEqual({
        ok: false,
        error: { code: 'not_found', message: `Epic ${hidden} was not found in the portfolio.` },
      });
    }
  });

  it('should show the member a read-only epic ranked among the epics they can see, never one they cannot', async () => {
    const key = demoEpicKeys(backend, 'PLT')[0]!;
    const overview = dataOf(await backend.call('member', 'epic/panel', { issueKey: key }));
    if (overview.kind !== 'epic') throw new Error(overview.kind);
    expect(overview.wsjf.canEdit).toBe(false);
    expect(overview.others.length).toBeGreaterThan(10);
    expect(issueKeysIn(overview).filter((k) => k.startsWith('DAT-'))).toEqual([]);
  });

  it("should give the epic's flow: state, days in it, state dates and the portfolio's percentiles", async () => {
    const key = demoEpicKeys(backend, 'PAY')[0]!;
    const overview = dataOf(await backend.call('rte', 'epic/panel', { issueKey: key }));
    if (overview.kind !== 'epic') throw new Error(overview.kind);
    const { flow } = overview;
    expect(flow.stateDates.map((row) => row.state)).toEqual(defaultSettings().states);
    expect(flow.percentiles.map((row) => row.percentile)).toEqual([50, 85, 95]);
    expect(flow.sampleSize).toBeGreaterThan(10);
    expect(flow.percentiles[0]!.days).toBeLessThanOrEqual(flow.percentiles[1]!.days!);
    if (flow.state !== null) {
      expect(flow.stateSince).not.toBeNull();
      expect(flow.daysInState).toBeGreaterThanOrEqual(0);
    }
    expect(flow.flowTimeDays === null || flow.ageDays === null).toBe(true);
  });

  it('should list who changed the score and when, newest first, after saves', async () => {
    const key = demoEpicKeys(backend, 'MOB')[1]!;
    const first = dataOf(await backend.call('rte', 'epic/wsjf/get', { issueKey: key }));
    const saved = dataOf(await backend.call('rte', 'epic/wsjf/save', { issueKey: key, components: COMPONENTS, version: first.version }));
    backend.clock.advance(60_000);
    dataOf(await backend.call('member', 'epic/wsjf/save', { issueKey: key, components: { ...COMPONENTS, jobSize: 8 }, version: saved.version }));
    const overview = dataOf(await backend.call('rte', 'epic/panel', { issueKey: key }));
    if (overview.kind !== 'epic') throw new Error(overview.kind);
    expect(overview.changes.map((change) => [change.accountId, change.byYou])).toEqual([
      ['712020:member', false],
      ['712020:rte', true],
    ]);
    expect(overview.changes[0]!.summary).toBe(`${key}: WSJF 8 → 2`);
    expect(overview.changes[0]!.at).toBeGreaterThan(overview.changes[1]!.at);
  });
});

describe('the scope JQL', () => {
  it("should refuse an invalid scope with Jira's own message and store nothing", async () => {
    const before = dataOf(await backend.call('rte', 'settings/get'));
    const writes = backend.store.writes.length;
    const result = await backend.call('rte', 'settings/save', { settings: { ...before.settings, scopeJql: 'issuetype = Epic AND' }, version: before.version });
    expect(result).toEqual({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/^settings\.scopeJql: Error in the JQL Query: /) } });
    expect(backend.store.writes.length).toBe(writes);
    expect(dataOf(await backend.call('rte', 'settings/get'))).toEqual(before);
  });

  it("should answer Jira's errors, or the count, when the admin checks a JQL", async () => {
    const invalid = dataOf(await backend.call('rte', 'admin/jql/check', { jql: 'project = NOPE' }));
    expect(invalid).toEqual({ errors: [expect.stringContaining("'NOPE'")], count: null });
    const epics = backend.demo.data.issues.filter((issue) => issue.issueTypeId === ISSUE_TYPE_IDS.epic).length;
    expect(dataOf(await backend.call('rte', 'admin/jql/check', { jql: 'issuetype = Epic' }))).toEqual({ errors: [], count: epics });
  });

  it.each(['admin/jql/check', 'admin/groups'] as const)('should answer forbidden when the member calls %s', async (key) => {
    const payload = key === 'admin/jql/check' ? { jql: 'issuetype = Epic' } : { query: '' };
    expect(await backend.callRaw('member', key, payload)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('portfolio managers by group id', () => {
  it('should store the id of the named group when a save names the group only by name', async () => {
    const saved = dataOf(await saveSettings({ portfolioManagersGroup: 'portfolio-managers', portfolioManagersGroupId: null }));
    expect(saved.settings.portfolioManagersGroupId).toBe(GROUP_IDS['portfolio-managers']);
  });

  it('should decide by id, so a renamed group (a stale name) still lets its members manage', async () => {
    dataOf(await saveSettings({ portfolioManagersGroup: 'software team (old name)', portfolioManagersGroupId: GROUP_IDS['jira-software-users']! }));
    expect(dataOf(await backend.call('member', 'me/get')).canManagePortfolio).toBe(true);
    dataOf(await saveSettings({ portfolioManagersGroup: 'portfolio-managers', portfolioManagersGroupId: GROUP_IDS['portfolio-managers']! }));
    expect(dataOf(await backend.call('member', 'me/get')).canManagePortfolio).toBe(false);
  });

  it('should refuse a group name Jira does not know', async () => {
    expect(await saveSettings({ portfolioManagersGroup: 'no-such-group', portfolioManagersGroupId: null })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('no group named "no-such-group"') },
    });
  });

  it("should list Jira's groups by id to the admin", async () => {
    expect(dataOf(await backend.call('rte', 'admin/groups', { query: 'portfolio' }))).toEqual({
      groups: [{ groupId: GROUP_IDS['portfolio-managers'], name: 'portfolio-managers' }],
    });
  });
});

describe('the mapping and the configuration check', () => {
  it('should list the unmapped On Hold first, with the state its category suggests', async () => {
    const mapping = dataOf(await backend.call('rte', 'admin/mapping'));
    expect(mapping.statuses[0]).toMatchObject({ name: 'On Hold', category: 'indeterminate', state: null, suggestion: 'Implementing' });
    expect(mapping.statuses[0]!.epicsEver).toBeGreaterThan(0);
    expect(mapping.statuses.slice(1).every((status) => status.state !== null)).toBe(true);
  });

  it('should report the unmapped On Hold with its epics and a JQL that opens them', async () => {
    const check = dataOf(await backend.call('rte', 'admin/check'));
    const onHold = check.findings.find((finding) => finding.title === 'Status "On Hold" maps to no state');
    expect(onHold).toBeDefined();
    expect(onHold!.count).toBeGreaterThan(0);
    expect(onHold!.jql).toBe(`key in (${onHold!.epicKeys.join(', ')}) ORDER BY key`);
    expect(check.findings.map((finding) => finding.id)).toEqual(expect.arrayContaining(['no-wip-limit', 'no-theme']));
  });

  it('should trim the configuration check to the epics the member can see', async () => {
    const check = dataOf(await backend.call('member', 'admin/check'));
    expect(issueKeysIn(check).filter((key) => key.startsWith('DAT-'))).toEqual([]);
  });
});

describe('Jira calls', () => {
  it('should open the panel of an epic in scope with two Jira calls when the cache is warm: the search and one mypermissions', async () => {
    const key = demoEpicKeys(backend, 'PAY')[2]!;
    dataOf(await backend.call('rte', 'epic/panel', { issueKey: key }));
    const mark = backend.mark();
    dataOf(await backend.call('rte', 'epic/panel', { issueKey: key }));
    expect(backend.callsSince(mark).map((call) => `${call.method} ${call.path}`).sort()).toEqual(['GET /rest/api/3/mypermissions', 'POST /rest/api/3/search/jql']);
  });
});
