/**
 * The epic cache's generation (services/portfolio/cacheGeneration.ts): every chunk write replaces
 * it; a write of many chunks marks it busy first and replaces it once after, without the chunks
 * contending for it.
 */
import { createMemoryStore } from '../../../src/adapters/local/memoryStore';
import type { DocumentWrite, StorePort } from '../../../src/ports';
import { isRememberable, readCacheGeneration } from '../../../src/services/portfolio/cacheGeneration';
import { emptyEpicCache, patchInChunk, saveEpicCache, upsertEpics } from '../../../src/services/portfolio/epicCache';
import type { CachedEpic } from '../../../src/services/portfolio/epicCache';
import { cachedEpic, T0 } from '../../builders/cachedEpic';

/** An epic of about 30 KB: four fill a 100 KiB chunk. */
const bulkyEpic = (n: number): CachedEpic => cachedEpic(n, { summary: `Epic ${n} ${'x'.repeat(30_000)}`, wsjf: null, statusChanges: [] });

/** Records each transaction's addresses and the generation as it was when a chunk was written. */
function watchedStore(inner: StorePort) {
  const transactions: string[][] = [];
  const generationAtChunkWrites: boolean[] = [];
  const store: StorePort = {
    ...inner,
    async putAll(writes: readonly DocumentWrite[]) {
      transactions.push(writes.map((write) => write.collection));
      if (writes.some((write) => write.collection === 'epic-cache')) generationAtChunkWrites.push((await readCacheGeneration(inner)).busy);
      return inner.putAll(writes);
    },
  };
  return { store, transactions, generationAtChunkWrites };
}

describe('the epic cache generation', () => {
  it('should replace the token in the transaction of a single chunk write', async () => {
    const { store, transactions } = watchedStore(createMemoryStore());
    const cache = emptyEpicCache({ scopeWhere: 'issuetype = Epic', refreshedAt: T0 });
    upsertEpics(cache, [{ ...bulkyEpic(1), summary: 'small' }]);
    await saveEpicCache(store, cache);
    const first = await readCacheGeneration(store);
    expect(isRememberable(first)).toBe(true);
    expect(transactions).toEqual([['epic-cache', 'epic-cache-cards', 'epic-cache-flow', 'epic-cache-generation']]);

    expect(await patchInChunk(store, cache.meta.chunkIds[0] as number, '101', (epic) => ({ ...epic, summary: 'renamed' }))).toBe(true);
    const second = await readCacheGeneration(store);
    expect(second.token).not.toBe(first.token);
    expect(second.busy).toBe(false);
  });

  it('should mark it busy while many chunks are written at once, and replace it once after, with no chunk contending for it', async () => {
    const { store, transactions, generationAtChunkWrites } = watchedStore(createMemoryStore());
    const cache = emptyEpicCache({ scopeWhere: 'issuetype = Epic', refreshedAt: T0 });
    upsertEpics(cache, Array.from({ length: 12 }, (_, n) => bulkyEpic(n)));
    await saveEpicCache(store, cache);
    expect(cache.meta.chunkIds.length).toBeGreaterThan(2);

    const chunkWrites = transactions.filter((collections) => collections.includes('epic-cache'));
    expect(chunkWrites).toHaveLength(cache.meta.chunkIds.length);
    expect(chunkWrites.every((collections) => !collections.includes('epic-cache-generation'))).toBe(true);
    expect(generationAtChunkWrites.every((busy) => busy)).toBe(true);
    // Busy before the chunks, a new token after: two replacements, none refused.
    expect(transactions.filter((collections) => collections.includes('epic-cache-generation'))).toEqual([['epic-cache-generation'], ['epic-cache-generation']]);
    const after = await readCacheGeneration(store);
    expect(isRememberable(after)).toBe(true);
  });

  it('should read an unreadable generation as none, and a busy one as not rememberable', async () => {
    const store = createMemoryStore();
    await store.put('epic-cache-generation', 'current', { token: 7 }, null);
    expect(await readCacheGeneration(store)).toEqual({ token: null, busy: false, version: 1 });
    await store.put('epic-cache-generation', 'current', { token: 'abc', busy: true }, 1);
    const busy = await readCacheGeneration(store);
    expect(busy).toEqual({ token: 'abc', busy: true, version: 2 });
    expect(isRememberable(busy)).toBe(false);
  });
});
