/** The background sync as pages show it, and the portfolio managers' "sync now". */
import type { ResolverOutput } from '../../contract/resolvers';
import { InvalidInputError } from '../../errors';
import { accessOf } from '../access';
import type { ServiceContext } from '../context';
import { loadEpicCacheMeta } from '../portfolio/epicCache';
import type { CacheMeta } from '../portfolio/epicCache';
import { scopeWhere } from '../portfolio/jql';
import { settingsOf } from '../settings';
import { startColdSync } from './coldSync';
import { loadSyncState } from './state';
import type { SyncState } from './state';

type SyncStatus = ResolverOutput<'sync/status'>;

function statusOf(state: SyncState | null, meta: CacheMeta | null, showCounts: boolean): SyncStatus {
  const dataAsOf = meta?.refreshedAt ?? null;
  const refreshFailure = meta?.refreshFailure ?? null;
  if (state === null)
    return { status: 'none', fetched: null, total: null, percent: null, startedAt: null, lastCompletedAt: null, lastError: refreshFailure?.message ?? null, stale: refreshFailure !== null, dataAsOf };
  const percent = state.status === 'done' ? 100 : state.total === null ? null : state.total === 0 ? 100 : Math.min(100, Math.floor((state.fetched / state.total) * 100));
  return {
    status: state.status,
    fetched: showCounts ? state.fetched : null,
    total: showCounts ? state.total : null,
    percent,
    startedAt: state.startedAt,
    lastCompletedAt: state.lastCompletedAt,
    lastError: state.lastError ?? refreshFailure?.message ?? null,
    stale: state.status === 'failed' || (state.status === 'running' && meta !== null) || refreshFailure !== null,
    dataAsOf,
  };
}

export async function syncStatus(ctx: ServiceContext): Promise<SyncStatus> {
  const [stored, meta, access] = await Promise.all([loadSyncState(ctx.store), loadEpicCacheMeta(ctx.store), accessOf(ctx)]);
  return statusOf(stored?.state ?? null, meta, access.canManagePortfolio || access.canAdminister);
}

/** Starts a full sync of the current scope (or resumes a failed one from its checkpoint). */
export async function startSyncNow(ctx: ServiceContext): Promise<SyncStatus> {
  if (ctx.queue === undefined) throw new InvalidInputError('There is no background queue to run a sync on.');
  const { settings } = await settingsOf(ctx);
  const deps = { app: ctx.jira.app, store: ctx.store, queue: ctx.queue, clock: ctx.clock, log: ctx.log };
  const state = await startColdSync(deps, scopeWhere(settings.scopeJql), 'manual');
  return statusOf(state, await loadEpicCacheMeta(ctx.store), true);
}
