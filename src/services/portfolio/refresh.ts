/**
 * Filling the epic cache with the APP actor: a full rebuild (scope search + changelog bulkfetch),
 * an incremental pass (only epics `updated` since the last refresh, plus the epics issue-updated
 * events left pending), or the pending epics alone. What the app reads here is never served as
 * is: snapshot.ts trims it per user.
 */
import { WSJF_PROPERTY_KEY } from '../../contract/documents';
import type { JiraIssue } from '../../contract/jira';
import type { Clock, JiraPort, Log, StorePort } from '../../ports';
import { toEpicHistory } from '../epicHistory';
import {
  deleteChunks,
  emptyEpicCache,
  loadChunkNumbering,
  loadEpicCacheMeta,
  markUnavailable,
  publishEpicCacheMeta,
  removeEpics,
  rewriteEpicsInChunk,
  saveEpicCache,
  splitOversized,
  updateMeta,
  upsertEpics,
} from './epicCache';
import type { CachedEpic, CacheMeta, EpicCache, RewrittenChunk } from './epicCache';
import { andJql, idInJql, updatedWithinMinutes } from './jql';
import { compareIssueIds, rangeOf } from './chunkRanges';
import { MAX_RECENT_WRITES, readRecentlyWrittenIds } from './recentWrites';
import { clearPendingEpics, pendingIds, readPendingEpics } from './pendingEpics';
import type { PendingEpics } from './pendingEpics';
import { errorMessage } from '../../errors';
import { findFlaggedFieldId, historyFieldIds } from '../historyFields';

/** Everything the snapshot reads of an epic. */
export const EPIC_FIELDS = ['summary', 'created', 'updated', 'status', 'issuetype', 'labels', 'project'] as const;
/** Look back one extra minute: relative JQL dates are minute-grained. */
const OVERLAP_MS = 60_000;

export interface RefreshDeps {
  readonly app: JiraPort;
  readonly store: StorePort;
  readonly clock: Clock;
  readonly log: Log;
}

function toCachedEpic(issue: JiraIssue, histories: Parameters<typeof toEpicHistory>[1]): CachedEpic {
  const history = toEpicHistory(issue, histories);
  const { fields } = issue;
  return {
    id: issue.id,
    key: issue.key,
    summary: fields.summary ?? '',
    projectId: fields.project?.id ?? '',
    projectKey: fields.project?.key ?? issue.key.replace(/-\d+$/, ''),
    projectName: fields.project?.name ?? fields.project?.key ?? '',
    labels: fields.labels ?? [],
    createdAt: history.createdAt,
    updatedAt: fields.updated ?? history.createdAt,
    statusId: history.currentStatusId,
    wsjf: issue.properties?.[WSJF_PROPERTY_KEY] ?? null,
    statusChanges: history.statusChanges.map((change): [number, string | null, string] => [change.at, change.fromStatusId, change.toStatusId]),
    flagChanges: history.flagChanges.map((change): [number, boolean] => [change.at, change.flagged]),
  };
}

/** Issues matching `jql` with the fields and the WSJF property the cache keeps (paged search, pages as large as Jira gives). */
function searchEpicIssues(deps: RefreshDeps, jql: string, maxIssues?: number, reconcileIssues: readonly number[] = []): Promise<JiraIssue[]> {
  return deps.app.searchIssues({ jql, fields: EPIC_FIELDS, properties: [WSJF_PROPERTY_KEY], reconcileIssues, ...(maxIssues === undefined ? {} : { maxIssues }) });
}

/** The issues with their full history (one bulkfetch, batched); unreadable ones are logged and left out. */
async function withHistories(deps: RefreshDeps, issues: readonly JiraIssue[], fieldIds: readonly string[]): Promise<CachedEpic[]> {
  if (issues.length === 0) return [];
  const changelogs = await deps.app.fetchChangelogs(
    issues.map((issue) => issue.id),
    fieldIds,
  );
  const epics: CachedEpic[] = [];
  for (const issue of issues) {
    try {
      epics.push(toCachedEpic(issue, changelogs.get(issue.id) ?? []));
    } catch (error) {
      // One unreadable epic must not hide the whole portfolio.
      deps.log.warn('epic left out of the cache', { key: issue.key, message: errorMessage(error) });
    }
  }
  return epics;
}

/**
 * Rebuilds the cache for `where` from nothing. The chunk numbering is read from the stored meta
 * just before writing (not from a cache loaded earlier, which a concurrent writer may have
 * replaced), so new chunks never reuse an id and the chunks the old meta named are deleted once
 * the new meta names the new ones.
 */
export async function fullRefresh(deps: RefreshDeps, where: string): Promise<EpicCache> {
  const startedAt = deps.clock.now();
  const [issues, statuses, flaggedFieldId] = await Promise.all([searchEpicIssues(deps, where), deps.app.getStatuses(), findFlaggedFieldId(deps.app)]);
  const epics = await withHistories(deps, issues, historyFieldIds(flaggedFieldId));
  const previous = await loadChunkNumbering(deps.store);
  const cache = emptyEpicCache({
    scopeWhere: where,
    refreshedAt: startedAt,
    statuses: statuses.map((status) => ({ id: status.id, name: status.name })),
    flaggedFieldId,
    firstChunkId: previous?.nextChunkId ?? 0,
  });
  upsertEpics(cache, [...epics].sort((a, b) => compareIssueIds(a.id, b.id)));
  markUnavailable(cache, issues.filter((issue) => !cache.chunkOf.has(issue.id)).map((issue) => issue.id));
  // The chunks split under the limit are final: their id ranges are the meta's hints, saved with it.
  splitOversized(cache);
  updateMeta(cache, { chunkRanges: [...cache.chunks].map(([chunkId, epicsById]) => rangeOf(chunkId, epicsById.values())).filter((range) => range !== null) });
  await saveEpicCache(deps.store, cache);
  if (previous) await deleteChunks(deps.store, previous.chunkIds.filter((id) => !cache.meta.chunkIds.includes(id)));
  // The rebuild read every epic after it started: what events recorded before then is covered.
  await clearPendingEpics(deps, { recordedBefore: startedAt });
  deps.log.info('epic cache rebuilt', { epics: epics.length, chunks: cache.meta.chunkIds.length, flaggedFieldId });
  return cache;
}

/**
 * What a pass re-reads: the epics `updated` since the last refresh (`sinceLastRefresh`) and the
 * epics issue-updated events left pending (pendingEpics.ts). A pass that only applies pending
 * epics leaves `refreshedAt` as it is: only an `updated >=` pass moves it.
 */
export interface RefreshPass {
  readonly pending: PendingEpics;
  readonly sinceLastRefresh: boolean;
}

/** The pass a reader takes: `updated >=` when the cache is stale, or when ids were dropped from a full set. */
export const refreshPassOf = (pending: PendingEpics, cacheStale: boolean): RefreshPass => ({ pending, sinceLastRefresh: cacheStale || pending.overflowedAt !== null });

/**
 * Brings `cache` up to date with one search (and one bulkfetch if anything changed): the changed
 * epics are replaced, pending epics no longer in scope are removed, then the pending entries the
 * pass covered are cleared. With `maxEpics` (inside a request) a cache so far behind that more
 * epics changed is left as it is and `'too-many'` returned: the caller hands the catching up to
 * the background sync. Without `pass` (the scheduled refresh) it is an `updated >=` pass that
 * also reads the pending set.
 */
export async function incrementalRefresh(deps: RefreshDeps, cache: EpicCache, options: { readonly maxEpics?: number; readonly pass?: RefreshPass } = {}): Promise<'refreshed' | 'too-many'> {
  const startedAt = deps.clock.now();
  const pass = options.pass ?? refreshPassOf(await readPendingEpics(deps), true);
  const changed = await changedEpics(deps, cache.meta, startedAt, pass, options.maxEpics);
  if (changed === null) return 'too-many';
  upsertEpics(cache, changed.epics);
  removeEpics(cache, changed.outOfScope);
  // A new refresh time also forgets the ids recorded as unavailable: they are tried again.
  if (pass.sinceLastRefresh) updateMeta(cache, { refreshedAt: startedAt, refreshFailure: null });
  await saveEpicCache(deps.store, cache);
  await clearPendingEpics(deps, coveredBy(pass, startedAt), pass.pending);
  return 'refreshed';
}

/** The entries a pass applied; an `updated >=` pass also covers ids dropped from a full set before it started. */
const coveredBy = (pass: RefreshPass, startedAt: number) => ({ entries: pass.pending.entries, ...(pass.sinceLastRefresh ? { overflowBefore: startedAt } : {}) });

interface ChangedEpics {
  /** The epics to write, with their histories. */
  readonly epics: CachedEpic[];
  /** Pending ids the scope search did not return: removed from the cache where cached. */
  readonly outOfScope: string[];
}

/**
 * One search as the app for the pass's epics in scope (a bulkfetch only if any); null when more
 * than `limit`. The app's own recent writes are reconciled, else the search could return them as
 * they were and overwrite the cache's newer copy; so are the pending ids, which were just changed.
 */
async function changedEpics(deps: RefreshDeps, meta: CacheMeta, startedAt: number, pass: RefreshPass, limit?: number): Promise<ChangedEpics | null> {
  const ids = pendingIds(pass.pending);
  if (!pass.sinceLastRefresh && ids.length === 0) return { epics: [], outOfScope: [] };
  const clauses = [...(pass.sinceLastRefresh ? [updatedWithinMinutes((startedAt - meta.refreshedAt + OVERLAP_MS) / 60_000)] : []), ...(ids.length > 0 ? [idInJql(ids)] : [])];
  const jql = andJql(meta.scopeWhere, clauses.length === 1 ? (clauses[0] as string) : `(${clauses.join(' OR ')})`);
  const reconcile = [...new Set([...(await readRecentlyWrittenIds(deps.store, startedAt)), ...ids.map(Number).filter(Number.isSafeInteger)])].slice(0, MAX_RECENT_WRITES);
  const issues = await searchEpicIssues(deps, jql, limit === undefined ? undefined : limit + 1, reconcile);
  if (limit !== undefined && issues.length > limit) return null;
  const inScope = new Set(issues.map((issue) => issue.id));
  return { epics: await withHistories(deps, issues, historyFieldIds(meta.flaggedFieldId)), outOfScope: ids.filter((id) => !inScope.has(id)) };
}

/** A pass done in place: the meta to serve and the chunks rewritten (their new cards are built by the caller). */
export interface InPlaceRefresh {
  readonly meta: CacheMeta;
  readonly rewritten: ReadonlyMap<number, RewrittenChunk>;
}

/**
 * The same pass for a request that read no chunk (pages served from the cards): the changes are
 * grouped by the chunk holding each epic (`chunkOf`, from the cards the request read) and each
 * touched chunk is read and rewritten once. An `updated >=` pass then gives the meta the new
 * refresh time. Null when that does not do: more than `maxEpics` changed, an epic not cached (new
 * in scope), a chunk that would outgrow its limit or lost a race thrice, or the meta replaced
 * meanwhile (a sync published). The caller then takes the whole-cache path, which searches again.
 */
export async function refreshChunksInPlace(
  deps: RefreshDeps,
  meta: CacheMeta,
  pass: RefreshPass,
  options: { readonly maxEpics: number; readonly chunkOf: (epicId: string) => number | undefined },
): Promise<InPlaceRefresh | null> {
  // More pending than a request rewrites in place: the whole-cache path searches for them once, not twice.
  if (pendingIds(pass.pending).length > options.maxEpics) return null;
  const startedAt = deps.clock.now();
  const changed = await changedEpics(deps, meta, startedAt, pass, options.maxEpics);
  if (changed === null) return null;
  const byChunk = new Map<number, Map<string, CachedEpic | null>>();
  const change = (chunkId: number, epicId: string, epic: CachedEpic | null) => byChunk.set(chunkId, (byChunk.get(chunkId) ?? new Map<string, CachedEpic | null>()).set(epicId, epic));
  for (const epic of changed.epics) {
    const chunkId = options.chunkOf(epic.id);
    if (chunkId === undefined) return null;
    change(chunkId, epic.id, epic);
  }
  for (const epicId of changed.outOfScope) {
    const chunkId = options.chunkOf(epicId);
    if (chunkId !== undefined) change(chunkId, epicId, null);
  }
  const rewritten = new Map<number, RewrittenChunk>();
  for (const [chunkId, changes] of byChunk) {
    const chunk = await rewriteEpicsInChunk(deps.store, chunkId, changes);
    if (chunk === null) return null;
    rewritten.set(chunkId, chunk);
  }
  let served = meta;
  if (pass.sinceLastRefresh) {
    // The meta is a plain value: re-read just before writing, so a generation published meanwhile is not put back.
    const current = await loadEpicCacheMeta(deps.store);
    if (current === null || current.fullRefreshedAt !== meta.fullRefreshedAt || current.chunkIds.join() !== meta.chunkIds.join()) return null;
    served = { ...current, refreshedAt: startedAt, refreshFailure: null };
    await publishEpicCacheMeta(deps.store, served);
  }
  await clearPendingEpics(deps, coveredBy(pass, startedAt), pass.pending);
  return { meta: served, rewritten };
}

/** Ids per query when fetching named epics: keeps the JQL short. */
const IDS_PER_QUERY = 500;

/**
 * Epics of `where` with these ids: searched 500 ids a query, then every changelog in one bulkfetch
 * (the client batches it by 1,000 issues), so histories fill bulkfetch pages of 10,000.
 */
export async function fetchEpicsByIds(deps: RefreshDeps, where: string, ids: readonly string[], fieldIds: readonly string[]): Promise<CachedEpic[]> {
  const issues: JiraIssue[] = [];
  for (let offset = 0; offset < ids.length; offset += IDS_PER_QUERY) issues.push(...(await searchEpicIssues(deps, andJql(where, idInJql(ids.slice(offset, offset + IDS_PER_QUERY))))));
  return withHistories(deps, issues, fieldIds);
}

/**
 * Fetches epics the cache lacks by id (the user's search returned them, the cache has not seen
 * them yet). `refreshedAt` stays. The ids Jira did not give the app (or that were unreadable) are
 * logged and remembered until the next refresh, so warm requests do not ask for them again.
 */
export async function fetchMissingEpics(deps: RefreshDeps, cache: EpicCache, ids: readonly string[]): Promise<string[]> {
  upsertEpics(cache, await fetchEpicsByIds(deps, cache.meta.scopeWhere, ids, historyFieldIds(cache.meta.flaggedFieldId)));
  const stillMissing = ids.filter((id) => !cache.chunkOf.has(id));
  markUnavailable(cache, stillMissing);
  await saveEpicCache(deps.store, cache);
  if (stillMissing.length > 0) deps.log.warn('epics the user sees but the app does not', { ids: stillMissing.slice(0, 20), count: stillMissing.length });
  return stillMissing;
}
