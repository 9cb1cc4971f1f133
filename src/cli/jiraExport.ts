/**
 * The shapes of Jira REST v3 responses `lpm` reads, and how they become one record per issue:
 * - a `/rest/api/3/search/jql` response with `expand=changelog`, or an array of such pages;
 * - `{ issues, changelogs }`: the issues of a search plus one or more
 *   `/rest/api/3/changelog/bulkfetch` responses (full history; `created` may be epoch ms).
 */
import { z } from 'zod';
import {
  jiraBulkChangelogPageSchema,
  jiraInstantSchema,
  jiraIssueFieldsSchema,
  jiraIssueSchema,
  jiraSearchPageSchema,
  jiraStatusSchema,
} from '../contract/jira';
import type { JiraHistory, JiraIssue } from '../contract/jira';
import type { StatusRef } from '../domain/states';
import { CliInputError, formatFieldPath, fromZodError } from './errors';

export interface EpicRecord {
  readonly issue: JiraIssue;
  readonly histories: readonly JiraHistory[];
}

/** The metrics need when the epic was created and where it is now: both required here. */
const exportIssueSchema = jiraIssueSchema.extend({
  fields: jiraIssueFieldsSchema.extend({ created: jiraInstantSchema, status: jiraStatusSchema }),
});
const searchPageSchema = jiraSearchPageSchema.extend({ issues: z.array(exportIssueSchema) });
const bulkFormSchema = z.looseObject({ issues: z.array(exportIssueSchema), changelogs: z.unknown() });

function parseWith<T>(source: string, schema: z.ZodType<T>, data: unknown, path: readonly PropertyKey[]): T {
  const result = schema.safeParse(data);
  if (!result.success) throw fromZodError(source, result.error, path);
  return result.data;
}

const isObject = (data: unknown): data is Record<string, unknown> => typeof data === 'object' && data !== null && !Array.isArray(data);

/** Records in input order; an issue id given twice is refused (which of the two is right is not ours to guess). */
export function parseJiraExport(source: string, data: unknown): EpicRecord[] {
  return requirePlausibleTimes(source, parseRecords(source, data));
}

function parseRecords(source: string, data: unknown): EpicRecord[] {
  if (Array.isArray(data)) {
    const pages = data.map((page, index) => requireFullHistories(source, parseWith(source, searchPageSchema, page, [index]).issues, [index]));
    const issues = requireUniqueIds(
      source,
      pages.flatMap((issues, page) => issues.map((issue, index) => ({ issue, path: [page, 'issues', index] }))),
    );
    return withInlineHistories(issues);
  }
  if (isObject(data) && 'changelogs' in data) {
    const form = parseWith(source, bulkFormSchema, data, []);
    const pages = Array.isArray(form.changelogs)
      ? form.changelogs.map((page, index) => parseWith(source, jiraBulkChangelogPageSchema, page, ['changelogs', index]))
      : [parseWith(source, jiraBulkChangelogPageSchema, form.changelogs, ['changelogs'])];
    // Issues the bulkfetch pages do not name fall back to their inline changelog: that one must be whole.
    const named = new Set(pages.flatMap((page) => page.issueChangeLogs.map((log) => log.issueId)));
    requireFullHistories(source, form.issues, [], (issue) => !named.has(issue.id));
    return withBulkHistories(requireUniqueIds(source, form.issues.map((issue, index) => ({ issue, path: ['issues', index] }))), pages);
  }
  if (!isObject(data)) throw new CliInputError(source, '(top level)', 'expected a search/jql response (an object with "issues") or an array of them');
  const issues = requireFullHistories(source, parseWith(source, searchPageSchema, data, []).issues, []);
  return withInlineHistories(requireUniqueIds(source, issues.map((issue, index) => ({ issue, path: ['issues', index] }))));
}

/**
 * `expand=changelog` returns only the most recent histories (`total` tells how many there are):
 * state dates from a cut history would be wrong without any sign of it, so that is refused.
 */
function requireFullHistories(
  source: string,
  issues: readonly JiraIssue[],
  prefix: readonly PropertyKey[],
  usesInline: (issue: JiraIssue) => boolean = () => true,
): readonly JiraIssue[] {
  issues.forEach((issue, index) => {
    const changelog = issue.changelog;
    if (changelog?.total === undefined || changelog.total <= changelog.histories.length || !usesInline(issue)) return;
    throw new CliInputError(
      source,
      formatFieldPath([...prefix, 'issues', index, 'changelog']),
      `has ${changelog.histories.length} of ${changelog.total} histories (Jira cuts expand=changelog); ` +
        'give the full history as {"issues": [...], "changelogs": [...]} from /rest/api/3/changelog/bulkfetch',
    );
  });
  return issues;
}

function requireUniqueIds(source: string, issues: readonly { issue: JiraIssue; path: PropertyKey[] }[]): JiraIssue[] {
  const firstAt = new Map<string, PropertyKey[]>();
  for (const { issue, path } of issues) {
    const first = firstAt.get(issue.id);
    if (first !== undefined)
      throw new CliInputError(source, formatFieldPath([...path, 'id']), `issue id "${issue.id}" (${issue.key}) is given again (first at ${formatFieldPath(first)}); give each issue once`);
    firstAt.set(issue.id, path);
  }
  return issues.map(({ issue }) => issue);
}

/** Jira Cloud holds nothing before 2000: an earlier instant is epoch seconds read as milliseconds, or a typo. */
const EARLIEST_INSTANT = Date.UTC(2000, 0, 1);
/** Nor anything after 2100: a later one is a typo (or beyond what a calendar date can show). */
const LATEST_INSTANT = Date.UTC(2100, 0, 1);

function requirePlausibleTimes(source: string, records: readonly EpicRecord[]): EpicRecord[] {
  const check = (key: string, what: string, millis: number | undefined) => {
    if (millis === undefined || (millis >= EARLIEST_INSTANT && millis < LATEST_INSTANT)) return;
    const seconds = millis >= EARLIEST_INSTANT / 1000 && millis < LATEST_INSTANT / 1000;
    throw new CliInputError(
      source,
      `issue ${key}`,
      `${what} ${millis} is not from 2000 to 2099${seconds ? ' (epoch seconds? give epoch milliseconds or a date-time with an offset)' : ''}`,
    );
  };
  for (const { issue, histories } of records) {
    check(issue.key, 'created', issue.fields.created);
    for (const history of histories) check(issue.key, `the history${history.id === undefined ? '' : ` ${history.id}`} created`, history.created);
  }
  return [...records];
}

function withInlineHistories(issues: readonly JiraIssue[]): EpicRecord[] {
  return issues.map((issue) => ({ issue, histories: issue.changelog?.histories ?? [] }));
}

type BulkPage = z.infer<typeof jiraBulkChangelogPageSchema>;

/**
 * Bulkfetch histories are the full history, so they replace an issue's inline (recent-only) ones;
 * issues the bulkfetch does not name keep theirs. One issue's histories may span pages; a history
 * repeated (same id) is kept once.
 */
function withBulkHistories(issues: readonly JiraIssue[], pages: readonly BulkPage[]): EpicRecord[] {
  const byIssue = new Map<string, Map<string, JiraHistory>>();
  let anonymous = 0;
  for (const page of pages) {
    for (const log of page.issueChangeLogs) {
      const histories = byIssue.get(log.issueId) ?? new Map<string, JiraHistory>();
      for (const history of log.changeHistories) histories.set(history.id ?? `anonymous ${anonymous++}`, history);
      byIssue.set(log.issueId, histories);
    }
  }
  return issues.map((issue) => {
    const bulk = byIssue.get(issue.id);
    return { issue, histories: bulk ? [...bulk.values()] : (issue.changelog?.histories ?? []) };
  });
}

/**
 * Every status the export mentions (current statuses and both ends of status changes), once per
 * id under its current name, as the app knows statuses: a renamed status keeps its id, and an old
 * name must not map it. A current status names it; else the latest history that mentions it.
 */
export function statusesSeen(records: readonly EpicRecord[]): StatusRef[] {
  const seen = new Map<string, { name: string; at: number }>();
  const note = (id: string | null | undefined, name: string | null | undefined, at: number) => {
    if (!id || !name) return;
    const known = seen.get(id);
    if (known === undefined || at >= known.at) seen.set(id, { name, at });
  };
  for (const { histories } of records)
    for (const history of histories)
      for (const item of history.items)
        if ((item.fieldId ?? item.field) === 'status') {
          note(item.from, item.fromString, history.created);
          note(item.to, item.toString, history.created);
        }
  for (const { issue } of records) if (issue.fields.status) note(issue.fields.status.id, issue.fields.status.name, Infinity);
  return [...seen].map(([id, { name }]) => ({ id, name }));
}
