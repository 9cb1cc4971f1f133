/**
 * Every Strategy and OKR-link save writes its documents and their history entries in one
 * transaction: when the entry cannot be written, the save is refused and the documents are as they
 * were (a crash between two writes would otherwise keep a change nobody can trace). A save that
 * writes two documents (adopting a participatory allocation) writes both or neither, and a stale
 * one is still refused with the words of a conflict. Theme assignment, whose change is a Jira label
 * (no transaction with the store), keeps the label and logs the entry it lost.
 */
import { createMemoryStore } from '../../src/adapters/local/memoryStore';
import type { DocumentWrite, StorePort } from '../../src/ports';
import { dataOf, demoEpicKeys, startTestBackend } from '../builders/services';
import type { TestBackend } from '../builders/services';

jest.setTimeout(120_000);

const RTE = '712020:rte';
const MEMBER = '712020:member';
const STREAMS = [
  { id: 'payments', name: 'Payments', projectKeys: ['PAY'] },
  { id: 'mobile', name: 'Mobile Experience', projectKeys: ['MOB'] },
  { id: 'data', name: 'Data & Analytics', projectKeys: ['DAT'] },
];
const GUARDRAILS = {
  investmentTypes: [
    { id: 'business', name: 'Business', target: 0.6 },
    { id: 'enabler', name: 'Enabler', target: 0.4 },
  ],
  tolerance: 0.05,
  approvalThreshold: 100_000,
  approvalThresholdByValueStream: {},
};
const OKR_PERIOD = '2026-Q4';
const OBJECTIVES = [{ id: 'faster-payouts', title: 'Faster payouts', themeId: null, keyResults: [{ id: 'payout-hours', title: 'Payout time', baseline: 48, target: 4, current: 48, unit: 'h' }] }];

/** The store, with a switch that makes every write of a history entry fail (as a crash would). */
let historyFails = false;
/** Runs just before the next transaction that writes `collection`, e.g. another user's save landing in between. */
let beforeTransaction: { collection: string; run: () => Promise<unknown> } | null = null;
const inner = createMemoryStore();
const failingHistory = () => Promise.reject(new Error('disk full'));
const store: StorePort = {
  ...inner,
  put: (collection, key, value, expectedVersion) => (historyFails && collection === 'history' ? failingHistory() : inner.put(collection, key, value, expectedVersion)),
  putAll: async (writes: readonly DocumentWrite[]) => {
    const hook = beforeTransaction;
    if (hook && writes.some((write) => write.collection === hook.collection)) {
      beforeTransaction = null;
      await hook.run();
    }
    return historyFails && writes.some((write) => write.collection === 'history') ? failingHistory() : inner.putAll(writes);
  },
};

let backend: TestBackend;
let payEpic: string;
beforeAll(async () => {
  backend = await startTestBackend({ store });
  payEpic = demoEpicKeys(backend, 'PAY')[0] as string;
  dataOf(await backend.call('rte', 'valueStreams/save', { valueStreams: STREAMS, version: null }));
  dataOf(await backend.call('rte', 'guardrails/save', { guardrails: GUARDRAILS, version: null }));
  dataOf(await backend.call('rte', 'okrs/save', { period: OKR_PERIOD, objectives: OBJECTIVES, version: null }));
  dataOf(await backend.call('rte', 'themes/save', { themes: [{ id: 'growth', name: 'Growth', label: 'theme-growth', targetAllocation: null }], version: null }));
});
afterAll(() => backend.close());
afterEach(() => {
  historyFails = false;
  beforeTransaction = null;
});

/** The save is refused (an unexpected store error is logged and rethrown) and the history has nothing new. */
async function expectRefusedWithoutEntry(save: () => Promise<unknown>): Promise<void> {
  const entriesBefore = dataOf(await backend.call('rte', 'history/list', { limit: 500 })).entries.length;
  historyFails = true;
  await expect(save()).rejects.toThrow('disk full');
  historyFails = false;
  expect(dataOf(await backend.call('rte', 'history/list', { limit: 500 })).entries).toHaveLength(entriesBefore);
}

describe('a save whose history entry cannot be written', () => {
  it('should leave the guardrails as they were', async () => {
    const before = dataOf(await backend.call('rte', 'guardrails/get'));
    await expectRefusedWithoutEntry(() => backend.call('rte', 'guardrails/save', { guardrails: { ...GUARDRAILS, tolerance: 0.1 }, version: before.version }));
    expect(dataOf(await backend.call('rte', 'guardrails/get'))).toEqual(before);
  });

  it.each([
    ['a budget save', '2027-Q1', (version: number | null) => ({ route: 'budgets/save' as const, input: { period: '2027-Q1', lines: [{ valueStreamId: 'payments', budget: 999 }], version } })],
    ['a spend entry', '2027-Q2', (version: number | null) => ({ route: 'budgets/spend/save' as const, input: { period: '2027-Q2', valueStreamId: 'payments', month: '2027-04', amount: 5, note: '', version } })],
  ])('should leave the budget as it was, for %s', async (_name, period, request) => {
    const saved = dataOf(await backend.call('rte', 'budgets/save', { period, lines: [{ valueStreamId: 'payments', budget: 100_000 }], version: null }));
    const { route, input } = request(saved.version);
    await expectRefusedWithoutEntry(() => backend.call('rte', route, input as never));
    expect(dataOf(await backend.call('rte', 'budgets/list', { period }))).toEqual(saved);
  });

  it('should leave the business case as it was, for a case save', async () => {
    const before = dataOf(await backend.call('rte', 'epic/case/get', { issueKey: payEpic }));
    await expectRefusedWithoutEntry(() =>
      backend.call('rte', 'epic/case/save', { issueKey: payEpic, case: { ...before.case, forecastCost: 50_000 }, version: before.version }),
    );
    expect(dataOf(await backend.call('rte', 'epic/case/get', { issueKey: payEpic }))).toEqual(before);
  });

  it('should leave the business case as it was, for a decision', async () => {
    const before = dataOf(await backend.call('rte', 'epic/case/get', { issueKey: payEpic }));
    await expectRefusedWithoutEntry(() => backend.call('rte', 'epic/case/decide', { issueKey: payEpic, decision: 'go', note: '', version: before.version }));
    expect(dataOf(await backend.call('rte', 'epic/case/get', { issueKey: payEpic }))).toEqual(before);
  });

  const open = (period: string) => ({ period, total: 1_000, valueStreamIds: ['payments', 'mobile'], epicKeys: [], participants: [RTE, MEMBER], version: null });
  const allocation = { payments: 600, mobile: 400 };

  it('should store no participatory session when opening one', async () => {
    await expectRefusedWithoutEntry(() => backend.call('rte', 'participatory/open', open('2028-Q1')));
    expect(dataOf(await backend.call('rte', 'participatory/get', { period: '2028-Q1' }))).toMatchObject({ session: null, version: null });
  });

  it('should leave the participatory session as it was, for a submission', async () => {
    const opened = dataOf(await backend.call('rte', 'participatory/open', open('2028-Q2')));
    await expectRefusedWithoutEntry(() => backend.call('member', 'participatory/submit', { period: '2028-Q2', allocation, rationale: '' }));
    expect(dataOf(await backend.call('rte', 'participatory/get', { period: '2028-Q2' }))).toMatchObject({ version: opened.version, submissions: [] });
  });

  it('should leave the participatory session and the budget as they were, for an adoption', async () => {
    const period = '2028-Q3';
    dataOf(await backend.call('rte', 'participatory/open', open(period)));
    const submitted = dataOf(await backend.call('member', 'participatory/submit', { period, allocation, rationale: '' }));
    const budgetBefore = dataOf(await backend.call('rte', 'budgets/list', { period }));
    await expectRefusedWithoutEntry(() => backend.call('rte', 'participatory/adopt', { period, allocation, version: submitted.version }));
    expect(dataOf(await backend.call('rte', 'participatory/get', { period }))).toMatchObject({ version: submitted.version, session: { adopted: null }, canSubmit: true });
    expect(dataOf(await backend.call('rte', 'budgets/list', { period }))).toEqual(budgetBefore);
  });

  it('should leave the links of a key result as they were', async () => {
    const link = { period: OKR_PERIOD, keyResultId: 'payout-hours', issueKeys: [payEpic], linked: true };
    await expectRefusedWithoutEntry(() => backend.call('rte', 'okrs/link', link));
    expect(dataOf(await backend.call('rte', 'okrs/list', { period: OKR_PERIOD })).objectives[0]?.keyResults[0]?.epics).toEqual([]);
  });
});

describe('a save that lands', () => {
  it('should write the links of a key result and one entry per epic linked, naming the version the links reached', async () => {
    const [first, second] = demoEpicKeys(backend, 'PAY').slice(1, 3) as [string, string];
    dataOf(await backend.call('rte', 'okrs/link', { period: OKR_PERIOD, keyResultId: 'payout-hours', issueKeys: [first, second], linked: true }));
    const entries = dataOf(await backend.call('rte', 'history/list', { limit: 500 })).entries.filter((entry) => entry.action === 'okrs/link');
    expect(entries.map((entry) => [entry.subject.key, entry.version]).sort()).toEqual([
      [first, 1],
      [second, 1],
    ]);
    expect((await inner.list('okr-links')).items.map((item) => item.version)).toEqual([1]);
  });
});

describe('adopting when the budget changed in the meantime', () => {
  it('should refuse with the conflict on the budget and close neither the session nor change the budget', async () => {
    const period = '2027-Q4';
    dataOf(await backend.call('rte', 'participatory/open', { period, total: 500, valueStreamIds: ['payments'], epicKeys: [], participants: null, version: null }));
    const allocation = { payments: 500 };
    const submitted = dataOf(await backend.call('rte', 'participatory/submit', { period, allocation, rationale: '' }));
    // Someone saves the quarter's budget after the adopt read it, before its transaction.
    beforeTransaction = {
      collection: 'participatory',
      run: () => inner.put('budgets', period, { schemaVersion: 2, period, lines: [{ valueStreamId: 'mobile', budget: 7, spend: [] }] }, null),
    };
    const result = await backend.call('rte', 'participatory/adopt', { period, allocation, version: submitted.version });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(result.ok ? '' : result.error.message).toContain(`Someone else saved the budget for ${period} in the meantime (you read nothing saved yet; now there is version 1)`);
    expect(dataOf(await backend.call('rte', 'participatory/get', { period }))).toMatchObject({ version: submitted.version, session: { adopted: null } });
    const budgets = new Map(dataOf(await backend.call('rte', 'budgets/list', { period })).lines.map((line) => [line.valueStreamId, line.budget]));
    expect([budgets.get('mobile'), budgets.get('payments')]).toEqual([7, 0]);
  });
});

describe('assigning a theme when its history entry cannot be written', () => {
  it('should keep the Jira label change, which already happened, and log the lost entry', async () => {
    const epic = demoEpicKeys(backend, 'PAY')[4] as string;
    historyFails = true;
    const answer = dataOf(await backend.call('rte', 'themes/assign', { themeId: 'growth', issueKeys: [epic] }));
    historyFails = false;
    expect(answer.results).toEqual([{ issueKey: epic, outcome: 'assigned', message: null }]);
    expect(backend.demo.data.issues.find((issue) => issue.key === epic)?.labels).toContain('theme-growth');
    expect(backend.log.entries).toContainEqual(
      expect.objectContaining({ level: 'error', message: 'history entry not recorded', data: expect.objectContaining({ action: 'themes/assign', subject: epic }) }),
    );
  });
});
