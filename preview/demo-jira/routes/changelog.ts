/**
 * `POST /rest/api/3/changelog/bulkfetch`: full histories of up to 1000 issues, `created` in epoch
 * milliseconds, items filtered by `fieldIds` (field ids, not names), paged by `nextPageToken` over histories (one issue's
 * histories may continue on the next page). Issues the user cannot browse are left out.
 */
import { z } from 'zod';
import type { DemoHistory, DemoHistoryItem, DemoIssue } from '../model';
import { decodePageToken, encodePageToken, fingerprint } from '../paging';
import { jiraError, json, type DemoRequest, type Reply } from '../reply';
import { bulkHistoryJson } from '../shapes';
import { findVisibleIssue } from '../store';

const MAX_ISSUES = 1000;
const MAX_FIELD_IDS = 10;
/** Jira's OpenAPI description: `maxResults` default 1000, minimum 1, maximum 10000. */
const DEFAULT_PAGE = 1000;
const MAX_PAGE = 10_000;

const bulkFetchSchema = z.looseObject({
  issueIdsOrKeys: z.array(z.string()),
  fieldIds: z.array(z.string()).optional(),
  maxResults: z.number().int().min(1).max(MAX_PAGE).optional(),
  nextPageToken: z.string().nullable().optional(),
});

interface Entry {
  readonly issue: DemoIssue;
  readonly history: DemoHistory;
  readonly items: readonly DemoHistoryItem[];
}

/**
 * Matches the field id only (`status`, `customfield_10021`), as Jira does: a field name such as
 * `Flagged` matches nothing, so a client must look the id up (`GET /field`).
 */
function itemFilter(fieldIds: readonly string[] | undefined): (item: DemoHistoryItem) => boolean {
  if (!fieldIds || fieldIds.length === 0) return () => true;
  const wanted = new Set(fieldIds);
  return (item) => wanted.has(item.fieldId);
}

export function bulkFetchChangelogs(request: DemoRequest): Reply {
  const parsed = bulkFetchSchema.safeParse(request.body ?? {});
  if (!parsed.success) return jiraError(400, [`Invalid request payload: ${parsed.error.issues.map((i) => i.path.join('.') || i.message).join(', ')}`]);
  const body = parsed.data;
  if (body.issueIdsOrKeys.length === 0) return jiraError(400, ['issueIdsOrKeys must not be empty.'], { issueIdsOrKeys: 'must not be empty' });
  if (body.issueIdsOrKeys.length > MAX_ISSUES) {
    return jiraError(400, [`The number of issues requested (${body.issueIdsOrKeys.length}) exceeds the maximum of ${MAX_ISSUES}.`], {
      issueIdsOrKeys: `size must be between 1 and ${MAX_ISSUES}`,
    });
  }
  if ((body.fieldIds?.length ?? 0) > MAX_FIELD_IDS) {
    return jiraError(400, [`The number of field ids requested exceeds the maximum of ${MAX_FIELD_IDS}.`], { fieldIds: `size must be between 0 and ${MAX_FIELD_IDS}` });
  }

  const issues = new Map<string, DemoIssue>();
  for (const idOrKey of body.issueIdsOrKeys) {
    const issue = findVisibleIssue(request.index, request.user, idOrKey.trim());
    if (issue) issues.set(issue.id, issue);
  }
  const keep = itemFilter(body.fieldIds);
  const entries: Entry[] = [];
  for (const issue of [...issues.values()].sort((a, b) => Number(a.id) - Number(b.id))) {
    for (const history of issue.histories) {
      const items = history.items.filter(keep);
      if (items.length > 0) entries.push({ issue, history, items });
    }
  }

  const requestFingerprint = fingerprint([request.user.accountId, [...issues.keys()].join(','), (body.fieldIds ?? []).join(',')]);
  let offset = 0;
  if (body.nextPageToken) {
    const decoded = decodePageToken(body.nextPageToken, requestFingerprint);
    if (decoded === null) return jiraError(400, ['The provided next page token is invalid or expired.']);
    offset = decoded;
  }
  const pageSize = body.maxResults ?? DEFAULT_PAGE;
  const page = entries.slice(offset, offset + pageSize);

  const issueChangeLogs: { issueId: string; changeHistories: Record<string, unknown>[] }[] = [];
  for (const entry of page) {
    let group = issueChangeLogs[issueChangeLogs.length - 1];
    if (!group || group.issueId !== entry.issue.id) {
      group = { issueId: entry.issue.id, changeHistories: [] };
      issueChangeLogs.push(group);
    }
    group.changeHistories.push(bulkHistoryJson(request.base, entry.history, entry.items, request.index));
  }
  const next = offset + page.length;
  return json(200, next < entries.length ? { issueChangeLogs, nextPageToken: encodePageToken(next, requestFingerprint) } : { issueChangeLogs });
}
