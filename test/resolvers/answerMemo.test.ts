/**
 * Remembered answers (services/portfolio/answerMemo.ts): Flow's question asked again is answered
 * from one packed value, exactly as computed, and never once anything it was computed from changed:
 * an epic (a chunk write), the caller's visibility, the settings, the day; damaged or mixed values
 * are recomputed, never served.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { createMemoryStore } from '../../src/adapters/local/memoryStore';
import type { StorePort } from '../../src/ports';
import { createServiceContext } from '../../src/services/context';
import type { ServiceContext } from '../../src/services/context';
import { computedFlowMetrics, flowMetrics } from '../../src/services/flowMetrics';
import { rememberedAnswer } from '../../src/services/portfolio/answerMemo';
import { aroundManyChunkWrites } from '../../src/services/portfolio/cacheGeneration';
import { loadEpicCacheMeta, patchInChunk, readChunk } from '../../src/services/portfolio/epicCache';
import { createIssueUpdated } from '../../src/triggers/issueUpdated';
import { demoUser } from '../../preview/demo-jira';
import { dataOf, startTestBackend } from '../builders/services';
import type { TestBackend, TestUser } from '../builders/services';
import { readRecordingStore } from '../builders/projectionReads';

jest.setTimeout(120_000);

const DAY = 86_400_000;
const SLOTS = 16;
const flowCardReads = (store: { reads: string[] }) => store.reads.filter((key) => key.startsWith('epic-cache-flow/'));

describe('Remembered Flow answers', () => {
  let backend: TestBackend;
  let store: StorePort & { reads: string[] };
  /** A request's context, the cache fresh for two days (so a new day, not the freshness window, is what changes). */
  const contextOf = (user: TestUser): ServiceContext => {
    const { runtime } = backend;
    const accountId = demoUser(user).accountId;
    return createServiceContext({ jira: runtime.jira({ accountId }), store: runtime.store, queue: runtime.queue, clock: runtime.clock, log: runtime.log, accountId, cacheFreshMs: 2 * DAY });
  };
  /** The answer a request gives, the Flow's cards documents it read, and the answer computed afresh. */
  async function ask(user: TestUser, input: Parameters<typeof flowMetrics>[1] = {}) {
    store.reads.length = 0;
    const answer = await flowMetrics(contextOf(user), input);
    const reads = flowCardReads(store);
    return { answer, reads, computed: await computedFlowMetrics(contextOf(user), input) };
  }

  beforeEach(async () => {
    store = readRecordingStore(createMemoryStore(), 'epic-cache-flow');
    backend = await startTestBackend({ store, epics: 300 });
  });
  afterEach(() => backend.close());

  it('should answer the same question again from the remembered answer, reading no projection, exactly as computed', async () => {
    const first = await ask('rte');
    expect(first.reads.length).toBeGreaterThan(0);
    const second = await ask('rte');
    expect(second.reads).toEqual([]);
    expect(second.answer).toEqual(first.computed);
    expect(second.answer.charts.epicCount).toBeGreaterThan(100);
  });

  it('should never serve one caller the answer remembered for a caller who sees other epics', async () => {
    const rte = await ask('rte');
    await ask('rte');
    const member = await ask('member');
    expect(member.reads.length).toBeGreaterThan(0);
    expect(member.answer).toEqual(member.computed);
    expect(member.answer.charts.epicCount).toBeLessThan(rte.answer.charts.epicCount);
  });

  it('should compute again once an epic changed: every chunk write starts a new generation', async () => {
    const first = await ask('rte');
    const aged = first.answer.charts.aging[0];
    expect(aged).toBeDefined();
    const meta = await loadEpicCacheMeta(backend.store);
    let patched = false;
    for (const chunkId of meta?.chunkIds ?? []) {
      const epic = (await readChunk(backend.store, chunkId))?.epics.find((candidate) => candidate.key === aged?.key);
      if (epic !== undefined) patched = await patchInChunk(backend.store, chunkId, epic.id, (existing) => ({ ...existing, summary: 'Renamed since' }));
    }
    expect(patched).toBe(true);
    const second = await ask('rte');
    expect(second.reads.length).toBeGreaterThan(0);
    expect(second.answer.charts.aging.find((item) => item.key === aged?.key)?.summary).toBe('Renamed since');
    expect(second.answer).toEqual(second.computed);
  });

  it('should compute again when the settings changed, or another question is asked', async () => {
    await ask('rte');
    const current = dataOf(await backend.call('rte', 'settings/get'));
    dataOf(await backend.call('rte', 'settings/save', { settings: { ...current.settings, flowPercentiles: [40, 60] }, version: current.version }));
    const afterSettings = await ask('rte');
    expect(afterSettings.reads.length).toBeGreaterThan(0);
    expect(afterSettings.answer.charts.flowTime.percentiles.map((entry) => entry.percentile)).toEqual([40, 60]);
    const quarters = await ask('rte', { period: 'quarter' });
    expect(quarters.reads.length).toBeGreaterThan(0);
    expect(quarters.answer).toEqual(quarters.computed);
  });

  it('should compute again on the next day, though nothing else changed', async () => {
    const today = await ask('rte');
    backend.clock.advance(DAY);
    const tomorrow = await ask('rte');
    expect(tomorrow.reads.length).toBeGreaterThan(0);
    expect(tomorrow.answer.report.asOf).not.toBe(today.answer.report.asOf);
    expect(tomorrow.answer).toEqual(tomorrow.computed);
  });

  it('should compute again, with a warning, when the remembered answer is damaged', async () => {
    await ask('rte');
    let damaged = 0;
    for (let slot = 0; slot < SLOTS; slot++) {
      const head = (await backend.store.getValue(`epic-cache:answer:${slot}:0`)) as { data: string } | undefined;
      if (head === undefined) continue;
      await backend.store.setValue(`epic-cache:answer:${slot}:0`, { ...head, data: 'not brotli at all' });
      damaged++;
    }
    expect(damaged).toBe(1);
    const again = await ask('rte');
    expect(again.reads.length).toBeGreaterThan(0);
    expect(again.answer).toEqual(again.computed);
    expect(backend.log.entries.some((entry) => entry.level === 'warn' && entry.message.startsWith('remembered answer unreadable'))).toBe(true);
  });

  it('should keep a large answer in parts and never join parts of two writes', async () => {
    const schema = z.object({ blob: z.string() });
    // Random bytes do not compress: about 1 MB of base64, five parts.
    const blob = randomBytes(700_000).toString('base64');
    const compute = jest.fn(async () => ({ blob }));
    const question = { name: 'test/large', input: {}, schema };
    expect(await rememberedAnswer(contextOf('rte'), question, compute)).toEqual({ blob });
    expect(await rememberedAnswer(contextOf('rte'), question, compute)).toEqual({ blob });
    expect(compute).toHaveBeenCalledTimes(1);

    const slot = await multiPartSlot(backend.store);
    const head = (await backend.store.getValue(`epic-cache:answer:${slot}:0`)) as { count: number };
    expect(head.count).toBeGreaterThan(2);
    const second = (await backend.store.getValue(`epic-cache:answer:${slot}:2`)) as { writeId: string };
    await backend.store.setValue(`epic-cache:answer:${slot}:2`, { ...second, writeId: 'another write' });
    expect(await rememberedAnswer(contextOf('rte'), question, compute)).toEqual({ blob });
    expect(compute).toHaveBeenCalledTimes(2);
  });

  it('should not remember while many chunks are being written (the generation busy)', async () => {
    const [first, second] = await aroundManyChunkWrites(backend.store, async () => [await ask('rte'), await ask('rte')]);
    expect(first?.reads.length).toBeGreaterThan(0);
    expect(second?.reads.length).toBeGreaterThan(0);
    expect(second?.answer).toEqual(second?.computed);
  });

  it('should not remember while an epic is pending after an event', async () => {
    await ask('rte');
    const meta = await loadEpicCacheMeta(backend.store);
    const epic = (await readChunk(backend.store, meta?.chunkIds[0] as number))?.epics[0];
    await createIssueUpdated(backend.runtime)({ issue: { id: epic?.id as string, key: epic?.key as string } });
    const afterEvent = await ask('rte');
    expect(afterEvent.reads.length).toBeGreaterThan(0);
    expect(afterEvent.answer).toEqual(afterEvent.computed);
  });
});

/** The slot whose answer is in parts (the only one, in that test). */
async function multiPartSlot(store: StorePort): Promise<number> {
  for (let slot = 0; slot < SLOTS; slot++) {
    const head = (await store.getValue(`epic-cache:answer:${slot}:0`)) as { count: number } | undefined;
    if (head !== undefined && head.count > 1) return slot;
  }
  throw new Error('no slot holds a multi-part answer');
}
