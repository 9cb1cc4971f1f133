/**
 * The pages' cards (services/portfolio/cards.ts): pages that need no history read them instead of
 * the cache's chunks, answer exactly as from the whole cache, and never serve cards older than a
 * chunk (stale markers written with the chunk, conditional writes of rebuilt cards).
 */
import { createMemoryStore } from '../../src/adapters/local/memoryStore';
import type { StorePort } from '../../src/ports';
import { cardConfigOf, loadCards } from '../../src/services/portfolio/cards';
import { emptyEpicCache, patchInChunk, saveEpicCache, upsertEpics } from '../../src/services/portfolio/epicCache';
import type { CachedEpic, CacheMeta } from '../../src/services/portfolio/epicCache';
import type { PortfolioConfig } from '../../src/domain/states';
import { recordingLog } from '../../src/runtime/recordingLog';
import { httpJira } from '../../src/adapters/http/jira';
import type { ServiceContext } from '../../src/services/context';
import { portfolioBoard } from '../../src/services/board';
import { epicPanel } from '../../src/services/epicPanel';
import { getEpicWsjf, wsjfRanking } from '../../src/services/scoring';
import { portfolioSnapshot } from '../../src/services/portfolio/snapshot';
import { loadEpicCacheMeta } from '../../src/services/portfolio/epicCache';
import { demoUser } from '../../preview/demo-jira';
import { dataOf, startTestBackend } from '../builders/services';
import type { TestBackend, TestUser } from '../builders/services';
import { cachedEpic, DAY, T0 } from '../builders/cachedEpic';
import { contextOf, FRESH_MS, readRecordingStore } from '../builders/projectionReads';

async function pagesOf(ctx: ServiceContext, issueKey: string) {
  return {
    board: await portfolioBoard(ctx, { doneWithinDays: 30 }),
    ranking: await wsjfRanking(ctx),
    overview: await epicPanel(ctx, issueKey),
    epicWsjf: await getEpicWsjf(ctx, issueKey),
  };
}

describe('pages served from the cards', () => {
  let backend: TestBackend;
  let store: StorePort & { reads: string[] };
  beforeAll(async () => {
    store = readRecordingStore(createMemoryStore(), 'epic-cache-cards');
    backend = await startTestBackend({ cacheFreshMs: FRESH_MS, store });
  });
  afterAll(() => backend.close());

  it.each<TestUser>(['rte', 'member'])('should answer the board, the ranking and the panel as the whole cache does, for the %s', async (user) => {
    const issueKey = dataOf(await backend.call(user, 'portfolio/board', { doneWithinDays: 30 })).cards[0]?.key as string;
    // The cards exist (built by the call above): a request reads them, no chunk.
    store.reads.length = 0;
    const fromCards = await pagesOf(contextOf(backend, user), issueKey);
    expect(store.reads.filter((key) => key.startsWith('epic-cache/'))).toEqual([]);
    expect(store.reads.filter((key) => key.startsWith('epic-cache-cards/')).length).toBeGreaterThan(0);

    // A request that loaded the whole snapshot first serves every page from it.
    const ctx = contextOf(backend, user);
    await portfolioSnapshot(ctx);
    store.reads.length = 0;
    const fromCache = await pagesOf(ctx, issueKey);
    expect(store.reads.filter((key) => key.startsWith('epic-cache-cards/'))).toEqual([]);
    expect(fromCards).toEqual(fromCache);
    expect(fromCards.board.cards.length).toBeGreaterThan(20);
  });

  it('should show a saved WSJF score on the next board and ranking load', async () => {
    const ranking = dataOf(await backend.call('rte', 'portfolio/wsjf', {}));
    const epic = ranking.epics.find((candidate) => candidate.key.startsWith('PAY-')) ?? ranking.epics[0];
    if (!epic) throw new Error('no epic to score');
    const components = { userBusinessValue: 13, timeCriticality: 13, riskReductionOpportunityEnablement: 13, jobSize: 1 };
    dataOf(await backend.call('rte', 'epic/wsjf/save', { issueKey: epic.key, components, version: epic.version }));

    const after = dataOf(await backend.call('rte', 'portfolio/wsjf', {}));
    expect(after.epics.find((candidate) => candidate.key === epic.key)).toMatchObject({ ...components, wsjfScore: 39, rank: 1 });
    const card = dataOf(await backend.call('rte', 'portfolio/board', {})).cards.find((candidate) => candidate.key === epic.key);
    expect(card?.wsjfScore).toBe(39);
  });
});

describe('a cache older than the freshness window, pages served from the cards', () => {
  let backend: TestBackend;
  let store: StorePort & { reads: string[] };
  beforeAll(async () => {
    store = readRecordingStore(createMemoryStore(), 'epic-cache-cards');
    // Enough epics for several chunks.
    backend = await startTestBackend({ cacheFreshMs: FRESH_MS, store, epics: 1_500 });
  });
  afterAll(() => backend.close());

  it('should bring a few changed epics in chunk by chunk when the cache is older than the freshness window', async () => {
    const board = dataOf(await backend.call('rte', 'portfolio/board', {}));
    const moved = board.cards.find((card) => card.state === 'Funnel');
    if (!moved) throw new Error('no Funnel epic');
    const rte = demoUser('rte');
    const jira = httpJira({ baseUrl: backend.demo.url, email: rte.email, apiToken: rte.apiToken });
    const target = (await jira.getTransitions(moved.key)).find((candidate) => candidate.to.name === 'Reviewing');
    if (!target) throw new Error(`${moved.key} cannot move to Reviewing`);
    await jira.transitionIssue(moved.key, target.id);

    backend.clock.advance(FRESH_MS);
    store.reads.length = 0;
    const after = dataOf(await backend.call('rte', 'portfolio/board', {}));
    expect(after.cards.find((card) => card.key === moved.key)?.state).toBe('Reviewing');
    // Its chunk only, of several: read to rewrite it, read again to rebuild its cards.
    const chunkReads = store.reads.filter((key) => key.startsWith('epic-cache/'));
    expect((await loadEpicCacheMeta(backend.store))?.chunkIds.length).toBeGreaterThan(1);
    expect(new Set(chunkReads).size).toBe(1);
    expect((await loadEpicCacheMeta(backend.store))?.refreshedAt).toBe(backend.clock.now());
  });


  it('should move an epic on the board reading only the chunk that holds it', async () => {
    const board = dataOf(await backend.call('rte', 'portfolio/board', {}));
    const moving = board.cards.find((card) => card.state === 'Funnel' && card.key.startsWith('PAY-'));
    if (!moving) throw new Error('no Funnel epic in PAY');
    store.reads.length = 0;
    const card = dataOf(await backend.call('rte', 'epic/transition', { issueKey: moving.key, toState: 'Reviewing', overWipLimit: true }));
    expect(card.state).toBe('Reviewing');
    expect((await loadEpicCacheMeta(backend.store))?.chunkIds.length).toBeGreaterThan(1);
    expect(new Set(store.reads.filter((key) => key.startsWith('epic-cache/'))).size).toBe(1);
  });
});

const CONFIG: PortfolioConfig = { states: ['Funnel', 'Implementing', 'Done'], commitment: 'Implementing', active: ['Implementing'], mapping: { '1': 'Funnel', '2': 'Implementing', '3': 'Done' } };
function epic(n: number, statusId = '2'): CachedEpic {
  return cachedEpic(n, { statusId, statusChanges: statusId === '1' ? [] : [[T0 + 2 * DAY, '1', statusId]] });
}

async function storedCache(store: StorePort, epics: CachedEpic[]): Promise<CacheMeta> {
  const cache = emptyEpicCache({ scopeWhere: 'issuetype = Epic', refreshedAt: T0 });
  upsertEpics(cache, epics);
  await saveEpicCache(store, cache);
  return cache.meta;
}

describe('loadCards', () => {
  it('should hold what the pages show, hand-checked, and read no chunk once stored', async () => {
    const store = readRecordingStore(createMemoryStore(), 'epic-cache-cards');
    const meta = await storedCache(store, [epic(1), epic(2, '3')]);
    const cardConfig = cardConfigOf(CONFIG, 'UTC');
    const first = await loadCards(store, meta, cardConfig, recordingLog());
    expect(first?.[0]).toEqual({
      id: '101',
      key: 'E-1',
      summary: 'Epic 1',
      projectKey: 'E',
      projectName: 'Epics',
      labels: [],
      statusId: '2',
      state: 'Implementing',
      stateSince: T0 + 2 * DAY,
      stateDates: { Funnel: '2026-01-05', Implementing: '2026-01-07', Done: null },
      unmappedStatuses: [],
      flagged: false,
      wsjf: { components: { userBusinessValue: 3, timeCriticality: 2, riskReductionOpportunityEnablement: 1, jobSize: 2 }, costOfDelay: 6, wsjfScore: 3, version: 4 },
      scored: { by: 'acc-1', at: T0 + DAY },
    });
    expect(first?.[1]?.state).toBe('Done');

    store.reads.length = 0;
    expect(await loadCards(store, meta, cardConfig, recordingLog())).toEqual(first);
    expect(store.reads).toEqual(['epic-cache-cards/cards-0']);
  });

  it('should rebuild them when the configuration changes (another status mapping)', async () => {
    const store = readRecordingStore(createMemoryStore(), 'epic-cache-cards');
    const meta = await storedCache(store, [epic(1)]);
    await loadCards(store, meta, cardConfigOf(CONFIG, 'UTC'), recordingLog());
    const remapped = cardConfigOf({ ...CONFIG, mapping: { ...CONFIG.mapping, '2': 'Funnel' } }, 'UTC');
    store.reads.length = 0;
    const cards = await loadCards(store, meta, remapped, recordingLog());
    expect(cards?.[0]?.state).toBe('Funnel');
    expect(store.reads).toEqual(['epic-cache-cards/cards-0', 'epic-cache/chunk-0']);
  });

  it('should not store cards rebuilt from a chunk another writer changed meanwhile', async () => {
    const inner = createMemoryStore();
    const meta = await storedCache(inner, [epic(1)]);
    let wrote = false;
    // A WSJF save lands right after the reader read the chunk, before it stores the cards.
    const racing: StorePort = {
      ...inner,
      get: async (collection, key) => {
        const found = await inner.get(collection, key);
        if (collection === 'epic-cache' && !wrote) {
          wrote = true;
          await patchInChunk(inner, 0, '101', (stored) => ({ ...stored, summary: 'Renamed meanwhile' }));
        }
        return found;
      },
    };
    const cardConfig = cardConfigOf(CONFIG, 'UTC');
    expect((await loadCards(racing, meta, cardConfig, recordingLog()))?.[0]?.summary).toBe('Epic 1');
    expect(wrote).toBe(true);
    // The reader's cards were refused: the next reader rebuilds from the changed chunk.
    expect((await inner.get('epic-cache-cards', 'cards-0'))?.value).toEqual({ stale: true });
    expect((await loadCards(inner, meta, cardConfig, recordingLog()))?.[0]?.summary).toBe('Renamed meanwhile');
  });

  it('should store them packed, a fraction of the rows as JSON, and rebuild them when the packed rows are damaged', async () => {
    const store = readRecordingStore(createMemoryStore(), 'epic-cache-cards');
    const epics = Array.from({ length: 200 }, (_, n) => epic(n));
    const meta = await storedCache(store, epics);
    const cardConfig = cardConfigOf(CONFIG, 'UTC');
    const cards = await loadCards(store, meta, cardConfig, recordingLog());
    const stored = (await store.get('epic-cache-cards', 'cards-0'))?.value as { packed: string; authors: unknown };
    expect(stored.authors).toEqual([{ accountId: 'acc-1' }]);
    expect(stored.packed.length).toBeLessThan(JSON.stringify(cards).length / 5);

    await store.put('epic-cache-cards', 'cards-0', { ...stored, packed: 'not deflated' }, (await store.get('epic-cache-cards', 'cards-0'))?.version ?? null);
    store.reads.length = 0;
    expect(await loadCards(store, meta, cardConfig, recordingLog())).toEqual(cards);
    expect(store.reads).toEqual(['epic-cache-cards/cards-0', 'epic-cache/chunk-0']);
  });

  it('should rebuild stale cards a few chunks at a time, each chunk being decoded whole', async () => {
    const inner = createMemoryStore();
    // 30 chunks: each epic alone in one (as many stale cards as after a sync of a large portfolio).
    const cache = emptyEpicCache({ scopeWhere: 'issuetype = Epic', refreshedAt: T0 });
    for (let n = 0; n < 30; n++) {
      upsertEpics(cache, [epic(n)]);
      cache.meta = { ...cache.meta, chunkIds: [...cache.meta.chunkIds, cache.meta.nextChunkId], nextChunkId: cache.meta.nextChunkId + 1 };
      cache.chunks.set(cache.meta.nextChunkId - 1, new Map());
    }
    await saveEpicCache(inner, cache);
    let inFlight = 0;
    let most = 0;
    const counting: StorePort = {
      ...inner,
      get: async (collection, key) => {
        if (collection !== 'epic-cache') return inner.get(collection, key);
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 1));
        inFlight--;
        return inner.get(collection, key);
      },
    };
    const cards = await loadCards(counting, cache.meta, cardConfigOf(CONFIG, 'UTC'), recordingLog());
    expect(cache.meta.chunkIds.length).toBe(30);
    expect(cards?.length).toBe(30);
    expect(most).toBe(4);
  });

  it('should answer null (the whole-cache path) when a chunk is gone and its cards with it', async () => {
    const store = createMemoryStore();
    const meta = await storedCache(store, [epic(1)]);
    await store.delete('epic-cache', 'chunk-0', 'any');
    await store.delete('epic-cache-cards', 'cards-0', 'any');
    expect(await loadCards(store, meta, cardConfigOf(CONFIG, 'UTC'), recordingLog())).toBeNull();
  });
});
