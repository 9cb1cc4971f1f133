/**
 * The epic cache: what a cold and a warm board load ask of Jira, incremental refresh, the two
 * triggers, a scope change, and chunking under KVS's 240 KiB per value.
 */
import { httpJira } from '../../src/adapters/http/jira';
import { createMemoryStore } from '../../src/adapters/local/memoryStore';
import type { ResolverOutput } from '../../src/contract/resolvers';
import type { Result } from '../../src/contract/result';
import type { JiraPort, StorePort } from '../../src/ports';
import { createResolverHandler } from '../../src/resolvers/handler';
import type { Runtime } from '../../src/runtime/runtime';
import { CHUNK_LIMIT_BYTES, emptyEpicCache, loadEpicCache, loadEpicCacheMeta, removeEpics, saveEpicCache, upsertEpics } from '../../src/services/portfolio/epicCache';
import type { CachedEpic } from '../../src/services/portfolio/epicCache';
import { createIssueUpdated } from '../../src/triggers/issueUpdated';
import { createScheduledRefresh, FULL_SYNC_EVERY_MS } from '../../src/triggers/scheduledRefresh';
import { createSyncConsumer } from '../../src/triggers/syncConsumer';
import { createInProcessQueue } from '../../src/adapters/local/inProcessQueue';
import { demoUser } from '../../preview/demo-jira';
import { countingStore, dataOf, demoEpicKeys, startTestBackend } from '../builders/services';
import type { TestBackend, TestUser } from '../builders/services';

const FRESH_MS = 60_000;
const KVS_VALUE_LIMIT = 240 * 1024;

const describeCalls = (backend: TestBackend, mark: number) => backend.callsSince(mark).map((call) => `${call.user} ${call.method} ${call.path}`);
const USER_IDS = (user: string) => `${user} POST /rest/api/3/search/jql`;
const APP_SEARCH = 'app POST /rest/api/3/search/jql';
const APP_BULKFETCH = 'app POST /rest/api/3/changelog/bulkfetch';
const APP_STATUSES = 'app GET /rest/api/3/statuses/search';
const APP_FIELDS = 'app GET /rest/api/3/field';
/** A full rebuild: the statuses, the fields (for the Flagged field's id), the scope search and the bulkfetch run partly at once. */
const sorted = (calls: readonly string[]) => [...calls].sort();

/** The backend's runtime with the app's Jira port wrapped (to hide epics, drop fields, record calls). */
function withAppPort(backend: TestBackend, wrap: (app: JiraPort) => JiraPort) {
  // Its own queue: the background sync this runtime starts reads Jira through the wrapped port too.
  const queue = createInProcessQueue({ msPerDelaySecond: 0 });
  const runtime: Runtime = {
    ...backend.runtime,
    queue,
    jira: (context) => {
      const actors = backend.runtime.jira(context);
      return { user: actors.user === actors.app ? wrap(actors.app) : actors.user, app: wrap(actors.app) };
    },
  };
  queue.attach(createSyncConsumer(runtime));
  const handler = createResolverHandler(runtime);
  const board = (user: TestUser) =>
    handler({ call: { functionKey: 'portfolio/board', payload: {} }, context: {} }, { principal: { accountId: demoUser(user).accountId } }) as Promise<
      Result<ResolverOutput<'portfolio/board'>>
    >;
  return { runtime, board, idle: () => queue.idle() };
}

const idOfKey = (backend: TestBackend, key: string) => backend.demo.data.issues.find((issue) => issue.key === key)?.id as string;

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

describe('REST calls of a board load', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startTestBackend({ cacheFreshMs: FRESH_MS, cold: true });
  });
  afterAll(() => backend.close());

  it('should search as the user only and start the background sync, which fills the cache as the app, when the cache is cold', async () => {
    const mark = backend.mark();
    const first = dataOf(await backend.call('rte', 'portfolio/board'));
    // The resolver never rebuilds inline: it answers with what exists (nothing yet) at the cost of the user's search.
    expect(describeCalls(backend, mark)).toEqual([USER_IDS('rte')]);
    expect(first.cards).toEqual([]);
    expect(dataOf(await backend.call('rte', 'sync/status'))).toMatchObject({ status: 'running' });

    await backend.runtime.queue.idle();
    // 150 epics: the app's ids search, statuses, fields, then one step (two pages of 100 by id and one bulkfetch).
    const appCalls = describeCalls(backend, mark).filter((call) => call.startsWith('app '));
    expect(sorted(appCalls)).toEqual(sorted([APP_SEARCH, APP_STATUSES, APP_FIELDS, APP_SEARCH, APP_SEARCH, APP_BULKFETCH]));
    expect(dataOf(await backend.call('rte', 'sync/status'))).toMatchObject({ status: 'done', fetched: 150, total: 150, percent: 100, stale: false });
    expect(dataOf(await backend.call('member', 'sync/status'))).toMatchObject({ status: 'done', fetched: null, total: null, percent: 100 });
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

  it('should record the epic without a Jira request, and show its change on the next board within the freshness window, when the issue-updated trigger fires', async () => {
    const issueKey = funnelEpic(backend, 'MOB');
    const issueId = backend.demo.data.issues.find((issue) => issue.key === issueKey)?.id as string;
    await transition(backend, issueKey, 'Reviewing');

    const mark = backend.mark();
    await createIssueUpdated(backend.runtime)({ issue: { id: issueId, key: issueKey, fields: {} }, eventType: 'avi:jira:updated:issue' });
    expect(describeCalls(backend, mark)).toEqual([]);

    // Still within the freshness window: the board re-reads the pending epic (one search, one bulkfetch).
    const boardMark = backend.mark();
    expect(await stateOnBoard(backend, issueKey)).toBe('Reviewing');
    expect(describeCalls(backend, boardMark)).toEqual([USER_IDS('rte'), APP_SEARCH, APP_BULKFETCH]);
    // Applied and cleared: the next load asks Jira nothing more.
    const nextMark = backend.mark();
    expect(await stateOnBoard(backend, issueKey)).toBe('Reviewing');
    expect(describeCalls(backend, nextMark)).toEqual([USER_IDS('rte')]);
  });

  it('should leave the cache alone when the updated issue is not in the scope', async () => {
    const story = backend.demo.data.issues.find((issue) => issue.issueTypeId !== '10000');
    if (!story) throw new Error('the demo portfolio has no story');
    const mark = backend.mark();
    await createIssueUpdated(backend.runtime)({ issue: { id: story.id, key: story.key } });
    expect(describeCalls(backend, mark)).toEqual([]);
    const writes = backend.store.writes.length;
    const boardMark = backend.mark();
    dataOf(await backend.call('rte', 'portfolio/board'));
    // One search finds it out of scope: no bulkfetch, and only the pending set is written.
    expect(describeCalls(backend, boardMark)).toEqual([USER_IDS('rte'), APP_SEARCH]);
    expect(backend.store.writes.slice(writes)).toEqual(['put epic-cache-pending/epics']);
  });

  it('should ignore an event without an issue when the payload is malformed', async () => {
    const mark = backend.mark();
    await createIssueUpdated(backend.runtime)({ something: 'else' });
    expect(describeCalls(backend, mark)).toEqual([]);
    expect(backend.log.entries.at(-1)).toEqual({ level: 'warn', message: 'issue-updated event without an issue', data: {} });
  });

  it('should ask the app only what changed since the last refresh, and keep the next load warm, when the daily refresh runs', async () => {
    backend.clock.advance(10 * FRESH_MS);
    const mark = backend.mark();
    await createScheduledRefresh(backend.runtime)();
    // One search for what was updated (and the changelogs of the epics earlier tests moved); no rebuild.
    const calls = describeCalls(backend, mark);
    expect(calls[0]).toBe(APP_SEARCH);
    expect(calls.slice(1).every((call) => call === APP_BULKFETCH)).toBe(true);

    const boardMark = backend.mark();
    dataOf(await backend.call('member', 'portfolio/board'));
    expect(describeCalls(backend, boardMark)).toEqual([USER_IDS('member')]);
  });

  it('should serve the old cache trimmed to the new scope at once and rebuild it in the background when the scope JQL changes', async () => {
    const settings = dataOf(await backend.call('rte', 'settings/get'));
    const scopeJql = 'issuetype = Epic AND project in (PAY, MOB) ORDER BY key DESC';
    dataOf(await backend.call('rte', 'settings/save', { settings: { ...settings.settings, scopeJql }, version: settings.version }));

    const mark = backend.mark();
    const board = dataOf(await backend.call('rte', 'portfolio/board'));
    expect(describeCalls(backend, mark)).toEqual([USER_IDS('rte')]);
    const expected = [...demoEpicKeys(backend, 'PAY'), ...demoEpicKeys(backend, 'MOB')];
    expect(new Set(board.cards.map((card) => card.key.split('-')[0]))).toEqual(new Set(['PAY', 'MOB']));
    expect(board.cards.length + board.unmappedEpicKeys.length).toBe(expected.length);

    const syncMark = backend.mark();
    await backend.runtime.queue.idle();
    expect(sorted(describeCalls(backend, syncMark))).toEqual(sorted([APP_SEARCH, APP_STATUSES, APP_FIELDS, APP_SEARCH, APP_BULKFETCH]));
    expect((await loadEpicCache(backend.store))?.chunkOf.size).toBe(expected.length);
  });
});

describe('chunks', () => {
  it('should keep every stored value under 240 KiB and read every epic back when the cache outgrows one chunk', async () => {
    const store = countingStore(createMemoryStore());
    const cache = emptyEpicCache({ scopeWhere: 'issuetype = Epic', refreshedAt: 0 });
    upsertEpics(cache, Array.from({ length: 1500 }, (_, n) => bulkyEpic(n)));
    await saveEpicCache(store, cache);

    const loaded = await loadEpicCache(store);
    expect(loaded?.chunkOf.size).toBe(1500);
    expect(loaded?.meta.chunkIds.length).toBeGreaterThan(3);
    for (const id of loaded?.meta.chunkIds ?? []) {
      const bytes = new TextEncoder().encode(JSON.stringify((await store.get('epic-cache', `chunk-${id}`))?.value)).length;
      expect(bytes).toBeLessThanOrEqual(CHUNK_LIMIT_BYTES + 64);
      expect(bytes).toBeLessThan(KVS_VALUE_LIMIT);
    }
  });

  it('should keep both changes when two loads of the cache each change another epic of one chunk and save at once', async () => {
    const store = createMemoryStore();
    const cache = emptyEpicCache({ scopeWhere: 'issuetype = Epic', refreshedAt: 0 });
    upsertEpics(cache, Array.from({ length: 20 }, (_, n) => bulkyEpic(n)));
    await saveEpicCache(store, cache);
    const [first, second] = await Promise.all([loadEpicCache(store), loadEpicCache(store)]);
    if (!first || !second) throw new Error('cache not saved');
    const scored = (n: number, version: number): CachedEpic => ({ ...bulkyEpic(n), wsjf: { ...bulkyEpic(n).wsjf as object, jobSize: 1, version } });

    upsertEpics(first, [scored(3, 2)]);
    upsertEpics(second, [scored(4, 2)]);
    await Promise.all([saveEpicCache(store, first), saveEpicCache(store, second)]);

    const loaded = await loadEpicCache(store);
    expect(loaded?.chunks.get(0)?.get('20003')?.wsjf).toMatchObject({ jobSize: 1, version: 2 });
    expect(loaded?.chunks.get(0)?.get('20004')?.wsjf).toMatchObject({ jobSize: 1, version: 2 });
    expect(loaded?.chunkOf.size).toBe(20);
  });

  it('should keep a newer WSJF property when a refresh brings an older one for the same epic', async () => {
    const store = createMemoryStore();
    const cache = emptyEpicCache({ scopeWhere: 'issuetype = Epic', refreshedAt: 0 });
    upsertEpics(cache, [{ ...bulkyEpic(1), wsjf: { ...bulkyEpic(1).wsjf as object, version: 5 } }]);
    await saveEpicCache(store, cache);
    const refreshed = await loadEpicCache(store);
    if (!refreshed) throw new Error('cache not saved');
    upsertEpics(refreshed, [{ ...bulkyEpic(1), summary: 'renamed', wsjf: { ...bulkyEpic(1).wsjf as object, version: 4 } }]);
    await saveEpicCache(store, refreshed);
    const epic = (await loadEpicCache(store))?.chunks.get(0)?.get('20001');
    expect(epic).toMatchObject({ summary: 'renamed', wsjf: { version: 5 } });
  });

  it('should rewrite only the touched chunk when one epic changes', async () => {
    const store = countingStore(createMemoryStore());
    const cache = emptyEpicCache({ scopeWhere: 'issuetype = Epic', refreshedAt: 0 });
    upsertEpics(cache, Array.from({ length: 1500 }, (_, n) => bulkyEpic(n)));
    await saveEpicCache(store, cache);
    const loaded = await loadEpicCache(store);
    if (!loaded) throw new Error('cache not saved');
    store.writes.length = 0;

    upsertEpics(loaded, [{ ...bulkyEpic(700), summary: 'renamed' }]);
    await saveEpicCache(store, loaded);

    // The chunk and, in the same transaction, its cards and Flow's cards marked stale and a new cache generation.
    const chunkId = loaded.chunkOf.get('20700');
    expect(store.writes).toEqual([`put epic-cache/chunk-${chunkId}`, `put epic-cache-cards/cards-${chunkId}`, `put epic-cache-flow/flow-${chunkId}`, 'put epic-cache-generation/current']);
    expect((await loadEpicCache(store))?.chunks.get(loaded.chunkOf.get('20700') as number)?.get('20700')?.summary).toBe('renamed');
  });

  it('should refetch by id, not rebuild, the epics of a chunk it cannot read, and still never serve DAT to the member', async () => {
    const backend = await startTestBackend({ cacheFreshMs: FRESH_MS });
    try {
      dataOf(await backend.call('rte', 'portfolio/board'));
      await overwriteChunk(backend.store, 0, { schemaVersion: 1, epics: [{ id: 'broken' }] });
      // Its cards are gone too, its own and the digest (overwriteChunk writes the chunk alone).
      await backend.store.delete('epic-cache-cards', 'cards-0', 'any');
      await backend.store.delete('epic-cache-cards', 'digest-0', 'any');

      const mark = backend.mark();
      const board = dataOf(await backend.call('member', 'portfolio/board'));

      // The 150 epics were all in chunk 0: the member's ~110 are fetched by id (two pages), no statuses, no fields.
      expect(describeCalls(backend, mark)).toEqual([USER_IDS('member'), APP_SEARCH, APP_SEARCH, APP_BULKFETCH]);
      expect(board.cards.some((card) => card.key.startsWith('DAT-'))).toBe(false);
      expect(board.cards.length + board.unmappedEpicKeys.length).toBe(demoEpicKeys(backend, 'PAY').length + demoEpicKeys(backend, 'MOB').length + demoEpicKeys(backend, 'PLT').length);
    } finally {
      await backend.close();
    }
  });
});

describe('epics the app cannot put into the cache', () => {
  it('should make one call, the user ids search, on the next warm request when an id the user sees could not be fetched by the app', async () => {
    const backend = await startTestBackend({ cacheFreshMs: FRESH_MS, cold: true });
    try {
      const hiddenId = idOfKey(backend, demoEpicKeys(backend, 'PAY')[0] as string);
      // The app does not get this epic from any search (as if it could not see it).
      const { board, idle } = withAppPort(backend, (app) => ({
        ...app,
        searchIssues: async (request) => (await app.searchIssues(request)).filter((issue) => issue.id !== hiddenId),
      }));
      dataOf(await board('rte'));
      await idle();

      const firstWarm = backend.mark();
      dataOf(await board('rte'));
      // The sync listed the id but could not fetch it: it recorded it, so even the first warm request does not ask.
      expect(describeCalls(backend, firstWarm)).toEqual([USER_IDS('rte')]);

      const writes = backend.store.writes.length;
      const secondWarm = backend.mark();
      dataOf(await board('rte'));
      expect(describeCalls(backend, secondWarm)).toEqual([USER_IDS('rte')]);
      expect(backend.store.writes.length).toBe(writes);
    } finally {
      await backend.close();
    }
  });

  it('should ask for a lost id once, then not again until the next refresh, when the app still cannot fetch it', async () => {
    const backend = await startTestBackend({ cacheFreshMs: FRESH_MS });
    try {
      const hiddenKey = demoEpicKeys(backend, 'PAY')[0] as string;
      const hiddenId = idOfKey(backend, hiddenKey);
      dataOf(await backend.call('rte', 'portfolio/board'));
      const cache = await loadEpicCache(backend.store);
      if (!cache) throw new Error('no cache');
      removeEpics(cache, [hiddenId]);
      await saveEpicCache(backend.store, cache);
      const { board } = withAppPort(backend, (app) => ({
        ...app,
        searchIssues: async (request) => (await app.searchIssues(request)).filter((issue) => issue.id !== hiddenId),
      }));

      const first = backend.mark();
      dataOf(await board('rte'));
      expect(describeCalls(backend, first)).toEqual([USER_IDS('rte'), APP_SEARCH]);

      const writes = backend.store.writes.length;
      const second = backend.mark();
      dataOf(await board('rte'));
      expect(describeCalls(backend, second)).toEqual([USER_IDS('rte')]);
      expect(backend.store.writes.length).toBe(writes);

      // After the next (incremental) refresh the id is tried again: it may have become visible.
      backend.clock.advance(FRESH_MS);
      const afterRefresh = backend.mark();
      dataOf(await board('rte'));
      expect(describeCalls(backend, afterRefresh)).toEqual([USER_IDS('rte'), APP_SEARCH, APP_SEARCH]);
    } finally {
      await backend.close();
    }
  });
});

describe('the Flagged field', () => {
  it.each([
    ['the site has a Flagged field', (fields: { id: string; name: string }[]) => fields, ['status', 'customfield_10021']],
    ['the site names it in lower case', (fields: { id: string; name: string }[]) => fields.map((f) => ({ ...f, name: f.name.toLowerCase() })), ['status', 'customfield_10021']],
    ['the site has no Flagged field', (fields: { id: string; name: string }[]) => fields.filter((f) => f.name !== 'Flagged'), ['status']],
  ])('should ask bulkfetch for the right field ids when %s', async (_case, siteFields, expectedFieldIds) => {
    const backend = await startTestBackend({ cacheFreshMs: FRESH_MS, cold: true });
    try {
      const asked: (readonly string[])[] = [];
      const { board, idle } = withAppPort(backend, (app) => ({
        ...app,
        getFields: async () => siteFields(await app.getFields()),
        fetchChangelogs: (ids, fieldIds) => {
          asked.push(fieldIds);
          return app.fetchChangelogs(ids, fieldIds);
        },
      }));
      dataOf(await board('rte'));
      await idle();
      expect(asked).toEqual([expectedFieldIds]);

      const cache = await loadEpicCache(backend.store);
      const flaggedNow = backend.demo.data.issues.find((issue) => issue.flagged) as { id: string };
      const flagChanges = cache?.chunkOf.has(flaggedNow.id) ? (cache.chunks.get(cache.chunkOf.get(flaggedNow.id) as number)?.get(flaggedNow.id)?.flagChanges ?? []) : null;
      // The demo epic flagged right now has one flag change (set) when Flagged is asked for by id.
      expect(flagChanges?.length).toBe(expectedFieldIds.length === 2 ? 1 : 0);
      expect(cache?.meta.flaggedFieldId).toBe(expectedFieldIds[1] ?? null);
    } finally {
      await backend.close();
    }
  });
});

/** Records every cache key read (the meta is a plain value, chunks are documents). */
function readRecordingStore(inner: StorePort): StorePort & { reads: string[] } {
  const reads: string[] = [];
  return {
    ...inner,
    reads,
    getValue: (key) => {
      reads.push(key);
      return inner.getValue(key);
    },
    get: (collection, key) => {
      if (collection === 'epic-cache') reads.push(`${collection}/${key}`);
      return inner.get(collection, key);
    },
  };
}

/** Replaces a stored chunk whatever its version (a damaged or foreign write). */
async function overwriteChunk(store: StorePort, id: number, value: unknown): Promise<void> {
  const stored = await store.get('epic-cache', `chunk-${id}`);
  await store.put('epic-cache', `chunk-${id}`, value, stored?.version ?? null);
}

describe('the issue-updated trigger', () => {
  it('should read no chunk or meta, and the next board no chunk, when the updated issue is not in scope', async () => {
    const store = readRecordingStore(createMemoryStore());
    const backend = await startTestBackend({ cacheFreshMs: FRESH_MS, store });
    try {
      dataOf(await backend.call('rte', 'portfolio/board'));
      const story = backend.demo.data.issues.find((issue) => issue.issueTypeId !== '10000');
      if (!story) throw new Error('the demo portfolio has no story');
      store.reads.length = 0;
      await createIssueUpdated(backend.runtime)({ issue: { id: story.id, key: story.key } });
      expect(store.reads).toEqual([]);
      expect(backend.log.entries.at(-1)?.data).toEqual({ key: story.key, outcome: 'recorded' });
      dataOf(await backend.call('rte', 'portfolio/board'));
      expect(store.reads.filter((key) => key.startsWith('epic-cache/'))).toEqual([]);
    } finally {
      await backend.close();
    }
  });

  it('should read and rewrite only the chunk holding the epic, on the next board, when the cache has several', async () => {
    const store = readRecordingStore(createMemoryStore());
    const backend = await startTestBackend({ cacheFreshMs: FRESH_MS, store, epics: 900 });
    try {
      const meta = await loadEpicCacheMeta(backend.store);
      expect(meta?.chunkIds.length).toBeGreaterThan(2);
      dataOf(await backend.call('rte', 'portfolio/board'));
      const epicKey = funnelEpic(backend, 'PAY', 3);
      await transition(backend, epicKey, 'Reviewing');
      const id = idOfKey(backend, epicKey);
      backend.store.writes.length = 0;
      await createIssueUpdated(backend.runtime)({ issue: { id, key: epicKey } });
      expect(backend.store.writes).toEqual(['put epic-cache-pending/epics']);
      store.reads.length = 0;
      backend.store.writes.length = 0;
      expect(await stateOnBoard(backend, epicKey)).toBe('Reviewing');
      const chunkReads = store.reads.filter((key) => key.startsWith('epic-cache/'));
      // The one chunk holding the epic, read once (its cards are rebuilt from what was written).
      const cache = await loadEpicCache(backend.store);
      const chunkId = cache?.chunkOf.get(id);
      expect(chunkReads).toEqual([`epic-cache/chunk-${chunkId}`]);
      // The chunk with its two stale markers and a new generation, the pending set cleared, the chunk's new cards (Flow's are rebuilt when Flow reads them).
      expect(backend.store.writes).toEqual([
        `put epic-cache/chunk-${chunkId}`,
        `put epic-cache-cards/cards-${chunkId}`,
        `put epic-cache-flow/flow-${chunkId}`,
        'put epic-cache-generation/current',
        'put epic-cache-pending/epics',
        `put epic-cache-cards/cards-${chunkId}`,
        // Its own chunk write the only one since it read the generation: the cards' digest for the next page, the replaced one's part deleted.
        'put epic-cache-cards/digest-0',
        expect.stringMatching(/^put epic-cache-cards\/digest-[\w-]+-1$/),
        expect.stringMatching(/^delete epic-cache-cards\/digest-[\w-]+-1$/),
      ]);
      expect(cache?.chunks.get(chunkId as number)?.get(id)?.statusId).toBe(backend.demo.data.statuses.find((status) => status.name === 'Reviewing')?.id);
    } finally {
      await backend.close();
    }
  });
});

describe('chunk numbering and lost chunks', () => {
  const storedChunkKeys = async (store: StorePort, upTo: number) => {
    const keys: string[] = [];
    for (let id = 0; id <= upTo; id++) if ((await store.get('epic-cache', `chunk-${id}`)) !== undefined) keys.push(`epic-cache/chunk-${id}`);
    return keys;
  };

  it('should serve the epics of the other chunks and forget the lost one when the meta names a chunk that was deleted', async () => {
    const store = countingStore(createMemoryStore());
    const cache = emptyEpicCache({ scopeWhere: 'issuetype = Epic', refreshedAt: 0 });
    upsertEpics(cache, Array.from({ length: 1500 }, (_, n) => bulkyEpic(n)));
    await saveEpicCache(store, cache);
    const [lostChunk, ...otherChunks] = cache.meta.chunkIds as [number, ...number[]];
    const lostEpics = cache.chunks.get(lostChunk)?.size ?? 0;
    await store.delete('epic-cache', `chunk-${lostChunk}`, 'any');

    const loaded = await loadEpicCache(store);
    expect(loaded?.chunkOf.size).toBe(1500 - lostEpics);
    expect(loaded?.meta.chunkIds).toEqual(otherChunks);
    expect(loaded && loaded.chunkOf.has(String(20_000 + 1499))).toBe(true);

    // The repaired meta is written with the next save; nothing else is.
    store.writes.length = 0;
    if (loaded) await saveEpicCache(store, loaded);
    expect(store.writes).toEqual([
      'setValue epic-cache:meta',
      `delete epic-cache/chunk-${lostChunk}`,
      `delete epic-cache-cards/cards-${lostChunk}`,
      `delete epic-cache-flow/flow-${lostChunk}`,
      `deleteValue epic-cache:chunk:${lostChunk}`,
    ]);
    expect((await loadEpicCache(store))?.meta.chunkIds).toEqual(otherChunks);
  });

  // The pages' cards of a lost chunk (its own and the digest) are lost with it here: while they last they are served (cards.ts, cardsDigest.ts).
  const loseCards = (store: StorePort) => Promise.all([store.delete('epic-cache-cards', 'cards-0', 'any'), store.delete('epic-cache-cards', 'digest-0', 'any')]);
  it.each([
    ['deleted', (store: StorePort) => store.delete('epic-cache', 'chunk-0', 'any')],
    ['unreadable', (store: StorePort) => overwriteChunk(store, 0, { schemaVersion: 3, epics: [{ id: 'broken' }] })],
  ])('should refetch its epics by id without a rebuild, and number on, when the only chunk is %s', async (_kind, lose) => {
    const backend = await startTestBackend({ cacheFreshMs: FRESH_MS });
    try {
      dataOf(await backend.call('rte', 'portfolio/board'));
      await lose(backend.store);
      await loseCards(backend.store);

      const mark = backend.mark();
      const board = dataOf(await backend.call('rte', 'portfolio/board'));
      expect(describeCalls(backend, mark)).toEqual([USER_IDS('rte'), APP_SEARCH, APP_SEARCH, APP_BULKFETCH]);
      expect(board.cards.length + board.unmappedEpicKeys.length).toBe(150);
      // Chunk 0 is gone for good; the refetched epics went to a new chunk 1.
      expect((await loadEpicCache(backend.store))?.meta.chunkIds).toEqual([1]);
      expect(await storedChunkKeys(backend.store, 3)).toEqual(['epic-cache/chunk-1']);
    } finally {
      await backend.close();
    }
  });

  it('should number new chunks after the old ones and delete the old ones when the scheduled refresh rebuilds', async () => {
    const backend = await startTestBackend({ cacheFreshMs: FRESH_MS });
    try {
      dataOf(await backend.call('rte', 'portfolio/board'));
      expect(await storedChunkKeys(backend.store, 3)).toEqual(['epic-cache/chunk-0']);
      backend.clock.advance(FULL_SYNC_EVERY_MS);
      await createScheduledRefresh(backend.runtime)();
      await backend.runtime.queue.idle();
      expect(await storedChunkKeys(backend.store, 3)).toEqual(['epic-cache/chunk-1']);
      // A broken chunk no longer makes the rebuild start again at 0.
      await overwriteChunk(backend.store, 1, { schemaVersion: 2, epics: [{ id: 'broken' }] });
      backend.clock.advance(FULL_SYNC_EVERY_MS);
      await createScheduledRefresh(backend.runtime)();
      await backend.runtime.queue.idle();
      expect(await storedChunkKeys(backend.store, 3)).toEqual(['epic-cache/chunk-2']);
      expect((await loadEpicCache(backend.store))?.meta).toMatchObject({ chunkIds: [2], nextChunkId: 3 });
    } finally {
      await backend.close();
    }
  });

  it('should rebuild and delete the old chunks when the stored meta has the older schema', async () => {
    const backend = await startTestBackend({ cacheFreshMs: FRESH_MS, cold: true });
    try {
      await backend.store.setValue('epic-cache:meta', { schemaVersion: 1, scopeWhere: 'issuetype = Epic', refreshedAt: 0, fullRefreshedAt: 0, chunkIds: [4], nextChunkId: 5, statuses: [] });
      await backend.store.setValue('epic-cache:chunk:4', { schemaVersion: 1, epics: [] });

      const mark = backend.mark();
      dataOf(await backend.call('rte', 'portfolio/board'));
      await backend.runtime.queue.idle();
      expect(describeCalls(backend, mark)).toContain(APP_FIELDS);
      expect(await storedChunkKeys(backend.store, 6)).toEqual(['epic-cache/chunk-5']);
      // Schema 2 and older kept chunks as plain values: those go too.
      await expect(backend.store.getValue('epic-cache:chunk:4')).resolves.toBeUndefined();
    } finally {
      await backend.close();
    }
  });
});
