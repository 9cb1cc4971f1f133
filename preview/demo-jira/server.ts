/**
 * The demo Jira's HTTP side (node:http only): authentication, routing, latency and faults, and
 * the record of every call. `handle` works mounted under a prefix (the preview serves it at
 * `/jira`); `startDemoJira` runs it alone on 127.0.0.1.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from '../http';
import { createFaultPlan, readDemoJiraEnvironment, type FaultKind, type FaultOptions } from './faults';
import type { DemoData, DemoUser } from './model';
import { renderDemoJiraHome } from './homePage';
import { createDemoQuota, DEFAULT_DEMO_POINTS_PER_HOUR } from './rateLimit';
import { jiraError, json, type DemoRequest, type Reply } from './reply';
import { approximateCount, parseJqlQueries, pickGroups } from './routes/admin';
import { bulkFetchChangelogs } from './routes/changelog';
import { getIssueChangelog } from './routes/issueChangelog';
import { deleteIssueProperty, doTransition, editIssue, getIssue, getIssueProperty, getTransitions, listIssueProperties, setIssueProperty } from './routes/issues';
import { getUser, listFields, searchProjects, listStatuses, myself, searchStatuses } from './routes/meta';
import { checkPermissions, myPermissions } from './routes/permissions';
import { removedSearch, SearchCache, searchJql } from './routes/search';
import { createSearchLag } from './searchLag';
import { findUserByCredentials, indexData } from './store';

export interface DemoJiraCall {
  readonly method: string;
  /** Path without mount prefix and query string, e.g. `/rest/api/3/search/jql`. */
  readonly path: string;
  /** 'rte', 'member', 'app', or 'anonymous'. */
  user: string;
  /** The status sent (0 while the request is in flight). */
  status: number;
}

export interface DemoJiraOptions {
  readonly data: DemoData;
  /** Added to every response. Default: DEMO_JIRA_LATENCY_MS, else 0. */
  readonly latencyMs?: number;
  /** Default: from DEMO_JIRA_FAULT_RATE / DEMO_JIRA_FAULTS / DEMO_JIRA_SEED, else none. */
  readonly faults?: FaultOptions;
  /** The clock for transitions and relative JQL dates. Default Date.now. */
  readonly now?: () => number;
  /** Requests that get no fault (the preview replaying its saved writes: Jira keeps what it accepted). */
  readonly skipFaults?: (req: IncomingMessage) => boolean;
  /**
   * Each actor's hourly points quota (rate-limit headers on every answer, 429 once used up).
   * Default: DEMO_JIRA_POINTS_PER_HOUR, else DEFAULT_DEMO_POINTS_PER_HOUR (generous).
   */
  readonly pointsPerHour?: number;
  /**
   * Opt-in (tests): search/jql sees each issue as it was this many ms ago (eventual consistency),
   * except the issues a request lists in `reconcileIssues`. Default 0: never stale.
   */
  readonly searchLagMs?: number;
}

export interface DemoJira {
  handle(req: IncomingMessage, res: ServerResponse, pathPrefix?: string): void;
  readonly data: DemoData;
  readonly calls: DemoJiraCall[];
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;
const API = '/rest/api/3';

interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly handle: (request: DemoRequest, params: readonly string[], rawBody: string) => Reply;
}

function routes(cache: SearchCache): readonly Route[] {
  const r = (method: string, path: string, handle: Route['handle']): Route => ({ method, pattern: new RegExp(`^${path}/?$`), handle });
  const seg = '([^/]+)';
  return [
    r('GET', `${API}/search/jql`, (q) => searchJql(q, cache)),
    r('POST', `${API}/search/jql`, (q) => searchJql(q, cache)),
    r('GET', '/rest/api/[23]/search', removedSearch),
    r('POST', '/rest/api/[23]/search', removedSearch),
    r('POST', `${API}/changelog/bulkfetch`, bulkFetchChangelogs),
    r('GET', `${API}/issue/${seg}`, (q, [id]) => getIssue(q, id ?? '')),
    r('PUT', `${API}/issue/${seg}`, (q, [id]) => editIssue(q, id ?? '')),
    r('GET', `${API}/issue/${seg}/properties`, (q, [id]) => listIssueProperties(q, id ?? '')),
    r('GET', `${API}/issue/${seg}/properties/${seg}`, (q, [id, key]) => getIssueProperty(q, id ?? '', key ?? '')),
    r('PUT', `${API}/issue/${seg}/properties/${seg}`, (q, [id, key], raw) => setIssueProperty(q, id ?? '', key ?? '', raw)),
    r('DELETE', `${API}/issue/${seg}/properties/${seg}`, (q, [id, key]) => deleteIssueProperty(q, id ?? '', key ?? '')),
    r('GET', `${API}/issue/${seg}/changelog`, (q, [id]) => getIssueChangelog(q, id ?? '')),
    r('GET', `${API}/issue/${seg}/transitions`, (q, [id]) => getTransitions(q, id ?? '')),
    r('POST', `${API}/issue/${seg}/transitions`, (q, [id]) => doTransition(q, id ?? '')),
    r('GET', `${API}/mypermissions`, myPermissions),
    r('POST', `${API}/permissions/check`, checkPermissions),
    r('GET', `${API}/statuses/search`, searchStatuses),
    r('GET', `${API}/status`, listStatuses),
    r('GET', `${API}/field`, listFields),
    r('GET', `${API}/project/search`, searchProjects),
    r('GET', `${API}/myself`, myself),
    r('GET', `${API}/user`, getUser),
    r('POST', `${API}/jql/parse`, parseJqlQueries),
    r('POST', `${API}/search/approximate-count`, approximateCount),
    r('GET', `${API}/groups/picker`, pickGroups),
  ];
}

function dispatch(table: readonly Route[], request: DemoRequest, rawBody: string): Reply {
  let pathMatched = false;
  for (const route of table) {
    const match = route.pattern.exec(request.path);
    if (!match) continue;
    pathMatched = true;
    if (route.method !== request.method) continue;
    return route.handle(request, match.slice(1).map((p) => decodeURIComponent(p)), rawBody);
  }
  if (pathMatched) return jiraError(405, [`Method ${request.method} is not allowed for ${request.path}.`]);
  return jiraError(404, [`null for uri: ${request.base}${request.path}`]);
}

/** The demo user whose email (any case, as in Jira) and API token the Basic `Authorization` header carries. */
export function authenticate(users: readonly DemoUser[], header: string | undefined): DemoUser | undefined {
  const match = /^Basic\s+(.+)$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return findUserByCredentials(users, decoded.slice(0, colon), decoded.slice(colon + 1));
}

/** Jira Cloud answers a missing or wrong API token with this plain-text body. */
const UNAUTHENTICATED: Reply = {
  status: 401,
  headers: { 'WWW-Authenticate': 'OAuth realm="demo-jira"' },
  text: 'Client must be authenticated to access this resource.',
};

function faultReply(kind: FaultKind, retryAfterSeconds: number, now: number): Reply | null {
  if (kind === '429') {
    return json(
      429,
      { errorMessages: ['Rate limit exceeded.'], errors: {} },
      {
        'Retry-After': String(retryAfterSeconds),
        'X-RateLimit-Limit': '100',
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': new Date(now + retryAfterSeconds * 1000).toISOString(),
        'RateLimit-Reason': 'jira-burst-based',
      },
    );
  }
  if (kind === '500') return jiraError(500, ['Internal server error']);
  return null;
}

function parseJsonBody(raw: string): { value: unknown } | { error: string } {
  if (raw.trim() === '') return { value: undefined };
  try {
    return { value: JSON.parse(raw) as unknown };
  } catch (error) {
    return { error: `Unexpected character in the request body: ${(error as Error).message}` };
  }
}

function writeReply(res: ServerResponse, reply: Reply, malformed: boolean): void {
  if (res.destroyed || res.writableEnded) return;
  const headers: Record<string, string> = { ...reply.headers };
  let payload = '';
  if (reply.body !== undefined) {
    payload = JSON.stringify(reply.body);
    // A strict prefix of a JSON object or array never parses.
    if (malformed) payload = payload.slice(0, Math.max(1, Math.floor(payload.length / 2)));
    headers['Content-Type'] = 'application/json;charset=UTF-8';
  } else if (reply.text !== undefined) {
    payload = reply.text;
    headers['Content-Type'] = 'text/plain;charset=UTF-8';
  }
  headers['Content-Length'] = String(Buffer.byteLength(payload));
  res.writeHead(reply.status, headers);
  res.end(payload);
}

export function createDemoJira(options: DemoJiraOptions): DemoJira {
  const environment = readDemoJiraEnvironment(process.env);
  const latencyMs = options.latencyMs ?? environment.latencyMs ?? 0;
  const faults = options.faults ?? environment.faults;
  const nextFault = createFaultPlan(faults);
  const clock = options.now ?? Date.now;
  const quota = createDemoQuota(options.pointsPerHour ?? environment.pointsPerHour ?? DEFAULT_DEMO_POINTS_PER_HOUR);
  const index = indexData(options.data);
  if ((options.searchLagMs ?? 0) > 0) index.searchLag = createSearchLag(options.searchLagMs ?? 0);
  const table = routes(new SearchCache());
  const calls: DemoJiraCall[] = [];

  async function serve(req: IncomingMessage, res: ServerResponse, pathPrefix: string): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://demo-jira.invalid');
    let path = url.pathname;
    if (pathPrefix && path.startsWith(pathPrefix)) path = path.slice(pathPrefix.length) || '/';
    const method = (req.method ?? 'GET').toUpperCase();
    const user = authenticate(options.data.users, req.headers.authorization);
    const call: DemoJiraCall = { method, path, user: user?.name ?? 'anonymous', status: 0 };
    calls.push(call);

    const rawBody = await readBody(req, MAX_BODY_BYTES);
    if (path === '/' && (method === 'GET' || method === 'HEAD')) {
      // The root is for people: a browser opening the URL the preview prints gets a page, not a bare 401.
      call.status = 200;
      const html = renderDemoJiraHome(options.data, `http://${req.headers.host ?? '127.0.0.1'}${pathPrefix}`);
      res.writeHead(200, { 'Content-Type': 'text/html;charset=UTF-8', 'Content-Length': String(Buffer.byteLength(html)) });
      res.end(method === 'HEAD' ? undefined : html);
      return;
    }
    const now = clock();
    const fault = options.skipFaults?.(req) === true ? null : nextFault();
    let reply: Reply | null = fault ? faultReply(fault, faults?.retryAfterSeconds ?? 1, now) : null;
    if (!reply && user) reply = quota.refuse(user.accountId, now);
    if (!reply) {
      if (!user) reply = UNAUTHENTICATED;
      else if (rawBody === null) reply = jiraError(413, ['The request body is too large.']);
      else {
        const parsed = parseJsonBody(rawBody);
        if ('error' in parsed) reply = jiraError(400, [parsed.error]);
        else {
          const base = `http://${req.headers.host ?? '127.0.0.1'}${pathPrefix}`;
          reply = dispatch(table, { method, path, query: url.searchParams, body: parsed.value, user, base, now, index }, rawBody);
        }
      }
    }
    if (user) reply = quota.charge(user.accountId, method, reply, now);
    call.status = reply.status;
    const delayMs = latencyMs + (fault === 'slow' ? (faults?.slowMs ?? 1500) : 0);
    const send = (): void => writeReply(res, reply, fault === 'malformed');
    if (delayMs > 0) setTimeout(send, delayMs).unref();
    else send();
  }

  return {
    data: options.data,
    calls,
    handle(req, res, pathPrefix = '') {
      serve(req, res, pathPrefix).catch((error: unknown) => {
        console.error('demo-jira: request failed', error);
        writeReply(res, jiraError(500, ['Internal server error']), false);
      });
    },
  };
}

export interface RunningDemoJira {
  readonly url: string;
  readonly data: DemoData;
  readonly calls: DemoJiraCall[];
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 (port 0 picks a free port). */
export async function startDemoJira(options: DemoJiraOptions & { port?: number }): Promise<RunningDemoJira> {
  const jira = createDemoJira(options);
  const server = createServer((req, res) => jira.handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    data: jira.data,
    calls: jira.calls,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
