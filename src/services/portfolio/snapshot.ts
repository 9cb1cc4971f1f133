/**
 * The portfolio as the CALLER may see it: epics in scope with state, timeline, theme, work type,
 * value stream and WSJF. The epic data comes from the app-filled cache, so every request first asks
 * Jira, as the user, which epic ids the scope JQL gives THEM, and serves only those, in that order.
 */
import type { Theme, ValueStream } from '../../contract/documents';
import type { PortfolioSettings } from '../../contract/settings';
import { toLocalDate } from '../../domain/calendar';
import type { LocalDate } from '../../domain/calendar';
import { toFlowEpic } from '../../domain/flow';
import type { FlowEpic } from '../../domain/flow';
import type { PortfolioConfig } from '../../domain/states';
import { themeOfEpic, workTypeOfEpic } from '../../domain/themes';
import { buildTimeline } from '../../domain/timeline';
import type { EpicHistory, Timeline } from '../../domain/timeline';
import type { ServiceContext } from '../context';
import { portfolioConfigOf, settingsOf } from '../settings';
import { loadThemes, loadValueStreams } from '../themes';
import { readWsjfProperty } from '../wsjfProperty';
import type { WsjfReading } from '../wsjfProperty';
import { cachedEpic, loadEpicCache } from './epicCache';
import type { CachedEpic, EpicCache } from './epicCache';
import { scopeWhere } from './jql';
import { fetchMissingEpics, fullRefresh, incrementalRefresh } from './refresh';
import type { RefreshDeps } from './refresh';

export interface SnapshotEpic {
  readonly id: string;
  readonly key: string;
  readonly summary: string;
  readonly projectKey: string;
  readonly labels: readonly string[];
  readonly statusId: string;
  /** Null when the epic's status maps to no state. */
  readonly state: string | null;
  readonly history: EpicHistory;
  readonly timeline: Timeline;
  readonly flow: FlowEpic;
  readonly wsjf: WsjfReading;
  readonly theme: Theme | null;
  readonly workType: 'business' | 'enabler';
  readonly valueStream: { readonly id: string; readonly name: string };
  readonly flagged: boolean;
}

export interface PortfolioSnapshot {
  readonly settings: PortfolioSettings;
  readonly config: PortfolioConfig;
  readonly now: number;
  /** Today in the portfolio's time zone. */
  readonly today: LocalDate;
  /** In the scope JQL's order. */
  readonly epics: readonly SnapshotEpic[];
  readonly themes: readonly Theme[];
  readonly valueStreams: readonly ValueStream[];
  /** Status id → name, from the last full refresh. */
  readonly statusNames: ReadonlyMap<string, string>;
}

function refreshDeps(ctx: ServiceContext): RefreshDeps {
  return { app: ctx.jira.app, store: ctx.store, clock: ctx.clock, log: ctx.log };
}

/**
 * A cache that holds every id the user was given and is fresh enough is served without asking
 * Jira anything more. Otherwise: rebuilt (none, or another scope), brought up to date (older than
 * `cacheFreshMs`), and completed with the epics the user sees that it lacks (fetched by id).
 */
async function currentCache(ctx: ServiceContext, where: string, visibleIds: readonly string[], stored: EpicCache | null): Promise<EpicCache> {
  if (!stored || stored.meta.scopeWhere !== where) return fullRefresh(refreshDeps(ctx), where, stored);
  let cache = stored;
  if (ctx.clock.now() - cache.meta.refreshedAt >= ctx.cacheFreshMs) cache = await incrementalRefresh(refreshDeps(ctx), cache);
  const missing = visibleIds.filter((id) => !cache.chunkOf.has(id));
  if (missing.length > 0) await fetchMissingEpics(refreshDeps(ctx), cache, missing);
  return cache;
}

function valueStreamOf(epic: CachedEpic, valueStreams: readonly ValueStream[]): { id: string; name: string } {
  const stream = valueStreams.find((candidate) => candidate.projectKeys.includes(epic.projectKey));
  // A project no value stream claims is a value stream of its own.
  return stream ? { id: stream.id, name: stream.name } : { id: epic.projectKey, name: epic.projectName || epic.projectKey };
}

function toSnapshotEpic(
  epic: CachedEpic,
  config: PortfolioConfig,
  settings: PortfolioSettings,
  themes: readonly Theme[],
  valueStreams: readonly ValueStream[],
): SnapshotEpic {
  const history: EpicHistory = {
    key: epic.key,
    createdAt: epic.createdAt,
    currentStatusId: epic.statusId,
    statusChanges: epic.statusChanges.map(([at, fromStatusId, toStatusId]) => ({ at, fromStatusId, toStatusId })),
    flagChanges: epic.flagChanges.map(([at, flagged]) => ({ at, flagged })),
  };
  const timeline = buildTimeline(history, config);
  const themeId = themeOfEpic(epic.labels, themes)?.id;
  return {
    id: epic.id,
    key: epic.key,
    summary: epic.summary,
    projectKey: epic.projectKey,
    labels: epic.labels,
    statusId: epic.statusId,
    state: timeline.currentState,
    history,
    timeline,
    flow: toFlowEpic(timeline, settings.timeZone),
    wsjf: readWsjfProperty(epic.wsjf),
    theme: themes.find((theme) => theme.id === themeId) ?? null,
    workType: workTypeOfEpic(epic.labels, settings.enablerLabels),
    valueStream: valueStreamOf(epic, valueStreams),
    flagged: timeline.flaggedSpans.some((span) => span.to === null),
  };
}

async function buildSnapshot(ctx: ServiceContext): Promise<PortfolioSnapshot> {
  const { settings } = await settingsOf(ctx);
  const where = scopeWhere(settings.scopeJql);
  // The user's own search decides what may be served; the cache only supplies the data.
  const [visibleIds, stored, { themes }, { valueStreams }] = await Promise.all([
    ctx.jira.user.searchIssueIds(settings.scopeJql),
    loadEpicCache(ctx.store),
    loadThemes(ctx.store),
    loadValueStreams(ctx.store),
  ]);
  const cache = await currentCache(ctx, where, visibleIds, stored);
  const config = portfolioConfigOf(settings, cache.meta.statuses);
  const epics: SnapshotEpic[] = [];
  const seen = new Set<string>();
  for (const id of visibleIds) {
    const epic = cachedEpic(cache, id);
    if (!epic || seen.has(id)) continue;
    seen.add(id);
    epics.push(toSnapshotEpic(epic, config, settings, themes, valueStreams));
  }
  const now = ctx.clock.now();
  return {
    settings,
    config,
    now,
    today: toLocalDate(now, settings.timeZone),
    epics,
    themes,
    valueStreams,
    statusNames: new Map(cache.meta.statuses.map((status) => [status.id, status.name])),
  };
}

/** Once per request. */
export function portfolioSnapshot(ctx: ServiceContext): Promise<PortfolioSnapshot> {
  return ctx.memo('snapshot', () => buildSnapshot(ctx));
}

/** The visible epic with that key, or undefined (not in scope, or not visible to the caller). */
export function findEpic(snapshot: PortfolioSnapshot, issueKey: string): SnapshotEpic | undefined {
  return snapshot.epics.find((epic) => epic.key === issueKey);
}
