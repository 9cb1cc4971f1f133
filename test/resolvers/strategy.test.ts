/**
 * The Strategy resolvers through the handler on the demo portfolio: who may change what (the member
 * only their business cases and their own submission), decisions stamped by the server, stale
 * saves refused, old budget documents migrated on read, theme assignment through Jira labels,
 * participatory budgeting from opening to adoption, and the commitment gate.
 */
import { createServiceContext } from '../../src/services/context';
import { commitmentGate } from '../../src/services/businessCaseGate';
import { DEFAULT_CACHE_FRESH_MS } from '../../src/runtime/runtime';
import { dataOf, demoEpicKeys, startTestBackend } from '../builders/services';
import type { TestBackend, TestUser } from '../builders/services';

const RTE = '712020:rte';
const MEMBER = '712020:member';
const STREAMS = [
  { id: 'payments', name: 'Payments', projectKeys: ['PAY'] },
  { id: 'mobile', name: 'Mobile Experience', projectKeys: ['MOB'] },
  { id: 'data', name: 'Data & Analytics', projectKeys: ['DAT'] },
  { id: 'platform', name: 'Platform', projectKeys: ['PLT'] },
];
const THEMES = [
  { id: 'growth', name: 'Growth', label: 'theme-growth', targetAllocation: 0.5, colour: 'green' as const },
  { id: 'platform', name: 'Platform', label: 'theme-platform', targetAllocation: 0.3, colour: 'blue' as const },
  { id: 'compliance', name: 'Compliance', label: 'theme-compliance', targetAllocation: 0.2, colour: 'orange' as const },
];
const GUARDRAILS = {
  investmentTypes: [
    { id: 'business', name: 'Business', target: 0.6 },
    { id: 'enabler', name: 'Enabler', target: 0.3 },
    { id: 'maintenance', name: 'Maintenance', target: 0.1 },
  ],
  tolerance: 0.05,
  approvalThreshold: 100_000,
  approvalThresholdByValueStream: {},
};

let backend: TestBackend;
beforeAll(async () => {
  backend = await startTestBackend();
  dataOf(await backend.call('rte', 'valueStreams/save', { valueStreams: STREAMS, version: null }));
  dataOf(await backend.call('rte', 'themes/save', { themes: THEMES, version: null }));
  dataOf(await backend.call('rte', 'guardrails/save', { guardrails: GUARDRAILS, version: null }));
});
afterAll(() => backend.close());

function epicsIn(projectKey: string, statusId: string): string[] {
  const keys = new Set(demoEpicKeys(backend, projectKey));
  return backend.demo.data.issues.filter((issue) => keys.has(issue.key) && issue.statusId === statusId).map((issue) => issue.key);
}
const FUNNEL = '10001';
const IMPLEMENTING = '10005';

async function caseOf(user: TestUser, issueKey: string) {
  return dataOf(await backend.call(user, 'epic/case/get', { issueKey }));
}

async function saveForecast(user: TestUser, issueKey: string, forecastCost: number) {
  const current = await caseOf(user, issueKey);
  return backend.call(user, 'epic/case/save', { issueKey, case: { ...current.case, forecastCost }, version: current.version });
}

describe('lean business case', () => {
  it('should let whoever may edit the epic save its case and answer per project for the member', async () => {
    const [pay] = epicsIn('PAY', FUNNEL);
    const [plt] = demoEpicKeys(backend, 'PLT');
    const [dat] = demoEpicKeys(backend, 'DAT');
    expect(dataOf(await saveForecast('member', pay as string, 40_000))).toMatchObject({ issueKey: pay, version: 1, case: { forecastCost: 40_000 }, canEdit: true, canDecide: false });

    const writesBefore = backend.store.writes.length;
    expect(await backend.call('member', 'epic/case/save', { issueKey: plt as string, case: { hypothesis: {} }, version: null })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await backend.call('member', 'epic/case/save', { issueKey: dat as string, case: { hypothesis: {} }, version: null })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(backend.store.writes.length).toBe(writesBefore);
  });

  it('should refuse a forged decision from the member and store nothing', async () => {
    const [pay] = epicsIn('PAY', FUNNEL);
    const before = await caseOf('rte', pay as string);
    const writesBefore = backend.store.writes.length;

    const forged = await backend.callRaw('member', 'epic/case/decide', { issueKey: pay, decision: 'go', note: 'approved by me', version: before.version });

    expect(forged).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(backend.store.writes.length).toBe(writesBefore);
    expect((await caseOf('rte', pay as string)).decision).toBeNull();
  });

  it('should ignore a decision sent inside the case and keep the decision when the member saves the case', async () => {
    const [pay] = epicsIn('PAY', FUNNEL);
    const current = await caseOf('rte', pay as string);
    const decided = dataOf(await backend.call('rte', 'epic/case/decide', { issueKey: pay as string, decision: 'pivot', note: 'Smaller MVP', version: current.version }));
    const sneaky = { ...decided.case, mvp: 'A pilot with one bank', decision: { decision: 'go', accountId: MEMBER, at: 0, note: '' } };

    const saved = dataOf(await backend.callRaw('member', 'epic/case/save', { issueKey: pay, case: sneaky, version: decided.version }) as never) as { decision: unknown; case: { mvp: string } };

    expect(saved.case.mvp).toBe('A pilot with one bank');
    expect(saved.decision).toMatchObject({ decision: 'pivot', accountId: RTE });
  });

  it('should stamp the decision with the caller and the server clock and keep earlier ones newest first', async () => {
    const [, pay] = epicsIn('PAY', FUNNEL);
    backend.clock.advance(60_000);
    const at = backend.clock.now();
    const first = dataOf(await backend.call('rte', 'epic/case/decide', { issueKey: pay as string, decision: 'no-go', note: 'Not now', version: null }));
    backend.clock.advance(1_000);
    const second = dataOf(await backend.call('rte', 'epic/case/decide', { issueKey: pay as string, decision: 'go', note: 'Evidence is in', version: first.version }));

    expect(first.decision).toEqual({ decision: 'no-go', note: 'Not now', accountId: RTE, at });
    expect(second.decisions.map((decision) => decision.decision)).toEqual(['go', 'no-go']);
    expect(second.decision?.at).toBe(at + 1_000);
  });

  it('should refuse a stale case save with conflict and keep the first save', async () => {
    const [, , pay] = epicsIn('PAY', FUNNEL);
    const read = await caseOf('rte', pay as string);
    dataOf(await backend.call('rte', 'epic/case/save', { issueKey: pay as string, case: { ...read.case, mvp: 'first' }, version: read.version }));

    const stale = await backend.call('member', 'epic/case/save', { issueKey: pay as string, case: { ...read.case, mvp: 'second' }, version: read.version });

    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('Someone else saved the business case') } });
    expect((await caseOf('rte', pay as string)).case.mvp).toBe('first');
  });

  it('should refuse an investment type the guardrails do not have with invalid_input', async () => {
    const [pay] = epicsIn('PAY', FUNNEL);
    const current = await caseOf('rte', pay as string);
    const result = await backend.call('rte', 'epic/case/save', { issueKey: pay as string, case: { ...current.case, investmentType: 'moonshot' }, version: current.version });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('"moonshot"') } });
  });
});

describe('commitment gate', () => {
  const ctxFor = (accountId: string) =>
    createServiceContext({
      jira: backend.runtime.jira({ accountId }),
      store: backend.runtime.store,
      clock: backend.runtime.clock,
      log: backend.runtime.log,
      accountId,
      cacheFreshMs: DEFAULT_CACHE_FRESH_MS,
    });
  const idOf = (key: string) => backend.demo.data.issues.find((issue) => issue.key === key)?.id as string;

  it('should refuse an epic above the threshold until its case has a go decision', async () => {
    const [, , , mob] = epicsIn('MOB', FUNNEL).concat(epicsIn('MOB', '10002'));
    const issue = { id: idOf(mob as string), key: mob as string };
    dataOf(await saveForecast('rte', issue.key, 150_000));

    const refused = await commitmentGate(ctxFor(RTE), issue);
    expect(refused).toEqual({ allowed: false, reason: expect.stringContaining('above the approval threshold of 100000, and no decision yet') });
    expect((await caseOf('rte', issue.key)).gate.allowed).toBe(false);

    const current = await caseOf('rte', issue.key);
    dataOf(await backend.call('rte', 'epic/case/decide', { issueKey: issue.key, decision: 'go', note: '', version: current.version }));
    expect(await commitmentGate(ctxFor(RTE), issue)).toEqual({ allowed: true, reason: null });
  });

  it('should judge the cost it is given and the value stream threshold when the caller names them', async () => {
    const [pay] = epicsIn('PAY', IMPLEMENTING);
    const issue = { id: idOf(pay as string), key: pay as string };
    expect(await commitmentGate(ctxFor(RTE), issue, { forecastCost: 100_000 })).toEqual({ allowed: true, reason: null });
    expect((await commitmentGate(ctxFor(RTE), issue, { forecastCost: 100_001 })).allowed).toBe(false);
    // No threshold of its own: the portfolio's applies.
    expect((await commitmentGate(ctxFor(RTE), issue, { forecastCost: 100_001, valueStreamId: 'payments' })).allowed).toBe(false);
  });
});

describe('migration from schema-1 budget documents', () => {
  it('should read estimates and approvals of old budget documents into the business cases, and keep them after the quarter is saved again', async () => {
    const [approved, estimated] = epicsIn('MOB', IMPLEMENTING);
    const approval = { accountId: RTE, at: Date.UTC(2026, 6, 2) };
    await backend.store.put('budgets', '2026-Q3', {
      schemaVersion: 1,
      period: '2026-Q3',
      lines: [{ valueStreamId: 'mobile', budget: 300_000, actualSpend: 120_000 }],
      epics: { [approved as string]: { costEstimate: 180_000, approval }, [estimated as string]: { costEstimate: 60_000, approval: null } },
      allocationTargets: { business: 0.7 },
      allocationTolerance: 0.05,
      approvalThreshold: 50_000,
    }, null);

    const migrated = await caseOf('member', approved as string);
    expect(migrated).toMatchObject({ version: null, migratedFrom: '2026-Q3', case: { forecastCost: 180_000 }, decision: { decision: 'go', accountId: RTE, at: approval.at } });
    expect(await commitmentGate(createServiceContext({ jira: backend.runtime.jira({ accountId: RTE }), store: backend.store, clock: backend.clock, log: backend.log, accountId: RTE, cacheFreshMs: 60_000 }), { id: backend.demo.data.issues.find((i) => i.key === approved)?.id as string, key: approved as string })).toEqual({ allowed: true, reason: null });

    const q3 = dataOf(await backend.call('rte', 'budgets/list', { period: '2026-Q3' }));
    expect(q3.lines[0]).toMatchObject({ valueStreamId: 'mobile', budget: 300_000, actualSpend: 120_000, spend: [{ month: '2026-07', amount: 120_000, note: 'Spend recorded before monthly entries' }] });
    expect(q3.lines[0]?.forecast).toBe(240_000);

    // Saved in schema 2: the old document is kept aside, and the cases still read from it.
    dataOf(await backend.call('rte', 'budgets/save', { period: '2026-Q3', lines: [{ valueStreamId: 'mobile', budget: 320_000 }], version: q3.version }));
    expect(await backend.store.get('budgetLegacy', '2026-Q3')).toMatchObject({ value: { schemaVersion: 1 } });
    expect((await caseOf('rte', estimated as string)).case.forecastCost).toBe(60_000);

    // The first save of its own case carries the approval over.
    const saved = dataOf(await saveForecast('member', approved as string, 190_000));
    expect(saved).toMatchObject({ version: 1, migratedFrom: null, case: { forecastCost: 190_000 }, decision: { decision: 'go', at: approval.at } });
  });
});

describe('themes/assign', () => {
  it('should move an epic to the theme by its label and the share with it', async () => {
    const epic = backend.demo.data.issues.find((issue) => issue.key.startsWith('PAY-') && issue.issueTypeId === '10000' && issue.labels.includes('theme-platform'));
    if (!epic) throw new Error('the demo portfolio needs a PAY epic of the platform theme');
    const before = dataOf(await backend.call('rte', 'strategy/overview', { period: '2026-Q4' }));
    const growthBefore = before.epics.filter((e) => e.themeId === 'growth').length;

    const answer = dataOf(await backend.call('rte', 'themes/assign', { themeId: 'growth', issueKeys: [epic.key] }));

    expect(answer.results).toEqual([{ issueKey: epic.key, outcome: 'assigned', message: null }]);
    expect(epic.labels).toContain('theme-growth');
    expect(epic.labels).not.toContain('theme-platform');
    const after = dataOf(await backend.call('rte', 'strategy/overview', { period: '2026-Q4' }));
    expect(after.epics.find((e) => e.key === epic.key)?.themeId).toBe('growth');
    expect(after.epics.filter((e) => e.themeId === 'growth').length).toBe(growthBefore + 1);
    const history = dataOf(await backend.call('rte', 'history/list', { limit: 5 }));
    expect(history.entries[0]).toMatchObject({ action: 'themes/assign', summary: `${epic.key}: theme Platform → Growth` });
  });

  it('should refuse the member, who is no portfolio manager, and change no label', async () => {
    const [pay] = demoEpicKeys(backend, 'PAY');
    const labelsBefore = JSON.stringify(backend.demo.data.issues.map((issue) => issue.labels));
    const mark = backend.mark();
    expect(await backend.call('member', 'themes/assign', { themeId: 'growth', issueKeys: [pay as string] })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(backend.callsSince(mark).filter((call) => call.method === 'PUT')).toEqual([]);
    expect(JSON.stringify(backend.demo.data.issues.map((issue) => issue.labels))).toBe(labelsBefore);
  });
});

describe('member writes', () => {
  it.each([
    ['budgets/save', { period: '2026-Q4', lines: [], version: null }],
    ['budgets/spend/save', { period: '2026-Q4', valueStreamId: 'payments', month: '2026-10', amount: 1, note: '', version: null }],
    ['guardrails/save', { guardrails: GUARDRAILS, version: 1 }],
    ['themes/save', { themes: [], version: 1 }],
    ['participatory/open', { period: '2027-Q2', total: 10, valueStreamIds: ['payments'], participants: null, version: null }],
    ['participatory/adopt', { period: '2027-Q2', allocation: { payments: 10 }, version: 1 }],
  ])('should answer forbidden and store nothing when the member calls %s', async (key, payload) => {
    const writesBefore = backend.store.writes.length;
    expect(await backend.callRaw('member', key, payload)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(backend.store.writes.length).toBe(writesBefore);
  });
});

describe('budgets and spend', () => {
  it('should warn when actual spend goes over the budget and keep spend when the budget is saved again', async () => {
    const saved = dataOf(await backend.call('rte', 'budgets/save', { period: '2027-Q1', lines: [{ valueStreamId: 'payments', budget: 100_000 }], version: null }));
    let view = dataOf(await backend.call('rte', 'budgets/spend/save', { period: '2027-Q1', valueStreamId: 'payments', month: '2027-01', amount: 60_000, note: 'Team', version: saved.version }));
    view = dataOf(await backend.call('rte', 'budgets/spend/save', { period: '2027-Q1', valueStreamId: 'payments', month: '2027-02', amount: 45_000, note: 'Licences', version: view.version }));
    expect(view.lines[0]).toMatchObject({ budget: 100_000, actualSpend: 105_000, remaining: -5_000, actualOverBudget: true });

    view = dataOf(await backend.call('rte', 'budgets/save', { period: '2027-Q1', lines: [{ valueStreamId: 'payments', budget: 120_000 }], version: view.version }));
    expect(view.lines[0]).toMatchObject({ budget: 120_000, actualSpend: 105_000, remaining: 15_000, actualOverBudget: false });
    expect(view.lines[0]?.spend.map((entry) => entry.note)).toEqual(['Team', 'Licences']);
  });

  it('should refuse spend for a month outside the quarter with invalid_input', async () => {
    const result = await backend.call('rte', 'budgets/spend/save', { period: '2027-Q1', valueStreamId: 'payments', month: '2027-04', amount: 1, note: '', version: 3 });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'month: 2027-04 is not a month of 2027-Q1' } });
  });
});

describe('participatory budgeting', () => {
  const PERIOD = '2027-Q3';
  const valueStreamIds = ['payments', 'mobile', 'data'];

  it('should run a session: open, both demo users submit, the median is adopted as the budgets', async () => {
    const opened = dataOf(await backend.call('rte', 'participatory/open', { period: PERIOD, total: 1_000, valueStreamIds, participants: [RTE, MEMBER], version: null }));
    expect(opened).toMatchObject({ canSubmit: true, canManage: true, submissions: [], previous: { period: '2027-Q2' } });

    dataOf(await backend.call('member', 'participatory/submit', { period: PERIOD, allocation: { payments: 500, mobile: 300, data: 200 }, rationale: 'Payments first' }));
    const both = dataOf(await backend.call('rte', 'participatory/submit', { period: PERIOD, allocation: { payments: 300, mobile: 300, data: 400 }, rationale: 'Data platform' }));

    expect(both.submissions.map((submission) => submission.accountId)).toEqual([MEMBER, RTE]);
    // payments 300/500 → 400, mobile 300, data 200/400 → 300: they add up to 1,000 already.
    expect(both.medianAllocation).toEqual({ payments: 400, mobile: 300, data: 300 });
    expect(both.statistics.mostDisputed).toBe('payments');

    const writesBefore = backend.store.writes.length;
    expect(await backend.call('member', 'participatory/adopt', { period: PERIOD, allocation: both.medianAllocation, version: both.version })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(backend.store.writes.length).toBe(writesBefore);

    const adopted = dataOf(await backend.call('rte', 'participatory/adopt', { period: PERIOD, allocation: both.medianAllocation, version: both.version }));
    expect(adopted.session?.adopted).toMatchObject({ allocation: both.medianAllocation, accountId: RTE });
    expect(adopted.canSubmit).toBe(false);
    const budget = dataOf(await backend.call('member', 'budgets/list', { period: PERIOD }));
    expect(budget.lines.slice(0, 3).map((line) => [line.valueStreamId, line.budget])).toEqual([
      ['payments', 400],
      ['mobile', 300],
      ['data', 300],
    ]);
    const history = dataOf(await backend.call('rte', 'history/list', { limit: 1 }));
    expect(history.entries[0]).toMatchObject({ action: 'participatory/adopt', subject: { kind: 'budget', key: PERIOD } });
    expect(await backend.call('rte', 'participatory/adopt', { period: PERIOD, allocation: both.medianAllocation, version: both.version })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('should refuse a member who is not invited, and an allocation that does not add up to the total, storing nothing', async () => {
    dataOf(await backend.call('rte', 'participatory/open', { period: '2027-Q4', total: 900, valueStreamIds, participants: [RTE], version: null }));
    const writesBefore = backend.store.writes.length;
    expect(await backend.call('member', 'participatory/submit', { period: '2027-Q4', allocation: { payments: 300, mobile: 300, data: 300 }, rationale: '' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await backend.call('rte', 'participatory/submit', { period: '2027-Q4', allocation: { payments: 300, mobile: 300, data: 200 }, rationale: '' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'allocation: the amounts add up to 800, not the total 900' },
    });
    expect(backend.store.writes.length).toBe(writesBefore);
    expect(dataOf(await backend.call('member', 'participatory/get', { period: '2027-Q4' }))).toMatchObject({ canSubmit: false, canManage: false });
  });
});
