/**
 * Flow's cards (services/portfolio/flowCards.ts): flow/metrics and flow/forecast read them instead
 * of the cache's chunks, answer exactly as from the whole snapshot for every filter, segment,
 * as-of date and percentile, and never serve cards older than a chunk.
 */
import { createMemoryStore } from '../../src/adapters/local/memoryStore';
import type { StorePort } from '../../src/ports';
import { recordingLog } from '../../src/runtime/recordingLog';
import { computedFlowMetrics, flowForecast, flowMetrics } from '../../src/services/flowMetrics';
import { flowSourceFromSnapshot } from '../../src/services/flowSource';
import { emptyEpicCache, loadEpicCacheMeta, patchInChunk, saveEpicCache, upsertEpics } from '../../src/services/portfolio/epicCache';
import type { CachedEpic } from '../../src/services/portfolio/epicCache';
import { decodeFlowCards, encodeFlowCards, loadFlowCards, toFlowCard } from '../../src/services/portfolio/flowCards';
import { dataOf, startTestBackend } from '../builders/services';
import type { TestBackend, TestUser } from '../builders/services';
import { cachedEpic, DAY, T0 } from '../builders/cachedEpic';
import { contextOf, FRESH_MS, readRecordingStore } from '../builders/projectionReads';

jest.setTimeout(120_000);

type MetricsInput = Parameters<typeof flowMetrics>[1];
type ForecastInput = Parameters<typeof flowForecast>[1];

describe('Flow served from its cards', () => {
  let backend: TestBackend;
  let store: StorePort & { reads: string[] };
  let metricsInputs: [string, MetricsInput][];
  beforeAll(async () => {
    store = readRecordingStore(createMemoryStore(), 'epic-cache-flow');
    backend = await startTestBackend({ cacheFreshMs: FRESH_MS, store, epics: 400 });
    // The first call builds the cache and Flow's cards.
    const { charts } = dataOf(await backend.call('rte', 'flow/metrics', {}));
    const theme = charts.filterOptions.themes[0]?.id as string;
    const stream = charts.filterOptions.valueStreams[0]?.id as string;
    metricsInputs = [
      ['the default', {}],
      ['quarters and other percentiles', { period: 'quarter', percentiles: [30, 70, 90, 99] }],
      ['an as-of date in the past', { asOf: '2026-06-30', period: 'week' }],
      ['another segment', { segment: { from: 'Reviewing', to: 'Implementing' } }],
      ['a theme and a date range', { filters: { themes: [theme, 'none'], from: '2025-09-01', to: '2026-08-31' } }],
      ['a value stream and a work type', { filters: { valueStreams: [stream], workTypes: ['enabler'] } }],
      ['a past as-of date, a segment and a filter', { asOf: '2026-03-15', segment: { from: 'Analyzing', to: 'Done' }, filters: { workTypes: ['business'] } }],
    ];
  });
  afterAll(() => backend.close());

  it.each<TestUser>(['rte', 'member'])('should answer flow/metrics as the whole snapshot does for the %s, reading no chunk', async (user) => {
    for (const [, input] of metricsInputs) {
      store.reads.length = 0;
      const fromCards = await computedFlowMetrics(contextOf(backend, user), input);
      expect(store.reads.filter((key) => key.startsWith('epic-cache/'))).toEqual([]);
      expect(store.reads.filter((key) => key.startsWith('epic-cache-flow/')).length).toBeGreaterThan(0);

      const ctx = contextOf(backend, user);
      await flowSourceFromSnapshot(ctx);
      store.reads.length = 0;
      const fromSnapshot = await computedFlowMetrics(ctx, input);
      expect(store.reads.filter((key) => key.startsWith('epic-cache-flow/'))).toEqual([]);
      expect(fromCards).toEqual(fromSnapshot);
    }
    const whole = await flowMetrics(contextOf(backend, user), {});
    expect(whole.charts.epicCount).toBeGreaterThan(100);
    expect(whole.charts.efficiency.epics.length).toBeGreaterThan(0);
    expect(whole.charts.aging.length).toBeGreaterThan(0);
  });

  it.each<TestUser>(['rte', 'member'])('should answer flow/forecast as the whole snapshot does for the %s', async (user) => {
    const inputs: ForecastInput[] = [
      { items: 12, backlog: true, trials: 500, seed: 3 },
      { by: '2027-03-31', windowDays: 90, trials: 500, filters: { workTypes: ['business'] } },
    ];
    for (const input of inputs) {
      store.reads.length = 0;
      const fromCards = await flowForecast(contextOf(backend, user), input);
      expect(store.reads.filter((key) => key.startsWith('epic-cache/'))).toEqual([]);
      const ctx = contextOf(backend, user);
      await flowSourceFromSnapshot(ctx);
      expect(fromCards).toEqual(await flowForecast(ctx, input));
    }
  });

  it('should answer the page only what it draws: the report figures and the charts, no per-epic report rows', async () => {
    const metrics = dataOf(await backend.call('rte', 'flow/metrics', {}));
    expect(Object.keys(metrics).sort()).toEqual(['charts', 'distribution', 'report', 'velocity']);
    expect(Object.keys(metrics.report).sort()).toEqual(['asOf', 'closedWithoutImplementation', 'efficiency', 'flowTime', 'load']);
  });

  it('should rebuild only the cards of a chunk written since, reading that chunk alone', async () => {
    const meta = await loadEpicCacheMeta(backend.store);
    const chunkId = meta?.chunkIds[1] as number;
    expect(meta?.chunkIds.length).toBeGreaterThan(1);
    const stored = await backend.store.get('epic-cache', `chunk-${chunkId}`);
    const firstId = (stored?.value as { epics: { id: string }[] }).epics[0]?.id as string;
    expect(await patchInChunk(backend.store, chunkId, firstId, (existing) => ({ ...existing, summary: 'Renamed for Flow' }))).toBe(true);
    store.reads.length = 0;
    const fromCards = await flowMetrics(contextOf(backend, 'rte'), {});
    expect(store.reads.filter((key) => key.startsWith('epic-cache/'))).toEqual([`epic-cache/chunk-${chunkId}`]);
    const ctx = contextOf(backend, 'rte');
    await flowSourceFromSnapshot(ctx);
    expect(fromCards).toEqual(await computedFlowMetrics(ctx, {}));
  });

  it('should read the whole cache when totals include hidden epics', async () => {
    const current = dataOf(await backend.call('rte', 'settings/get'));
    dataOf(await backend.call('rte', 'settings/save', { settings: { ...current.settings, portfolioTotalsIncludeHidden: true }, version: current.version }));
    try {
      store.reads.length = 0;
      const member = await flowMetrics(contextOf(backend, 'member'), {});
      expect(store.reads.filter((key) => key.startsWith('epic-cache-flow/'))).toEqual([]);
      expect(store.reads.filter((key) => key.startsWith('epic-cache/')).length).toBeGreaterThan(0);
      expect(member.charts.hiddenCount).toBeGreaterThan(0);
    } finally {
      const now = dataOf(await backend.call('rte', 'settings/get'));
      dataOf(await backend.call('rte', 'settings/save', { settings: { ...now.settings, portfolioTotalsIncludeHidden: false }, version: now.version }));
    }
  });

  it('should list only the member own epics, as the snapshot does', async () => {
    const rte = await flowMetrics(contextOf(backend, 'rte'), {});
    const member = await flowMetrics(contextOf(backend, 'member'), {});
    expect(member.charts.epicCount).toBeLessThan(rte.charts.epicCount);
    expect(JSON.stringify(member)).not.toMatch(/\bDAT-\d+/);
  });
});

/** An enabler in status 3, with millisecond offsets in its history and a flag. */
function epic(n: number, overrides: Partial<CachedEpic> = {}): CachedEpic {
  return cachedEpic(n, {
    labels: ['enabler'],
    statusId: '3',
    statusChanges: [
      [T0 + 2 * DAY + 17, '1', '2'],
      [T0 + 9 * DAY + 5, '2', '3'],
    ],
    flagChanges: [[T0 + 3 * DAY + 1, true]],
    ...overrides,
  });
}

describe('Flow cards documents', () => {
  it('should give back every history exactly: unordered changes, instants before creation, equal instants, unknown sources', () => {
    const epics = [
      epic(1),
      epic(2, {
        statusId: '2',
        wsjf: null,
        statusChanges: [
          [T0 + 5 * DAY, '1', '2'],
          [T0 - 3 * DAY, null, '1'],
          [T0 + 5 * DAY, '2', '4'],
          [T0 + 5 * DAY, '4', '2'],
        ],
        flagChanges: [
          [T0 + 4 * DAY, false],
          [T0 - DAY, true],
        ],
      }),
      epic(3, { projectKey: 'F', projectName: 'Other', labels: [], statusChanges: [], flagChanges: [] }),
    ];
    const decoded = decodeFlowCards(encodeFlowCards(epics));
    expect(decoded).toEqual(epics.map(toFlowCard));
    expect(decoded?.[1]?.wsjf.components).toEqual({ userBusinessValue: null, timeCriticality: null, riskReductionOpportunityEnablement: null, jobSize: null });
    expect(decoded?.[1]?.history.statusChanges[1]).toEqual({ at: T0 - 3 * DAY, fromStatusId: null, toStatusId: '1' });
  });

  it('should refuse a stale marker and a damaged document', () => {
    expect(decodeFlowCards({ stale: true })).toBeNull();
    expect(decodeFlowCards({ schema: 1, packed: 'not deflated' })).toBeNull();
  });

  it('should read no chunk once stored, and read it again after a chunk write marked the cards stale', async () => {
    const store = readRecordingStore(createMemoryStore(), 'epic-cache-flow');
    const cache = emptyEpicCache({ scopeWhere: 'issuetype = Epic', refreshedAt: T0 });
    upsertEpics(cache, [epic(1), epic(2)]);
    await saveEpicCache(store, cache);
    const { meta } = cache;
    const log = recordingLog();

    expect((await loadFlowCards(store, meta, log))?.map((card) => card.key)).toEqual(['E-1', 'E-2']);
    expect(store.reads.filter((key) => key.startsWith('epic-cache/')).length).toBe(1);
    store.reads.length = 0;
    await loadFlowCards(store, meta, log);
    expect(store.reads.filter((key) => key.startsWith('epic-cache/'))).toEqual([]);

    const chunkId = meta.chunkIds[0] as number;
    expect(await patchInChunk(store, chunkId, '101', (existing) => ({ ...existing, summary: 'Renamed', statusId: '1' }))).toBe(true);
    store.reads.length = 0;
    const after = await loadFlowCards(store, meta, log);
    expect(after?.[0]).toMatchObject({ summary: 'Renamed', history: { currentStatusId: '1' } });
    expect(store.reads.filter((key) => key.startsWith('epic-cache/')).length).toBe(1);
  });
});
