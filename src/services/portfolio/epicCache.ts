/**
 * The cache of per-epic Jira data (fields, WSJF property, status and flag history), filled with the
 * app actor. Stored in chunks so no value passes KVS's 240 KiB limit; an update rewrites only the
 * chunks it touched. This module only stores: it never decides who may see what (see snapshot.ts).
 */
import { z } from 'zod';
import type { StorePort } from '../../ports';

const CACHE_SCHEMA_VERSION = 1;
const META_KEY = 'epic-cache:meta';
const chunkKey = (id: number) => `epic-cache:chunk:${id}`;
/** Bytes of JSON per chunk: under KVS's 240 KiB per value with room for the store's own envelope. */
export const CHUNK_LIMIT_BYTES = 200 * 1024;

export const cachedEpicSchema = z.object({
  id: z.string(),
  key: z.string(),
  summary: z.string(),
  projectId: z.string(),
  projectKey: z.string(),
  projectName: z.string(),
  labels: z.array(z.string()),
  createdAt: z.number(),
  updatedAt: z.number(),
  statusId: z.string(),
  /** The WSJF issue property as Jira returned it (parsed leniently when read); null when absent. */
  wsjf: z.unknown(),
  /** [at, fromStatusId, toStatusId], compact to keep chunks few. */
  statusChanges: z.array(z.tuple([z.number(), z.string().nullable(), z.string()])),
  /** [at, flagged]. */
  flagChanges: z.array(z.tuple([z.number(), z.boolean()])),
});
export type CachedEpic = z.infer<typeof cachedEpicSchema>;

const cacheMetaSchema = z.object({
  schemaVersion: z.literal(CACHE_SCHEMA_VERSION),
  /** The scope (without ORDER BY) the cache holds; another scope means a full refresh. */
  scopeWhere: z.string(),
  /** When the last refresh started: the next incremental one asks for `updated` since then. */
  refreshedAt: z.number(),
  fullRefreshedAt: z.number(),
  chunkIds: z.array(z.number().int()),
  nextChunkId: z.number().int(),
  /** Jira's statuses at the last full refresh (for mapping by name). */
  statuses: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type CacheMeta = z.infer<typeof cacheMetaSchema>;

const chunkSchema = z.object({ schemaVersion: z.literal(CACHE_SCHEMA_VERSION), epics: z.array(cachedEpicSchema) });

export interface EpicCache {
  meta: CacheMeta;
  /** chunk id → epic id → epic. */
  readonly chunks: Map<number, Map<string, CachedEpic>>;
  readonly chunkOf: Map<string, number>;
  readonly dirty: Set<number>;
}

/**
 * A new, empty cache. `firstChunkId` continues the old cache's numbering so a rebuild never
 * overwrites chunks the old meta still names (a crash mid-rebuild leaves the old cache whole).
 */
export function emptyEpicCache(scopeWhere: string, now: number, statuses: CacheMeta['statuses'], firstChunkId = 0): EpicCache {
  return {
    meta: {
      schemaVersion: CACHE_SCHEMA_VERSION,
      scopeWhere,
      refreshedAt: now,
      fullRefreshedAt: now,
      chunkIds: [],
      nextChunkId: firstChunkId,
      statuses,
    },
    chunks: new Map(),
    chunkOf: new Map(),
    dirty: new Set(),
  };
}

/** Null when there is no cache or it cannot be read (then it is rebuilt, not trusted). */
export async function loadEpicCache(store: StorePort): Promise<EpicCache | null> {
  const meta = cacheMetaSchema.safeParse(await store.getValue(META_KEY));
  if (!meta.success) return null;
  const raws = await Promise.all(meta.data.chunkIds.map((id) => store.getValue(chunkKey(id))));
  const cache: EpicCache = { meta: meta.data, chunks: new Map(), chunkOf: new Map(), dirty: new Set() };
  for (const [index, raw] of raws.entries()) {
    const chunk = chunkSchema.safeParse(raw);
    if (!chunk.success) return null;
    const id = meta.data.chunkIds[index] as number;
    cache.chunks.set(id, new Map(chunk.data.epics.map((epic) => [epic.id, epic])));
    for (const epic of chunk.data.epics) cache.chunkOf.set(epic.id, id);
  }
  return cache;
}

export function cachedEpic(cache: EpicCache, id: string): CachedEpic | undefined {
  const chunk = cache.chunkOf.get(id);
  return chunk === undefined ? undefined : cache.chunks.get(chunk)?.get(id);
}

function newChunk(cache: EpicCache): number {
  const id = cache.meta.nextChunkId;
  cache.meta = { ...cache.meta, nextChunkId: id + 1, chunkIds: [...cache.meta.chunkIds, id] };
  cache.chunks.set(id, new Map());
  return id;
}

/** Replaces epics in their chunk; new ones go to the last chunk (split on save when too big). */
export function upsertEpics(cache: EpicCache, epics: readonly CachedEpic[]): void {
  for (const epic of epics) {
    let chunk = cache.chunkOf.get(epic.id);
    if (chunk === undefined) chunk = cache.meta.chunkIds.at(-1) ?? newChunk(cache);
    cache.chunks.get(chunk)?.set(epic.id, epic);
    cache.chunkOf.set(epic.id, chunk);
    cache.dirty.add(chunk);
  }
}

export function removeEpics(cache: EpicCache, ids: Iterable<string>): void {
  for (const id of ids) {
    const chunk = cache.chunkOf.get(id);
    if (chunk === undefined) continue;
    cache.chunks.get(chunk)?.delete(id);
    cache.chunkOf.delete(id);
    cache.dirty.add(chunk);
  }
}

const byteLength = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

/** Moves epics out of any dirty chunk above the limit into new chunks, greedily in order. */
function splitOversized(cache: EpicCache): void {
  for (const chunkId of [...cache.dirty]) {
    const epics = [...(cache.chunks.get(chunkId)?.values() ?? [])];
    let size = 0;
    let target = chunkId;
    for (const epic of epics) {
      const epicBytes = byteLength(epic) + 1;
      if (size + epicBytes > CHUNK_LIMIT_BYTES && size > 0) {
        target = newChunk(cache);
        cache.dirty.add(target);
        size = 0;
      }
      size += epicBytes;
      if (target !== chunkId) {
        cache.chunks.get(chunkId)?.delete(epic.id);
        cache.chunks.get(target)?.set(epic.id, epic);
        cache.chunkOf.set(epic.id, target);
      }
    }
  }
}

/**
 * Writes the dirty chunks, then the meta (which names them). A crash in between leaves the old
 * meta, whose `refreshedAt` makes the next refresh fetch the same epics again.
 */
export async function saveEpicCache(store: StorePort, cache: EpicCache): Promise<void> {
  splitOversized(cache);
  const empty = cache.meta.chunkIds.filter((id) => (cache.chunks.get(id)?.size ?? 0) === 0);
  await Promise.all(
    [...cache.dirty]
      .filter((id) => !empty.includes(id))
      .map((id) => store.setValue(chunkKey(id), { schemaVersion: CACHE_SCHEMA_VERSION, epics: [...(cache.chunks.get(id)?.values() ?? [])] })),
  );
  cache.meta = { ...cache.meta, chunkIds: cache.meta.chunkIds.filter((id) => !empty.includes(id)) };
  for (const id of empty) cache.chunks.delete(id);
  await store.setValue(META_KEY, cache.meta);
  await Promise.all(empty.map((id) => store.deleteValue(chunkKey(id))));
  cache.dirty.clear();
}

/** Deletes chunks a rebuilt cache no longer names (after its meta was written). */
export async function deleteChunks(store: StorePort, chunkIds: readonly number[]): Promise<void> {
  await Promise.all(chunkIds.map((id) => store.deleteValue(chunkKey(id))));
}
