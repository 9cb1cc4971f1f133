/**
 * The interfaces the services need. Adapters implement them: Forge (`@forge/api`, `@forge/kvs`),
 * HTTP (Jira REST over fetch, for the preview and the CLI) and local (file and memory stores).
 */
import type { JiraField, JiraFoundGroup, JiraHistory, JiraIssue, JiraMyself, JiraPermissionsCheck, JiraProject, JiraStatus, JiraTransition, JiraUser } from './contract/jira';
import type { AccountStatus, ReportedAccount } from './contract/personalData';

export interface SearchRequest {
  readonly jql: string;
  /** Always explicit: the search/jql endpoint returns only ids without it. */
  readonly fields: readonly string[];
  /** Issue property keys to return in `issue.properties`. */
  readonly properties?: readonly string[];
  /** Page size asked of Jira (it may return fewer). */
  readonly pageSize?: number;
  /** At most this many issues, the first ones in the JQL's order: paging stops once they are read. */
  readonly maxIssues?: number;
  /**
   * search/jql is eventually consistent: issue ids (≤ 50) the app just wrote, which Jira then
   * reconciles with the results (read-after-write), sent the same on every page.
   */
  readonly reconcileIssues?: readonly number[];
}

/** Options of an ids-only search. */
export interface IdSearchOptions {
  /** As `SearchRequest.reconcileIssues`: ≤ 50 issue ids written just before. */
  readonly reconcileIssues?: readonly number[];
}

export interface PermissionCheckRequest {
  readonly globalPermissions?: readonly string[];
  readonly projectPermissions?: readonly { permissions: readonly string[]; issues?: readonly number[]; projects?: readonly number[] }[];
}

/**
 * Jira, as one actor: the adapter is built either for the current user (`asUser`) or for the app
 * (`asApp`). Every method returns parsed data or throws `JiraUnavailableError` / `NotFoundError` /
 * `ForbiddenError` / `InvalidDataError` (src/errors.ts) after bounded retries.
 */
export interface JiraPort {
  /** All issues matching `jql`, following `nextPageToken` to the end. */
  searchIssues(request: SearchRequest): Promise<JiraIssue[]>;
  /** Ids only (large pages): what the user may see, for trimming caches. */
  searchIssueIds(jql: string, options?: IdSearchOptions): Promise<string[]>;
  /** Full history per issue id, from changelog/bulkfetch in batches of ≤1000 issues. */
  fetchChangelogs(issueIds: readonly string[], fieldIds: readonly string[]): Promise<Map<string, JiraHistory[]>>;
  /** Undefined when the issue has no such property. */
  getIssueProperty(issueIdOrKey: string, propertyKey: string): Promise<unknown>;
  setIssueProperty(issueIdOrKey: string, propertyKey: string, value: unknown): Promise<void>;
  /** permission key → whether this actor has it (globally, or on the given issue/project). */
  getMyPermissions(permissions: readonly string[], scope?: { issueId?: string; projectId?: string }): Promise<Record<string, boolean>>;
  /** `POST /permissions/check` for the given account (asApp) or for the caller. */
  checkPermissions(request: PermissionCheckRequest & { accountId?: string }): Promise<JiraPermissionsCheck>;
  getStatuses(): Promise<JiraStatus[]>;
  /** `GET /field`: every field the actor can see (system and custom), by id and name. */
  getFields(): Promise<JiraField[]>;
  getProjects(): Promise<JiraProject[]>;
  getTransitions(issueIdOrKey: string): Promise<JiraTransition[]>;
  /** `PUT /issue/{key}` with `update.labels`: adds and removes labels (Edit issues needed). */
  editIssueLabels(issueIdOrKey: string, change: { readonly add: readonly string[]; readonly remove: readonly string[] }): Promise<void>;
  transitionIssue(issueIdOrKey: string, transitionId: string): Promise<void>;
  getMyself(): Promise<JiraMyself>;
  /** `GET /user`: another account's public profile; undefined when Jira knows no such account. */
  getUser(accountId: string): Promise<JiraUser | undefined>;
  /** `GET /issue/{key}?fields=…`: NotFoundError when the actor cannot see it. */
  getIssue(issueIdOrKey: string, fields: readonly string[]): Promise<JiraIssue>;
  /** `POST /jql/parse?validation=strict`: Jira's own error messages per query (empty when valid). */
  parseJql(query: string): Promise<{ errors: string[] }>;
  /** `POST /search/approximate-count`. */
  approximateCount(jql: string): Promise<number>;
  /** `GET /groups/picker`: groups whose name contains `query`, by id and name. */
  findGroups(query: string, maxResults: number): Promise<JiraFoundGroup[]>;
}

/** The two actors a request can use. `app` is for triggers and after an explicit permission check. */
export interface JiraActors {
  readonly user: JiraPort;
  readonly app: JiraPort;
}

export interface Versioned<T> {
  readonly value: T;
  /** Starts at 1 on create and grows by one with every write. */
  readonly version: number;
}

/** Part of the store's contract: Forge refuses larger values (JSON, envelope included). */
export const MAX_STORED_VALUE_BYTES = 240 * 1024;
/** Forge's `kvs.batchGet` takes at most 25 keys: so does `StorePort.getMany`. */
export const MAX_BATCH_GET_KEYS = 25;

/** One write of `StorePort.putAll`: like `put`, naming the version it read (`null` to create). */
export interface DocumentWrite {
  readonly collection: string;
  readonly key: string;
  readonly value: unknown;
  readonly expectedVersion: number | null;
}

/**
 * Storage of documents (settings, themes, budgets, OKRs, history) and of caches.
 * Documents are versioned: a write names the version it read (`null` to create) and is refused
 * with `ConflictError` when that is no longer the current version. Values are `unknown` here:
 * the services parse them with the contract's zod schemas. Every adapter enforces Forge's limits
 * (a stored value ≤ 240 KiB of JSON, a key ≤ 500 characters once escaped, ≤ 25 writes and ≤ 4 MB in one
 * `putAll`, ≤ 25 keys in one `getMany`) with `InvalidInputError`, so the preview refuses what
 * production would.
 */
export interface StorePort {
  get(collection: string, key: string): Promise<Versioned<unknown> | undefined>;
  /**
   * Several documents of one collection in one read (on Forge: one `kvs.batchGet`), answered in
   * the order of `keys`, undefined where there is none; each as `get` would answer it. 0 to 25
   * keys, each once: more, or a key twice, is refused with InvalidInputError before anything is
   * read. No keys answer [] without a storage call.
   */
  getMany(collection: string, keys: readonly string[]): Promise<(Versioned<unknown> | undefined)[]>;
  /** Returns the new version. Throws ConflictError on a stale `expectedVersion`. */
  put(collection: string, key: string, value: unknown, expectedVersion: number | null): Promise<number>;
  /** `'any'`: whatever version is there, if any (for caches, whose writers do not read first). */
  delete(collection: string, key: string, expectedVersion: number | 'any'): Promise<void>;
  /**
   * Writes every document or none (on Forge: one `kvs.transact()`), e.g. a document and its history
   * entry. One stale `expectedVersion` refuses them all with ConflictError. 1 to 25 writes, each
   * address once. Returns the new versions in the order of the writes.
   */
  putAll(writes: readonly DocumentWrite[]): Promise<number[]>;
  /** Documents of a collection in key order, paged by an opaque cursor. */
  list(
    collection: string,
    options?: { prefix?: string; cursor?: string; limit?: number },
  ): Promise<{ items: { key: string; value: unknown; version: number }[]; cursor?: string }>;
  /** Unversioned values (caches): last write wins. */
  getValue(key: string): Promise<unknown>;
  setValue(key: string, value: unknown): Promise<void>;
  deleteValue(key: string): Promise<void>;
}

/** One event of the background queue: a JSON object (≤ 100 KB on Forge). */
export type QueueEvent = Readonly<Record<string, unknown>>;

/**
 * The background queue (on Forge: an `@forge/events` Queue whose consumer runs for up to 900 s;
 * in the preview and tests: an in-process queue running the same consumer). Long work, such as a
 * cold sync, is pushed here in steps and never runs inside a resolver.
 */
export interface QueuePort {
  /** 1 to 50 events (Forge's limit per push), delivered at least once each, in no promised order. */
  push(events: readonly QueueEvent[], options?: { readonly delaySeconds?: number }): Promise<void>;
}

/**
 * Atlassian's personal data reporting API, as the app. One call is one request of 1 to 90
 * accounts (`MAX_REPORTED_ACCOUNTS`); the answer lists those closed or updated since the time
 * given (empty: nothing to do). Throws `RateLimitedError` on 429, `JiraUnavailableError`
 * on any other failure, `InvalidDataError` when the answer does not parse.
 */
export interface PersonalDataPort {
  reportAccounts(accounts: readonly ReportedAccount[]): Promise<AccountStatus[]>;
}

export interface Clock {
  now(): number;
}

export interface Log {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}
