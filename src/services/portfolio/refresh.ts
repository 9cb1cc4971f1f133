/**
 * Filling the epic cache with the APP actor: a full rebuild (scope search + changelog bulkfetch),
 * an incremental pass (only epics `updated` since the last refresh), or one epic (issue-updated
 * trigger). What the app reads here is never served as is: snapshot.ts trims it per user.
 */
import { WSJF_PROPERTY_KEY } from '../../contract/documents';
import type { JiraIssue } from '../../contract/jira';
import type { Clock, JiraPort, Log, StorePort } from '../../ports';
import { toEpicHistory } from '../epicHistory';
import {
  deleteChunks,
  emptyEpicCache,
  loadChunkNumbering,
  loadEpicCache,
  loadEpicCacheMeta,
  replaceInChunk,
  markUnavailable,
  publishEpicCacheMeta,
  removeEpics,
  saveEpicCache,
  splitOversized,
  updateMeta,
  upsertEpics,
} from './epicCache';
import type { CachedEpic, CacheMeta, EpicCache } from './epicCache';
import { andJql, idInJql, updatedWithinMinutes } from './jql';
import { chunksHolding, compareIssueIds, rangeOf } from './chunkRanges';
import { readRecentlyWrittenIds } from './recentWrites';
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
  deps.log.info('epic cache rebuilt', { epics: epics.length, chunks: cache.meta.chunkIds.length, flaggedFieldId });
  return cache;
}

/**
 * Re-fetches the epics updated since the last refresh (one search; a bulkfetch only if any changed).
 * With `maxEpics` (inside a request) a cache so far behind that more epics changed is left as it is
 * and `'too-many'` returned: the caller hands the catching up to the background sync.
 */
export async function incrementalRefresh(deps: RefreshDeps, cache: EpicCache, options: { readonly maxEpics?: number } = {}): Promise<'refreshed' | 'too-many'> {
  const startedAt = deps.clock.now();
  const changed = await changedSince(deps, cache.meta, startedAt, options.maxEpics);
  if (changed === null) return 'too-many';
  upsertEpics(cache, changed);
  // A new refresh time also forgets the ids recorded as unavailable: they are tried again.
  updateMeta(cache, { refreshedAt: startedAt, refreshFailure: null });
  await saveEpicCache(deps.store, cache);
  return 'refreshed';
}

/** The epics in scope updated since the meta's last refresh (one search; a bulkfetch only if any); null when more than `limit`. */
async function changedSince(deps: RefreshDeps, meta: CacheMeta, startedAt: number, limit?: number): Promise<CachedEpic[] | null> {
  const sinceMinutes = (startedAt - meta.refreshedAt + OVERLAP_MS) / 60_000;
  const jql = andJql(meta.scopeWhere, updatedWithinMinutes(sinceMinutes));
  // The app's own recent writes are reconciled, else the search could return them as they were and overwrite the cache's newer copy.
  const issues = await searchEpicIssues(deps, jql, limit === undefined ? undefined : limit + 1, await readRecentlyWrittenIds(deps.store, startedAt));
  if (limit !== undefined && issues.length > limit) return null;
  return withHistories(deps, issues, historyFieldIds(meta.flaggedFieldId));
}

/**
 * The same pass for a request that read no chunk (pages served from the cards): each changed epic
 * is rewritten alone in the chunk its id range names, and the meta takes the new refresh time.
 * Null when that does not do: more than `maxEpics` changed, an epic outside every range (new in
 * scope), a chunk changed meanwhile, or the meta replaced meanwhile (a sync published). The caller
 * then takes the whole-cache path, which searches again.
 */
export async function refreshChunksInPlace(deps: RefreshDeps, meta: CacheMeta, maxEpics: number): Promise<CacheMeta | null> {
  const startedAt = deps.clock.now();
  const changed = await changedSince(deps, meta, startedAt, maxEpics);
  if (changed === null) return null;
  for (const epic of changed) {
    let placed = false;
    for (const chunkId of chunksHolding(meta.chunkRanges, epic.id)) if ((placed = await replaceInChunk(deps.store, chunkId, epic))) break;
    if (!placed) return null;
  }
  // The meta is a plain value: re-read just before writing, so a generation published meanwhile is not put back.
  const current = await loadEpicCacheMeta(deps.store);
  if (current === null || current.fullRefreshedAt !== meta.fullRefreshedAt || current.chunkIds.join() !== meta.chunkIds.join()) return null;
  const refreshed: CacheMeta = { ...current, refreshedAt: startedAt, refreshFailure: null };
  await publishEpicCacheMeta(deps.store, refreshed);
  return refreshed;
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

export type RefreshEpicOutcome = 'updated' | 'removed' | 'not-in-scope' | 'no-cache';

/**
 * The issue-updated trigger, which fires for every issue on the site: one search (scope AND that
 * id) decides whether the issue is an epic in scope, reading only the cache's meta; the chunks are
 * loaded only for a hit. An epic that left the scope stays cached until the next full refresh,
 * but is never served (each request serves only what the user's own scope search returns).
 * `refreshedAt` stays: an incremental pass still catches anything this one raced with.
 */
export async function refreshEpic(deps: RefreshDeps, issue: { id: string; key: string }): Promise<RefreshEpicOutcome> {
  const meta: CacheMeta | null = await loadEpicCacheMeta(deps.store);
  if (!meta) return 'no-cache';
  const hits = await searchEpicIssues(deps, andJql(meta.scopeWhere, idInJql([issue.id])));
  const hit = hits.find((candidate) => candidate.id === issue.id);
  if (!hit) return 'not-in-scope';
  const [epic] = await withHistories(deps, [hit], historyFieldIds(meta.flaggedFieldId));
  // Most events change an epic the cache holds: its chunk alone is read and rewritten.
  if (epic) for (const chunkId of chunksHolding(meta.chunkRanges, epic.id)) if (await replaceInChunk(deps.store, chunkId, epic)) return 'updated';
  const cache = await loadEpicCache(deps.store, meta);
  if (!cache) return 'no-cache';
  if (epic) upsertEpics(cache, [epic]);
  else if (cache.chunkOf.has(issue.id)) removeEpics(cache, [issue.id]);
  else return 'not-in-scope';
  await saveEpicCache(deps.store, cache);
  return epic ? 'updated' : 'removed';
}
