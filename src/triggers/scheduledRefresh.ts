/**
 * Scheduled trigger: rebuild the epic cache with the app actor (full refresh: it also drops epics
 * that left the scope and picks up new statuses and the Flagged field), so page loads find it warm.
 */
import type { Runtime } from '../runtime/runtime';
import { scopeWhere } from '../services/portfolio/jql';
import { fullRefresh } from '../services/portfolio/refresh';
import { loadSettings } from '../services/settings';

export function createScheduledRefresh(runtime: Runtime): () => Promise<void> {
  return async () => {
    const { settings } = await loadSettings(runtime.store);
    const deps = { app: runtime.jira({}).app, store: runtime.store, clock: runtime.clock, log: runtime.log };
    // The rebuild reads the old meta itself (to number and delete chunks); the old chunks need no parsing.
    await fullRefresh(deps, scopeWhere(settings.scopeJql));
  };
}
