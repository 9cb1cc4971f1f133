/**
 * The Jira Cloud REST v3 client behind both adapters. It knows the endpoints, paging, batching,
 * retries and how to read answers; the transport (Forge `requestJira` or `fetch`) only carries them.
 */
import type { z } from 'zod';
import {
  jiraApproximateCountSchema,
  jiraBulkChangelogPageSchema,
  jiraFoundGroupsSchema,
  jiraIssueSchema,
  jiraParsedJqlSchema,
  jiraFieldListSchema,
  jiraIssuePropertySchema,
  jiraIssueIdSearchPageSchema,
  jiraMyPermissionsSchema,
  jiraMyselfSchema,
  jiraPermissionsCheckSchema,
  jiraProjectSearchPageSchema,
  jiraSearchPageSchema,
  jiraStatusesSearchPageSchema,
  jiraTransitionsSchema,
  jiraUserSchema,
  type JiraField,
  type JiraFoundGroup,
  type JiraHistory,
  type JiraIssue,
  type JiraProject,
  type JiraStatus,
} from '../../contract/jira';
import { InvalidDataError, InvalidInputError, NotFoundError } from '../../errors';
import type { IdSearchOptions, JiraPort, PermissionCheckRequest, SearchRequest } from '../../ports';
import { BACKGROUND_BUDGET, createJiraBudget, INTERACTIVE_BUDGET, isBudgetRefusal, type JiraBudgetPolicy } from './budget';
import { forEachConcurrently } from './concurrency';
import { JIRA_PAGE_MESSAGES, jiraIncompleteError, jiraNetworkError, jiraStatusError, parseJiraValue } from './errors';
import { endpointTemplate, estimatePoints, type JiraMeter } from './meter';
import { jiraPath, renderJiraPath, type JiraPath } from './path';
import { DEFAULT_RETRY_POLICY, RETRYABLE_STATUSES, realRetryTiming, withRetries, type RetryPolicy, type RetryTiming } from './retry';
import type { JiraRequest, JiraTransport } from './transport';

/** Jira's limits and our page sizes. */
export const JIRA_LIMITS = {
  /**
   * search/jql's largest page: Jira returns fewer "where a large number of fields are requested"
   * (its OpenAPI description), so asking the most and following nextPageToken reads every issue
   * in as few pages as Jira allows for the fields asked.
   */
  searchPageSize: 5000,
  /** search/jql returns up to 5000 per page when only ids are asked for. */
  idSearchPageSize: 5000,
  /** search/jql's `reconcileIssues`: "Accepts max 50 ids". */
  reconcileIssues: 50,
  bulkChangelogIssues: 1000,
  /** changelog/bulkfetch `maxResults`: maximum 10000 in Jira's OpenAPI description (default 1000). */
  bulkChangelogPageSize: 10_000,
  /** Changelog batches in flight at once: overlaps round trips without inviting a burst of 429s. */
  bulkChangelogConcurrency: 3,
  statusPageSize: 200,
  projectPageSize: 100,
  /** Issue entity property values are at most 32 KB of JSON. */
  propertyValueBytes: 32_768,
} as const;

export interface JiraClientOptions {
  readonly retry?: Partial<RetryPolicy>;
  /** Clock, sleep and random for the retries; real ones by default (tests inject fakes). */
  readonly timing?: RetryTiming;
  /** How this client paces itself against Jira's rate limits; INTERACTIVE_BUDGET by default. */
  readonly budget?: Partial<JiraBudgetPolicy>;
  /** Counts every request sent (calls and estimated points by endpoint). */
  readonly meter?: JiraMeter;
}

/**
 * What a client is for decides how long it may wait for Jira: a person (a resolver, 25 s in all)
 * rather gets a clear "rate limited, try at 14:05" at once; a trigger, scheduled refresh or queue
 * consumer (up to 900 s) waits out a Retry-After and paces itself through a long sync.
 */
export type JiraUse = 'interactive' | 'background';

export function jiraClientOptionsFor(use: JiraUse): Pick<JiraClientOptions, 'budget' | 'retry'> {
  if (use === 'interactive') return { budget: INTERACTIVE_BUDGET };
  return { budget: BACKGROUND_BUDGET, retry: { maxAttempts: 6, budgetMs: 600_000, maxDelayMs: 30_000 } };
}

interface Call extends JiraRequest {
  /** False when repeating the request could apply it twice (a transition): then only 429 is retried. */
  readonly idempotent?: boolean;
  /** The answer is JSON to read: a 2xx whose body does not parse (cut off) is tried again like a 5xx. */
  readonly expectsJson?: boolean;
}

/** An answer read whole: a body that fails while being read is a network error, like no answer. */
interface ReadAnswer {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  readonly bodyText: string;
  /** The parsed body when JSON was expected and it parsed; NOT_JSON when it did not. */
  readonly json: unknown;
}

const NOT_JSON = Symbol('not JSON');
const isSuccess = (status: number) => status >= 200 && status <= 299;

export function createJiraClient(transport: JiraTransport, options: JiraClientOptions = {}): JiraPort {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const timing = options.timing ?? realRetryTiming;
  const budget = createJiraBudget({ ...INTERACTIVE_BUDGET, ...options.budget }, timing);
  const meter = options.meter;

  /** Sends with retries; returns the 2xx answer, throws the mapped error otherwise. */
  async function send(call: Call): Promise<{ status: number; bodyText: string; json: unknown; endpoint: string }> {
    const endpoint = describeCall(call);
    assertSafePathParams(endpoint, call.path);
    const idempotent = call.idempotent ?? true;
    const expectsJson = call.expectsJson === true;
    const template = endpointTemplate(call.method, call.path);
    const readAnswer = async (): Promise<ReadAnswer> => {
      // Paced before every try (retries too); refused at once when the wait would be too long.
      await budget.beforeRequest(template);
      let status: number;
      let bodyText: string;
      let headers: ReadAnswer['headers'];
      try {
        const response = await transport(call);
        ({ status, headers } = response);
        bodyText = await response.text();
      } catch (error) {
        // No (whole) answer: still a request sent, counted at the base cost.
        meter?.record(template, estimatePoints('write', 0, undefined));
        throw error;
      }
      const json = expectsJson && isSuccess(status) ? parseJsonOr(bodyText) : undefined;
      const points = estimatePoints(expectsJson ? 'read' : 'write', status, json === NOT_JSON ? undefined : json);
      meter?.record(template, points);
      budget.observe(template, status, headers, points);
      return { status, headers, bodyText, json };
    };
    const outcome = await withRetries(readAnswer, {
      policy,
      timing,
      retryStatus: (status) => (idempotent ? RETRYABLE_STATUSES.has(status) : status === 429),
      retryNetworkErrors: idempotent,
      // A cut-off answer to a read is trouble on the way, not Jira's verdict: tried again like a 5xx.
      incomplete: (answer) => idempotent && answer.json === NOT_JSON,
      waitHint: (answer) => budget.retryWaitMs(answer.headers),
      maxWaitMs: budget.policy.maxWaitMs,
      rethrow: isBudgetRefusal,
    });
    if (outcome.kind === 'network-error') throw jiraNetworkError(endpoint, outcome.error, outcome.attempts, outcome.gaveUp);
    const { status, bodyText, json } = outcome.response;
    if (!isSuccess(status)) {
      const heldUntilMs = status === 429 ? budget.heldUntilMs(template) : undefined;
      throw jiraStatusError(endpoint, status, bodyText, outcome.attempts, outcome.gaveUp, heldUntilMs);
    }
    if (json === NOT_JSON) throw jiraIncompleteError(endpoint, bodyText, outcome.attempts, outcome.gaveUp);
    return { status, bodyText, json, endpoint };
  }

  async function sendJson<S extends z.ZodType>(call: Call, schema: S): Promise<z.output<S>> {
    const { json, endpoint } = await send({ ...call, expectsJson: true });
    return parseJiraValue(endpoint, json, schema);
  }

  /**
   * Follows `nextPageToken` until it is absent (or null), `isLast`, or `onPage` answers false (the
   * caller has read enough); never reads `total` (search/jql has none).
   */
  async function searchPages<S extends z.ZodType<{ nextPageToken?: string | null | undefined; isLast?: boolean | undefined }>>(
    body: Record<string, unknown>,
    schema: S,
    onPage: (page: z.output<S>) => boolean | void,
  ): Promise<void> {
    let nextPageToken: string | undefined;
    const seenTokens = new Set<string>();
    do {
      const page = await sendJson(
        { method: 'POST', path: jiraPath`/rest/api/3/search/jql`, body: { ...body, ...(nextPageToken === undefined ? {} : { nextPageToken }) } },
        schema,
      );
      const wantsMore = onPage(page) !== false;
      nextPageToken = wantsMore && page.isLast !== true ? followToken('POST /rest/api/3/search/jql', seenTokens, page.nextPageToken) : undefined;
    } while (nextPageToken !== undefined);
  }

  /** Offset-paged lists (`startAt`, `isLast`): statuses, projects. */
  async function offsetPages<T>(
    path: JiraPath,
    pageSize: number,
    schema: z.ZodType<{ values: T[]; isLast?: boolean | undefined }>,
  ): Promise<T[]> {
    const values: T[] = [];
    for (let startAt = 0; ; ) {
      const page = await sendJson({ method: 'GET', path, query: { startAt: String(startAt), maxResults: String(pageSize) } }, schema);
      values.push(...page.values);
      startAt += page.values.length;
      // Without `isLast`, a short page is the last one; an empty page always is (no endless loop).
      const isLast = page.isLast ?? page.values.length < pageSize;
      if (isLast || page.values.length === 0) return values;
    }
  }

  return {
    async searchIssues(request: SearchRequest): Promise<JiraIssue[]> {
      const maxIssues = request.maxIssues ?? Number.POSITIVE_INFINITY;
      if (maxIssues <= 0) return [];
      const issues: JiraIssue[] = [];
      const body = {
        jql: request.jql,
        fields: [...request.fields],
        ...(request.properties === undefined ? {} : { properties: [...request.properties] }),
        maxResults: Math.min(request.pageSize ?? JIRA_LIMITS.searchPageSize, maxIssues),
        ...reconcileBody(request.reconcileIssues),
      };
      await searchPages(body, jiraSearchPageSchema, (page) => {
        issues.push(...page.issues);
        return issues.length < maxIssues;
      });
      return issues.length > maxIssues ? issues.slice(0, maxIssues) : issues;
    },

    async searchIssueIds(jql: string, options: IdSearchOptions = {}): Promise<string[]> {
      const ids: string[] = [];
      const body = { jql, fields: ['id'], maxResults: JIRA_LIMITS.idSearchPageSize, ...reconcileBody(options.reconcileIssues) };
      await searchPages(body, jiraIssueIdSearchPageSchema, (page) => {
        ids.push(...page.issues.map((issue) => issue.id));
      });
      return ids;
    },

    async fetchChangelogs(issueIds: readonly string[], fieldIds: readonly string[]): Promise<Map<string, JiraHistory[]>> {
      const uniqueIds = [...new Set(issueIds)];
      // Every asked issue gets an entry: an issue that never changed has an empty history.
      const historiesByIssueId = new Map<string, JiraHistory[]>(uniqueIds.map((id) => [id, []]));
      const batches: string[][] = [];
      for (let offset = 0; offset < uniqueIds.length; offset += JIRA_LIMITS.bulkChangelogIssues) {
        batches.push(uniqueIds.slice(offset, offset + JIRA_LIMITS.bulkChangelogIssues));
      }
      await forEachConcurrently(batches, JIRA_LIMITS.bulkChangelogConcurrency, async (batch) => {
        let nextPageToken: string | undefined;
        const seenTokens = new Set<string>();
        do {
          const page = await sendJson(
            {
              method: 'POST',
              path: jiraPath`/rest/api/3/changelog/bulkfetch`,
              body: {
                issueIdsOrKeys: batch,
                fieldIds: [...fieldIds],
                maxResults: JIRA_LIMITS.bulkChangelogPageSize,
                ...(nextPageToken === undefined ? {} : { nextPageToken }),
              },
            },
            jiraBulkChangelogPageSchema,
          );
          for (const { issueId, changeHistories } of page.issueChangeLogs) {
            const histories = historiesByIssueId.get(issueId) ?? [];
            histories.push(...changeHistories);
            historiesByIssueId.set(issueId, histories);
          }
          nextPageToken = followToken('POST /rest/api/3/changelog/bulkfetch', seenTokens, page.nextPageToken);
        } while (nextPageToken !== undefined);
      });
      // Batches finish in any order and pages are ordered by change date; sorting (stable) keeps each issue's history oldest first regardless.
      for (const histories of historiesByIssueId.values()) histories.sort((a, b) => a.created - b.created);
      return historiesByIssueId;
    },

    async getIssueProperty(issueIdOrKey: string, propertyKey: string): Promise<unknown> {
      try {
        const property = await sendJson(
          { method: 'GET', path: jiraPath`/rest/api/3/issue/${issueIdOrKey}/properties/${propertyKey}` },
          jiraIssuePropertySchema,
        );
        return property.value;
      } catch (error) {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      }
    },

    async setIssueProperty(issueIdOrKey: string, propertyKey: string, value: unknown): Promise<void> {
      const json = JSON.stringify(value) as string | undefined;
      if (json === undefined) throw new InvalidInputError(`issue property ${propertyKey}: the value is not JSON`);
      if (new TextEncoder().encode(json).length > JIRA_LIMITS.propertyValueBytes) {
        throw new InvalidInputError(`issue property ${propertyKey}: the value is larger than Jira's ${JIRA_LIMITS.propertyValueBytes} bytes`);
      }
      await send({ method: 'PUT', path: jiraPath`/rest/api/3/issue/${issueIdOrKey}/properties/${propertyKey}`, body: value });
    },

    async getMyPermissions(permissions: readonly string[], scope: { issueId?: string; projectId?: string } = {}): Promise<Record<string, boolean>> {
      // Jira answers 400 without `permissions`; asking for nothing has a defined answer.
      if (permissions.length === 0) return {};
      const query: Record<string, string> = { permissions: permissions.join(',') };
      if (scope.issueId !== undefined) query['issueId'] = scope.issueId;
      if (scope.projectId !== undefined) query['projectId'] = scope.projectId;
      const answer = await sendJson({ method: 'GET', path: jiraPath`/rest/api/3/mypermissions`, query }, jiraMyPermissionsSchema);
      return Object.fromEntries(permissions.map((key) => [key, answer.permissions[key]?.havePermission === true]));
    },

    async checkPermissions(request: PermissionCheckRequest & { accountId?: string }) {
      const body = {
        ...(request.accountId === undefined ? {} : { accountId: request.accountId }),
        globalPermissions: [...(request.globalPermissions ?? [])],
        projectPermissions: (request.projectPermissions ?? []).map((entry) => ({
          permissions: [...entry.permissions],
          ...(entry.issues === undefined ? {} : { issues: [...entry.issues] }),
          ...(entry.projects === undefined ? {} : { projects: [...entry.projects] }),
        })),
      };
      return sendJson({ method: 'POST', path: jiraPath`/rest/api/3/permissions/check`, body }, jiraPermissionsCheckSchema);
    },

    async getStatuses(): Promise<JiraStatus[]> {
      return offsetPages(jiraPath`/rest/api/3/statuses/search`, JIRA_LIMITS.statusPageSize, jiraStatusesSearchPageSchema);
    },

    async getFields(): Promise<JiraField[]> {
      return sendJson({ method: 'GET', path: jiraPath`/rest/api/3/field` }, jiraFieldListSchema);
    },

    async getProjects(): Promise<JiraProject[]> {
      return offsetPages(jiraPath`/rest/api/3/project/search`, JIRA_LIMITS.projectPageSize, jiraProjectSearchPageSchema);
    },

    async getTransitions(issueIdOrKey: string) {
      const answer = await sendJson({ method: 'GET', path: jiraPath`/rest/api/3/issue/${issueIdOrKey}/transitions` }, jiraTransitionsSchema);
      return answer.transitions;
    },

    async editIssueLabels(issueIdOrKey: string, change: { readonly add: readonly string[]; readonly remove: readonly string[] }): Promise<void> {
      const labels = [...change.add.map((label) => ({ add: label })), ...change.remove.map((label) => ({ remove: label }))];
      if (labels.length === 0) return;
      // Adding a label the issue has, or removing one it lacks, changes nothing: a retry is harmless.
      await send({ method: 'PUT', path: jiraPath`/rest/api/3/issue/${issueIdOrKey}`, body: { update: { labels } } });
    },

    async transitionIssue(issueIdOrKey: string, transitionId: string): Promise<void> {
      await send({
        method: 'POST',
        path: jiraPath`/rest/api/3/issue/${issueIdOrKey}/transitions`,
        body: { transition: { id: transitionId } },
        idempotent: false,
      });
    },

    async getMyself() {
      return sendJson({ method: 'GET', path: jiraPath`/rest/api/3/myself`, query: { expand: 'groups' } }, jiraMyselfSchema);
    },

    async getUser(accountId: string) {
      try {
        return await sendJson({ method: 'GET', path: jiraPath`/rest/api/3/user`, query: { accountId } }, jiraUserSchema);
      } catch (error) {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      }
    },

    async getIssue(issueIdOrKey: string, fields: readonly string[]): Promise<JiraIssue> {
      return sendJson({ method: 'GET', path: jiraPath`/rest/api/3/issue/${issueIdOrKey}`, query: { fields: fields.join(',') } }, jiraIssueSchema);
    },

    async parseJql(query: string): Promise<{ errors: string[] }> {
      const answer = await sendJson(
        { method: 'POST', path: jiraPath`/rest/api/3/jql/parse`, query: { validation: 'strict' }, body: { queries: [query] } },
        jiraParsedJqlSchema,
      );
      return { errors: answer.queries[0]?.errors ?? [] };
    },

    async approximateCount(jql: string): Promise<number> {
      const answer = await sendJson({ method: 'POST', path: jiraPath`/rest/api/3/search/approximate-count`, body: { jql } }, jiraApproximateCountSchema);
      return answer.count;
    },

    async findGroups(query: string, maxResults: number): Promise<JiraFoundGroup[]> {
      const answer = await sendJson(
        { method: 'GET', path: jiraPath`/rest/api/3/groups/picker`, query: { query, maxResults: String(maxResults) } },
        jiraFoundGroupsSchema,
      );
      return answer.groups;
    },
  };
}

/**
 * Both transports percent-encode params, which leaves dots alone: `..` would still walk up the path
 * (and `route` refuses it), and an empty param would leave `//`. Refused before anything is sent.
 */
function assertSafePathParams(endpoint: string, path: JiraPath): void {
  const unsafe = path.params.find((param) => param === '' || param === '.' || param.includes('..'));
  if (unsafe !== undefined)
    throw new InvalidInputError(`${endpoint}: ${JSON.stringify(unsafe)} is not a usable issue or property key`, {
      pageMessage: `${JSON.stringify(unsafe)} is not a usable issue or property key.`,
    });
}

/**
 * `reconcileIssues` for a search body: unique issue ids, at most 50 (Jira's limit), the same on
 * every page (searchPages keeps the body). Refused before sending when it cannot be right.
 */
function reconcileBody(ids: readonly number[] | undefined): { reconcileIssues?: number[] } {
  if (ids === undefined || ids.length === 0) return {};
  const unique = [...new Set(ids)];
  if (unique.some((id) => !Number.isSafeInteger(id) || id <= 0)) {
    throw new InvalidInputError(`reconcileIssues: issue ids are positive integers, got ${JSON.stringify(ids.slice(0, 5))}`);
  }
  if (unique.length > JIRA_LIMITS.reconcileIssues) {
    throw new InvalidInputError(`reconcileIssues: Jira accepts at most ${JIRA_LIMITS.reconcileIssues} issue ids, got ${unique.length}`);
  }
  return { reconcileIssues: unique };
}

function parseJsonOr(bodyText: string): unknown {
  try {
    return JSON.parse(bodyText) as unknown;
  } catch {
    return NOT_JSON;
  }
}

/** The token to ask with next, or undefined at the end; a token seen before would loop forever. */
function followToken(endpoint: string, seenTokens: Set<string>, token: string | null | undefined): string | undefined {
  if (token === undefined || token === null) return undefined;
  if (seenTokens.has(token))
    throw new InvalidDataError(`${endpoint}: Jira repeated the nextPageToken ${JSON.stringify(token)}`, { pageMessage: JIRA_PAGE_MESSAGES.unreadable });
  seenTokens.add(token);
  return token;
}

/** "GET /rest/api/3/issue/PAY-12/properties/lean-portfolio.wsjf" — params shown unescaped, query left out. */
function describeCall(call: JiraRequest): string {
  return `${call.method} ${renderJiraPath(call.path)}`;
}
