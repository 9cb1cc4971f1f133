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
import { cardConfigOf, loadCardsByChunk, storeCardsOf } from './cards';
import type { CardConfig, EpicCard } from './cards';
import { loadEpicCacheMeta, unavailableIdsOf } from './epicCache';
import type { CacheMeta } from './epicCache';
import { scopeWhere } from './jql';
import { visibleEpicIds } from './perRequest';
import { refreshChunksInPlace, refreshPassOf } from './refresh';
import type { RefreshPass } from './refresh';
import { hasPendingWork, requestPendingEpics } from './pendingEpics';
import { inSearchOrder, portfolioOf, portfolioSnapshot, toPortfolioEpic } from './snapshot';
import type { Categories, PortfolioView } from './snapshot';

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
  const { settings } = await settingsOf(ctx);
  if (settings.portfolioTotalsIncludeHidden) return null;
  const now = ctx.clock.now();
  const [visibleIds, meta, pending, { themes }, { valueStreams }] = await Promise.all([
    visibleEpicIds(ctx),
    loadEpicCacheMeta(ctx.store),
    requestPendingEpics(ctx),
    loadThemes(ctx.store),
    loadValueStreams(ctx.store),
  ]);
  if (meta === null || meta.scopeWhere !== scopeWhere(settings.scopeJql)) return null;
  const cardConfig = cardConfigOf(portfolioConfigOf(settings, meta.statuses), settings.timeZone);
  const cardsByChunk = await loadCardsByChunk(ctx.store, meta, cardConfig, ctx.log);
  if (cardsByChunk === null) return null;
  // Fresh, and no event left an epic pending: served as it is. Else the few changes are applied first.
  const stale = now - meta.refreshedAt >= ctx.cacheFreshMs;
  if (!stale && !hasPendingWork(pending)) return viewOf(meta, cardsByChunk, visibleIds, { settings, themes, valueStreams, now });
  const current = await refreshedInPlace(ctx, meta, refreshPassOf(pending, stale), cardsByChunk, cardConfig);
  return current === null ? null : viewOf(current, cardsByChunk, visibleIds, { settings, themes, valueStreams, now });
}

/**
 * A few epics changed since the last refresh or pending are rewritten in their chunks, each
 * touched chunk read and written once, and its cards (in `cardsByChunk`) rebuilt from what was
 * written, without reading it again. Null: the whole-cache path does it.
 */
async function refreshedInPlace(ctx: ServiceContext, meta: CacheMeta, pass: RefreshPass, cardsByChunk: Map<number, EpicCard[]>, cardConfig: CardConfig): Promise<CacheMeta | null> {
  const chunkOfEpic = new Map<string, number>();
  for (const [chunkId, cards] of cardsByChunk) for (const card of cards) chunkOfEpic.set(card.id, chunkId);
  try {
    const refreshed = await refreshChunksInPlace({ app: ctx.jira.app, store: ctx.store, clock: ctx.clock, log: ctx.log }, meta, pass, {
      maxEpics: IN_PLACE_REFRESH_LIMIT,
      chunkOf: (epicId) => chunkOfEpic.get(epicId),
    });
    if (refreshed === null) return null;
    for (const [chunkId, { epics, cardsVersion }] of refreshed.rewritten) cardsByChunk.set(chunkId, await storeCardsOf(ctx.store, chunkId, epics, cardsVersion, cardConfig, ctx.log));
    return refreshed.meta;
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

function viewOf(meta: CacheMeta, cardsByChunk: ReadonlyMap<number, readonly EpicCard[]>, visibleIds: readonly string[], { settings, themes, valueStreams, now }: ViewParts): PortfolioView | null {
  const config = portfolioConfigOf(settings, meta.statuses);
  const cardById = new Map<string, EpicCard>([...cardsByChunk.values()].flat().map((card) => [card.id, card]));
  const unavailable = unavailableIdsOf(meta);
  if (visibleIds.some((id) => !cardById.has(id) && !unavailable.has(id))) return null;
  const categories: Categories = { themes, streamByProjectKey: valueStreamsByProjectKey(valueStreams) };
  const epics = inSearchOrder(visibleIds, (id) => {
    const card = cardById.get(id);
    return card && toPortfolioEpic(card, settings, categories);
  });
  const view: PortfolioView = portfolioOf({ settings, config, now, themes, valueStreams, statuses: meta.statuses }, epics);
  cardsOfView.set(view, { meta, cardById });
  return view;
}
