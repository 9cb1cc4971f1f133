/**
 * The portfolio as pages without histories read it (board, WSJF ranking, totals, epic panel): the
 * caller's epics from the cards (cards.ts) when the cache needs no work, else from the whole
 * snapshot, which also brings the cache up to date. Either way the caller's own ids search decides
 * what is served, in its order; the two paths give the same answers (test/resolvers/portfolioCards.test.ts).
 */
import type { Theme, ValueStream } from '../../contract/documents';
import type { PortfolioSettings } from '../../contract/settings';
import { InvalidDataError, JiraUnavailableError } from '../../errors';
import { valueStreamsByProjectKey } from '../../domain/themes';
import type { ServiceContext } from '../context';
import { portfolioConfigOf, settingsOf } from '../settings';
import { loadThemes, loadValueStreams } from '../themes';
import { cardConfigOf, cardsProjection } from './cards';
import type { EpicCard } from './cards';
import { ensureCacheGeneration, isRememberable, readCacheGeneration } from './cacheGeneration';
import type { CacheGeneration } from './cacheGeneration';
import { withCardsDigest } from './cardsDigest';
import { loadProjectionByChunk, storeProjection } from './chunkProjection';
import type { ChunkProjection, ProjectionDigest } from './chunkProjection';
import { loadEpicCacheMeta, unavailableIdsOf } from './epicCache';
import type { CacheMeta } from './epicCache';
import { scopeWhere } from './jql';
import { visibleEpicIds } from './perRequest';
import { refreshChunksInPlace, refreshPassOf } from './refresh';
import type { RefreshPass } from './refresh';
import type { PendingEpics } from './pendingEpics';
import { hasPendingWork, requestPendingEpics } from './pendingEpics';
import { inSearchOrder, portfolioOf, portfolioSnapshot, toPortfolioEpic } from './snapshot';
import type { Categories, PortfolioOf, PortfolioView } from './snapshot';

/** Changed epics a request rewrites in their chunks (about 10 read units a chunk) before it reads them all instead. */
const IN_PLACE_REFRESH_LIMIT = 20;

/** Every cached epic's card (untrimmed) and the meta they were read with. Never send it to a page. */
export interface CardsRead {
  readonly meta: CacheMeta;
  readonly cardById: ReadonlyMap<string, EpicCard>;
}

/** The cards a view was served from: for totals over the whole portfolio. */
const cardsOfView = new WeakMap<PortfolioView, CardsRead>();

/** The cards the request's view was served from; undefined when it came from the snapshot. */
export function allCardsOf(view: PortfolioView): CardsRead | undefined {
  return cardsOfView.get(view);
}

/** Once per request; the snapshot's epics when the request loaded the snapshot first. */
export function portfolioView(ctx: ServiceContext): Promise<PortfolioView> {
  return ctx.memo('view', async () => (await viewFromCards(ctx)) ?? (await portfolioSnapshot(ctx)));
}

/**
 * Null when the cache needs work the snapshot path does: none yet or of another scope (a sync),
 * many epics changed since it was refreshed or pending after events, a chunk lost, or an epic the
 * caller sees that it lacks (fetched by id). Also with totals over hidden epics: those read the
 * whole cache anyway.
 */
async function viewFromCards(ctx: ServiceContext): Promise<PortfolioView | null> {
  const request = await projectionRequest(ctx, (settings, meta) => {
    const cardConfig = cardConfigOf(portfolioConfigOf(settings, meta.statuses), settings.timeZone);
    return withCardsDigest(cardsProjection(cardConfig), cardConfig);
  });
  return request === null ? null : viewOf(request);
}

/** A request served from a per-chunk projection (cards, Flow's cards): the projection and what it reads besides. */
export interface ProjectionRequest<T> extends ViewParts {
  /** The cache's meta, brought up to date in place when it was older than the freshness window or epics were pending. */
  readonly meta: CacheMeta;
  /** The caller's own ids search: what may be served, in its order. */
  readonly visibleIds: readonly string[];
  /** Every cached epic's item (untrimmed), by chunk id. */
  readonly itemsByChunk: ReadonlyMap<number, readonly T[]>;
}

/**
 * Null when the cache needs work only the whole-snapshot path does (see viewFromCards), or when
 * totals include hidden epics (those read the whole cache anyway). The projection is read before
 * any refresh: its items tell which chunk holds a changed epic, and the chunks a refresh rewrites
 * get their items built from what was written, without reading them again.
 */
export async function projectionRequest<T>(ctx: ServiceContext, projectionOf: (settings: PortfolioSettings, meta: CacheMeta) => ChunkProjection<T>): Promise<ProjectionRequest<T> | null> {
  const { settings } = await settingsOf(ctx);
  if (settings.portfolioTotalsIncludeHidden) return null;
  const { visibleIds, meta, pending, themes, valueStreams, now, generation } = await requestPreamble(ctx);
  if (meta === null || meta.scopeWhere !== scopeWhere(settings.scopeJql)) return null;
  const projection = projectionOf(settings, meta);
  const servable = isServableAsIs({ settings, meta, pending, now }, ctx.cacheFreshMs);
  // A current digest (the cards') serves every chunk's items from one document.
  const digest = servable && projection.digest !== undefined && isRememberable(generation) ? await projection.digest.read(ctx.store, { token: generation.token, chunkIds: meta.chunkIds }) : null;
  if (digest?.items) return { meta, visibleIds, itemsByChunk: new Map([[WHOLE_PORTFOLIO, digest.items]]), settings, themes, valueStreams, now };
  const itemsByChunk = await loadProjectionByChunk(ctx.store, meta, projection, ctx.log);
  if (itemsByChunk === null) return null;
  // Read under the generation read before them: the next request may have them whole.
  if (digest !== null) await digest.remember([...itemsByChunk.values()].flat(), ctx.log);
  // Fresh, and no event left an epic pending: served as it is. Else the few changes are applied first.
  if (servable) return { meta, visibleIds, itemsByChunk, settings, themes, valueStreams, now };
  const stale = now - meta.refreshedAt >= ctx.cacheFreshMs;
  const refreshed = await refreshedInPlace(ctx, meta, refreshPassOf(pending, stale), itemsByChunk, projection);
  if (refreshed === null) return null;
  if (projection.digest !== undefined) await rememberAfterRefresh(ctx, generation, refreshed, itemsByChunk, projection.digest);
  return { meta: refreshed.meta, visibleIds, itemsByChunk, settings, themes, valueStreams, now };
}

/**
 * After an in-place refresh: when the generation moved on since the preamble by this request's own
 * chunk writes alone (each replaces it once, in its transaction), no other writer changed a chunk
 * meanwhile, so every item (those read, and those built from what was written) is current under
 * the new token: the digest is stored for the next request.
 */
async function rememberAfterRefresh<T>(
  ctx: ServiceContext,
  before: CacheGeneration,
  { meta, chunkWrites }: RefreshedInPlace,
  itemsByChunk: ReadonlyMap<number, readonly T[]>,
  digest: ProjectionDigest<T>,
): Promise<void> {
  if (before.version === null) return;
  const after = await readCacheGeneration(ctx.store);
  if (!isRememberable(after) || after.version !== before.version + chunkWrites) return;
  const read = await digest.read(ctx.store, { token: after.token, chunkIds: meta.chunkIds });
  if (read.items === null) await read.remember([...itemsByChunk.values()].flat(), ctx.log);
}

interface RefreshedInPlace {
  readonly meta: CacheMeta;
  /** Chunks the refresh wrote, each once. */
  readonly chunkWrites: number;
}

/** The key of a digest's items among a request's items by chunk: they are flattened, never looked up by chunk. */
const WHOLE_PORTFOLIO = -1;

/** What a request served from the cache reads before any projection: once per request. */
export interface RequestPreamble extends ViewParts {
  readonly visibleIds: readonly string[];
  readonly meta: CacheMeta | null;
  readonly pending: PendingEpics;
  /** Read before any chunk or projection: what is read after it may be remembered against it. */
  readonly generation: CacheGeneration;
}

export function requestPreamble(ctx: ServiceContext): Promise<RequestPreamble> {
  return ctx.memo('projection-preamble', async () => {
    const { settings } = await settingsOf(ctx);
    const now = ctx.clock.now();
    const [visibleIds, meta, pending, { themes }, { valueStreams }, generation] = await Promise.all([
      visibleEpicIds(ctx),
      loadEpicCacheMeta(ctx.store),
      requestPendingEpics(ctx),
      loadThemes(ctx.store),
      loadValueStreams(ctx.store),
      readCacheGeneration(ctx.store),
    ]);
    return { settings, visibleIds, meta, pending, themes, valueStreams, now, generation: meta === null ? generation : await ensureCacheGeneration(ctx.store, generation) };
  });
}

/** The cache holds the settings' scope, is younger than the freshness window, and no event left an epic pending: nothing to refresh. */
export function isServableAsIs(
  { settings, meta, pending, now }: Pick<RequestPreamble, 'settings' | 'meta' | 'pending' | 'now'>,
  cacheFreshMs: number,
): boolean {
  return meta !== null && meta.scopeWhere === scopeWhere(settings.scopeJql) && now - meta.refreshedAt < cacheFreshMs && !hasPendingWork(pending);
}

/** True when the projection lacks an epic the caller sees that the app has not found unavailable (the snapshot path fetches it). */
function lacksVisibleEpic(meta: CacheMeta, visibleIds: readonly string[], has: (id: string) => boolean): boolean {
  const unavailable = unavailableIdsOf(meta);
  return visibleIds.some((id) => !has(id) && !unavailable.has(id));
}

/**
 * A few epics changed since the last refresh or pending are rewritten in their chunks, each
 * touched chunk read and written once, and its items (in `itemsByChunk`) rebuilt from what was
 * written, without reading it again. Null: the whole-cache path does it.
 */
async function refreshedInPlace<T>(ctx: ServiceContext, meta: CacheMeta, pass: RefreshPass, itemsByChunk: Map<number, T[]>, projection: ChunkProjection<T>): Promise<RefreshedInPlace | null> {
  const chunkOfEpic = new Map<string, number>();
  for (const [chunkId, items] of itemsByChunk) for (const item of items) chunkOfEpic.set(projection.idOf(item), chunkId);
  try {
    const refreshed = await refreshChunksInPlace({ app: ctx.jira.app, store: ctx.store, clock: ctx.clock, log: ctx.log }, meta, pass, {
      maxEpics: IN_PLACE_REFRESH_LIMIT,
      chunkOf: (epicId) => chunkOfEpic.get(epicId),
    });
    if (refreshed === null) return null;
    for (const [chunkId, { epics, markerVersions }] of refreshed.rewritten) {
      itemsByChunk.set(chunkId, await storeProjection(ctx.store, chunkId, epics, markerVersions.get(projection.collection) ?? null, projection, ctx.log));
    }
    return { meta: refreshed.meta, chunkWrites: refreshed.rewritten.size };
  } catch (error) {
    // Jira failed the app's refresh: the whole-cache path tries once more and serves the cache stale if it fails.
    if (error instanceof JiraUnavailableError || error instanceof InvalidDataError) return null;
    throw error;
  }
}

interface ViewParts {
  readonly settings: PortfolioSettings;
  readonly themes: readonly Theme[];
  readonly valueStreams: readonly ValueStream[];
  readonly now: number;
}

function viewOf(request: ProjectionRequest<EpicCard>): PortfolioView | null {
  const served = portfolioFromProjection(request, toPortfolioEpic);
  if (served === null) return null;
  cardsOfView.set(served.portfolio, { meta: request.meta, cardById: served.itemById });
  return served.portfolio;
}

/**
 * The caller's epics from a projection request: in their search order, categorised with the
 * request's themes and value streams. Null when the projection lacks an epic the caller sees (the
 * snapshot path fetches it). `itemById` is every cached epic's item, untrimmed: never for a page.
 */
export function portfolioFromProjection<T extends { readonly id: string }, E>(
  { meta, itemsByChunk, visibleIds, settings, themes, valueStreams, now }: ProjectionRequest<T>,
  toEpic: (item: T, settings: PortfolioSettings, categories: Categories) => E,
): { readonly portfolio: PortfolioOf<E>; readonly itemById: ReadonlyMap<string, T> } | null {
  const itemById = new Map<string, T>([...itemsByChunk.values()].flat().map((item) => [item.id, item]));
  if (lacksVisibleEpic(meta, visibleIds, (id) => itemById.has(id))) return null;
  const categories: Categories = { themes, streamByProjectKey: valueStreamsByProjectKey(valueStreams) };
  const epics = inSearchOrder(visibleIds, (id) => {
    const item = itemById.get(id);
    return item && toEpic(item, settings, categories);
  });
  const config = portfolioConfigOf(settings, meta.statuses);
  return { portfolio: portfolioOf({ settings, config, now, themes, valueStreams, statuses: meta.statuses }, epics), itemById };
}
