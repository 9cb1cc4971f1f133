/**
 * Read-after-write on Jira's eventually consistent search. The demo Jira runs with a search lag
 * (search sees each issue as it was two minutes ago unless the request lists it in
 * `reconcileIssues`). The app remembers the epics it wrote and reconciles them on the searches
 * that follow. Without that, the board's incremental refresh (`updated >= …` since the last one)
 * either misses an epic the app just changed (search still has its old `updated`) and moves its
 * watermark past the change for good, or takes an earlier state from search and writes it over the
 * cache's newer copy.
 */
import { STATUS_IDS } from '../../preview/demo-jira';
import type { DemoIssue } from '../../preview/demo-jira';
import { dataOf, demoEpicKeys, startTestBackend } from '../builders/services';
import type { TestBackend } from '../builders/services';

const SEARCH_LAG_MS = 120_000;
const THEMES = [
  { id: 'growth', name: 'Growth', label: 'theme-growth', targetAllocation: null },
  { id: 'platform', name: 'Platform', label: 'theme-platform', targetAllocation: null },
];

let backend: TestBackend;
/** While on, the demo Jira answers the changelog bulkfetch with 500 (the move's cache write-through then fails). */
let changelogFails = false;
beforeAll(async () => {
  backend = await startTestBackend({
    searchLagMs: SEARCH_LAG_MS,
    faults: { rate: 1, kinds: ['500'] },
    skipFaults: (request) => !(changelogFails && (request.url ?? '').includes('/changelog/bulkfetch')),
  });
  dataOf(await backend.call('rte', 'themes/save', { themes: THEMES, version: null }));
});
afterAll(() => backend.close());

function epicsIn(project: string, statusId: string): DemoIssue[] {
  const keys = new Set(demoEpicKeys(backend, project));
  return backend.demo.data.issues.filter((issue) => keys.has(issue.key) && issue.statusId === statusId);
}

/** The epic as the app's search sees it now, without reconciling: proof the scene is stale. */
async function searchedAsApp(epic: DemoIssue) {
  const jira = backend.runtime.jira({ accountId: '712020:rte' }).app;
  const [found] = await jira.searchIssues({ jql: `id = ${epic.id}`, fields: ['status', 'labels'] });
  return { statusId: found?.fields.status?.id, labels: found?.fields.labels };
}

const cardOf = (board: { cards: readonly { key: string; state: string | null; theme: string | null }[] }, key: string) => board.cards.find((card) => card.key === key);

it('should show an epic the app moved in its new column on the next board load when the cache missed the move and search still sees the epic as it was', async () => {
  const [epic] = epicsIn('MOB', STATUS_IDS.reviewing);
  if (!epic) throw new Error('no MOB epic in Reviewing');
  dataOf(await backend.call('rte', 'portfolio/board'));
  backend.clock.advance(10_000);
  changelogFails = true;
  dataOf(await backend.call('rte', 'epic/transition', { issueKey: epic.key, toState: 'Analyzing', overWipLimit: true }));
  changelogFails = false;
  expect(backend.log.entries).toContainEqual(expect.objectContaining({ message: 'cache write-through after a move failed' }));

  // The cache is due for its refresh (60 s); search has not caught up with the move (120 s).
  backend.clock.advance(65_000);
  expect(await searchedAsApp(epic)).toMatchObject({ statusId: STATUS_IDS.reviewing });
  const board = dataOf(await backend.call('rte', 'portfolio/board'));
  expect(cardOf(board, epic.key)?.state).toBe('Analyzing');

  // And it stays there once search has caught up (the refresh's watermark did not pass it by).
  backend.clock.advance(SEARCH_LAG_MS);
  expect(cardOf(dataOf(await backend.call('member', 'portfolio/board')), epic.key)?.state).toBe('Analyzing');
});

it('should show the theme an epic was given last on the next board load when search still sees the theme given before', async () => {
  const keys = new Set(demoEpicKeys(backend, 'PAY'));
  const epic = backend.demo.data.issues.find((issue) => keys.has(issue.key) && !THEMES.some((theme) => issue.labels.includes(theme.label)));
  if (!epic) throw new Error('no PAY epic without either theme');
  backend.clock.advance(10 * 60_000);
  dataOf(await backend.call('rte', 'portfolio/board'));
  backend.clock.advance(10_000);
  expect(dataOf(await backend.call('rte', 'themes/assign', { themeId: 'growth', issueKeys: [epic.key] })).results[0]?.outcome).toBe('assigned');
  backend.clock.advance(10_000);
  expect(dataOf(await backend.call('rte', 'themes/assign', { themeId: 'platform', issueKeys: [epic.key] })).results[0]?.outcome).toBe('assigned');

  // Past the first assignment's lag, before the second's, and the cache is due: search returns the
  // epic as the first assignment left it, updated recently enough for the refresh to take it.
  backend.clock.advance(SEARCH_LAG_MS - 5_000);
  expect((await searchedAsApp(epic)).labels).toContain('theme-growth');
  const board = dataOf(await backend.call('rte', 'portfolio/board'));

  expect(cardOf(board, epic.key)?.theme).toBe('Platform');
});

it('should remember the epics whose WSJF the app saved, as search returns the property', async () => {
  const [epic] = epicsIn('PAY', STATUS_IDS.funnel);
  if (!epic) throw new Error('no PAY epic in Funnel');
  const before = dataOf(await backend.call('rte', 'epic/wsjf/get', { issueKey: epic.key }));
  const components = { userBusinessValue: 8, timeCriticality: 5, riskReductionOpportunityEnablement: 3, jobSize: 5 };
  dataOf(await backend.call('rte', 'epic/wsjf/save', { issueKey: epic.key, components, version: before.version }));

  const stored = await backend.store.get('sync', 'recent-writes');
  expect((stored?.value as { writes: unknown[] }).writes[0]).toEqual({ id: Number(epic.id), at: backend.clock.now() });
});
