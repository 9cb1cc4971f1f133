/**
 * Writes through to the epic cache after the app itself changed an epic in Jira, so the next page
 * load shows the change without waiting for a refresh.
 */
import type { ServiceContext } from '../context';
import { cachedEpic, loadEpicCache, saveEpicCache, upsertEpics } from './epicCache';

export async function updateCachedWsjf(ctx: ServiceContext, issueId: string, wsjf: unknown): Promise<void> {
  try {
    const cache = await loadEpicCache(ctx.store);
    const epic = cache && cachedEpic(cache, issueId);
    if (!cache || !epic) return;
    upsertEpics(cache, [{ ...epic, wsjf }]);
    await saveEpicCache(ctx.store, cache);
  } catch (error) {
    // Jira has the new value; a cache that missed it catches up on the next refresh.
    ctx.log.warn('cache write-through failed', { issueId, message: error instanceof Error ? error.message : String(error) });
  }
}
