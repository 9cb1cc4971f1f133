/**
 * The issue-updated event records the epic in the pending-epics set (no Jira request, ≤ 3 read
 * units); the next request that serves cache data re-reads the pending epics in one search,
 * rewrites each touched chunk once, drops ids out of scope, and clears what it applied, even when
 * the cache is younger than its freshness window.
 */
import { httpJira } from '../../src/adapters/http/jira';
import { createMemoryStore } from '../../src/adapters/local/memoryStore';
import { createMeteredStore } from '../../src/adapters/local/meteredStore';
import type { KvsMeter } from '../../src/adapters/local/meteredStore';
import type { StorePort } from '../../src/ports';
import { createServiceContext } from '../../src/services/context';
import { loadEpicCache } from '../../src/services/portfolio/epicCache';
import { readPendingEpics } from '../../src/services/portfolio/pendingEpics';
import { portfolioSnapshot } from '../../src/services/portfolio/snapshot';
import { createIssueUpdated } from '../../src/triggers/issueUpdated';
import { createScheduledRefresh, FULL_SYNC_EVERY_MS } from '../../src/triggers/scheduledRefresh';
import { demoUser } from '../../preview/demo-jira';
import { dataOf, startTestBackend } from '../builders/services';
import type { TestBackend } from '../builders/services';

const FRESH_MS = 60_000;
const USER_IDS = 'rte POST /rest/api/3/search/jql';
const APP_SEARCH = 'app POST /rest/api/3/search/jql';
const APP_BULKFETCH = 'app POST /rest/api/3/changelog/bulkfetch';
const FUNNEL = '10001';

/** Records the chunk keys read, over a store metered as Forge KVS. */
function recordingMeteredStore(): { store: StorePort & { chunkReads: string[] }; meter: KvsMeter } {
  const { store: metered, meter } = createMeteredStore(createMemoryStore());
  const chunkReads: string[] = [];
  const record = (collection: string, key: string) => void (collection === 'epic-cache' && chunkReads.push(key));
  const store = {
    ...metered,
    chunkReads,
    get: (collection: string, key: string) => (record(collection, key), metered.get(collection, key)),
    getMany: (collection: string, keys: readonly string[]) => (keys.forEach((key) => record(collection, key)), metered.getMany(collection, keys)),
  };
  return { store, meter };
}

const callsSince = (backend: TestBackend, mark: number) => backend.callsSince(mark).map((call) => `${call.user} ${call.method} ${call.path}`);

async function moveTo(backend: TestBackend, issueKey: string, statusName: string): Promise<void> {
  const rte = demoUser('rte');
  const jira = httpJira({ baseUrl: backend.demo.url, email: rte.email, apiToken: rte.apiToken });
  const target = (await jira.getTransitions(issueKey)).find((candidate) => candidate.to.name === statusName);
  if (!target) throw new Error(`${issueKey} cannot move to ${statusName}`);
  await jira.transitionIssue(issueKey, target.id);
}

const boardState = async (backend: TestBackend, issueKey: string) => dataOf(await backend.call('rte', 'portfolio/board', {})).cards.find((card) => card.key === issueKey)?.state;

/** Funnel epics of the cache, one per chunk, for the first `count` chunks. */
async function funnelEpicsInChunks(backend: TestBackend, count: number): Promise<{ id: string; key: string; chunkId: number }[]> {
  const cache = await loadEpicCache(backend.store);
  const picked = new Map<number, { id: string; key: string; chunkId: number }>();
  for (const issue of backend.demo.data.issues) {
    const chunkId = cache?.chunkOf.get(issue.id);
    if (issue.statusId !== FUNNEL || chunkId === undefined || picked.has(chunkId)) continue;
    picked.set(chunkId, { id: issue.id, key: issue.key, chunkId });
    if (picked.size === count) break;
  }
  if (picked.size < count) throw new Error(`no Funnel epics in ${count} chunks`);
  return [...picked.values()];
}

describe('an issue-updated event and the next board', () => {
  let backend: TestBackend;
  let store: StorePort & { chunkReads: string[] };
  let meter: KvsMeter;
  beforeAll(async () => {
    ({ store, meter } = recordingMeteredStore());
    // Several chunks.
    backend = await startTestBackend({ cacheFreshMs: FRESH_MS, store, epics: 900 });
    dataOf(await backend.call('rte', 'portfolio/board', {}));
  });
  afterAll(() => backend.close());

  it('should make no Jira request and read at most 3 units in the event, and show the change on the next board within the freshness window', async () => {
    const [epic] = await funnelEpicsInChunks(backend, 1);
    if (!epic) throw new Error('no epic');
    await moveTo(backend, epic.key, 'Reviewing');

    const mark = backend.mark();
    meter.reset();
    await createIssueUpdated(backend.runtime)({ issue: { id: epic.id, key: epic.key } });
    expect(callsSince(backend, mark)).toEqual([]);
    expect(meter.reading().readUnits).toBeLessThanOrEqual(3);

    const boardMark = backend.mark();
    expect(await boardState(backend, epic.key)).toBe('Reviewing');
    expect(callsSince(backend, boardMark)).toEqual([USER_IDS, APP_SEARCH, APP_BULKFETCH]);
    expect((await readPendingEpics(backend.runtime)).entries).toEqual([]);
  });

  it('should read each touched chunk once and clear the set when events changed epics of two chunks', async () => {
    const epics = await funnelEpicsInChunks(backend, 2);
    for (const epic of epics) await moveTo(backend, epic.key, 'Reviewing');
    for (const epic of epics) await createIssueUpdated(backend.runtime)({ issue: { id: epic.id, key: epic.key } });

    store.chunkReads.length = 0;
    const mark = backend.mark();
    const board = dataOf(await backend.call('rte', 'portfolio/board', {}));
    expect(epics.map((epic) => board.cards.find((card) => card.key === epic.key)?.state)).toEqual(['Reviewing', 'Reviewing']);
    // One search and one bulkfetch for both; each chunk read once (its cards are built from what was written).
    expect(callsSince(backend, mark)).toEqual([USER_IDS, APP_SEARCH, APP_BULKFETCH]);
    expect([...store.chunkReads].sort()).toEqual(epics.map((epic) => `chunk-${epic.chunkId}`).sort());
    expect((await readPendingEpics(backend.runtime)).entries).toEqual([]);

    // Nothing pending any more: the next load reads no chunk and asks the app nothing.
    store.chunkReads.length = 0;
    const nextMark = backend.mark();
    dataOf(await backend.call('rte', 'portfolio/board', {}));
    expect(callsSince(backend, nextMark)).toEqual([USER_IDS]);
    expect(store.chunkReads).toEqual([]);
  });

  it('should drop an id out of scope without touching a chunk', async () => {
    const story = backend.demo.data.issues.find((issue) => issue.issueTypeId !== '10000');
    if (!story) throw new Error('the demo portfolio has no story');
    await createIssueUpdated(backend.runtime)({ issue: { id: story.id, key: story.key } });
    store.chunkReads.length = 0;
    backend.store.writes.length = 0;
    const mark = backend.mark();
    dataOf(await backend.call('rte', 'portfolio/board', {}));
    expect(callsSince(backend, mark)).toEqual([USER_IDS, APP_SEARCH]);
    expect(store.chunkReads).toEqual([]);
    expect(backend.store.writes).toEqual(['put epic-cache-pending/epics']);
    expect((await readPendingEpics(backend.runtime)).entries).toEqual([]);
  });

  it('should remove a cached epic from its chunk when it left the scope', async () => {
    const [epic, other] = await funnelEpicsInChunks(backend, 2);
    if (!other) throw new Error('no other epic');
    const issue = backend.demo.data.issues.find((candidate) => candidate.id === epic?.id);
    const story = backend.demo.data.issues.find((candidate) => candidate.issueTypeId !== '10000');
    if (!epic || !issue || !story) throw new Error('no epic or story');
    // Its type changed to a story: `issuetype = Epic` no longer finds it (any move makes the demo's search see it).
    issue.issueTypeId = story.issueTypeId;
    await moveTo(backend, other.key, 'Reviewing');
    await createIssueUpdated(backend.runtime)({ issue: { id: epic.id, key: epic.key } });
    store.chunkReads.length = 0;
    dataOf(await backend.call('rte', 'portfolio/board', {}));
    expect(store.chunkReads).toEqual([`chunk-${epic.chunkId}`]);
    expect((await loadEpicCache(backend.store))?.chunkOf.has(epic.id)).toBe(false);
  });

  it('should fold pending ids into the `updated >=` search when the cache is older than its freshness window', async () => {
    const [epic] = await funnelEpicsInChunks(backend, 1);
    if (!epic) throw new Error('no epic');
    await moveTo(backend, epic.key, 'Reviewing');
    await createIssueUpdated(backend.runtime)({ issue: { id: epic.id, key: epic.key } });
    backend.clock.advance(FRESH_MS);
    const mark = backend.mark();
    expect(await boardState(backend, epic.key)).toBe('Reviewing');
    expect(callsSince(backend, mark)).toEqual([USER_IDS, APP_SEARCH, APP_BULKFETCH]);
    expect((await readPendingEpics(backend.runtime)).entries).toEqual([]);
  });

  it('should take the `updated >=` pass and clear the flag, within the freshness window, when the set overflowed', async () => {
    const [epic] = await funnelEpicsInChunks(backend, 1);
    if (!epic) throw new Error('no epic');
    await moveTo(backend, epic.key, 'Reviewing');
    // The event that moved it was dropped from a full set: only the flag says so.
    const stored = await backend.store.get('epic-cache-pending', 'epics');
    await backend.store.put('epic-cache-pending', 'epics', { schemaVersion: 1, entries: [], overflowedAt: backend.clock.now() }, stored?.version ?? null);
    backend.clock.advance(1_000);
    expect(await boardState(backend, epic.key)).toBe('Reviewing');
    expect((await readPendingEpics(backend.runtime)).overflowedAt).toBeNull();
  });

  it('should leave more pending epics than a request rewrites in place to the whole-cache path, which searches once', async () => {
    const cache = await loadEpicCache(backend.store);
    const funnel = backend.demo.data.issues.filter((issue) => issue.statusId === FUNNEL && cache?.chunkOf.has(issue.id)).slice(0, 21);
    for (const issue of funnel) await createIssueUpdated(backend.runtime)({ issue: { id: issue.id, key: issue.key } });
    const mark = backend.mark();
    dataOf(await backend.call('rte', 'portfolio/board', {}));
    expect(callsSince(backend, mark)).toEqual([USER_IDS, APP_SEARCH, APP_BULKFETCH]);
    expect((await readPendingEpics(backend.runtime)).entries).toEqual([]);
  });
});

describe('whole-cache readers and rebuilds', () => {
  it('should serve the whole snapshot (Flow, the review) with the change an event recorded within the freshness window', async () => {
    const backend = await startTestBackend({ cacheFreshMs: FRESH_MS });
    try {
      dataOf(await backend.call('rte', 'portfolio/board', {}));
      const issue = backend.demo.data.issues.find((candidate) => candidate.issueTypeId === '10000' && candidate.statusId === FUNNEL);
      if (!issue) throw new Error('no Funnel epic');
      await moveTo(backend, issue.key, 'Reviewing');
      await createIssueUpdated(backend.runtime)({ issue: { id: issue.id, key: issue.key } });
      const { runtime } = backend;
      const accountId = demoUser('rte').accountId;
      const ctx = createServiceContext({ jira: runtime.jira({ accountId }), store: runtime.store, queue: runtime.queue, clock: runtime.clock, log: runtime.log, accountId, cacheFreshMs: FRESH_MS });
      const snapshot = await portfolioSnapshot(ctx);
      expect(snapshot.epics.find((epic) => epic.key === issue.key)?.state).toBe('Reviewing');
      expect((await readPendingEpics(backend.runtime)).entries).toEqual([]);
    } finally {
      await backend.close();
    }
  });

  it('should clear the ids recorded before a weekly rebuild started, when the rebuild publishes', async () => {
    const backend = await startTestBackend({ cacheFreshMs: FRESH_MS });
    try {
      const story = backend.demo.data.issues.find((issue) => issue.issueTypeId !== '10000');
      if (!story) throw new Error('no story');
      await createIssueUpdated(backend.runtime)({ issue: { id: story.id, key: story.key } });
      backend.clock.advance(FULL_SYNC_EVERY_MS);
      await createScheduledRefresh(backend.runtime)();
      await backend.runtime.queue.idle();
      expect((await readPendingEpics(backend.runtime)).entries).toEqual([]);
    } finally {
      await backend.close();
    }
  });

  it('should clear the ids the daily incremental refresh covered', async () => {
    const backend = await startTestBackend({ cacheFreshMs: FRESH_MS });
    try {
      const story = backend.demo.data.issues.find((issue) => issue.issueTypeId !== '10000');
      if (!story) throw new Error('no story');
      await createIssueUpdated(backend.runtime)({ issue: { id: story.id, key: story.key } });
      backend.clock.advance(FRESH_MS);
      await createScheduledRefresh(backend.runtime)();
      expect((await readPendingEpics(backend.runtime)).entries).toEqual([]);
    } finally {
      await backend.close();
    }
  });
});
