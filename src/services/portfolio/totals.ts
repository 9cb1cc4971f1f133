/**
 * Portfolio totals over the WHOLE portfolio (WIP counts, ranks), including epics the caller cannot
 * browse. Only numbers leave this module for a caller: which epics are hidden, their keys and
 * their data stay here. The ids come from the scope search as the app, the states and scores from
 * the app-filled cache (epics it lacks are fetched by id, as for the caller's own epics).
 */
import type { WsjfComponents } from '../../domain/wsjf';
import { rankByWsjf } from '../../domain/wsjf';
import type { RankedEpic } from '../../domain/wsjf';
import { buildTimeline } from '../../domain/timeline';
import type { ServiceContext } from '../context';
import { settingsOf } from '../settings';
import { readWsjfProperty } from '../wsjfProperty';
import { cachedEpic, historyOfCachedEpic, unavailableIds, unavailableIdsOf } from './epicCache';
import type { CachedEpic } from './epicCache';
import { requestEpicCache } from './perRequest';
import { recentlyWrittenIds } from './recentWrites';
import { fetchMissingEpics } from './refresh';
import { portfolioSnapshot } from './snapshot';
import type { PortfolioSnapshot } from './snapshot';
import { allCardsOf, portfolioView } from './view';

/** One epic of the whole portfolio, as far as totals need it. */
export interface PortfolioMember {
  readonly id: string;
  readonly key: string;
  /** Null when its status maps to no state. */
  readonly state: string | null;
  readonly components: WsjfComponents;
  /** Whether the caller's own scope search returned it. */
  readonly visible: boolean;
}

function stateOfCached(epic: CachedEpic, snapshot: PortfolioSnapshot): string | null {
  return buildTimeline({ ...historyOfCachedEpic(epic), flagChanges: [] }, snapshot.config).currentState;
}

/**
 * The cached data of the epics in scope the caller cannot see (the app's scope search minus the
 * caller's), fetched by id when the cache lacks them; once per request. Never send it to a page.
 */
export function hiddenEpics(ctx: ServiceContext): Promise<CachedEpic[]> {
  return ctx.memo('hidden-epics', () => findHiddenEpics(ctx));
}

async function findHiddenEpics(ctx: ServiceContext): Promise<CachedEpic[]> {
  const snapshot = await portfolioSnapshot(ctx);
  const { settings } = await settingsOf(ctx);
  // The app sees every epic in scope; the caller's own search decided what the snapshot holds.
  const [appIds, requestCache] = await Promise.all([ctx.jira.app.searchIssueIds(settings.scopeJql, { reconcileIssues: await recentlyWrittenIds(ctx) }), requestEpicCache(ctx)]);
  const visibleIds = new Set(snapshot.epics.map((epic) => epic.id));
  const cache = requestCache.cache;
  if (cache === null) return [];
  const hiddenIds = [...new Set(appIds)].filter((id) => !visibleIds.has(id));
  const unavailable = unavailableIds(cache);
  const missing = hiddenIds.filter((id) => !cache.chunkOf.has(id) && !unavailable.has(id));
  if (missing.length > 0) await fetchMissingEpics({ app: ctx.jira.app, store: ctx.store, clock: ctx.clock, log: ctx.log }, cache, missing);
  return hiddenIds.map((id) => cachedEpic(cache, id)).filter((epic): epic is CachedEpic => epic !== undefined);
}

/**
 * From the cards the request's view was served from: null when it was served from the snapshot, or
 * the cards lack an epic in scope (the snapshot path fetches it by id).
 */
async function wholePortfolioFromCards(ctx: ServiceContext): Promise<PortfolioMember[] | null> {
  const view = await portfolioView(ctx);
  const all = allCardsOf(view);
  if (all === undefined) return null;
  const { settings } = await settingsOf(ctx);
  const appIds = await ctx.jira.app.searchIssueIds(settings.scopeJql, { reconcileIssues: await recentlyWrittenIds(ctx) });
  const members: PortfolioMember[] = view.epics.map((epic) => ({ id: epic.id, key: epic.key, state: epic.state, components: epic.wsjf.components, visible: true }));
  const visibleIds = new Set(view.epics.map((epic) => epic.id));
  const unavailable = unavailableIdsOf(all.meta);
  for (const id of new Set(appIds)) {
    if (visibleIds.has(id) || unavailable.has(id)) continue;
    const card = all.cardById.get(id);
    if (card === undefined) return null;
    members.push({ id, key: card.key, state: card.state, components: readWsjfProperty(card.wsjf).components, visible: false });
  }
  return members;
}

async function buildWholePortfolio(ctx: ServiceContext): Promise<PortfolioMember[]> {
  const fromCards = await wholePortfolioFromCards(ctx);
  if (fromCards !== null) return fromCards;
  const snapshot = await portfolioSnapshot(ctx);
  const members: PortfolioMember[] = snapshot.epics.map((epic) => ({
    id: epic.id,
    key: epic.key,
    state: epic.state,
    components: epic.wsjf.components,
    visible: true,
  }));
  for (const epic of await hiddenEpics(ctx)) {
    members.push({ id: epic.id, key: epic.key, state: stateOfCached(epic, snapshot), components: readWsjfProperty(epic.wsjf).components, visible: false });
  }
  return members;
}

/** Every epic in scope, the caller's and the others; once per request. Never send it to a page. */
export function wholePortfolio(ctx: ServiceContext): Promise<PortfolioMember[]> {
  return ctx.memo('whole-portfolio', () => buildWholePortfolio(ctx));
}

export type Rank = Omit<RankedEpic<unknown>, 'item'>;

export interface Totals {
  readonly includesHidden: boolean;
  /** Epics in the totals the caller cannot see (0 when the totals are the caller's own). */
  readonly hiddenCount: number;
  /** Epic count per state over the epics the totals are about. */
  readonly countByState: ReadonlyMap<string, { count: number; hidden: number }>;
  /** The ranking over the same epics; only the caller's epics are in `rankByKey`. */
  readonly rankByKey: ReadonlyMap<string, Rank>;
  /** Scored epics in the ranking (the "n" of "rank r of n"). */
  readonly rankedCount: number;
}

/**
 * The totals the caller is shown: over their own epics (the default), or over the whole portfolio
 * when settings.portfolioTotalsIncludeHidden is on. `override` stands in for one epic's WSJF (a
 * save just made).
 */
export async function portfolioTotals(ctx: ServiceContext, override?: { key: string; components: WsjfComponents }): Promise<Totals> {
  const snapshot = await portfolioView(ctx);
  const includesHidden = snapshot.settings.portfolioTotalsIncludeHidden;
  const members: readonly PortfolioMember[] = includesHidden
    ? await wholePortfolio(ctx)
    : snapshot.epics.map((epic) => ({ id: epic.id, key: epic.key, state: epic.state, components: epic.wsjf.components, visible: true }));
  const countByState = new Map<string, { count: number; hidden: number }>();
  for (const member of members) {
    if (member.state === null) continue;
    const entry = countByState.get(member.state) ?? { count: 0, hidden: 0 };
    entry.count += 1;
    if (!member.visible) entry.hidden += 1;
    countByState.set(member.state, entry);
  }
  const ranked = rankByWsjf(members, (member) => ({
    key: member.key,
    ...(override && override.key === member.key ? override.components : member.components),
  }));
  const rankByKey = new Map<string, Rank>();
  for (const { item, ...rank } of ranked) if (item.visible) rankByKey.set(rank.key, rank);
  return {
    includesHidden,
    hiddenCount: members.filter((member) => !member.visible).length,
    countByState,
    rankByKey,
    rankedCount: ranked.filter((entry) => entry.rank !== null).length,
  };
}
