/**
 * `GET|POST /rest/api/3/search/jql`: token paging, no `total`, only the asked fields (ids only
 * without `fields`), results limited to browsable projects. The old `/search` answers 410.
 */
import { z } from 'zod';
import type { DemoIssue } from '../model';
import { compileJql, JqlError, parseJql } from '../jql';
import { decodePageToken, encodePageToken, fingerprint } from '../paging';
import { jiraError, json, listParam, type DemoRequest, type Reply } from '../reply';
import { issueJson, resolveFieldSelection } from '../shapes';
import { canBrowseProject } from '../store';

const DEFAULT_PAGE = 50;
const MAX_PAGE_WITH_FIELDS = 100;
const MAX_PAGE_IDS_ONLY = 5000;
/** `reconcileIssues`: "Accepts max 50 ids" (Jira's OpenAPI description). */
const MAX_RECONCILE_ISSUES = 50;
const CACHE_ENTRIES = 16;
const CACHE_TTL_MS = 60_000;

const searchBodySchema = z.looseObject({
  jql: z.string().optional(),
  fields: z.array(z.string()).optional(),
  properties: z.array(z.string()).optional(),
  maxResults: z.number().int().min(0).optional(),
  nextPageToken: z.string().nullable().optional(),
  expand: z.union([z.string(), z.array(z.string())]).optional(),
  reconcileIssues: z.array(z.unknown()).optional(),
});

interface SearchInput {
  readonly jql: string;
  readonly fields: readonly string[] | undefined;
  readonly properties: readonly string[] | undefined;
  readonly maxResults: number | undefined;
  readonly nextPageToken: string | undefined;
  readonly reconcileIssues: readonly unknown[] | undefined;
}

interface CachedResult {
  readonly version: number;
  readonly at: number;
  readonly issues: readonly DemoIssue[];
}

/** Paging re-runs the same query once per page: keep the sorted result for the next pages. */
export class SearchCache {
  private readonly entries = new Map<string, CachedResult>();

  get(key: string, version: number, now: number): readonly DemoIssue[] | undefined {
    const hit = this.entries.get(key);
    if (!hit || hit.version !== version || now - hit.at > CACHE_TTL_MS) return undefined;
    return hit.issues;
  }

  set(key: string, version: number, now: number, issues: readonly DemoIssue[]): void {
    this.entries.delete(key);
    this.entries.set(key, { version, at: now, issues });
    if (this.entries.size > CACHE_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}

function inputFromRequest(request: DemoRequest): SearchInput | Reply {
  if (request.method === 'GET') {
    const maxResults = request.query.get('maxResults');
    return {
      jql: request.query.get('jql') ?? '',
      fields: listParam(request.query, 'fields'),
      properties: listParam(request.query, 'properties'),
      maxResults: maxResults === null ? undefined : Number(maxResults),
      nextPageToken: request.query.get('nextPageToken') ?? undefined,
      reconcileIssues: listParam(request.query, 'reconcileIssues')?.map((id) => (/^\d+$/.test(id) ? Number(id) : id)),
    };
  }
  const parsed = searchBodySchema.safeParse(request.body ?? {});
  if (!parsed.success) return jiraError(400, [`Invalid request payload: ${parsed.error.issues.map((i) => i.path.join('.') || i.message).join(', ')}`]);
  const body = parsed.data;
  return {
    jql: body.jql ?? '',
    fields: body.fields,
    properties: body.properties,
    maxResults: body.maxResults,
    nextPageToken: body.nextPageToken ?? undefined,
    reconcileIssues: body.reconcileIssues,
  };
}

/**
 * The ids are checked as Jira checks them (integers, at most 50), so a client that sends too many
 * learns it here. The demo's search is never stale unless a search lag is turned on (searchLag.ts):
 * then reconciled issues are seen as they are now.
 */
function reconcileProblem(ids: readonly unknown[] | undefined): Reply | null {
  if (ids === undefined) return null;
  if (!ids.every((id) => typeof id === 'number' && Number.isSafeInteger(id) && id > 0)) {
    return jiraError(400, ['The reconcileIssues parameter accepts issue ids (integers) only.'], { reconcileIssues: 'must be issue ids' });
  }
  if (ids.length > MAX_RECONCILE_ISSUES) {
    return jiraError(400, [`The reconcileIssues parameter accepts at most ${MAX_RECONCILE_ISSUES} issue ids; ${ids.length} were given.`], {
      reconcileIssues: `size must be between 0 and ${MAX_RECONCILE_ISSUES}`,
    });
  }
  return null;
}

function matchingIssues(request: DemoRequest, jql: string, cache: SearchCache, reconciled: ReadonlySet<string>): readonly DemoIssue[] {
  const { index, user, now } = request;
  const cacheKey = `${user.accountId}\n${jql}`;
  // With an opt-in search lag and recent writes, the answer depends on time and reconcileIssues: not cached.
  const lag = index.searchLag?.hasPending(now) === true ? index.searchLag : undefined;
  const cached = lag ? undefined : cache.get(cacheKey, index.version, now);
  if (cached) return cached;
  const compiled = compileJql(parseJql(jql), { index, user, now });
  const visibleProjectIds = new Set(index.data.projects.filter((p) => canBrowseProject(user, p)).map((p) => p.id));
  const seen = lag ? index.data.issues.map((issue) => lag.indexed(issue, now, reconciled)) : index.data.issues;
  const issues = seen.filter((issue) => visibleProjectIds.has(issue.projectId) && compiled.matches(issue)).sort(compiled.compare);
  if (!lag) cache.set(cacheKey, index.version, now, issues);
  return issues;
}

export function searchJql(request: DemoRequest, cache: SearchCache): Reply {
  const input = inputFromRequest(request);
  if ('status' in input) return input;
  if (input.maxResults !== undefined && !(Number.isInteger(input.maxResults) && input.maxResults >= 0)) {
    return jiraError(400, ["The value for 'maxResults' must be a non-negative integer."]);
  }
  const reconcileRefusal = reconcileProblem(input.reconcileIssues);
  if (reconcileRefusal) return reconcileRefusal;

  let issues: readonly DemoIssue[];
  try {
    issues = matchingIssues(request, input.jql, cache, new Set((input.reconcileIssues ?? []).map(String)));
  } catch (error) {
    if (error instanceof JqlError) return jiraError(400, [error.message]);
    throw error;
  }

  const fields = resolveFieldSelection(input.fields);
  const idsOnly = fields === undefined || [...fields].every((f) => f === 'id' || f === 'key');
  const limit = idsOnly ? MAX_PAGE_IDS_ONLY : MAX_PAGE_WITH_FIELDS;
  const pageSize = Math.min(input.maxResults ?? DEFAULT_PAGE, limit);
  const requestFingerprint = fingerprint([request.user.accountId, input.jql]);
  let offset = 0;
  if (input.nextPageToken) {
    const decoded = decodePageToken(input.nextPageToken, requestFingerprint);
    if (decoded === null) return jiraError(400, ['The provided next page token is invalid or expired.']);
    offset = decoded;
  }

  const page = issues.slice(offset, offset + pageSize);
  const next = offset + page.length;
  const isLast = next >= issues.length || pageSize === 0;
  const rendered = page.map((issue) => (fields === undefined ? { id: issue.id } : issueJson(request.base, issue, fields, input.properties, request.index)));
  return json(200, isLast ? { issues: rendered, isLast } : { issues: rendered, nextPageToken: encodePageToken(next, requestFingerprint), isLast });
}

export function removedSearch(): Reply {
  return jiraError(410, [
    'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046',
  ]);
}
