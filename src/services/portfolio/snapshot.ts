/**
 * The portfolio as the CALLER may see it: epics in scope with state, timeline, theme, work type,
 * value stream and WSJF. The epic data comes from the app-filled cache, so every request first asks
 * Jira, as the user, which epic ids the scope JQL gives THEM, and serves only those, in that order.
 */
import type { Theme, ValueStream } from '../../contract/documents';
import type { PortfolioSettings } from '../../contract/settings';
import { toLocalDate } from '../../domain/calendar';
import type { LocalDate } from '../../domain/calendar';
import type { FlowEpic } from '../../domain/flow';
import type { PortfolioConfig } from '../../domain/states';
import { themeOfEpic, valueStreamOfProject, valueStreamsByProjectKey, workTypeOfEpic } from '../../domain/themes';
import type { ValueStreamRef } from '../../domain/themes';
import { buildTimeline } from '../../domain/timeline';
import type { EpicHistory, Timeline } from '../../domain/timeline';
import type { ServiceContext } from '../context';
import { portfolioConfigOf, settingsOf } from '../settings';
import { loadThemes, loadValueStreams } from '../themes';
import type { WsjfReading } from '../wsjfProperty';
import { cachedEpic, emptyEpicCache, historyOfCachedEpic, markUnavailable, saveEpicCache, unavailableIds, updateMeta } from './epicCache';
import { cardConfigOf, toEpicCard } from './cards';
import type { CardConfig, EpicCard } from './cards';
import { errorMessage, InvalidDataError, JiraUnavailableError } from '../../errors';
import type { CachedEpic, CacheMeta, EpicCache } from './epicCache';
import { scopeWhere } from './jql';
import { requestEpicCache, visibleEpicIds } from './perRequest';
import { fetchMissingEpics, fullRefresh, incrementalRefresh, refreshPassOf } from './refresh';
import { hasPendingWork, requestPendingEpics } from './pendingEpics';
import type { PendingEpics } from './pendingEpics';
import type { RefreshDeps } from './refresh';
import type { QueuePort } from '../../ports';
import { startColdSync } from '../sync/coldSync';
import type { SyncDeps } from '../sync/coldSync';
import { syncedSoFar } from '../sync/partial';

/** An epic as the pages show it (board, WSJF, totals, panel): what its card holds, categorised. */
export interface PortfolioEpic {
  readonly id: string;
  readonly key: string;
  readonly summary: string;
  readonly projectKey: string;
  readonly statusId: string;
  /** Null when the epic's status maps to no state. */
  readonly state: string | null;
  /** When the epic entered its current state (the open span; unmapped statuses extend it); null: never had one. */
  readonly stateSince: number | null;
  readonly unmappedStatuses: readonly string[];
  readonly flow: FlowEpic;
  readonly wsjf: WsjfReading;
  /** Who wrote the WSJF property last, and when (null: unknown). */
  readonly scored: { readonly by: string | null; readonly at: number | null };
  readonly theme: Theme | null;
  readonly workType: 'business' | 'enabler';
  /** The stream's id (for joins with budgets) and its name (for display). */
  readonly valueStream: ValueStreamRef;
  readonly flagged: boolean;
}

/** An epic with its whole history (flow metrics, the review): read from the chunks. */
export interface SnapshotEpic extends PortfolioEpic {
  readonly history: EpicHistory;
  readonly timeline: Timeline;
}

/** The portfolio as the caller may see it, epics of type `E` (Flow's are not PortfolioEpics: flowSource.ts). */
export interface PortfolioOf<E> {
  readonly settings: PortfolioSettings;
  readonly config: PortfolioConfig;
  readonly now: number;
  /** Today in the portfolio's time zone. */
  readonly today: LocalDate;
  /** In the scope JQL's order. */
  readonly epics: readonly E[];
  readonly themes: readonly Theme[];
  readonly valueStreams: readonly ValueStream[];
  /** Status id → name, from the last full refresh. */
  readonly statusNames: ReadonlyMap<string, string>;
}

/** What pages without histories read (view.ts: from the cards when they are current). */
export type PortfolioView = PortfolioOf<PortfolioEpic>;
export type PortfolioSnapshot = PortfolioOf<SnapshotEpic>;

function refreshDeps(ctx: ServiceContext): RefreshDeps {
  return { app: ctx.jira.app, store: ctx.store, clock: ctx.clock, log: ctx.log };
}

/** At most this many epics are fetched inside a request (changed, or missing); more wait for the background sync. */
export const INLINE_FETCH_LIMIT = 200;

/**
 * The cache a request serves. A resolver never builds a cold cache: with none (or one of another
 * scope) it starts the background sync and serves what exists meanwhile: the old generation (epic
 * data does not depend on the scope; the user's own search decides what is shown) or, on a first
 * sync, the chunks it has written so far. A cache older than `cacheFreshMs` is brought up to date
 * (one search for what changed, and for the epics events left pending); a fresher one re-reads
 * just the pending epics (an overflowed set: what changed). The few epics the user sees that it
 * lacks are fetched by id, except those already found unavailable to the app since the last refresh.
 */
async function currentCache(ctx: ServiceContext, where: string, visibleIds: readonly string[], stored: EpicCache | null, pending: PendingEpics): Promise<EpicCache> {
  if (!stored || stored.meta.scopeWhere !== where) {
    if (ctx.queue === undefined) return inlineRebuild(ctx, where, visibleIds);
    const sync = await startColdSync(syncDeps(ctx, ctx.queue), where, stored ? 'scope-changed' : 'first-load');
    return stored ?? (await syncedSoFar(ctx.store, sync)) ?? emptyEpicCache({ scopeWhere: where, refreshedAt: sync.startedAt });
  }
  const cache = stored;
  try {
    const stale = ctx.clock.now() - cache.meta.refreshedAt >= ctx.cacheFreshMs;
    if (stale || hasPendingWork(pending)) {
      const pass = refreshPassOf(pending, stale);
      const refreshed = await incrementalRefresh(refreshDeps(ctx), cache, ctx.queue === undefined ? { pass } : { pass, maxEpics: INLINE_FETCH_LIMIT });
      // Far behind (the daily refresh did not run for a long time): served as it is while the sync catches up.
      if (refreshed === 'too-many' && ctx.queue !== undefined) await startColdSync(syncDeps(ctx, ctx.queue), where, 'far-behind');
    }
    const unavailable = unavailableIds(cache);
    const missing = visibleIds.filter((id) => !cache.chunkOf.has(id) && !unavailable.has(id));
    if (missing.length > INLINE_FETCH_LIMIT && ctx.queue !== undefined) {
      // Far more than a few new epics: the cache lost chunks or fell far behind. The sync refills it.
      await startColdSync(syncDeps(ctx, ctx.queue), where, 'cache-lost');
    } else if (missing.length > 0) await fetchMissingEpics(refreshDeps(ctx), cache, missing);
  } catch (error) {
    // Jira failed the app's update, not the caller's own search: serve the last good data, marked stale.
    if (!(error instanceof JiraUnavailableError || error instanceof InvalidDataError)) throw error;
    ctx.log.warn('epic cache not brought up to date; serving it stale', { message: errorMessage(error) });
    updateMeta(cache, { refreshFailure: { at: ctx.clock.now(), message: error.pageMessage } });
  }
  // Writes only what is still dirty (ids found unavailable, a meta repaired after a lost chunk):
  // a warm request writes nothing.
  await saveEpicCache(ctx.store, cache);
  return cache;
}

/** Without a queue (a hand-built context): the whole scope, read now. */
async function inlineRebuild(ctx: ServiceContext, where: string, visibleIds: readonly string[]): Promise<EpicCache> {
  const cache = await fullRefresh(refreshDeps(ctx), where);
  // The rebuild just searched the whole scope as the app: what the user sees beyond it, the app cannot fetch.
  markUnavailable(cache, visibleIds.filter((id) => !cache.chunkOf.has(id)));
  await saveEpicCache(ctx.store, cache);
  return cache;
}

function syncDeps(ctx: ServiceContext, queue: QueuePort): SyncDeps {
  return { app: ctx.jira.app, store: ctx.store, queue, clock: ctx.clock, log: ctx.log };
}

/** What every epic of one request is categorised by, built once per request. */
export interface Categories {
  readonly themes: readonly Theme[];
  readonly streamByProjectKey: ReadonlyMap<string, ValueStreamRef>;
}

/** A card with the request's categories (themes, value streams, enabler labels). */
export function toPortfolioEpic(card: EpicCard, settings: PortfolioSettings, categories: Categories): PortfolioEpic {
  return {
    id: card.id,
    key: card.key,
    summary: card.summary,
    projectKey: card.projectKey,
    statusId: card.statusId,
    state: card.state,
    stateSince: card.stateSince,
    unmappedStatuses: card.unmappedStatuses,
    flow: { key: card.key, stateDates: card.stateDates },
    wsjf: card.wsjf,
    scored: card.scored,
    theme: themeOfEpic(card.labels, categories.themes),
    workType: workTypeOfEpic(card.labels, settings.enablerLabels),
    valueStream: valueStreamOfProject({ key: card.projectKey, name: card.projectName }, categories.streamByProjectKey),
    flagged: card.flagged,
  };
}

export function toSnapshotEpic(epic: CachedEpic, cardConfig: CardConfig, settings: PortfolioSettings, categories: Categories): SnapshotEpic {
  const history = historyOfCachedEpic(epic);
  const timeline = buildTimeline(history, cardConfig.config);
  return { ...toPortfolioEpic(toEpicCard(epic, cardConfig, timeline), settings, categories), history, timeline };
}

async function buildSnapshot(ctx: ServiceContext): Promise<PortfolioSnapshot> {
  const { settings } = await settingsOf(ctx);
  const where = scopeWhere(settings.scopeJql);
  // The user's own search decides what may be served; the cache only supplies the data.
  const [visibleIds, requestCache, pending, { themes }, { valueStreams }] = await Promise.all([
    visibleEpicIds(ctx),
    requestEpicCache(ctx),
    requestPendingEpics(ctx),
    loadThemes(ctx.store),
    loadValueStreams(ctx.store),
  ]);
  const cache = await currentCache(ctx, where, visibleIds, requestCache.cache, pending);
  // Later steps of this request (the WSJF write-through) use the cache this request served.
  requestCache.cache = cache;
  const config = portfolioConfigOf(settings, cache.meta.statuses);
  const cardConfig = cardConfigOf(config, settings.timeZone);
  const categories: Categories = { themes, streamByProjectKey: valueStreamsByProjectKey(valueStreams) };
  const epics = inSearchOrder(visibleIds, (id) => {
    const epic = cachedEpic(cache, id);
    return epic && toSnapshotEpic(epic, cardConfig, settings, categories);
  });
  return portfolioOf({ settings, config, now: ctx.clock.now(), themes, valueStreams, statuses: cache.meta.statuses }, epics);
}

/** The caller's epics in their own search's order, each once; ids `epicOf` has nothing for are left out. */
export function inSearchOrder<E>(visibleIds: readonly string[], epicOf: (id: string) => E | undefined): E[] {
  const epics: E[] = [];
  const seen = new Set<string>();
  for (const id of visibleIds) {
    if (seen.has(id)) continue;
    seen.add(id);
    const epic = epicOf(id);
    if (epic !== undefined) epics.push(epic);
  }
  return epics;
}

/** A request's portfolio around its epics (both the snapshot and the cards' view). */
export function portfolioOf<E>(
  parts: Omit<PortfolioOf<E>, 'today' | 'epics' | 'statusNames'> & { readonly statuses: CacheMeta['statuses'] },
  epics: readonly E[],
): PortfolioOf<E> {
  const { statuses, ...rest } = parts;
  return { ...rest, today: toLocalDate(parts.now, parts.settings.timeZone), epics, statusNames: new Map(statuses.map((status) => [status.id, status.name])) };
}

/** The categories of a snapshot's request (for epics it did not serve, see flowScope.ts). */
export function categoriesOf(snapshot: PortfolioOf<unknown>): Categories {
  return { themes: snapshot.themes, streamByProjectKey: valueStreamsByProjectKey(snapshot.valueStreams) };
}

/**
 * Once per request. A request that loads the whole snapshot also serves its view from it (view.ts),
 * so it never reads the cards as well.
 */
export function portfolioSnapshot(ctx: ServiceContext): Promise<PortfolioSnapshot> {
  const snapshot = ctx.memo('snapshot', () => buildSnapshot(ctx));
  void ctx.memo('view', () => snapshot).catch(() => undefined);
  return snapshot;
}

/** The visible epic with that key, or undefined (not in scope, or not visible to the caller). */
export function findEpic<E extends PortfolioEpic>(snapshot: PortfolioOf<E>, issueKey: string): E | undefined {
  return snapshot.epics.find((epic) => epic.key === issueKey);
}
