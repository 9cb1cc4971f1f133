/**
 * The cache of per-epic Jira data (fields, WSJF property, status and flag history), filled with the
 * app actor. Stored in chunks so no value passes KVS's 240 KiB limit; an update rewrites only the
 * chunks it touched. This module only stores: it never decides who may see what (see snapshot.ts).
 *
 * Chunks are versioned documents and every chunk write names the version it read: two requests
 * that change epics of the same chunk at once (two WSJF saves, a save and a refresh) never
 * overwrite each other. The one refused re-reads the chunk, re-applies only the epics it changed
 * (keeping whichever WSJF property has the higher version) and writes again.
 */
import { z } from 'zod';
import { ConflictError } from '../../errors';
import type { EpicHistory } from '../../domain/timeline';
import type { StorePort } from '../../ports';
import { readWsjfProperty } from '../wsjfProperty';
import { aroundManyChunkWrites, nextGenerationWrite, readCacheGeneration } from './cacheGeneration';
import { decodeChunk, encodeChunk, encodedEpicBytes } from './chunkEncoding';

/**
 * 3: chunks are versioned documents (2 kept them as plain values: rebuilt); 2: the meta names the
 * Flagged field id and the ids the app could not fetch (1 had neither: rebuilt).
 */
const CACHE_SCHEMA_VERSION = 3;
const META_KEY = 'epic-cache:meta';
const CHUNK_COLLECTION = 'epic-cache';
const chunkKey = (id: number) => `chunk-${id}`;
/**
 * Each chunk's cards (the pages' projection, cards.ts) live beside it. Writers here do not know the
 * portfolio's configuration the cards are computed with, so every chunk write marks its cards stale
 * in the same transaction and the next reader rebuilds them: cards never hide a newer chunk.
 */
export const CARDS_COLLECTION = 'epic-cache-cards';
export const cardsKey = (chunkId: number) => `cards-${chunkId}`;
export const STALE_CARDS = { stale: true } as const;
/** Flow's cards (flowCards.ts): each chunk's epics' histories, compact; marked stale with the chunk like the cards. */
export const FLOW_CARDS_COLLECTION = 'epic-cache-flow';
export const flowCardsKey = (chunkId: number) => `flow-${chunkId}`;
/**
 * Readers storing rebuilt projections and writers of other chunks (each starts a generation) can
 * refuse a chunk write this often before it gives up.
 */
const MAX_COMPANION_RACES = 8;
/** Where schema 2 kept a chunk (a plain value): deleted with the chunk of the same id. */
const legacyChunkValueKey = (id: number) => `epic-cache:chunk:${id}`;
/** Each refused chunk write lost to one other writer; this many concurrent writers are outlasted. */
const MAX_CHUNK_WRITE_ATTEMPTS = 30;
/**
 * Bytes of JSON per chunk, far under KVS's 240 KiB per value: an event reads and rewrites one chunk
 * (about 10 read units at this size, 20 at 200 KiB), while each chunk's packed cards still fit one
 * 10 KiB unit, so a board reads no more units than with fewer, larger chunks.
 */
export const CHUNK_LIMIT_BYTES = 100 * 1024;

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
  /** The site's Flagged field (a custom field, its id differs per site); null when it has none. */
  flaggedFieldId: z.string().nullable(),
  /**
   * Epics a user saw that the app could not put into the cache (it cannot see them, the scope
   * depends on the user, or the epic was unreadable). Not asked for again until the next refresh:
   * they count only while `refreshedAt` equals the refresh they were recorded against.
   */
  unavailable: z.object({ refreshedAt: z.number(), ids: z.array(z.string()) }),
  /**
   * The last attempt to bring the cache up to date inside a request failed (Jira unreachable,
   * rate limited, an unreadable answer): pages keep serving it and say since when it is stale.
   * Cleared by the next refresh that succeeds. Absent in metas written before it existed.
   */
  refreshFailure: z.object({ at: z.number(), message: z.string() }).nullable().default(null),
  /** Each chunk's smallest and largest epic id when it was written whole (chunkRanges.ts): a hint. */
  chunkRanges: z.array(z.tuple([z.number().int(), z.string(), z.string()])).default([]),
});
export type CacheMeta = z.infer<typeof cacheMetaSchema>;

const parseChunk = (value: unknown): CachedEpic[] | null => decodeChunk(value, cachedEpicSchema);

export interface EpicCache {
  meta: CacheMeta;
  /** chunk id → epic id → epic. */
  readonly chunks: Map<number, Map<string, CachedEpic>>;
  readonly chunkOf: Map<string, number>;
  /** Chunks to write on save. */
  readonly dirty: Set<number>;
  /** Chunk id → the version read or last written; absent while a chunk is not stored yet. */
  readonly chunkVersions: Map<number, number>;
  /** Chunk id → epic id → what this cache changed there (null: removed), re-applied after a conflict. */
  readonly changes: Map<number, Map<string, CachedEpic | null>>;
  /** Chunks the meta named that could not be read: dropped from the meta, deleted on save. */
  readonly lostChunkIds: Set<number>;
  /** The meta changed since it was read or written; a save with nothing dirty writes nothing. */
  metaDirty: boolean;
}

export interface NewEpicCache {
  readonly scopeWhere: string;
  /** When the refresh that fills it started. */
  readonly refreshedAt: number;
  readonly statuses?: CacheMeta['statuses'];
  readonly flaggedFieldId?: string | null;
  /**
   * Continues the old cache's numbering, so a rebuild never overwrites chunks the old meta still
   * names (a crash mid-rebuild leaves the old cache whole).
   */
  readonly firstChunkId?: number;
}

/** A new, empty cache (not yet stored). */
export function emptyEpicCache(init: NewEpicCache): EpicCache {
  return {
    meta: {
      schemaVersion: CACHE_SCHEMA_VERSION,
      scopeWhere: init.scopeWhere,
      refreshedAt: init.refreshedAt,
      fullRefreshedAt: init.refreshedAt,
      chunkIds: [],
      nextChunkId: init.firstChunkId ?? 0,
      statuses: init.statuses ?? [],
      flaggedFieldId: init.flaggedFieldId ?? null,
      unavailable: { refreshedAt: init.refreshedAt, ids: [] },
      refreshFailure: null,
      chunkRanges: [],
    },
    chunks: new Map(),
    chunkOf: new Map(),
    dirty: new Set(),
    chunkVersions: new Map(),
    changes: new Map(),
    lostChunkIds: new Set(),
    metaDirty: true,
  };
}

/** The meta alone (no chunk is read): null when there is none or it cannot be read. */
export async function loadEpicCacheMeta(store: StorePort): Promise<CacheMeta | null> {
  const meta = cacheMetaSchema.safeParse(await store.getValue(META_KEY));
  return meta.success ? meta.data : null;
}

const chunkNumberingSchema = z.looseObject({ chunkIds: z.array(z.number().int()), nextChunkId: z.number().int() });

/**
 * The chunks the stored meta names and the next free chunk id, read leniently (a meta of an older
 * schema still counts), so a rebuild deletes them and never reuses an id.
 */
export async function loadChunkNumbering(store: StorePort): Promise<{ chunkIds: number[]; nextChunkId: number } | null> {
  const numbering = chunkNumberingSchema.safeParse(await store.getValue(META_KEY));
  return numbering.success ? { chunkIds: numbering.data.chunkIds, nextChunkId: numbering.data.nextChunkId } : null;
}

/**
 * Null when there is no meta or it cannot be read (then the cache is rebuilt). A chunk that is
 * missing or unreadable (a concurrent rebuild deleted it, or it is corrupt) is dropped: its epics
 * are simply not cached, and are fetched by id when someone sees them.
 */
export async function loadEpicCache(store: StorePort, knownMeta?: CacheMeta): Promise<EpicCache | null> {
  const meta = knownMeta ?? (await loadEpicCacheMeta(store));
  if (!meta) return null;
  const stored = await Promise.all(meta.chunkIds.map((id) => store.get(CHUNK_COLLECTION, chunkKey(id))));
  const cache: EpicCache = {
    meta,
    chunks: new Map(),
    chunkOf: new Map(),
    dirty: new Set(),
    chunkVersions: new Map(),
    changes: new Map(),
    lostChunkIds: new Set(),
    metaDirty: false,
  };
  for (const [index, document] of stored.entries()) {
    const id = meta.chunkIds[index] as number;
    if (document !== undefined) cache.chunkVersions.set(id, document.version);
    const epics = parseChunk(document?.value);
    if (epics === null) {
      cache.lostChunkIds.add(id);
      continue;
    }
    cache.chunks.set(id, new Map(epics.map((epic) => [epic.id, epic])));
    for (const epic of epics) cache.chunkOf.set(epic.id, id);
  }
  if (cache.lostChunkIds.size > 0) {
    cache.meta = { ...meta, chunkIds: meta.chunkIds.filter((id) => !cache.lostChunkIds.has(id)) };
    cache.metaDirty = true;
  }
  return cache;
}

/** Changes the meta; the next save writes it. */
export function updateMeta(cache: EpicCache, patch: Partial<Omit<CacheMeta, 'schemaVersion'>>): void {
  cache.meta = { ...cache.meta, ...patch };
  cache.metaDirty = true;
}

/** The ids recorded as unavailable since the last refresh (older records no longer count). */
export function unavailableIds(cache: EpicCache): ReadonlySet<string> {
  return unavailableIdsOf(cache.meta);
}

/** The same, of a meta read alone. */
export function unavailableIdsOf({ unavailable, refreshedAt }: CacheMeta): ReadonlySet<string> {
  return new Set(unavailable.refreshedAt === refreshedAt ? unavailable.ids : []);
}

/** Records ids the app could not fetch, until the next refresh. */
export function markUnavailable(cache: EpicCache, ids: readonly string[]): void {
  if (ids.length === 0) return;
  const known = unavailableIds(cache);
  const added = ids.filter((id) => !known.has(id));
  if (added.length === 0) return;
  updateMeta(cache, { unavailable: { refreshedAt: cache.meta.refreshedAt, ids: [...known, ...added] } });
}

/** What every projection shows to name an epic and to categorise it (themes by label, value streams by project). */
export interface EpicIdentity {
  readonly id: string;
  readonly key: string;
  readonly summary: string;
  readonly projectKey: string;
  readonly projectName: string;
  readonly labels: readonly string[];
}

export function identityOfCachedEpic({ id, key, summary, projectKey, projectName, labels }: CachedEpic): EpicIdentity {
  return { id, key, summary, projectKey, projectName, labels };
}

/** An epic's history as the domain reads it. */
export function historyOfCachedEpic(epic: CachedEpic): EpicHistory {
  return {
    key: epic.key,
    createdAt: epic.createdAt,
    currentStatusId: epic.statusId,
    statusChanges: epic.statusChanges.map(([at, fromStatusId, toStatusId]) => ({ at, fromStatusId, toStatusId })),
    flagChanges: epic.flagChanges.map(([at, flagged]) => ({ at, flagged })),
  };
}

export function cachedEpic(cache: EpicCache, id: string): CachedEpic | undefined {
  const chunk = cache.chunkOf.get(id);
  return chunk === undefined ? undefined : cache.chunks.get(chunk)?.get(id);
}

function newChunk(cache: EpicCache): number {
  const id = cache.meta.nextChunkId;
  updateMeta(cache, { nextChunkId: id + 1, chunkIds: [...cache.meta.chunkIds, id] });
  cache.chunks.set(id, new Map());
  return id;
}

function noteChange(cache: EpicCache, chunkId: number, epicId: string, epic: CachedEpic | null): void {
  let changes = cache.changes.get(chunkId);
  if (changes === undefined) {
    changes = new Map();
    cache.changes.set(chunkId, changes);
  }
  changes.set(epicId, epic);
  cache.dirty.add(chunkId);
}

const wsjfVersionOf = (epic: CachedEpic): number => readWsjfProperty(epic.wsjf).version ?? 0;

/**
 * `incoming`, but with `existing`'s WSJF property when that one is newer: a WSJF save writes its
 * new property into the cache, and data Jira gave a refresh a moment earlier (or a search that has
 * not caught up yet) must not put the older score back. Property writes do not change `updated`,
 * so no later incremental refresh would repair it.
 */
export function withNewerWsjf(incoming: CachedEpic, existing: CachedEpic | undefined): CachedEpic {
  return existing !== undefined && wsjfVersionOf(existing) > wsjfVersionOf(incoming) ? { ...incoming, wsjf: existing.wsjf } : incoming;
}

/** Replaces epics in their chunk; new ones go to the last chunk (split on save when too big). */
export function upsertEpics(cache: EpicCache, epics: readonly CachedEpic[]): void {
  for (const epic of epics) {
    let chunk = cache.chunkOf.get(epic.id);
    if (chunk === undefined) chunk = cache.meta.chunkIds.at(-1) ?? newChunk(cache);
    const kept = withNewerWsjf(epic, cache.chunks.get(chunk)?.get(epic.id));
    cache.chunks.get(chunk)?.set(epic.id, kept);
    cache.chunkOf.set(epic.id, chunk);
    noteChange(cache, chunk, epic.id, kept);
  }
}

export function removeEpics(cache: EpicCache, ids: Iterable<string>): void {
  for (const id of ids) {
    const chunk = cache.chunkOf.get(id);
    if (chunk === undefined) continue;
    cache.chunks.get(chunk)?.delete(id);
    cache.chunkOf.delete(id);
    noteChange(cache, chunk, id, null);
  }
}


/**
 * Moves epics out of any dirty chunk above the limit into new chunks, greedily in order. Saving
 * does it; a caller that needs the final chunks before saving (their id ranges) calls it first.
 */
export function splitOversized(cache: EpicCache): void {
  for (const chunkId of [...cache.dirty]) {
    const epics = [...(cache.chunks.get(chunkId)?.values() ?? [])];
    let size = 0;
    let target = chunkId;
    for (const epic of epics) {
      const epicBytes = encodedEpicBytes(epic) + 1;
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
        noteChange(cache, chunkId, epic.id, null);
        noteChange(cache, target, epic.id, epic);
      }
    }
  }
}

/**
 * After a refused chunk write: the chunk as stored now, with this cache's own changes applied on
 * top (the other writer's epics stay; of two WSJF properties the newer stays).
 */
async function mergeStoredChunk(store: StorePort, cache: EpicCache, chunkId: number): Promise<void> {
  const stored = await store.get(CHUNK_COLLECTION, chunkKey(chunkId));
  if (stored === undefined) cache.chunkVersions.delete(chunkId);
  else cache.chunkVersions.set(chunkId, stored.version);
  const epics = new Map((parseChunk(stored?.value) ?? []).map((epic) => [epic.id, epic]));
  for (const [epicId, epic] of cache.changes.get(chunkId) ?? []) {
    if (epic === null) epics.delete(epicId);
    else epics.set(epicId, withNewerWsjf(epic, epics.get(epicId)));
  }
  cache.chunks.set(chunkId, epics);
  for (const epicId of epics.keys()) if (!cache.chunkOf.has(epicId)) cache.chunkOf.set(epicId, chunkId);
}

/** Writes one chunk naming the version read; on a conflict merges and tries again. Empty ones are left to be deleted. */
async function writeChunk(store: StorePort, cache: EpicCache, chunkId: number, generation: GenerationMode): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const epics = cache.chunks.get(chunkId);
    if (epics === undefined || epics.size === 0) return;
    try {
      const { chunkVersion } = await putChunk(store, chunkId, [...epics.values()], cache.chunkVersions.get(chunkId) ?? null, generation);
      cache.chunkVersions.set(chunkId, chunkVersion);
      return;
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= MAX_CHUNK_WRITE_ATTEMPTS) throw error;
      await mergeStoredChunk(store, cache, chunkId);
    }
  }
}

/**
 * Writes the dirty chunks, then the meta (which names them) when it changed; nothing when nothing changed. A crash
 * in between leaves the old meta, whose `refreshedAt` makes the next refresh fetch the same epics
 * again.
 */
export async function saveEpicCache(store: StorePort, cache: EpicCache): Promise<void> {
  if (cache.dirty.size === 0 && !cache.metaDirty) return;
  await writeDirtyChunks(store, cache);
  const empty = cache.meta.chunkIds.filter((id) => (cache.chunks.get(id)?.size ?? 0) === 0);
  cache.meta = { ...cache.meta, chunkIds: cache.meta.chunkIds.filter((id) => !empty.includes(id)) };
  for (const id of empty) {
    cache.chunks.delete(id);
    cache.chunkVersions.delete(id);
  }
  // Rewriting epics in their chunks leaves the meta as it is: a save writes it only when the chunk
  // list or the meta itself changed, so a WSJF save never puts back a meta a rebuild just replaced.
  if (cache.metaDirty || empty.length > 0) await store.setValue(META_KEY, cache.meta);
  const gone = [...empty, ...[...cache.lostChunkIds].filter((id) => !cache.meta.chunkIds.includes(id))];
  await deleteChunks(store, gone);
  cache.dirty.clear();
  cache.changes.clear();
  cache.lostChunkIds.clear();
  cache.metaDirty = false;
}

/**
 * Writes the changed chunks (split when too big) and nothing else: a cold sync's steps write
 * their chunks this way and the meta only once, when the last step is done.
 */
export async function writeDirtyChunks(store: StorePort, cache: EpicCache): Promise<void> {
  splitOversized(cache);
  const dirty = [...cache.dirty];
  if (dirty.length <= 1) {
    for (const id of dirty) await writeChunk(store, cache, id, 'in-transaction');
    return;
  }
  // Written at once, each without the generation: it is replaced around them (cacheGeneration.ts).
  await aroundManyChunkWrites(store, () => Promise.all(dirty.map((id) => writeChunk(store, cache, id, 'around'))));
}

/** One stored chunk, parsed; null when it is missing or unreadable (for passes that hold one chunk at a time). */
export async function readChunk(store: StorePort, chunkId: number): Promise<{ version: number; epics: CachedEpic[] } | null> {
  const stored = await store.get(CHUNK_COLLECTION, chunkKey(chunkId));
  const epics = parseChunk(stored?.value);
  return stored !== undefined && epics !== null ? { version: stored.version, epics } : null;
}

/**
 * Changes one epic in the chunk `chunkId` if it is there already (`patch` gets it as stored and
 * returns the new one), reading and writing that chunk alone. False when it is not there, the
 * chunk would outgrow its limit, or another writer changed the chunk first: the caller then takes
 * the whole-cache path.
 */
export async function patchInChunk(store: StorePort, chunkId: number, epicId: string, patch: (existing: CachedEpic) => CachedEpic): Promise<boolean> {
  const chunk = await readChunk(store, chunkId);
  const existing = chunk?.epics.find((candidate) => candidate.id === epicId);
  if (chunk === null || existing === undefined) return false;
  const epics = chunk.epics.map((candidate) => (candidate.id === epicId ? patch(existing) : candidate));
  if (epics.reduce((bytes, candidate) => bytes + encodedEpicBytes(candidate) + 1, 0) > CHUNK_LIMIT_BYTES) return false;
  try {
    await rewriteChunk(store, chunkId, epics, chunk.version);
    return true;
  } catch (error) {
    if (error instanceof ConflictError) return false;
    throw error;
  }
}

/** A chunk rewritten in place: its epics as written, and the versions of the stale markers written with them, by projection collection. */
export interface RewrittenChunk {
  readonly epics: readonly CachedEpic[];
  readonly markerVersions: ReadonlyMap<string, number>;
}

/** Tries of `rewriteEpicsInChunk` against concurrent writers before the caller takes the whole-cache path. */
const IN_PLACE_ATTEMPTS = 3;

/**
 * Applies `changes` (epic id → the epic as it is now, null: removed) to the chunk `chunkId`,
 * reading and writing that chunk once (again after a concurrent writer, a few times), keeping the
 * newer WSJF property. Null when an epic to replace is not there, or the chunk would outgrow its
 * limit or be emptied: the caller then takes the whole-cache path.
 */
export async function rewriteEpicsInChunk(store: StorePort, chunkId: number, changes: ReadonlyMap<string, CachedEpic | null>): Promise<RewrittenChunk | null> {
  for (let attempt = 1; attempt <= IN_PLACE_ATTEMPTS; attempt++) {
    const chunk = await readChunk(store, chunkId);
    if (chunk === null) return null;
    const byId = new Map(chunk.epics.map((epic) => [epic.id, epic]));
    for (const [epicId, epic] of changes) {
      const existing = byId.get(epicId);
      if (epic === null) byId.delete(epicId);
      else if (existing === undefined) return null;
      else byId.set(epicId, withNewerWsjf(epic, existing));
    }
    const epics = [...byId.values()];
    if (epics.length === 0 || epics.reduce((bytes, epic) => bytes + encodedEpicBytes(epic) + 1, 0) > CHUNK_LIMIT_BYTES) return null;
    try {
      const { markerVersions } = await putChunk(store, chunkId, epics, chunk.version);
      return { epics, markerVersions };
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  return null;
}

/** Rewrites one chunk naming the version read: ConflictError when another writer was first. */
export async function rewriteChunk(store: StorePort, chunkId: number, epics: readonly CachedEpic[], version: number): Promise<void> {
  await putChunk(store, chunkId, epics, version);
}

/**
 * Where a chunk write replaces the cache's generation (cacheGeneration.ts): in its own transaction,
 * or around it, by whoever writes many chunks at once.
 */
type GenerationMode = 'in-transaction' | 'around';

/** The versions a chunk write must name besides the chunk's: its projections' (the stale markers) and, in its transaction, the generation's. */
const companionVersionsOf = (store: StorePort, chunkId: number, generation: GenerationMode): Promise<[number | null, number | null, number | null]> =>
  Promise.all([
    store.get(CARDS_COLLECTION, cardsKey(chunkId)).then((stored) => stored?.version ?? null),
    store.get(FLOW_CARDS_COLLECTION, flowCardsKey(chunkId)).then((stored) => stored?.version ?? null),
    generation === 'in-transaction' ? readCacheGeneration(store).then(({ version }) => version) : null,
  ]);

/**
 * Writes a chunk naming the version read, marks its projections stale and starts a new cache
 * generation (cacheGeneration.ts), all or nothing. ConflictError when another writer changed the
 * chunk; a reader that stored a rebuilt projection, or a writer of another chunk that started a
 * generation meanwhile, only makes this try again.
 */
async function putChunk(
  store: StorePort,
  chunkId: number,
  epics: readonly CachedEpic[],
  chunkVersion: number | null,
  generation: GenerationMode = 'in-transaction',
): Promise<{ chunkVersion: number; markerVersions: ReadonlyMap<string, number> }> {
  for (let attempt = 1; ; attempt++) {
    const companions = await companionVersionsOf(store, chunkId, generation);
    const [cardsVersion, flowCardsVersion, generationVersion] = companions;
    try {
      const [written, cardsMarker, flowCardsMarker] = await store.putAll([
        { collection: CHUNK_COLLECTION, key: chunkKey(chunkId), value: encodeChunk(epics), expectedVersion: chunkVersion },
        { collection: CARDS_COLLECTION, key: cardsKey(chunkId), value: STALE_CARDS, expectedVersion: cardsVersion },
        { collection: FLOW_CARDS_COLLECTION, key: flowCardsKey(chunkId), value: STALE_CARDS, expectedVersion: flowCardsVersion },
        ...(generation === 'in-transaction' ? [nextGenerationWrite(generationVersion)] : []),
      ]);
      const markerVersions = new Map([
        [CARDS_COLLECTION, cardsMarker as number],
        [FLOW_CARDS_COLLECTION, flowCardsMarker as number],
      ]);
      return { chunkVersion: written as number, markerVersions };
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= MAX_COMPANION_RACES) throw error;
      const now = await companionVersionsOf(store, chunkId, generation);
      if (now.every((version, index) => version === companions[index])) throw error;
    }
  }
}

/** Makes `meta` the cache every reader sees (the chunks it names must be written already). */
export async function publishEpicCacheMeta(store: StorePort, meta: CacheMeta): Promise<void> {
  await store.setValue(META_KEY, cacheMetaSchema.parse(meta));
}

/** A meta for a cache built elsewhere (a cold sync), checked against the schema. */
export function newCacheMeta(fields: Omit<CacheMeta, 'schemaVersion' | 'refreshFailure' | 'chunkRanges'> & { chunkRanges?: CacheMeta['chunkRanges'] }): CacheMeta {
  return { schemaVersion: CACHE_SCHEMA_VERSION, refreshFailure: null, chunkRanges: [], ...fields };
}

/**
 * Deletes chunks a rebuilt cache no longer names (after its meta was written), whatever their
 * version, and the plain values schema 2 kept chunks in (until every installation has rebuilt).
 */
export async function deleteChunks(store: StorePort, chunkIds: readonly number[]): Promise<void> {
  await Promise.all(
    chunkIds.flatMap((id) => [
      store.delete(CHUNK_COLLECTION, chunkKey(id), 'any'),
      store.delete(CARDS_COLLECTION, cardsKey(id), 'any'),
      store.delete(FLOW_CARDS_COLLECTION, flowCardsKey(id), 'any'),
      store.deleteValue(legacyChunkValueKey(id)),
    ]),
  );
}
