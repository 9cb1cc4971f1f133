/**
 * Scheduled trigger (daily): brings the epic cache up to date with the app actor, so page loads
 * find it warm. An incremental pass (epics `updated` since the last refresh) on most days; a full
 * rebuild through the background sync once a week (it drops epics that left the scope and picks
 * up new statuses and the Flagged field), when the scope changed, when there is no cache, or to
 * resume a sync that stopped.
 */
import type { Runtime } from '../runtime/runtime';
import { loadEpicCache } from '../services/portfolio/epicCache';
import { scopeWhere } from '../services/portfolio/jql';
import { incrementalRefresh } from '../services/portfolio/refresh';
import { loadSettings } from '../services/settings';
import { startColdSync } from '../services/sync/coldSync';
import type { SyncReason } from '../services/sync/state';
import { loadSyncState } from '../services/sync/state';
import { syncDepsOf } from './syncConsumer';

/** A full rebuild at least this often. */
export const FULL_SYNC_EVERY_MS = 7 * 86_400_000;

export function createScheduledRefresh(runtime: Runtime): () => Promise<void> {
  return async () => {
    const { settings } = await loadSettings(runtime.store);
    const where = scopeWhere(settings.scopeJql);
    const app = runtime.jira({}).app;
    const [cache, sync] = await Promise.all([loadEpicCache(runtime.store), loadSyncState(runtime.store)]);
    const now = runtime.clock.now();
    const reason: SyncReason | null =
      cache === null ? 'first-load'
      : cache.meta.scopeWhere !== where ? 'scope-changed'
      : sync?.state.status === 'failed' ? 'resume'
      : now - cache.meta.fullRefreshedAt >= FULL_SYNC_EVERY_MS ? 'weekly'
      : null;
    if (cache === null || reason !== null) {
      await startColdSync(syncDepsOf(runtime), where, reason ?? 'first-load');
      return;
    }
    await incrementalRefresh({ app, store: runtime.store, clock: runtime.clock, log: runtime.log }, cache);
  };
}
