/**
 * The app's recent Jira writes (issue ids to pass as `reconcileIssues`): bounded to 50, the newest
 * kept, each for 10 minutes, one small versioned value, read once per request, lenient on a value
 * it cannot read, and never failing the write it follows.
 */
import { createMemoryStore } from '../../../src/adapters/local/memoryStore';
import { createMeteredStore } from '../../../src/adapters/local/meteredStore';
import { ConflictError } from '../../../src/errors';
import type { JiraActors, StorePort } from '../../../src/ports';
import { createServiceContext } from '../../../src/services/context';
import type { ServiceContext } from '../../../src/services/context';
import {
  liveWrites,
  MAX_RECENT_WRITES,
  parseRecentWrites,
  readRecentlyWrittenIds,
  RECENT_WRITES_WINDOW_MS,
  recentlyWrittenIds,
  recordRecentWrites,
} from '../../../src/services/portfolio/recentWrites';
import { recordingLog } from '../../../src/runtime/recordingLog';

const T0 = Date.UTC(2026, 11, 2, 3, 0, 0);
const MINUTE = 60_000;

interface TestClock {
  now(): number;
  advance(ms: number): void;
}

function clockAt(start: number): TestClock {
  let at = start;
  return { now: () => at, advance: (ms) => void (at += ms) };
}

function contextOf(store: StorePort, clock: TestClock, log = recordingLog()): ServiceContext {
  return createServiceContext({ jira: {} as JiraActors, store, clock, log, accountId: '', cacheFreshMs: 0 });
}

/** Counts reads of the recent-writes value. */
function countingReads(inner: StorePort): StorePort & { reads: number } {
  const counting = Object.create(inner) as StorePort & { reads: number };
  counting.reads = 0;
  counting.get = (collection, key) => {
    if (key === 'recent-writes') counting.reads += 1;
    return inner.get(collection, key);
  };
  return counting;
}

const write = (id: number, at: number) => ({ id, at });

describe('liveWrites', () => {
  it.each([
    ['written just now', T0, [10001]],
    ['written 9 min 59 s ago', T0 - RECENT_WRITES_WINDOW_MS + 1_000, [10001]],
    ['written exactly 10 min ago', T0 - RECENT_WRITES_WINDOW_MS, []],
    ['written an hour ago', T0 - 60 * MINUTE, []],
    ['dated 5 min ahead (clock skew between instances)', T0 + 5 * MINUTE, [10001]],
    ['dated an hour ahead (a clock gone wrong)', T0 + 60 * MINUTE, []],
  ])('should keep an issue %s only while it is inside the 10-minute window', (_case, at, expected) => {
    expect(liveWrites([write(10001, at)], T0).map((entry) => entry.id)).toEqual(expected);
  });

  it('should keep one entry per issue, its latest, newest first', () => {
    const writes = [write(10001, T0 - 3 * MINUTE), write(10002, T0 - 2 * MINUTE), write(10001, T0 - MINUTE)];
    expect(liveWrites(writes, T0)).toEqual([write(10001, T0 - MINUTE), write(10002, T0 - 2 * MINUTE)]);
  });

  it('should keep the 50 newest when more issues were written', () => {
    const writes = Array.from({ length: 60 }, (_, index) => write(10_000 + index, T0 - (60 - index) * 1_000));
    const live = liveWrites(writes, T0);
    expect(live).toHaveLength(MAX_RECENT_WRITES);
    expect(live[0]).toEqual(write(10_059, T0 - 1_000));
    expect(live.at(-1)).toEqual(write(10_010, T0 - 50_000));
  });
});

describe('parseRecentWrites', () => {
  it.each<[string, unknown]>([
    ['nothing stored', undefined],
    ['a string', 'recent'],
    ['another schema version', { schemaVersion: 2, writes: [write(10001, T0)] }],
    ['writes that are not a list', { schemaVersion: 1, writes: { 10001: T0 } }],
    ['a list longer than any the app writes', { schemaVersion: 1, writes: Array.from({ length: 1_001 }, () => write(10001, T0)) }],
  ])('should read no writes when the value is %s', (_case, value) => {
    expect(parseRecentWrites(value)).toEqual([]);
  });

  it('should keep the readable entries when some are not', () => {
    const value = { schemaVersion: 1, writes: [write(10001, T0), { id: 'PAY-1', at: T0 }, { id: -4, at: T0 }, { id: 10002 }, null, write(10003, T0 - 1)] };
    expect(parseRecentWrites(value)).toEqual([write(10001, T0), write(10003, T0 - 1)]);
  });
});

describe('recordRecentWrites and recentlyWrittenIds', () => {
  it('should reconcile a written issue on later requests for 10 minutes, then no more', async () => {
    const store = createMemoryStore();
    const clock = clockAt(T0);
    await recordRecentWrites(contextOf(store, clock), ['10068']);

    clock.advance(RECENT_WRITES_WINDOW_MS - 1_000);
    expect(await recentlyWrittenIds(contextOf(store, clock))).toEqual([10068]);
    expect(await readRecentlyWrittenIds(store, clock.now())).toEqual([10068]);
    clock.advance(1_000);
    expect(await recentlyWrittenIds(contextOf(store, clock))).toEqual([]);
  });

  it('should store at most 50 ids, the newest, in one value that costs one KVS unit to read or write', async () => {
    const { store, meter } = createMeteredStore(createMemoryStore());
    const clock = clockAt(T0);
    for (let batch = 0; batch < 3; batch += 1) {
      await recordRecentWrites(contextOf(store, clock), Array.from({ length: 25 }, (_, index) => String(1_000_000_000 + batch * 25 + index)));
      clock.advance(1_000);
    }
    const ids = await readRecentlyWrittenIds(store, clock.now());
    expect(ids).toHaveLength(50);
    expect(ids).toContain(1_000_000_074);
    expect(ids).not.toContain(1_000_000_024);

    meter.reset();
    await recordRecentWrites(contextOf(store, clock), ['10001']);
    expect(meter.reading()).toMatchObject({ readUnits: 1, writeUnits: 1 });
    meter.reset();
    const ctx = contextOf(store, clock);
    await recentlyWrittenIds(ctx);
    await recentlyWrittenIds(ctx);
    expect(meter.reading()).toMatchObject({ readUnits: 1, writeUnits: 0 });
  });

  it('should read the value once per request and see its own request write without reading again', async () => {
    const store = countingReads(createMemoryStore());
    const clock = clockAt(T0);
    await recordRecentWrites(contextOf(store, clock), ['10001']);
    store.reads = 0;

    const ctx = contextOf(store, clock);
    expect(await recentlyWrittenIds(ctx)).toEqual([10001]);
    expect(await recentlyWrittenIds(ctx)).toEqual([10001]);
    expect(store.reads).toBe(1);
    await recordRecentWrites(ctx, ['10002']);
    expect(await recentlyWrittenIds(ctx)).toEqual([10002, 10001]);
    expect(store.reads).toBe(2);
  });

  it('should replace a corrupt value instead of failing the write it follows', async () => {
    const store = createMemoryStore();
    await store.put('sync', 'recent-writes', { garbage: true }, null);
    const clock = clockAt(T0);
    expect(await recentlyWrittenIds(contextOf(store, clock))).toEqual([]);
    await recordRecentWrites(contextOf(store, clock), ['10001']);
    expect(await readRecentlyWrittenIds(store, T0)).toEqual([10001]);
  });

  it('should leave out ids that are not Jira issue ids', async () => {
    const store = createMemoryStore();
    await recordRecentWrites(contextOf(store, clockAt(T0)), ['PAY-1', '', '0', '10001', '99999999999999999999']);
    expect(await readRecentlyWrittenIds(store, T0)).toEqual([10001]);
  });

  it('should keep both when two requests record at once (the refused write reads again and merges)', async () => {
    const inner = createMemoryStore();
    const clock = clockAt(T0);
    // Both read the value before either writes: the second write is refused once, then merges.
    let gate: (() => void) | null = null;
    const bothRead = new Promise<void>((resolve) => (gate = resolve));
    let reads = 0;
    const store = Object.create(inner) as StorePort;
    store.get = async (collection, key) => {
      const value = await inner.get(collection, key);
      reads += 1;
      if (reads === 2) gate?.();
      if (reads <= 2) await bothRead;
      return value;
    };
    await Promise.all([recordRecentWrites(contextOf(store, clock), ['10001']), recordRecentWrites(contextOf(store, clock), ['10002'])]);
    expect((await readRecentlyWrittenIds(inner, T0)).sort()).toEqual([10001, 10002]);
    expect(reads).toBe(3);
  });

  it('should log and give up, never throw, when every write is refused', async () => {
    const inner = createMemoryStore();
    const store = Object.create(inner) as StorePort;
    let puts = 0;
    store.put = () => {
      puts += 1;
      return Promise.reject(new ConflictError('someone else wrote it'));
    };
    const log = recordingLog();
    await expect(recordRecentWrites(contextOf(store, clockAt(T0), log), ['10001'])).resolves.toBeUndefined();
    expect(puts).toBe(5);
    expect(log.entries).toContainEqual(expect.objectContaining({ level: 'warn', message: 'recent Jira writes not recorded; the next search may not reconcile them' }));
  });
});
