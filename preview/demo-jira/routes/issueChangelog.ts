/**
 * `GET /rest/api/3/issue/{issueIdOrKey}/changelog`: one issue's histories, oldest first, paged by
 * `startAt`/`maxResults` (at most 100 a page, as Jira), `created` as Jira's date-time string. The
 * app reads history through changelog/bulkfetch; this endpoint is here for the bench's "naive way"
 * (a request per epic), so both are measured against the same demo Jira.
 */
import { bulkHistoryJson } from '../shapes';
import { intParam, issueNotFound, json, type DemoRequest, type Reply } from '../reply';
import { findVisibleIssue } from '../store';

const MAX_PAGE = 100;

export function getIssueChangelog(request: DemoRequest, idOrKey: string): Reply {
  const issue = findVisibleIssue(request.index, request.user, idOrKey.trim());
  if (!issue) return issueNotFound();
  const startAt = intParam(request.query, 'startAt', 0);
  const maxResults = Math.max(1, Math.min(intParam(request.query, 'maxResults', MAX_PAGE), MAX_PAGE));
  const page = issue.histories.slice(startAt, startAt + maxResults);
  const self = `${request.base}/rest/api/3/issue/${issue.id}/changelog?maxResults=${maxResults}&startAt=${startAt}`;
  return json(200, {
    self,
    maxResults,
    startAt,
    total: issue.histories.length,
    isLast: startAt + page.length >= issue.histories.length,
    // Same history shape as bulkfetch, but `created` as a date-time string (Jira's Changelog schema).
    values: page.map((history) => ({ ...bulkHistoryJson(request.base, history, history.items, request.index), created: new Date(history.created).toISOString().replace('Z', '+0000') })),
  });
}
