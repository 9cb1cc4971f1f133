/**
 * What one request reads once and shares: the caller's ids-only scope search and the epic cache.
 * The snapshot, the WSJF write-through and the history's visibility filter all use these, so a
 * request never searches twice or loads (and parses) the cache twice.
 */
import type { ServiceContext } from '../context';
import { settingsOf } from '../settings';
import { loadEpicCache } from './epicCache';
import type { EpicCache } from './epicCache';
import { recentlyWrittenIds } from './recentWrites';

/** The ids of the epics the CALLER's scope search returns, in the scope's order. */
export function visibleEpicIds(ctx: ServiceContext): Promise<string[]> {
  return ctx.memo('visible-epic-ids', async () => {
    // The epics the app just wrote are reconciled: the search sees them as they are now.
    const [{ settings }, reconcileIssues] = await Promise.all([settingsOf(ctx), recentlyWrittenIds(ctx)]);
    return ctx.jira.user.searchIssueIds(settings.scopeJql, { reconcileIssues });
  });
}

/** The request's epic cache: loaded once; `cache` is replaced when the request rebuilds it. */
export interface RequestEpicCache {
  cache: EpicCache | null;
}

export function requestEpicCache(ctx: ServiceContext): Promise<RequestEpicCache> {
  return ctx.memo('epic-cache', async (): Promise<RequestEpicCache> => ({ cache: await loadEpicCache(ctx.store) }));
}
