/**
 * Jira through Forge's `requestJira`: `asUser()` for what is done on the user's behalf, `asApp()`
 * for triggers and after an explicit permission check. Paths are built with `route`.
 */
import api, { route, type RequestProductMethod } from '@forge/api';
import { createJiraClient, type JiraClientOptions } from '../jira/client';
import type { JiraPath } from '../jira/path';
import { encodeJiraBody, type JiraTransport } from '../jira/transport';
import type { JiraActors } from '../../ports';

/**
 * A `route` call built from a JiraPath: the literals become the template strings, the params its
 * values. Params are percent-encoded first because `route` only rejects path manipulation
 * (`/`, `?`, `#`, `..`) and does not encode; a query goes in as one URLSearchParams value.
 */
function forgeRoute(path: JiraPath, query?: Readonly<Record<string, string>>): ReturnType<typeof route> {
  const literals = [...path.literals];
  const params: (string | URLSearchParams)[] = path.params.map((param) => encodeURIComponent(param));
  if (query !== undefined && Object.keys(query).length > 0) {
    literals[literals.length - 1] = `${literals[literals.length - 1] ?? ''}?`;
    literals.push('');
    params.push(new URLSearchParams(query));
  }
  const strings = Object.assign([...literals], { raw: [...literals] }) as unknown as TemplateStringsArray;
  return route(strings, ...params);
}

function forgeJiraTransport(requestJira: RequestProductMethod): JiraTransport {
  return async (request) => {
    const { headers, body } = encodeJiraBody(request);
    return requestJira(forgeRoute(request.path, request.query), { method: request.method, headers, ...(body === undefined ? {} : { body }) });
  };
}

export function forgeJiraActors(options: JiraClientOptions = {}): JiraActors {
  return {
    user: createJiraClient(forgeJiraTransport((url, init) => api.asUser().requestJira(url, init)), options),
    app: createJiraClient(forgeJiraTransport((url, init) => api.asApp().requestJira(url, init)), options),
  };
}
