/**
 * The pending-epics set the issue-updated event writes: one small versioned value, bounded (an
 * overflow flag instead of growing), lenient on a damaged document, and cleared only of what a
 * reader or a refresh covered: ids recorded meanwhile by other events survive.
 */
import { createMemoryStore } from '../../../src/adapters/local/memoryStore';
import { createMeteredStore } from '../../../src/adapters/local/meteredStore';
import { ConflictError } from '../../../src/errors';
import type { StorePort } from '../../../src/ports';
import {
  clearPendingEpics,
  hasPendingWork,
  MAX_PENDING_EPICS,
  PENDING_EPICS_COLLECTION,
  pendingIds,
  readPendingEpics,
  recordPendingEpic,
} from '../../../src/services/portfolio/pendingEpics';
import { recordingLog } from '../../../src/runtime/recordingLog';

const T0 = Date.UTC(2026, 11, 2, 3, 0, 0);

function depsOf(store: StorePort = createMemoryStore(), start = T0) {
  let at = start;
  return { store, log: recordingLog(), clock: { now: () => at }, advance: (ms: number) => void (at += ms) };
}

describe('recording an event', () => {
  it('should keep each id once, with the time of its latest event, when ids are recorded', async () => {
    const deps = depsOf();
    expect(await recordPendingEpic(deps, '10001')).toBe('recorded');
    deps.advance(1_000);
    await recordPendingEpic(deps, '10002');
    deps.advance(1_000);
    await recordPendingEpic(deps, '10001');
    const pending = await readPendingEpics(deps);
    expect(pending.entries).toEqual([
      { id: '10002', at: T0 + 1_000 },
      { id: '10001', at: T0 + 2_000 },
    ]);
    expect(pendingIds(pending)).toEqual(['10002', '10001']);
    expect(hasPendingWork(pending)).toBe(true);
  });

  it('should read one unit and write one value when an event is recorded', async () => {
    const { store, meter } = createMeteredStore(createMemoryStore());
    const deps = depsOf(store);
    for (let id = 1; id < MAX_PENDING_EPICS; id++) await recordPendingEpic(deps, String(10_000 + id));
    meter.reset();
    await recordPendingEpic(deps, '99999');
    expect(meter.reading()).toMatchObject({ readUnits: 1, writeUnits: 1 });
  });

  it('should set the overflow flag instead of growing when the set is full', async () => {
    const deps = depsOf();
    for (let id = 0; id < MAX_PENDING_EPICS; id++) await recordPendingEpic(deps, String(10_000 + id));
    deps.advance(5_000);
    expect(await recordPendingEpic(deps, '20000')).toBe('overflowed');
    const pending = await readPendingEpics(deps);
    expect(pending.entries).toHaveLength(MAX_PENDING_EPICS);
    expect(pending.entries.some((entry) => entry.id === '20000')).toBe(false);
    expect(pending.overflowedAt).toBe(T0 + 5_000);
    // An id already pending is still moved to its new time.
    expect(await recordPendingEpic(deps, '10000')).toBe('recorded');
  });

  it.each(['ISSUE-1', '', '0', '12a', '1'.repeat(25)])('should not record %p when it is not a Jira issue id', async (id) => {
    const deps = depsOf();
    expect(await recordPendingEpic(deps, id)).toBe('lost');
    expect(await deps.store.get(PENDING_EPICS_COLLECTION, 'epics')).toBeUndefined();
  });

  it('should treat a damaged document as empty, say so, and replace it on the next event', async () => {
    const deps = depsOf();
    await deps.store.put(PENDING_EPICS_COLLECTION, 'epics', { schemaVersion: 1, entries: [{ id: 'DROP TABLE', at: 'x' }] }, null);
    const pending = await readPendingEpics(deps);
    expect(pending.entries).toEqual([]);
    expect(hasPendingWork(pending)).toBe(false);
    expect(deps.log.entries.at(-1)).toMatchObject({ level: 'warn', message: 'pending epics unreadable; taken as none' });
    expect(await recordPendingEpic(deps, '10001')).toBe('recorded');
    expect((await readPendingEpics(deps)).entries).toEqual([{ id: '10001', at: T0 }]);
  });

  it('should give up after a few refused writes, log it and not throw, when other writers always win', async () => {
    const inner = createMemoryStore();
    const store: StorePort = { ...inner, put: () => Promise.reject(new ConflictError('someone else was first')) };
    const deps = depsOf(store);
    expect(await recordPendingEpic(deps, '10001')).toBe('lost');
    expect(deps.log.entries.at(-1)).toMatchObject({ level: 'warn', message: 'pending epics not updated; the next refresh catches up', data: { attempt: 5 } });
  });

  it('should record every id when many events arrive at once', async () => {
    const deps = depsOf();
    const ids = Array.from({ length: 4 }, (_, index) => String(30_000 + index));
    await Promise.all(ids.map((id) => recordPendingEpic(deps, id)));
    expect(pendingIds(await readPendingEpics(deps)).sort()).toEqual(ids);
  });
});

describe('clearing what was covered', () => {
  it('should keep an id recorded by another event after the reader read the set, when the reader clears what it applied', async () => {
    const deps = depsOf();
    await recordPendingEpic(deps, '10001');
    await recordPendingEpic(deps, '10002');
    const read = await readPendingEpics(deps);
    // Meanwhile: a new epic, and 10002 changed again (its search may predate that change).
    deps.advance(1_000);
    await recordPendingEpic(deps, '10003');
    await recordPendingEpic(deps, '10002');
    await clearPendingEpics(deps, { entries: read.entries }, read);
    expect((await readPendingEpics(deps)).entries).toEqual([
      { id: '10003', at: T0 + 1_000 },
      { id: '10002', at: T0 + 1_000 },
    ]);
  });

  it('should clear only ids recorded before a rebuild started, when a rebuild covers them', async () => {
    const deps = depsOf();
    await recordPendingEpic(deps, '10001');
    deps.advance(1_000);
    const rebuildStartedAt = deps.clock.now();
    deps.advance(1_000);
    await recordPendingEpic(deps, '10002');
    await clearPendingEpics(deps, { recordedBefore: rebuildStartedAt });
    expect(pendingIds(await readPendingEpics(deps))).toEqual(['10002']);
  });

  it('should clear the overflow flag only when the `updated >=` pass started after the last dropped id', async () => {
    const deps = depsOf();
    for (let id = 0; id < MAX_PENDING_EPICS; id++) await recordPendingEpic(deps, String(10_000 + id));
    deps.advance(1_000);
    await recordPendingEpic(deps, '20000');
    const passStartedAt = deps.clock.now();
    deps.advance(1_000);
    await recordPendingEpic(deps, '20001');
    await clearPendingEpics(deps, { overflowBefore: passStartedAt });
    expect((await readPendingEpics(deps)).overflowedAt).toBe(T0 + 2_000);
    await clearPendingEpics(deps, { overflowBefore: deps.clock.now() + 1 });
    expect((await readPendingEpics(deps)).overflowedAt).toBeNull();
  });

  it('should write nothing when nothing it covered is in the set', async () => {
    const { store, meter } = createMeteredStore(createMemoryStore());
    const deps = depsOf(store);
    await recordPendingEpic(deps, '10001');
    const read = await readPendingEpics(deps);
    meter.reset();
    await clearPendingEpics(deps, { entries: [{ id: '10009', at: T0 }] }, read);
    expect(meter.reading().writeUnits).toBe(0);
  });
});
