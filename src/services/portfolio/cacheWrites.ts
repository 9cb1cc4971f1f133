/**
 * Writes through to the epic cache after the app itself changed an epic in Jira, so the next page
 * load shows the change without waiting for a refresh (property writes do not change `updated`, so
 * no incremental refresh would bring it). A WSJF save rewrites the one chunk holding the epic; the
 * others use the cache this request already loaded (the snapshot's). The chunk write names
 * the version that load read; when another request wrote the chunk in between, saveEpicCache
 * re-reads it and re-applies just this epic, so simultaneous saves on different epics all land.
 */
import type { ServiceContext } from '../context';
import { cachedEpic, loadEpicCacheMeta, patchInChunk, saveEpicCache, upsertEpics, withNewerWsjf } from './epicCache';
import type { CachedEpic, CacheMeta } from './epicCache';
import { chunksHolding } from './chunkRanges';
import { requestEpicCache } from './perRequest';
import { errorMessage } from '../../errors';

export async function updateCachedWsjf(ctx: ServiceContext, issueId: string, wsjf: unknown): Promise<void> {
  try {
    await patchCachedEpic(ctx, await loadEpicCacheMeta(ctx.store), issueId, (epic) => withNewerWsjf({ ...epic, wsjf }, epic));
  } catch (error) {
    // Jira has the new value; a cache that missed it catches up on the next refresh.
    ctx.log.warn('cache write-through failed', { issueId, message: errorMessage(error) });
  }
}

/**
 * Changes one cached epic. Pages read the cards, not the whole cache: the chunk the meta's id
 * ranges name is rewritten alone (its cards are rebuilt by the next reader); the request's whole
 * cache only when that hint misses. Nothing when the epic is not cached.
 */
export async function patchCachedEpic(ctx: ServiceContext, meta: CacheMeta | null, issueId: string, patch: (epic: CachedEpic) => CachedEpic): Promise<void> {
  for (const chunkId of meta ? chunksHolding(meta.chunkRanges, issueId) : []) if (await patchInChunk(ctx.store, chunkId, issueId, patch)) return;
  const { cache } = await requestEpicCache(ctx);
  const epic = cache && cachedEpic(cache, issueId);
  if (!cache || !epic) return;
  upsertEpics(cache, [patch(epic)]);
  await saveEpicCache(ctx.store, cache);
}

/** After the app changed epics' labels in Jira (theme assignment): the next page load shows them. */
export async function updateCachedLabels(ctx: ServiceContext, labelsById: ReadonlyMap<string, readonly string[]>): Promise<void> {
  if (labelsById.size === 0) return;
  try {
    const { cache } = await requestEpicCache(ctx);
    if (!cache) return;
    const changed = [...labelsById].flatMap(([issueId, labels]) => {
      const epic = cachedEpic(cache, issueId);
      return epic ? [{ ...epic, labels: [...labels] }] : [];
    });
    upsertEpics(cache, changed);
    await saveEpicCache(ctx.store, cache);
  } catch (error) {
    ctx.log.warn('cache write-through failed', { issues: labelsById.size, message: errorMessage(error) });
  }
}
