/**
 * What every per-chunk projection of the epic cache shares (the pages' cards, Flow's cards): one
 * document beside each chunk, read with batch reads, and rebuilt from its chunk when a chunk
 * writer marked it stale (epicCache.ts) or it was computed for another configuration. A rebuilt
 * document is stored naming the version read: when a writer changed the chunk meanwhile it also
 * changed that version, the store refuses the document, and it serves this request only.
 */
import { ConflictError, errorMessage, InvalidInputError } from '../../errors';
import { MAX_BATCH_GET_KEYS } from '../../ports';
import type { Log, StorePort, Versioned } from '../../ports';
import { readChunk } from './epicCache';
import type { CachedEpic, CacheMeta } from './epicCache';

/** Chunks whose projection a request rebuilds at once (each is read and decoded whole). */
const REBUILDS_AT_ONCE = 4;

export interface ChunkProjection<T> {
  readonly collection: string;
  readonly keyOf: (chunkId: number) => string;
  /** The items of a stored document; null when it is a stale marker, of another configuration, or unreadable. */
  readonly decode: (value: unknown) => T[] | null;
  /** The items of a chunk's epics, and the document that stores them. */
  readonly build: (epics: readonly CachedEpic[]) => { readonly items: T[]; readonly document: unknown };
  /** The epic an item is of: which chunk holds an epic, without reading the chunks. */
  readonly idOf: (item: T) => string;
  /** Every chunk's items in one document, when the projection keeps one (cardsDigest.ts). */
  readonly digest?: ProjectionDigest<T>;
}

/** What a whole-portfolio document of a projection must have been built from to be served. */
export interface DigestStamp {
  /** The cache's generation, read before any chunk or projection (cacheGeneration.ts). */
  readonly token: string;
  readonly chunkIds: readonly number[];
}

export interface ProjectionDigest<T> {
  /** The items, when the stored digest is of `stamp`; else null, and `remember` stores the items read instead. */
  read(store: StorePort, stamp: DigestStamp): Promise<{ readonly items: T[] | null; remember(items: readonly T[], log: Log): Promise<void> }>;
}

/** The items of every chunk the meta names, rebuilding (and storing) the stale ones; null as loadProjectionByChunk. */
export async function loadProjection<T>(store: StorePort, meta: CacheMeta, projection: ChunkProjection<T>, log: Log): Promise<T[] | null> {
  const byChunk = await loadProjectionByChunk(store, meta, projection, log);
  return byChunk === null ? null : [...byChunk.values()].flat();
}

/**
 * The same per chunk id, in the meta's order. Null when a chunk is missing or unreadable: the
 * caller takes the whole-cache path, which repairs the meta.
 */
export async function loadProjectionByChunk<T>(store: StorePort, meta: CacheMeta, projection: ChunkProjection<T>, log: Log): Promise<Map<number, T[]> | null> {
  const stored = await getEvery(store, projection.collection, meta.chunkIds.map(projection.keyOf));
  const perChunk: (T[] | null)[] = [];
  const stale: number[] = [];
  meta.chunkIds.forEach((_chunkId, index) => {
    const items = stored[index] === undefined ? null : projection.decode(stored[index]?.value);
    perChunk.push(items);
    if (items === null) stale.push(index);
  });
  // A few chunks at a time: after a sync every chunk's projection is rebuilt, and each decoded chunk
  // holds its epics' whole histories (all at once: over 200 MiB at 20,000 epics).
  for (let next = 0; next < stale.length; next += REBUILDS_AT_ONCE) {
    await Promise.all(
      stale.slice(next, next + REBUILDS_AT_ONCE).map(async (index) => {
        perChunk[index] = await rebuild(store, meta.chunkIds[index] as number, stored[index]?.version ?? null, projection, log);
      }),
    );
  }
  if (perChunk.some((items) => items === null)) return null;
  return new Map(meta.chunkIds.map((chunkId, index) => [chunkId, perChunk[index] ?? []]));
}

/** Documents by key, in batch reads of at most 25 keys (Forge's `batchGet` limit), in key order. */
async function getEvery(store: StorePort, collection: string, keys: readonly string[]): Promise<(Versioned<unknown> | undefined)[]> {
  const batches: string[][] = [];
  for (let offset = 0; offset < keys.length; offset += MAX_BATCH_GET_KEYS) batches.push(keys.slice(offset, offset + MAX_BATCH_GET_KEYS));
  return (await Promise.all(batches.map((batch) => store.getMany(collection, batch)))).flat();
}

async function rebuild<T>(store: StorePort, chunkId: number, version: number | null, projection: ChunkProjection<T>, log: Log): Promise<T[] | null> {
  const chunk = await readChunk(store, chunkId);
  return chunk === null ? null : storeProjection(store, chunkId, chunk.epics, version, projection, log);
}

/**
 * The items of a chunk's epics, stored naming `version` (the stale marker written with the chunk,
 * or read before reading it). A request that just rewrote a chunk builds them without reading it again.
 */
export async function storeProjection<T>(store: StorePort, chunkId: number, epics: readonly CachedEpic[], version: number | null, projection: ChunkProjection<T>, log: Log): Promise<T[]> {
  const { items, document } = projection.build(epics);
  try {
    await store.put(projection.collection, projection.keyOf(chunkId), document, version);
  } catch (error) {
    // Another writer was first (its document, or a newer chunk): these serve this request only.
    // A document too big to store (a chunk of very short epics) is rebuilt by every reader.
    if (!(error instanceof ConflictError || error instanceof InvalidInputError)) throw error;
    if (error instanceof InvalidInputError) log.warn('chunk projection not stored', { collection: projection.collection, chunkId, message: errorMessage(error) });
  }
  return items;
}
