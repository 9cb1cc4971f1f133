/**
 * Site metadata: statuses (`/statuses/search` paged, `/status` as an array), fields (`/field`, an
 * array), projects (`/project/search`, paged and limited to browsable projects), `/myself` and
 * `/user` (another account's public profile).
 */
import type { DemoStatus } from '../model';
import { intParam, jiraError, json, listParam, type DemoRequest, type Reply } from '../reply';
import { fieldJson, KNOWN_FIELDS, myselfJson, projectJson, statusJson, statusSearchJson, userJson } from '../shapes';
import { browsableProjects } from '../store';

/** `{ self, nextPage?, maxResults, startAt, total, isLast, values }`, the classic offset page. */
function offsetPage<T>(request: DemoRequest, all: readonly T[], defaultMax: number, maxCap: number, render: (item: T) => unknown): Reply {
  const startAt = intParam(request.query, 'startAt', 0);
  const maxResults = Math.min(Math.max(intParam(request.query, 'maxResults', defaultMax), 1), maxCap);
  const values = all.slice(startAt, startAt + maxResults).map(render);
  const isLast = startAt + maxResults >= all.length;
  const self = `${request.base}${request.path}?${request.query.toString()}`;
  const nextQuery = new URLSearchParams(request.query);
  nextQuery.set('startAt', String(startAt + maxResults));
  nextQuery.set('maxResults', String(maxResults));
  return json(200, {
    self,
    ...(isLast ? {} : { nextPage: `${request.base}${request.path}?${nextQuery.toString()}` }),
    maxResults,
    startAt,
    total: all.length,
    isLast,
    values,
  });
}

export function searchStatuses(request: DemoRequest): Reply {
  const text = (request.query.get('searchString') ?? '').toLowerCase();
  const category = request.query.get('statusCategory');
  const statuses = request.index.data.statuses.filter(
    (s: DemoStatus) => (text === '' || s.name.toLowerCase().includes(text)) && (category === null || s.category === category),
  );
  return offsetPage(request, statuses, 200, 200, (status) => statusSearchJson(status));
}

export function listStatuses(request: DemoRequest): Reply {
  return json(
    200,
    request.index.data.statuses.map((status) => statusJson(request.base, status)),
  );
}

/** `GET /rest/api/3/field`: every field, system and custom (Flagged is `customfield_10021` here). */
export function listFields(_request: DemoRequest): Reply {
  return json(200, KNOWN_FIELDS.map(fieldJson));
}

export function searchProjects(request: DemoRequest): Reply {
  const text = (request.query.get('query') ?? '').toLowerCase();
  const keys = listParam(request.query, 'keys')?.map((k) => k.toUpperCase());
  const ids = listParam(request.query, 'id');
  const projects = browsableProjects(request.index, request.user).filter(
    (p) =>
      (text === '' || p.key.toLowerCase().includes(text) || p.name.toLowerCase().includes(text)) &&
      (!keys || keys.includes(p.key.toUpperCase())) &&
      (!ids || ids.includes(p.id)),
  );
  return offsetPage(request, projects, 50, 100, (project) => projectJson(request.base, project));
}

export function myself(request: DemoRequest): Reply {
  const expand = listParam(request.query, 'expand') ?? [];
  return json(200, myselfJson(request.base, request.user, expand.includes('groups')));
}

/** `GET /user?accountId=`: any account's public profile (Jira answers 404 for an unknown one). */
export function getUser(request: DemoRequest): Reply {
  const accountId = request.query.get('accountId');
  if (accountId === null || accountId === '') return jiraError(400, ['The accountId query parameter needs to be provided.']);
  const user = request.index.data.users.find((candidate) => candidate.accountId === accountId);
  if (user === undefined) return jiraError(404, [`Specified user does not exist or you do not have required permissions`]);
  return json(200, userJson(request.base, user));
}
