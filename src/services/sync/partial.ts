/**
 * What a first sync has written so far, readable before it publishes: pages show those epics
 * (trimmed per user like any cache) instead of nothing while "Syncing: 3,000 of 5,000 epics".
 */
import type { StorePort } from '../../ports';
import { loadEpicCache, newCacheMeta } from '../portfolio/epicCache';
import type { CacheMeta, EpicCache } from '../portfolio/epicCache';
import type { SyncState } from './state';

/** The meta of the generation a sync is building: what publishing it writes, and what partial reads use. */
export function generationMeta(sync: SyncState): CacheMeta {
  return newCacheMeta({
    scopeWhere: sync.scopeWhere,
    refreshedAt: sync.startedAt,
    fullRefreshedAt: sync.startedAt,
    chunkIds: sync.chunkIds,
    nextChunkId: sync.nextChunkId,
    statuses: sync.statuses,
    flaggedFieldId: sync.flaggedFieldId,
    unavailable: { refreshedAt: sync.startedAt, ids: [] },
  });
}

/** Null when the sync has written nothing yet. The result is read-only: nobody saves it. */
export async function syncedSoFar(store: StorePort, sync: SyncState): Promise<EpicCache | null> {
  return sync.chunkIds.length === 0 ? null : loadEpicCache(store, generationMeta(sync));
}
