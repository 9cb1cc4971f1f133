/**
 * Jira Cloud REST over `fetch` with an API token (Basic auth: email + token), for the local
 * preview and `lpm --site`. Nothing here assumes more than Jira's real API, so the same adapter
 * talks to a Jira Cloud site and to the demo Jira.
 */
import type { JiraBudgetPolicy } from '../jira/budget';
import { createJiraClient } from '../jira/client';
import type { JiraMeter } from '../jira/meter';
import { renderJiraPath } from '../jira/path';
import type { RetryPolicy, RetryTiming } from '../jira/retry';
import { encodeJiraBody, type JiraTransport } from '../jira/transport';
import type { JiraPort } from '../../ports';

export interface HttpJiraOptions {
  /** The site, e.g. `https://your-site.atlassian.net` (a trailing slash is fine). */
  readonly baseUrl: string;
  readonly email: string;
  readonly apiToken: string;
  readonly fetch?: typeof fetch;
  readonly retry?: Partial<RetryPolicy>;
  /** Clock, sleep and random for the retries (tests inject fakes). */
  readonly timing?: RetryTiming;
  /** Pacing against Jira's rate limits (default: the interactive budget). */
  readonly budget?: Partial<JiraBudgetPolicy>;
  readonly meter?: JiraMeter;
}

/** The `Authorization` header Jira Cloud takes for an API token: HTTP Basic of `email:token`. */
export function basicAuthorization(email: string, apiToken: string): string {
  return `Basic ${Buffer.from(`${email}:${apiToken}`, 'utf8').toString('base64')}`;
}

function httpJiraTransport(options: Pick<HttpJiraOptions, 'baseUrl' | 'email' | 'apiToken' | 'fetch'>): JiraTransport {
  const fetchImpl = options.fetch ?? fetch;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const authorization = basicAuthorization(options.email, options.apiToken);
  return async (request) => {
    const query = request.query === undefined ? '' : new URLSearchParams(request.query).toString();
    const url = `${baseUrl}${renderJiraPath(request.path, encodeURIComponent)}${query === '' ? '' : `?${query}`}`;
    const { headers, body } = encodeJiraBody(request);
    return fetchImpl(url, { method: request.method, headers: { ...headers, Authorization: authorization }, ...(body === undefined ? {} : { body }) });
  };
}

export function httpJira(options: HttpJiraOptions): JiraPort {
  return createJiraClient(httpJiraTransport(options), {
    ...(options.retry === undefined ? {} : { retry: options.retry }),
    ...(options.timing === undefined ? {} : { timing: options.timing }),
    ...(options.budget === undefined ? {} : { budget: options.budget }),
    ...(options.meter === undefined ? {} : { meter: options.meter }),
  });
}
