/**
 * epic/panel, the issue panel's one request, through the handler against the demo Jira: its answer
 * holds what the panel's three reads answered (the WSJF as epic/wsjf/get reads it, the business
 * case as epic/case/get, the key results as the OKRs page shows them, the score changes as the
 * history lists them), and what it costs: Jira requests by endpoint and KVS read units (the metered
 * store) for an epic in scope, one a member cannot see, and an issue that is not an epic.
 */
import type { ResolverInput } from '../../src/contract/resolvers';
import type { StorePort } from '../../src/ports';
import { createMemoryStore } from '../../src/adapters/local/memoryStore';
import { createMeteredStore } from '../../src/adapters/local/meteredStore';
import { ISSUE_TYPE_IDS, demoUser } from '../../preview/demo-jira';
import { dataOf, demoEpicKeys, startTestBackend } from '../builders/services';
import type { TestBackend, TestUser } from '../builders/services';

const PERIOD = '2026-Q4';
const MEMBER = demoUser('member');
const COMPONENTS = { userBusinessValue: 8, timeCriticality: 5, riskReductionOpportunityEnablement: 3, jobSize: 2 };
const OBJECTIVES: ResolverInput<'okrs/save'>['objectives'] = [
  {
    id: 'faster-payouts',
    title: 'Faster payouts',
    themeId: null,
    keyResults: [
      { id: 'payout-hours', title: 'Payout time', baseline: 48, target: 4, current: 48, unit: 'h', owner: { accountId: MEMBER.accountId, displayName: MEMBER.displayName }, confidence: 5 },
      { id: 'markets', title: 'Markets live', baseline: 0, target: 10, current: 2, unit: '' },
    ],
  },
];

const metered = createMeteredStore(createMemoryStore());
/** What the store was asked, by call: `get collection/key`, `getMany collection/key`, `list collection`, `getValue key`. */
const reads: string[] = [];
const recordingStore: StorePort = {
  ...metered.store,
  get: (collection, key) => (reads.push(`get ${collection}/${key}`), metered.store.get(collection, key)),
  getMany: (collection, keys) => (reads.push(...keys.map((key) => `getMany ${collection}/${key}`)), metered.store.getMany(collection, keys)),
  list: (collection, options) => (reads.push(`list ${collection}`), metered.store.list(collection, options)),
  getValue: (key) => (reads.push(`getValue ${key}`), metered.store.getValue(key)),
};
let backend: TestBackend;
let payEpic: string;

beforeAll(async () => {
  backend = await startTestBackend({ store: recordingStore });
  payEpic = demoEpicKeys(backend, 'PAY')[4]!;
  dataOf(await backend.call('rte', 'okrs/save', { period: PERIOD, objectives: OBJECTIVES, version: null }));
  dataOf(await backend.call('rte', 'okrs/link', { period: PERIOD, keyResultId: 'markets', issueKeys: [payEpic], linked: true }));
  dataOf(await backend.call('member', 'okrs/checkin', { period: PERIOD, objectiveId: 'faster-payouts', keyResultId: 'payout-hours', value: 24, confidence: 7, note: 'Halfway', version: null }));
  const before = dataOf(await backend.call('rte', 'epic/wsjf/get', { issueKey: payEpic }));
  dataOf(await backend.call('rte', 'epic/wsjf/save', { issueKey: payEpic, components: COMPONENTS, version: before.version }));
  dataOf(await backend.call('rte', 'epic/case/save', { issueKey: payEpic, case: caseOf(120_000), version: null }));
});
afterAll(() => backend.close());

function caseOf(forecastCost: number) {
  const hypothesis = { forCustomers: 'merchants', who: 'wait for payouts', solution: 'instant payouts', isA: 'service', that: 'pays in minutes', unlike: 'batches', ourSolution: 'streams' };
  return { hypothesis, businessOutcomes: ['Faster payouts'], leadingIndicators: [], mvp: 'One market', mvpCost: 20_000, forecastCost, investmentType: null };
}

function storyKey(projectKey: string): string {
  const project = backend.demo.data.projects.find((candidate) => candidate.key === projectKey);
  return backend.demo.data.issues.find((issue) => issue.issueTypeId === ISSUE_TYPE_IDS.story && issue.projectId === project?.id)!.key;
}

/** One call's Jira requests by endpoint (issue keys and ids folded) and its KVS read units. */
async function measured(user: TestUser, issueKey: string) {
  const mark = backend.mark();
  metered.meter.reset();
  reads.length = 0;
  const result = await backend.call(user, 'epic/panel', { issueKey });
  const requests: Record<string, number> = {};
  for (const call of backend.callsSince(mark)) {
    const endpoint = `${call.method} ${call.path.replace(/\/issue\/[^/]+/, '/issue/{issue}')}`;
    requests[endpoint] = (requests[endpoint] ?? 0) + 1;
  }
  const listed = reads.filter((read) => read.startsWith('list ')).map((read) => read.slice('list '.length)).sort();
  return { result, requests, readUnits: metered.meter.reading().readUnits, reads: [...reads], listed };
}

async function panelOf(user: TestUser, issueKey: string) {
  const answer = dataOf(await backend.call(user, 'epic/panel', { issueKey }));
  if (answer.kind !== 'epic') throw new Error(answer.kind);
  return answer;
}

describe('what epic/panel answers', () => {
  it.each(['rte', 'member'] as const)('should give the %s the WSJF and the business case exactly as epic/wsjf/get and epic/case/get do', async (user) => {
    const panel = await panelOf(user, payEpic);
    expect(panel.wsjf).toEqual(dataOf(await backend.call(user, 'epic/wsjf/get', { issueKey: payEpic })));
    expect(panel.businessCase).toEqual(dataOf(await backend.call(user, 'epic/case/get', { issueKey: payEpic })));
    expect(panel.wsjf.canEdit).toBe(true);
    expect(panel.businessCase.canDecide).toBe(user === 'rte');
  });

  it("should give the quarter's key results as the OKRs page shows them, with the latest check-in and this epic's links", async () => {
    const panel = await panelOf('member', payEpic);
    const okrs = dataOf(await backend.call('member', 'okrs/list', { period: PERIOD }));
    const expected = okrs.objectives.flatMap((objective) =>
      objective.keyResults.map((keyResult) => ({
        objectiveId: objective.id,
        objectiveTitle: objective.title,
        keyResultId: keyResult.id,
        title: keyResult.title,
        unit: keyResult.unit,
        current: keyResult.current,
        target: keyResult.target,
        progress: keyResult.progress,
        confidence: keyResult.confidence,
        linked: keyResult.epics.some((epic) => epic.key === payEpic),
      })),
    );
    expect(panel.keyResults).toEqual({ issueKey: payEpic, period: PERIOD, canLink: true, confidenceScale: okrs.confidenceScale, keyResults: expected });
    expect(panel.keyResults.keyResults.map((row) => [row.keyResultId, row.current, row.confidence, row.linked])).toEqual([
      ['payout-hours', 24, 7, false],
      ['markets', 2, null, true],
    ]);
  });

  it('should list the score changes the history holds for the epic, and the other visible epics as the ranking has them', async () => {
    const panel = await panelOf('rte', payEpic);
    const history = dataOf(await backend.call('rte', 'history/list', { limit: 500 }));
    const saves = history.entries.filter((entry) => entry.action === 'epic/wsjf/save' && entry.subject.key === payEpic);
    expect(panel.changes).toEqual(saves.map((entry) => ({ at: entry.at, accountId: entry.accountId, byYou: true, summary: entry.summary, changes: entry.changes })));
    expect(panel.changes).toHaveLength(1);
    const ranking = dataOf(await backend.call('rte', 'portfolio/wsjf'));
    const others = ranking.epics.filter((epic) => epic.key !== payEpic);
    expect(new Map(panel.others.map((other) => [other.key, other.jobSize]))).toEqual(new Map(others.map((epic) => [epic.key, epic.jobSize])));
  });
});

describe('what epic/panel costs', () => {
  it('should ask Jira twice for an epic in scope (the search and one mypermissions) and read every stored value once', async () => {
    await backend.call('rte', 'epic/panel', { issueKey: payEpic });
    const { result, requests, readUnits, reads: made, listed } = await measured('rte', payEpic);
    expect(result.ok).toBe(true);
    expect(requests).toEqual({ 'POST /rest/api/3/search/jql': 1, 'GET /rest/api/3/mypermissions': 1 });
    const single = made.filter((read) => !read.startsWith('list '));
    expect(single).toEqual([...new Set(single)]);
    // Every card from the digest the open before stored: no chunk's own cards.
    expect(single.filter((read) => read.startsWith('getMany epic-cache-cards/cards-'))).toEqual([]);
    expect(single).toContain('get epic-cache-cards/digest-0');
    // The quarter's check-ins and links; the score changes are the epic's WSJF register's (one get), not the history's.
    expect(listed).toEqual(['okr-checkins', 'okr-links']);
    expect(single).toContain(`get wsjf-register/${backend.demo.data.issues.find((issue) => issue.key === payEpic)?.id}`);
    expect(readUnits).toBeLessThanOrEqual(20);
  });

  it('should ask a member who is no Jira admin who they are once, for the portfolio-managers group', async () => {
    await backend.call('member', 'epic/panel', { issueKey: payEpic });
    const { requests } = await measured('member', payEpic);
    expect(requests).toEqual({ 'POST /rest/api/3/search/jql': 1, 'GET /rest/api/3/mypermissions': 1, 'GET /rest/api/3/myself': 1 });
  });

  it('should not read the history for an epic never scored', async () => {
    const unscored = dataOf(await backend.call('rte', 'portfolio/wsjf')).epics.find((epic) => epic.version === null)!.key;
    const { result, listed } = await measured('rte', unscored);
    expect(dataOf(result)).toMatchObject({ kind: 'epic', changes: [] });
    // Without a case document of its own, the old budget documents are looked through for its estimate.
    expect(listed).toEqual(['budgetLegacy', 'budgets', 'okr-checkins', 'okr-links']);
  });

  it('should answer not found to a member who cannot see the epic, after the search and the issue read', async () => {
    const hidden = demoEpicKeys(backend, 'DAT')[0]!;
    const { result, requests, listed } = await measured('member', hidden);
    expect(result).toEqual({ ok: false, error: { code: 'not_found', message: `Epic ${hidden} was not found in the portfolio.` } });
    expect(requests).toEqual({ 'POST /rest/api/3/search/jql': 1, 'GET /rest/api/3/issue/{issue}': 1 });
    expect(listed).toEqual([]);
  });

  it('should answer "not a portfolio epic" for a story, asking Jira for its type, and nothing more', async () => {
    const story = storyKey('PAY');
    const { result, requests, listed } = await measured('rte', story);
    expect(dataOf(result)).toEqual({ kind: 'not-portfolio-epic', issueKey: story, issueType: 'Story', expected: 'issue types at hierarchy level 1 (Epic)' });
    expect(requests).toEqual({ 'POST /rest/api/3/search/jql': 1, 'GET /rest/api/3/issue/{issue}': 1 });
    expect(listed).toEqual([]);
  });
});
