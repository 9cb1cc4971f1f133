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
import type { CachedEpic } from './epicCache';
import { chunksHolding } from './chunkRanges';
import { requestEpicCache } from './perRequest';
import { errorMessage } from '../../errors';

export async function updateCachedWsjf(ctx: ServiceContext, issueId: string, wsjf: unknown): Promise<void> {
  try {
    // Pages read the cards, not the whole cache: the chunk holding the epic is rewritten alone
    // (its cards are rebuilt by the next reader). The whole cache only when the hint misses.
    const meta = await loadEpicCacheMeta(ctx.store);
    const withScore = (epic: CachedEpic) => withNewerWsjf({ ...epic, wsjf }, epic);
    for (const chunkId of meta ? chunksHolding(meta.chunkRanges, issueId) : []) if (await patchInChunk(ctx.store, chunkId, issueId, withScore)) return;
    const { cache } = await requestEpicCache(ctx);
    const epic = cache && cachedEpic(cache, issueId);
    if (!cache || !epic) return;
    upsertEpics(cache, [withScore(epic)]);
    await saveEpicCache(ctx.store, cache);
  } catch (error) {
    // Jira has the new value; a cache that missed it catches up on the next refresh.
    ctx.log.warn('cache write-through failed', { issueId, message: errorMessage(error) });
  }
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
