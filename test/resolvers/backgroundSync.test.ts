/**
 * The cold sync as a queue consumer runs it: in checkpointed steps of STEP_EPICS epics, resumable
 * after a failure, safe under a duplicate delivery, superseded by a newer generation, and never
 * visible half-done (readers see the old generation whole until the new one is published).
 */
import type { JiraPort, QueueEvent, QueuePort } from '../../src/ports';
import { loadEpicCache, loadEpicCacheMeta } from '../../src/services/portfolio/epicCache';
import { MAX_ATTEMPTS, startColdSync, STEP_EPICS } from '../../src/services/sync/coldSync';
import type { SyncDeps } from '../../src/services/sync/coldSync';
import { loadSyncState } from '../../src/services/sync/state';
import { deliverNext, manualQueue } from '../builders/manualQueue';
import { dataOf, demoEpicKeys, startTestBackend } from '../builders/services';
import type { TestBackend } from '../builders/services';

const EPICS = STEP_EPICS + 200;
/** The demo portfolio's size: one step (the fault tests need no more). */
const DEMO_EPICS = 150;
const SCOPE = 'issuetype = Epic';
// 1,200 epics through the demo Jira take several seconds on a busy two-core machine.
jest.setTimeout(60_000);


function depsOf(backend: TestBackend, queue: QueuePort, app: JiraPort = backend.runtime.jira({}).app): SyncDeps {
  return { app, store: backend.store, queue, clock: backend.clock, log: backend.log };
}


async function boardCardCount(backend: TestBackend): Promise<number> {
  const board = dataOf(await backend.call('rte', 'portfolio/board'));
  return board.cards.length + board.unmappedEpicKeys.length;
}

describe('a cold sync of more epics than one step takes', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startTestBackend({ cold: true, epics: EPICS });
  });
  afterAll(() => backend.close());

  it('should list the scope, fetch it in two steps, show what it has meanwhile, and publish the whole at the end', async () => {
    const queue = manualQueue();
    const deps = depsOf(backend, queue);
    await startColdSync(deps, SCOPE, 'first-load');
    expect(queue.events).toEqual([{ kind: 'cold-sync', generation: 1 }]);

    await deliverNext(deps, queue);
    expect((await loadSyncState(backend.store))?.state).toMatchObject({ status: 'running', total: EPICS, fetched: 0, nextStep: 0 });

    await deliverNext(deps, queue);
    expect((await loadSyncState(backend.store))?.state).toMatchObject({ status: 'running', fetched: STEP_EPICS, nextStep: 1 });
    // Nothing is published yet, but the page shows the epics synced so far, trimmed to the user's search.
    expect(await loadEpicCacheMeta(backend.store)).toBeNull();
    expect(await boardCardCount(backend)).toBe(STEP_EPICS);
    expect(dataOf(await backend.call('rte', 'sync/status'))).toMatchObject({ status: 'running', fetched: STEP_EPICS, total: EPICS, percent: 83 });

    await deliverNext(deps, queue);
    await deliverNext(deps, queue);
    expect(queue.events).toEqual([]);
    expect((await loadSyncState(backend.store))?.state).toMatchObject({ status: 'done', fetched: EPICS });
    expect((await loadEpicCache(backend.store))?.chunkOf.size).toBe(EPICS);
    expect(await boardCardCount(backend)).toBe(EPICS);
  });
});

describe('faults during a cold sync', () => {
  let backend: TestBackend;
  beforeEach(async () => {
    backend = await startTestBackend();
  });
  afterEach(() => backend.close());

  /** The app's port, with changelog reads failing while `failing.count` > 0. */
  function flakyApp(failing: { count: number }): JiraPort {
    const app = backend.runtime.jira({}).app;
    return {
      ...app,
      fetchChangelogs: async (ids, fields) => {
        if (failing.count > 0) {
          failing.count -= 1;
          throw new Error('Jira answered 500 Internal Server Error');
        }
        return app.fetchChangelogs(ids, fields);
      },
    };
  }

  it('should retry a failed step from its checkpoint with a growing delay and finish without duplicates', async () => {
    const queue = manualQueue();
    const failing = { count: 0 };
    const deps = depsOf(backend, queue, flakyApp(failing));
    const before = await loadEpicCacheMeta(backend.store);
    await startColdSync(deps, SCOPE, 'weekly');
    await deliverNext(deps, queue);
    failing.count = 2;
    const event = queue.events[0] as QueueEvent;
    expect(await deliverNext(deps, { events: [event] })).toEqual({ retryAfterSeconds: 5 });
    expect(await deliverNext(deps, { events: [event] })).toEqual({ retryAfterSeconds: 10 });
    expect((await loadSyncState(backend.store))?.state).toMatchObject({ status: 'running', attempts: 2, lastError: 'Jira answered 500 Internal Server Error', nextStep: 0 });
    // Meanwhile readers keep the old generation, whole.
    expect(await loadEpicCacheMeta(backend.store)).toEqual(before);
    expect(dataOf(await backend.call('rte', 'sync/status'))).toMatchObject({ status: 'running', stale: true, lastError: 'Jira answered 500 Internal Server Error' });

    while (queue.events.length > 0) await deliverNext(deps, queue);
    const cache = await loadEpicCache(backend.store);
    expect(cache?.chunkOf.size).toBe(DEMO_EPICS);
    const cachedIds = [...(cache?.chunks.values() ?? [])].flatMap((chunk) => [...chunk.keys()]);
    expect(cachedIds).toHaveLength(DEMO_EPICS);
    // The old generation's chunks are gone.
    for (const id of before?.chunkIds ?? []) expect(await backend.store.get('epic-cache', `chunk-${id}`)).toBeUndefined();
  });

  it('should stop as failed after the last attempt, show the last good data as stale, and resume at the failed step', async () => {
    const queue = manualQueue();
    const failing = { count: MAX_ATTEMPTS };
    const deps = depsOf(backend, queue, flakyApp(failing));
    await startColdSync(deps, SCOPE, 'weekly');
    await deliverNext(deps, queue);
    const event = queue.events.shift() as QueueEvent;
    for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt++) expect(await deliverNext(deps, { events: [event] })).toHaveProperty('retryAfterSeconds');
    expect(await deliverNext(deps, { events: [event] })).toBeUndefined();
    expect((await loadSyncState(backend.store))?.state).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    expect(dataOf(await backend.call('member', 'sync/status'))).toMatchObject({ status: 'failed', stale: true, lastError: 'Jira answered 500 Internal Server Error' });
    expect(await boardCardCount(backend)).toBe(DEMO_EPICS);

    const mark = backend.mark();
    await startColdSync(deps, SCOPE, 'manual');
    expect((await loadSyncState(backend.store))?.state).toMatchObject({ status: 'running', reason: 'resume', nextStep: 0, attempts: 0, total: DEMO_EPICS });
    while (queue.events.length > 0) await deliverNext(deps, queue);
    // The resumed sync did not list the scope again: no ids search, only the two steps' reads.
    const searches = backend.callsSince(mark).filter((call) => call.path === '/rest/api/3/search/jql');
    expect(searches.length).toBe(Math.ceil(DEMO_EPICS / 100));
    expect((await loadSyncState(backend.store))?.state.status).toBe('done');
  });

  it('should land one step once when the queue delivers the same event twice at the same time', async () => {
    const queue = manualQueue();
    const deps = depsOf(backend, queue);
    await startColdSync(deps, SCOPE, 'weekly');
    await deliverNext(deps, queue);
    const event = queue.events.shift() as QueueEvent;
    await Promise.all([deliverNext(deps, { events: [event] }), deliverNext(deps, { events: [event] })]);
    // One checkpoint won; the loser pushed nothing.
    expect(queue.events).toEqual([{ kind: 'cold-sync', generation: 2 }]);
    expect((await loadSyncState(backend.store))?.state).toMatchObject({ nextStep: 1, fetched: DEMO_EPICS });
    while (queue.events.length > 0) await deliverNext(deps, queue);
    expect((await loadEpicCache(backend.store))?.chunkOf.size).toBe(DEMO_EPICS);
  });

  it('should do nothing with a step of a generation a newer sync replaced', async () => {
    const queue = manualQueue();
    const deps = depsOf(backend, queue);
    await startColdSync(deps, SCOPE, 'weekly');
    const stale = queue.events.shift() as QueueEvent;
    await startColdSync(deps, 'issuetype = Epic AND project = PAY', 'scope-changed');
    const writes = backend.store.writes.length;
    expect(await deliverNext(deps, { events: [stale] })).toBeUndefined();
    expect(backend.store.writes.length).toBe(writes);
    expect((await loadSyncState(backend.store))?.state).toMatchObject({ generation: 3, scopeWhere: 'issuetype = Epic AND project = PAY', planPages: 0 });
  });
});

describe('a WSJF score saved while a rebuild runs', () => {
  it('should keep the newer score when the new generation read the epic before the save', async () => {
    const backend = await startTestBackend();
    try {
      const queue = manualQueue();
      const deps = depsOf(backend, queue);
      await startColdSync(deps, SCOPE, 'weekly');
      await deliverNext(deps, queue);
      await deliverNext(deps, queue);
      // Every epic is read into the new generation; the score is saved before it is published.
      const issueKey = demoEpicKeys(backend, 'PAY')[0] as string;
      const before = dataOf(await backend.call('rte', 'epic/wsjf/get', { issueKey }));
      const components = { userBusinessValue: 13, timeCriticality: 8, riskReductionOpportunityEnablement: 5, jobSize: 2 };
      dataOf(await backend.call('rte', 'epic/wsjf/save', { issueKey, components, version: before.version }));
      await deliverNext(deps, queue);
      expect((await loadSyncState(backend.store))?.state.status).toBe('done');
      expect(dataOf(await backend.call('rte', 'epic/wsjf/get', { issueKey }))).toMatchObject({ version: (before.version ?? 0) + 1, wsjfScore: 13 });
      const cache = await loadEpicCache(backend.store);
      const id = backend.demo.data.issues.find((issue) => issue.key === issueKey)?.id as string;
      const cached = cache?.chunks.get(cache.chunkOf.get(id) as number)?.get(id);
      expect(cached?.wsjf).toMatchObject({ userBusinessValue: 13, version: (before.version ?? 0) + 1 });
    } finally {
      await backend.close();
    }
  });
});
