/**
 * The epic cache is filled by the app, which sees every project. The team member cannot browse
 * DAT: no resolver may hand them a DAT epic, whether the cache is cold or was warmed by the RTE.
 */
import type { ResolverInput, ResolverKey } from '../../src/contract/resolvers';
import { addDays } from '../../src/domain/calendar';
import { dataOf, demoEpicKeys, issueKeysIn, startTestBackend } from '../builders/services';
import type { TestBackend } from '../builders/services';

/** The resolvers that read epics, with a payload each. */
const EPIC_READS: { [K in ResolverKey]?: ResolverInput<K> } = {
  'portfolio/board': {},
  'portfolio/wsjf': {},
  'flow/metrics': {},
  'flow/forecast': { items: 10 },
  'budgets/list': { period: '2026-Q4' },
  'strategy/overview': { period: '2026-Q4' },
  'history/list': {},
};
const READ_KEYS = Object.keys(EPIC_READS) as ResolverKey[];

const isDat = (key: string) => key.startsWith('DAT-');

/** A DAT epic in Implementing (its forecast cost counts in the budget forecast). */
function openDatEpic(backend: TestBackend): string {
  const open = backend.demo.data.issues.find((issue) => issue.issueTypeId === '10000' && isDat(issue.key) && issue.statusId === '10005');
  if (!open) throw new Error('the demo portfolio has no open DAT epic');
  return open.key;
}

async function readAll(backend: TestBackend, user: 'rte' | 'member'): Promise<Record<string, unknown>> {
  const answers: Record<string, unknown> = {};
  for (const key of READ_KEYS) answers[key] = dataOf(await backend.callRaw(user, key, EPIC_READS[key]));
  return answers;
}

describe.each([
  ['cold', false],
  ['warmed by the RTE', true],
])('with a %s cache', (_name, warmByRte) => {
  let backend: TestBackend;
  let datEpics: string[];
  beforeAll(async () => {
    backend = await startTestBackend();
    datEpics = demoEpicKeys(backend, 'DAT');
    // The RTE scores an open DAT epic and estimates it: both land in the history and the budget.
    const datEpic = openDatEpic(backend);
    const wsjf = dataOf(await backend.call('rte', 'epic/wsjf/get', { issueKey: datEpic }));
    const components = { userBusinessValue: 8, timeCriticality: 5, riskReductionOpportunityEnablement: 3, jobSize: 2 };
    dataOf(await backend.call('rte', 'epic/wsjf/save', { issueKey: datEpic, components, version: wsjf.version }));
    const emptyCase = dataOf(await backend.call('rte', 'epic/case/get', { issueKey: datEpic }));
    dataOf(await backend.call('rte', 'epic/case/save', { issueKey: datEpic, case: { ...emptyCase.case, forecastCost: 90_000 }, version: null }));
    dataOf(await backend.call('rte', 'budgets/save', { period: '2026-Q4', lines: [{ valueStreamId: 'DAT', budget: 500_000 }], version: null }));
    if (warmByRte) await readAll(backend, 'rte');
    else {
      // The cache is lost: the member's page load starts the background sync (as the app, which
      // sees DAT), and the member's later loads are served from what it wrote.
      await backend.store.deleteValue('epic-cache:meta');
      dataOf(await backend.callRaw('member', 'portfolio/board', {}));
      await backend.runtime.queue.idle();
    }
  });
  afterAll(() => backend.close());

  it('should show the RTE DAT epics when the RTE can browse DAT', async () => {
    expect(datEpics.length).toBeGreaterThan(10);
    const board = dataOf(await backend.call('rte', 'portfolio/board'));
    expect(board.cards.filter((card) => isDat(card.key)).length + board.unmappedEpicKeys.filter(isDat).length).toBe(datEpics.length);
  });

  it.each(READ_KEYS)('should give the member no DAT epic when the member calls %s', async (key) => {
    const data = dataOf(await backend.callRaw('member', key, EPIC_READS[key]));
    const keys = issueKeysIn(data);
    expect(keys.filter(isDat)).toEqual([]);
    if (key !== 'flow/forecast' && key !== 'history/list') expect(keys.some((k) => k.startsWith('PAY-'))).toBe(true);
  });

  it('should count only the epics the member can browse when the board is built for the member', async () => {
    const board = dataOf(await backend.call('member', 'portfolio/board'));
    const visible = ['PAY', 'MOB', 'PLT'].flatMap((project) => demoEpicKeys(backend, project));
    expect(board.cards.length + board.unmappedEpicKeys.length).toBe(visible.length);
    expect(board.columns.reduce((sum, column) => sum + column.count, 0)).toBe(board.cards.length);
  });

  it('should rank the member only among visible epics when the member asks for the WSJF ranking', async () => {
    const ranking = dataOf(await backend.call('member', 'portfolio/wsjf'));
    const ranks = ranking.epics.map((epic) => epic.rank).filter((rank): rank is number => rank !== null);
    expect(ranks).toEqual(ranks.map((_rank, index) => index + 1));
  });

  it('should compute the member forecast from visible throughput only when DAT finished work in the window too', async () => {
    const member = dataOf(await backend.call('member', 'flow/forecast', { items: 10 }));
    const rte = dataOf(await backend.call('rte', 'flow/forecast', { items: 10 }));
    const windowStart = addDays(rte.asOf, -(rte.windowDays - 1));
    // A point per epic done in the range (epics closed without implementation have none: they are not throughput).
    const { charts } = dataOf(await backend.call('rte', 'flow/metrics', { filters: { from: windowStart } }));
    const datDoneInWindow = charts.flowTime.points.filter((point) => isDat(point.key) && point.end >= windowStart && point.end <= rte.asOf).length;
    expect(datDoneInWindow).toBeGreaterThan(0);
    expect(member.doneInWindow).toBe(rte.doneInWindow - datDoneInWindow);
  });

  it.each(['epic/wsjf/get', 'epic/wsjf/save'] as const)('should answer not_found, as for a key that does not exist, when the member names a DAT epic in %s', async (key) => {
    const payload = (issueKey: string) =>
      key === 'epic/wsjf/get'
        ? { issueKey }
        : { issueKey, components: { userBusinessValue: 1, timeCriticality: 1, riskReductionOpportunityEnablement: 1, jobSize: 1 }, version: null };
    const dat = await backend.callRaw('member', key, payload(datEpics[0] as string));
    const missing = await backend.callRaw('member', key, payload('ZZZ-9999'));
    expect(dat).toEqual({ ok: false, error: { code: 'not_found', message: `Epic ${datEpics[0]} was not found in the portfolio.` } });
    expect(missing).toEqual({ ok: false, error: { code: 'not_found', message: 'Epic ZZZ-9999 was not found in the portfolio.' } });
  });

  it('should keep the DAT entries out of the member history when the RTE changed a DAT epic', async () => {
    const rte = dataOf(await backend.call('rte', 'history/list'));
    const member = dataOf(await backend.call('member', 'history/list'));
    expect(rte.entries.map((entry) => entry.action)).toEqual(['budgets/save', 'epic/case/save', 'epic/wsjf/save']);
    expect(member.entries.map((entry) => entry.action)).toEqual(['budgets/save']);
  });

  it('should hide DAT estimates from the member budget when the RTE estimated a DAT epic', async () => {
    const rte = dataOf(await backend.call('rte', 'budgets/list', { period: '2026-Q4' }));
    const member = dataOf(await backend.call('member', 'budgets/list', { period: '2026-Q4' }));
    // The DAT value stream's forecast counts the DAT estimate for the RTE only.
    expect(rte.lines.find((line) => line.valueStream === 'Data & Analytics')?.forecast).toBe(90_000);
    expect(member.lines.find((line) => line.valueStream === 'Data & Analytics')?.forecast ?? 0).toBe(0);
  });
});
