/**
 * Scheduled trigger: rebuild the epic cache with the app actor (full refresh: it also drops epics
 * that left the scope and picks up new statuses), so page loads find it warm.
 */
import type { Runtime } from '../runtime/runtime';
import { loadEpicCache } from '../services/portfolio/epicCache';
import { scopeWhere } from '../services/portfolio/jql';
import { fullRefresh } from '../services/portfolio/refresh';
import { loadSettings } from '../services/settings';

export function createScheduledRefresh(runtime: Runtime): () => Promise<void> {
  return async () => {
    const { settings } = await loadSettings(runtime.store);
    const deps = { app: runtime.jira({}).app, store: runtime.store, clock: runtime.clock, log: runtime.log };
    await fullRefresh(deps, scopeWhere(settings.scopeJql), await loadEpicCache(runtime.store));
  };
}
