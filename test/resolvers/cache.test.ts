/**
 * The epic cache: what a cold and a warm board load ask of Jira, incremental refresh, the two
 * triggers, a scope change, and chunking under KVS's 240 KiB per value.
 */
import { httpJira } from '../../src/adapters/http/jira';
import { createMemoryStore } from '../../src/adapters/local/memoryStore';
import { CHUNK_LIMIT_BYTES, emptyEpicCache, loadEpicCache, removeEpics, saveEpicCache, upsertEpics } from '../../src/services/portfolio/epicCache';
import type { CachedEpic } from '../../src/services/portfolio/epicCache';
import { createIssueUpdated } from '../../src/triggers/issueUpdated';
import { createScheduledRefresh } from '../../src/triggers/scheduledRefresh';
import { demoUser } from '../../preview/demo-jira';
import { countingStore, dataOf, demoEpicKeys, startTestBackend } from '../builders/services';
import type { TestBackend } from '../builders/services';

const FRESH_MS = 60_000;
const KVS_VALUE_LIMIT = 240 * 1024;

const describeCalls = (backend: TestBackend, mark: number) => backend.callsSince(mark).map((call) => `${call.user} ${call.method} ${call.path}`);
const USER_IDS = (user: string) => `${user} POST /rest/api/3/search/jql`;
const APP_SEARCH = 'app POST /rest/api/3/search/jql';
const APP_BULKFETCH = 'app POST /rest/api/3/changelog/bulkfetch';
const APP_STATUSES = 'app GET /rest/api/3/statuses/search';

/** Moves an epic to another status as the RTE, through the demo Jira's transitions API. */
async function transition(backend: TestBackend, issueKey: string, toStatusName: string): Promise<void> {
  const rte = demoUser('rte');
  const jira = httpJira({ baseUrl: backend.demo.url, email: rte.email, apiToken: rte.apiToken });
  const transitions = await jira.getTransitions(issueKey);
  const target = transitions.find((candidate) => candidate.to.name === toStatusName);
  if (!target) throw new Error(`${issueKey} has no transition to ${toStatusName}`);
  await jira.transitionIssue(issueKey, target.id);
}

async function stateOnBoard(backend: TestBackend, issueKey: string): Promise<string | undefined> {
  return dataOf(await backend.call('rte', 'portfolio/board')).cards.find((card) => card.key === issueKey)?.state;
}

/** An epic in the demo's Funnel status (it can move to Reviewing). */
function funnelEpic(backend: TestBackend, project: string, index = 0): string {
  const keys = new Set(demoEpicKeys(backend, project));
  const epics = backend.demo.data.issues.filter((issue) => keys.has(issue.key) && issue.statusId === '10001');
  const epic = epics[index];
  if (!epic) throw new Error(`no Funnel epic #${index} in ${project}`);
  return epic.key;
}

describe('REST calls of a board load', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startTestBackend({ cacheFreshMs: FRESH_MS });
  });
  afterAll(() => backend.close());

  it('should search as the user, then fill the cache as the app, when the cache is cold', async () => {
    const mark = backend.mark();
    dataOf(await backend.call('rte', 'portfolio/board'));
    // 150 epics: one ids page for the user; two pages of 100 with fields and one bulkfetch for the app.
    expect(describeCalls(backend, mark)).toEqual([USER_IDS('rte'), APP_STATUSES, APP_SEARCH, APP_SEARCH, APP_BULKFETCH]);
  });

  it.each(['rte', 'member'] as const)('should make one call, the %s own ids search, when the cache is warm and fresh', async (user) => {
    const mark = backend.mark();
    dataOf(await backend.call(user, 'portfolio/board'));
    expect(describeCalls(backend, mark)).toEqual([USER_IDS(user)]);
  });

  it('should ask the app only what changed, with no bulkfetch, when the cache is older than its freshness and nothing changed', async () => {
    backend.clock.advance(FRESH_MS);
    const mark = backend.mark();
    dataOf(await backend.call('rte', 'portfolio/board'));
    expect(describeCalls(backend, mark)).toEqual([USER_IDS('rte'), APP_SEARCH]);
  });

  it('should re-read the moved epic and show its new state when an epic moved since the last refresh', async () => {
    const issueKey = funnelEpic(backend, 'PAY');
    expect(await stateOnBoard(backend, issueKey)).toBe('Funnel');
    await transition(backend, issueKey, 'Reviewing');
    backend.clock.advance(FRESH_MS);

    const mark = backend.mark();
    expect(await stateOnBoard(backend, issueKey)).toBe('Reviewing');
    expect(describeCalls(backend, mark)).toEqual([USER_IDS('rte'), APP_SEARCH, APP_BULKFETCH]);
  });
});

describe('epics missing from the cache', () => {
  it('should fetch only the epics the cache lacks, by id, when the user sees epics the cache has not seen', async () => {
    const backend = await startTestBackend({ cacheFreshMs: FRESH_MS });
    try {
      dataOf(await backend.call('rte', 'portfolio/board'));
      const [lost] = demoEpicKeys(backend, 'MOB');
      const lostId = backend.demo.data.issues.find((issue) => issue.key === lost)?.id as string;
      const cache = await loadEpicCache(backend.store);
      if (!cache) throw new Error('no cache');
      removeEpics(cache, [lostId]);
      await saveEpicCache(backend.store, cache);

      const mark = backend.mark();
      const board = dataOf(await backend.call('member', 'portfolio/board'));

      expect(describeCalls(backend, mark)).toEqual([USER_IDS('member'), APP_SEARCH, APP_BULKFETCH]);
      expect([...board.cards.map((card) => card.key), ...board.unmappedEpicKeys]).toContain(lost);
      expect((await loadEpicCache(backend.store))?.chunkOf.has(lostId)).toBe(true);
    } finally {
      await backend.close();
    }
  });
});

describe('triggers', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startTestBackend({ cacheFreshMs: FRESH_MS });
    dataOf(await backend.call('rte', 'portfolio/board'));
  });
  afterAll(() => backend.close());

  it('should update the cached epic at once when the issue-updated trigger fires', async () => {
    const issueKey = funnelEpic(backend, 'MOB');
    const issueId = backend.demo.data.issues.find((issue) => issue.key === issueKey)?.id as string;
    await transition(backend, issueKey, 'Reviewing');

    const mark = backend.mark();
    await createIssueUpdated(backend.runtime)({ issue: { id: issueId, key: issueKey, fields: {} }, eventType: 'avi:jira:updated:issue' });
    expect(describeCalls(backend, mark)).toEqual([APP_SEARCH, APP_BULKFETCH]);

    // Still within the freshness window: served from the cache, which the trigger updated.
    const boardMark = backend.mark();
    expect(await stateOnBoard(backend, issueKey)).toBe('Reviewing');
    expect(describeCalls(backend, boardMark)).toEqual([USER_IDS('rte')]);
  });

  it('should leave the cache alone when the updated issue is not in the scope', async () => {
    const story = backend.demo.data.issues.find((issue) => issue.issueTypeId !== '10000');
    if (!story) throw new Error('the demo portfolio has no story');
    const writes = backend.store.writes.length;
    const mark = backend.mark();
    await createIssueUpdated(backend.runtime)({ issue: { id: story.id, key: story.key } });
    expect(describeCalls(backend, mark)).toEqual([APP_SEARCH]);
    expect(backend.store.writes.length).toBe(writes);
  });

  it('should ignore an event without an issue when the payload is malformed', async () => {
    const mark = backend.mark();
    await createIssueUpdated(backend.runtime)({ something: 'else' });
    expect(describeCalls(backend, mark)).toEqual([]);
    expect(backend.log.entries.at(-1)).toEqual({ level: 'warn', message: 'issue-updated event without an issue', data: {} });
  });

  it('should rebuild the cache as the app, so the next load is warm, when the scheduled refresh runs', async () => {
    backend.clock.advance(10 * FRESH_MS);
    const mark = backend.mark();
    await createScheduledRefresh(backend.runtime)();
    expect(describeCalls(backend, mark).sort()).toEqual([APP_BULKFETCH, APP_SEARCH, APP_SEARCH, APP_STATUSES].sort());

    const boardMark = backend.mark();
    dataOf(await backend.call('member', 'portfolio/board'));
    expect(describeCalls(backend, boardMark)).toEqual([USER_IDS('member')]);
  });

  it('should rebuild the cache for the new scope when the scope JQL changes', async () => {
    const settings = dataOf(await backend.call('rte', 'settings/get'));
    const scopeJql = 'issuetype = Epic AND project in (PAY, MOB) ORDER BY key DESC';
    dataOf(await backend.call('rte', 'settings/save', { settings: { ...settings.settings, scopeJql }, version: settings.version }));

    const mark = backend.mark();
    const board = dataOf(await backend.call('rte', 'portfolio/board'));

    expect(describeCalls(backend, mark)).toEqual([USER_IDS('rte'), APP_STATUSES, APP_SEARCH, APP_BULKFETCH]);
    const expected = [...demoEpicKeys(backend, 'PAY'), ...demoEpicKeys(backend, 'MOB')];
    expect(new Set(board.cards.map((card) => card.key.split('-')[0]))).toEqual(new Set(['PAY', 'MOB']));
    expect(board.cards.length + board.unmappedEpicKeys.length).toBe(expected.length);
  });
});

describe('chunks', () => {
  /** An epic with a long history, so a few hundred fill a chunk. */
  function bulkyEpic(n: number): CachedEpic {
    return {
      id: String(20_000 + n),
      key: `BIG-${n}`,
      summary: `Epic number ${n} with a summary long enough to matter `.repeat(3),
      projectId: '1',
      projectKey: 'BIG',
      projectName: 'Big',
      labels: ['theme-growth', 'enabler'],
      createdAt: 1_700_000_000_000 + n,
      updatedAt: 1_700_000_000_000 + n,
      statusId: '10005',
      wsjf: { userBusinessValue: 5, timeCriticality: 3, riskReductionOpportunityEnablement: 2, jobSize: 8 },
      statusChanges: Array.from({ length: 12 }, (_, i): [number, string | null, string] => [1_700_000_000_000 + i * 1000, '10001', '10002']),
      flagChanges: [[1_700_000_500_000, true]],
    };
  }

  it('should keep every stored value under 240 KiB and read every epic back when the cache outgrows one chunk', async () => {
    const store = countingStore(createMemoryStore());
    const cache = emptyEpicCache('issuetype = Epic', 0, []);
    upsertEpics(cache, Array.from({ length: 1500 }, (_, n) => bulkyEpic(n)));
    await saveEpicCache(store, cache);

    const loaded = await loadEpicCache(store);
    expect(loaded?.chunkOf.size).toBe(1500);
    expect(loaded?.meta.chunkIds.length).toBeGreaterThan(3);
    for (const id of loaded?.meta.chunkIds ?? []) {
      const bytes = new TextEncoder().encode(JSON.stringify(await store.getValue(`epic-cache:chunk:${id}`))).length;
      expect(bytes).toBeLessThanOrEqual(CHUNK_LIMIT_BYTES + 64);
      expect(bytes).toBeLessThan(KVS_VALUE_LIMIT);
    }
  });

  it('should rewrite only the touched chunk and the meta when one epic changes', async () => {
    const store = countingStore(createMemoryStore());
    const cache = emptyEpicCache('issuetype = Epic', 0, []);
    upsertEpics(cache, Array.from({ length: 1500 }, (_, n) => bulkyEpic(n)));
    await saveEpicCache(store, cache);
    const loaded = await loadEpicCache(store);
    if (!loaded) throw new Error('cache not saved');
    store.writes.length = 0;

    upsertEpics(loaded, [{ ...bulkyEpic(700), summary: 'renamed' }]);
    await saveEpicCache(store, loaded);

    expect(store.writes).toEqual([`setValue epic-cache:chunk:${loaded.chunkOf.get('20700')}`, 'setValue epic-cache:meta']);
    expect((await loadEpicCache(store))?.chunks.get(loaded.chunkOf.get('20700') as number)?.get('20700')?.summary).toBe('renamed');
  });

  it('should rebuild rather than trust the cache when a chunk cannot be read', async () => {
    const backend = await startTestBackend({ cacheFreshMs: FRESH_MS });
    try {
      dataOf(await backend.call('rte', 'portfolio/board'));
      await backend.store.setValue('epic-cache:chunk:0', { schemaVersion: 1, epics: [{ id: 'broken' }] });

      const mark = backend.mark();
      const board = dataOf(await backend.call('member', 'portfolio/board'));

      expect(describeCalls(backend, mark)).toEqual([USER_IDS('member'), APP_STATUSES, APP_SEARCH, APP_SEARCH, APP_BULKFETCH]);
      expect(board.cards.some((card) => card.key.startsWith('DAT-'))).toBe(false);
    } finally {
      await backend.close();
    }
  });
});
