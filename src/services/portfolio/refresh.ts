/**
 * Filling the epic cache with the APP actor: a full rebuild (scope search + changelog bulkfetch),
 * an incremental pass (only epics `updated` since the last refresh), or one epic (issue-updated
 * trigger). What the app reads here is never served as is: snapshot.ts trims it per user.
 */
import { WSJF_PROPERTY_KEY } from '../../contract/documents';
import type { JiraIssue } from '../../contract/jira';
import type { Clock, JiraPort, Log, StorePort } from '../../ports';
import { toEpicHistory } from '../epicHistory';
import { deleteChunks, emptyEpicCache, loadEpicCache, removeEpics, saveEpicCache, upsertEpics } from './epicCache';
import type { CachedEpic, EpicCache } from './epicCache';
import { andJql, idInJql, keyInJql, updatedWithinMinutes } from './jql';

/** Everything the snapshot reads of an epic. */
export const EPIC_FIELDS = ['summary', 'created', 'updated', 'status', 'issuetype', 'labels', 'project'] as const;
/** Jira's changelog fields the timelines need (the Flagged field's changes are matched by name). */
export const HISTORY_FIELDS = ['status', 'Flagged'] as const;
/** Jira returns at most 100 issues per page when fields are asked for. */
const SEARCH_PAGE_SIZE = 100;
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

/** Epics matching `jql` with their full status history: one search (paged) and one bulkfetch (batched). */
export async function fetchEpics(deps: RefreshDeps, jql: string): Promise<CachedEpic[]> {
  const issues = await deps.app.searchIssues({ jql, fields: EPIC_FIELDS, properties: [WSJF_PROPERTY_KEY], pageSize: SEARCH_PAGE_SIZE });
  if (issues.length === 0) return [];
  const changelogs = await deps.app.fetchChangelogs(
    issues.map((issue) => issue.id),
    HISTORY_FIELDS,
  );
  const epics: CachedEpic[] = [];
  for (const issue of issues) {
    try {
      epics.push(toCachedEpic(issue, changelogs.get(issue.id) ?? []));
    } catch (error) {
      // One unreadable epic must not hide the whole portfolio.
      deps.log.warn('epic left out of the cache', { key: issue.key, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return epics;
}

/** Rebuilds the cache for `where` from nothing; the old chunks are deleted once the new meta names the new ones. */
export async function fullRefresh(deps: RefreshDeps, where: string, previous: EpicCache | null): Promise<EpicCache> {
  const startedAt = deps.clock.now();
  const [epics, statuses] = await Promise.all([fetchEpics(deps, where), deps.app.getStatuses()]);
  const cache = emptyEpicCache(
    where,
    startedAt,
    statuses.map((status) => ({ id: status.id, name: status.name })),
    previous?.meta.nextChunkId ?? 0,
  );
  upsertEpics(cache, epics);
  await saveEpicCache(deps.store, cache);
  if (previous) await deleteChunks(deps.store, previous.meta.chunkIds);
  deps.log.info('epic cache rebuilt', { epics: epics.length, chunks: cache.meta.chunkIds.length });
  return cache;
}

/** Re-fetches the epics updated since the last refresh (one search; a bulkfetch only if any changed). */
export async function incrementalRefresh(deps: RefreshDeps, cache: EpicCache): Promise<EpicCache> {
  const startedAt = deps.clock.now();
  const sinceMinutes = (startedAt - cache.meta.refreshedAt + OVERLAP_MS) / 60_000;
  const changed = await fetchEpics(deps, andJql(cache.meta.scopeWhere, updatedWithinMinutes(sinceMinutes)));
  upsertEpics(cache, changed);
  cache.meta = { ...cache.meta, refreshedAt: startedAt };
  await saveEpicCache(deps.store, cache);
  return cache;
}

/** Ids per query when fetching named epics: keeps the JQL short. */
const IDS_PER_QUERY = 500;

/**
 * Fetches epics the cache lacks by id (the user's search returned them, the cache has not seen
 * them yet). `refreshedAt` stays. Returns the ids Jira did not give the app, which are logged.
 */
export async function fetchMissingEpics(deps: RefreshDeps, cache: EpicCache, ids: readonly string[]): Promise<string[]> {
  for (let offset = 0; offset < ids.length; offset += IDS_PER_QUERY) {
    const batch = ids.slice(offset, offset + IDS_PER_QUERY);
    upsertEpics(cache, await fetchEpics(deps, andJql(cache.meta.scopeWhere, idInJql(batch))));
  }
  await saveEpicCache(deps.store, cache);
  const stillMissing = ids.filter((id) => !cache.chunkOf.has(id));
  if (stillMissing.length > 0) deps.log.warn('epics the user sees but the app does not', { ids: stillMissing.slice(0, 20), count: stillMissing.length });
  return stillMissing;
}

/**
 * The issue-updated trigger: re-read one epic, or drop it when it no longer matches the scope.
 * `refreshedAt` stays: an incremental pass still catches anything this one raced with.
 */
export async function refreshEpic(deps: RefreshDeps, issue: { id: string; key: string }): Promise<'updated' | 'removed' | 'not-in-scope' | 'no-cache'> {
  const cache = await loadEpicCache(deps.store);
  if (!cache) return 'no-cache';
  const [epic] = await fetchEpics(deps, andJql(cache.meta.scopeWhere, keyInJql([issue.key])));
  if (epic) upsertEpics(cache, [epic]);
  else if (cache.chunkOf.has(issue.id)) removeEpics(cache, [issue.id]);
  else return 'not-in-scope';
  await saveEpicCache(deps.store, cache);
  return epic ? 'updated' : 'removed';
}
