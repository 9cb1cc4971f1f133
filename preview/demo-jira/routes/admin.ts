/**
 * What an admin page asks Jira: `POST /jql/parse` (Jira's own messages per query),
 * `POST /search/approximate-count` (how many issues a bounded query selects, for the caller) and
 * `GET /groups/picker` (groups by id and name). Shapes as in Jira's OpenAPI description.
 */
import { z } from 'zod';
import { compileJql, JqlError, parseJql } from '../jql';
import { GROUP_IDS } from '../model';
import { intParam, jiraError, json, type DemoRequest, type Reply } from '../reply';
import { canBrowseProject, hasGlobalPermission } from '../store';

const parseBodySchema = z.looseObject({ queries: z.array(z.string()).min(1) });
const countBodySchema = z.looseObject({ jql: z.string() });
const VALIDATIONS = ['strict', 'warn', 'none'];

/** Errors Jira would report for `jql` as this user: syntax first, then unknown fields and values. */
function jqlErrors(request: DemoRequest, jql: string): string[] {
  try {
    compileJql(parseJql(jql), { index: request.index, user: request.user, now: request.now });
    return [];
  } catch (error) {
    if (error instanceof JqlError) return [error.message];
    throw error;
  }
}

export function parseJqlQueries(request: DemoRequest): Reply {
  const validation = request.query.get('validation') ?? 'strict';
  if (!VALIDATIONS.includes(validation)) return jiraError(400, [`The value '${validation}' is not valid for 'validation'.`]);
  const parsed = parseBodySchema.safeParse(request.body ?? {});
  if (!parsed.success) return jiraError(400, ['The request body must contain at least one query in "queries".']);
  return json(200, {
    queries: parsed.data.queries.map((query) => {
      const errors = jqlErrors(request, query);
      // Strict validation returns no structure for an invalid query; the demo returns none at all.
      return errors.length === 0 ? { query, structure: {} } : { query, errors };
    }),
  });
}

export function approximateCount(request: DemoRequest): Reply {
  const parsed = countBodySchema.safeParse(request.body ?? {});
  if (!parsed.success) return jiraError(400, ['The request body must contain "jql".']);
  const jql = parsed.data.jql;
  let query: ReturnType<typeof parseJql>;
  try {
    query = parseJql(jql);
    if (query.where === null) return jiraError(400, ['Unbounded JQL queries are not allowed here. Please add a search restriction to your query.']);
    const compiled = compileJql(query, { index: request.index, user: request.user, now: request.now });
    const visible = new Set(request.index.data.projects.filter((project) => canBrowseProject(request.user, project)).map((project) => project.id));
    return json(200, { count: request.index.data.issues.filter((issue) => visible.has(issue.projectId) && compiled.matches(issue)).length });
  } catch (error) {
    if (error instanceof JqlError) return jiraError(400, [error.message]);
    throw error;
  }
}

/** The name with the matched text in <b>, HTML-escaped, as Jira's `html` field has it. */
function groupHtml(name: string, text: string): string {
  const escape = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const at = text === '' ? -1 : name.toLowerCase().indexOf(text);
  if (at < 0) return escape(name);
  return `${escape(name.slice(0, at))}<b>${escape(name.slice(at, at + text.length))}</b>${escape(name.slice(at + text.length))}`;
}

/** Without "Browse users and groups" Jira answers an empty list, not an error. */
export function pickGroups(request: DemoRequest): Reply {
  const text = (request.query.get('query') ?? '').toLowerCase();
  const maxResults = Math.min(Math.max(intParam(request.query, 'maxResults', 20), 1), 1000);
  const all = hasGlobalPermission(request.user, 'USER_PICKER') ? Object.entries(GROUP_IDS).filter(([name]) => name.toLowerCase().includes(text)) : [];
  const groups = all.slice(0, maxResults).map(([name, groupId]) => ({ name, groupId, html: groupHtml(name, text), labels: [] }));
  return json(200, { header: `Showing ${groups.length} of ${all.length} matching groups`, total: all.length, groups });
}
