/**
 * The naive way, measured beside the app in the same run: no cache, the board computed from Jira
 * on every load, as an app that does not know changelog/bulkfetch would. The RTE's scope search
 * (100 issues a page, the fields the board shows), then `GET /issue/{id}/changelog` per epic
 * (100 histories a page), NAIVE_CONCURRENCY requests at a time, then the domain's timelines and
 * the epics per state. Payloads are parsed with the app's own zod schemas, so the CPU work is
 * comparable; only the way Jira is read differs.
 */
import { z } from 'zod';
import { jiraHistorySchema, jiraSearchPageSchema } from '../../src/contract/jira';
import type { JiraHistory, JiraIssue } from '../../src/contract/jira';
import { buildTimeline } from '../../src/domain/timeline';
import { toEpicHistory } from '../../src/services/epicHistory';
import { defaultSettings, portfolioConfigOf } from '../../src/services/settings';
import { DEMO_STATUSES, demoAuthorization } from '../../preview/demo-jira';

/** Requests in flight at once: what a Promise.all over small batches gives. */
export const NAIVE_CONCURRENCY = 10;
const SEARCH_PAGE = 100;
const CHANGELOG_PAGE = 100;

const changelogPageSchema = z.looseObject({ values: z.array(jiraHistorySchema), isLast: z.boolean().optional(), total: z.number().optional() });

async function getJson(url: string, init?: RequestInit): Promise<unknown> {
  const response = await fetch(url, {
    ...init,
    headers: { Authorization: demoAuthorization('rte'), Accept: 'application/json', 'Content-Type': 'application/json' },
  });
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${url} answered ${response.status}`);
  return response.json();
}

async function searchScope(jiraUrl: string, jql: string): Promise<JiraIssue[]> {
  const issues: JiraIssue[] = [];
  let nextPageToken: string | undefined;
  do {
    const body = { jql, fields: ['summary', 'status', 'created', 'labels', 'project'], maxResults: SEARCH_PAGE, ...(nextPageToken ? { nextPageToken } : {}) };
    const page = jiraSearchPageSchema.parse(await getJson(`${jiraUrl}/rest/api/3/search/jql`, { method: 'POST', body: JSON.stringify(body) }));
    issues.push(...page.issues);
    nextPageToken = page.nextPageToken ?? undefined;
  } while (nextPageToken);
  return issues;
}

async function changelogOf(jiraUrl: string, issueId: string): Promise<JiraHistory[]> {
  const histories: JiraHistory[] = [];
  for (let startAt = 0; ; ) {
    const page = changelogPageSchema.parse(await getJson(`${jiraUrl}/rest/api/3/issue/${issueId}/changelog?startAt=${startAt}&maxResults=${CHANGELOG_PAGE}`));
    histories.push(...page.values);
    startAt += page.values.length;
    if (page.isLast !== false || page.values.length === 0) return histories;
  }
}

/** Runs `work` over `items` with at most `limit` in flight; results in the items' order. */
async function mapBounded<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** One naive board load: epics per portfolio state (unmapped statuses under null). */
export async function naiveBoard(jiraUrl: string): Promise<Map<string | null, number>> {
  const settings = defaultSettings();
  const config = portfolioConfigOf(settings, DEMO_STATUSES);
  const issues = await searchScope(jiraUrl, settings.scopeJql);
  const changelogs = await mapBounded(issues, NAIVE_CONCURRENCY, (issue) => changelogOf(jiraUrl, issue.id));
  const columns = new Map<string | null, number>();
  issues.forEach((issue, index) => {
    const state = buildTimeline(toEpicHistory(issue, changelogs[index] ?? []), config).currentState;
    columns.set(state, (columns.get(state) ?? 0) + 1);
  });
  return columns;
}
