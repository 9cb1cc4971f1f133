/**
 * The weekly personal data job (Forge's user privacy guidelines): find every Atlassian account the
 * app stores, report them to Atlassian's personal data reporting API in batches of at most 90, and
 * anonymise in place every document that names an account Atlassian reports closed.
 *
 * - Inventory: each collection that can name people is read a page at a time (`store.list`),
 *   within a document cap and a read pace under Forge's storage quota.
 * - Report: one batch at a time; a 429 waits its `Retry-After` (bounded) and tries again; any
 *   other failure stops the reporting for this run (the next run reports everything again).
 * - Anonymise: each document naming a closed account is rewritten with a versioned write; a
 *   concurrent save wins (conflict), and the job re-reads that document and anonymises the fresh
 *   value, so nobody's save is overwritten. A document is written only if it still matches the
 *   schema it matched before.
 * - `updated` accounts are counted and logged only: the display names the app keeps are the names
 *   at the time of the event they record (a check-in, a submission), like Jira's own history.
 */
import type { z } from 'zod';
import { MAX_REPORTED_ACCOUNTS } from '../contract/personalData';
import type { AccountStatus, ReportedAccount } from '../contract/personalData';
import { ConflictError, RateLimitedError, errorMessage } from '../errors';
import type { Clock, JiraPort, Log, PersonalDataPort, StorePort } from '../ports';
import { anonymiseAccounts } from './personalDataFields';
import { PERSONAL_DATA_COLLECTIONS, readStoredAccounts } from './personalDataInventory';
import type { InventoryLimits, StoredAccount } from './personalDataInventory';
import { anonymiseWsjfAuthor } from './personalDataWsjf';

export { COLLECTIONS_WITHOUT_PEOPLE, PERSONAL_DATA_COLLECTIONS, RESUME_VALUE_KEY } from './personalDataInventory';

/** Reported for an account only named where no time is kept (an OKR owner): "tell us anything since". */
export const UNDATED_STORED_AT = Date.UTC(2000, 0, 1);

export interface PersonalDataJobOptions extends InventoryLimits {
  /** The job stops starting new work after this long (a scheduled trigger has 900 s). */
  readonly budgetMs: number;
  /** Tries per batch when the API answers 429. */
  readonly maxReportAttempts: number;
  /** A longer `Retry-After` ends the reporting for this run. */
  readonly maxRetryAfterMs: number;
  /** Tries per document when concurrent saves keep winning. */
  readonly maxWriteAttempts: number;
  /** WSJF properties rewritten in Jira per run at most (two Jira calls each). */
  readonly maxWsjfRewrites: number;
}

export const DEFAULT_PERSONAL_DATA_OPTIONS: PersonalDataJobOptions = {
  // 2,000 a minute for 13 minutes: about 26,000 can be read in a run's time.
  maxDocuments: 25_000,
  readsPerMinute: 2_000,
  pageSize: 100,
  budgetMs: 780_000,
  maxReportAttempts: 3,
  maxRetryAfterMs: 60_000,
  maxWriteAttempts: 5,
  maxWsjfRewrites: 500,
};

export interface PersonalDataJobDeps {
  readonly store: StorePort;
  readonly clock: Clock;
  readonly log: Log;
  readonly reporter: PersonalDataPort;
  /** Jira as the app, to anonymise WSJF authors in the issue property; without it only the store is anonymised. */
  readonly jira?: JiraPort;
  readonly sleep: (ms: number) => Promise<void>;
}

/** What one run did, for the log and the tests. */
export interface PersonalDataRun {
  documentsRead: number;
  accountsFound: number;
  accountsReported: number;
  batches: number;
  rateLimited: number;
  closed: string[];
  updated: string[];
  documentsAnonymised: number;
  writeConflicts: number;
  /** Documents naming a closed account left as they were (unreadable, or no longer valid once anonymised). */
  documentsSkipped: number;
  /** WSJF issue properties whose author was a closed account, rewritten in Jira / left for the next run. */
  wsjfPropertiesAnonymised: number;
  wsjfPropertiesSkipped: number;
  /** Why the run ended before doing everything, if it did. */
  stoppedEarly: string | null;
  /** The collection this run went on from, where the last run stopped reading; null: from the start. */
  resumedFrom: string | null;
}


export async function runPersonalDataJob(deps: PersonalDataJobDeps, options: Partial<PersonalDataJobOptions> = {}): Promise<PersonalDataRun> {
  const opts = { ...DEFAULT_PERSONAL_DATA_OPTIONS, ...options };
  const startedAt = deps.clock.now();
  const outOfTime = () => deps.clock.now() - startedAt >= opts.budgetMs;
  const run: PersonalDataRun = {
    documentsRead: 0,
    accountsFound: 0,
    accountsReported: 0,
    batches: 0,
    rateLimited: 0,
    closed: [],
    updated: [],
    documentsAnonymised: 0,
    writeConflicts: 0,
    documentsSkipped: 0,
    wsjfPropertiesAnonymised: 0,
    wsjfPropertiesSkipped: 0,
    stoppedEarly: null,
    resumedFrom: null,
  };

  const found = await readStoredAccounts(deps, opts, outOfTime);
  const accounts = found.accounts;
  Object.assign(run, { documentsRead: found.documentsRead, stoppedEarly: found.stoppedEarly, resumedFrom: found.resumedFrom, accountsFound: accounts.size });
  const statuses = await report(deps, opts, run, accounts, outOfTime);
  for (const status of statuses) (status.status === 'closed' ? run.closed : run.updated).push(status.accountId);
  if (run.updated.length > 0) deps.log.info('accounts updated since the app stored them (names kept as recorded)', { count: run.updated.length });
  await anonymiseClosed(deps, opts, run, accounts, outOfTime);
  // After the store: the register's pending entries are anonymised before a claim records them.
  await anonymiseWsjfAuthors(deps, opts, run, accounts, outOfTime);
  deps.log.info('personal data job finished', { ...run, closed: run.closed.length, updated: run.updated.length });
  return run;
}


/**
 * RFC 3339, within 2000..now: a stored time outside that (a hand-edited or broken document) must not
 * make the request invalid, which would stop the reporting for every account.
 */
function isoTime(ms: number, nowMs: number): string {
  return new Date(Math.min(Math.max(ms, UNDATED_STORED_AT), nowMs)).toISOString();
}

/** Reports the accounts a batch at a time; returns what Atlassian answered for the batches it took. */
async function report(
  deps: PersonalDataJobDeps,
  opts: PersonalDataJobOptions,
  run: PersonalDataRun,
  accounts: ReadonlyMap<string, StoredAccount>,
  outOfTime: () => boolean,
): Promise<AccountStatus[]> {
  const reported: ReportedAccount[] = [...accounts]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([accountId, account]) => ({ accountId, updatedAt: isoTime(account.latestAt ?? UNDATED_STORED_AT, deps.clock.now()) }));
  const statuses: AccountStatus[] = [];
  for (let start = 0; start < reported.length; start += MAX_REPORTED_ACCOUNTS) {
    const batch = reported.slice(start, start + MAX_REPORTED_ACCOUNTS);
    for (let attempt = 1; ; attempt += 1) {
      if (outOfTime()) {
        run.stoppedEarly ??= `out of time after reporting ${run.accountsReported} of ${reported.length} accounts`;
        return statuses;
      }
      try {
        statuses.push(...(await deps.reporter.reportAccounts(batch)));
        run.batches += 1;
        run.accountsReported += batch.length;
        break;
      } catch (error) {
        const waitMs = error instanceof RateLimitedError ? (error.retryAfterMs ?? 10_000) : undefined;
        if (waitMs !== undefined) run.rateLimited += 1;
        if (waitMs === undefined || attempt >= opts.maxReportAttempts || waitMs > opts.maxRetryAfterMs) {
          deps.log.error('personal data report stopped; the next run reports again', { reported: run.accountsReported, of: reported.length, message: errorMessage(error) });
          run.stoppedEarly ??= `reporting stopped after ${run.accountsReported} of ${reported.length} accounts: ${errorMessage(error)}`;
          return statuses;
        }
        await deps.sleep(waitMs);
      }
    }
  }
  return statuses;
}

type AnonymiseOutcome = 'anonymised' | 'clean' | 'gone' | 'skipped' | 'conflicted';

/** Rewrites each document naming a closed account, re-reading it whenever a concurrent save won. */
async function anonymiseClosed(
  deps: PersonalDataJobDeps,
  opts: PersonalDataJobOptions,
  run: PersonalDataRun,
  accounts: ReadonlyMap<string, StoredAccount>,
  outOfTime: () => boolean,
): Promise<void> {
  if (run.closed.length === 0) return;
  const closed = new Map<string, ReadonlySet<string>>();
  const documents = new Set<string>();
  for (const accountId of run.closed) {
    const account = accounts.get(accountId);
    if (account === undefined) continue;
    closed.set(accountId, account.names);
    for (const ref of account.documents) documents.add(ref);
  }
  const schemasOf = new Map(PERSONAL_DATA_COLLECTIONS.map((entry) => [entry.collection, entry.schemas]));
  for (const ref of [...documents].sort()) {
    if (outOfTime()) {
      run.stoppedEarly ??= 'out of time while anonymising; the next run finishes';
      return;
    }
    const [collection = '', key = ''] = ref.split('\u0000');
    const outcome = await anonymiseDocument(deps, opts, run, collection, key, closed, schemasOf.get(collection) ?? []);
    if (outcome === 'anonymised') run.documentsAnonymised += 1;
    if (outcome === 'skipped' || outcome === 'conflicted') run.documentsSkipped += 1;
  }
}

async function anonymiseDocument(
  deps: PersonalDataJobDeps,
  opts: PersonalDataJobOptions,
  run: PersonalDataRun,
  collection: string,
  key: string,
  closed: ReadonlyMap<string, ReadonlySet<string>>,
  schemas: readonly z.ZodType[],
): Promise<AnonymiseOutcome> {
  for (let attempt = 1; attempt <= opts.maxWriteAttempts; attempt += 1) {
    const stored = await deps.store.get(collection, key);
    if (stored === undefined) return 'gone';
    const next = anonymiseAccounts(stored.value, closed);
    if (!next.changed) return 'clean';
    const schema = schemas.find((candidate) => candidate.safeParse(stored.value).success);
    if (schema === undefined || !schema.safeParse(next.value).success) {
      deps.log.error('document naming a closed account left as it was: it does not match its schema', { collection, key, before: schema !== undefined });
      return 'skipped';
    }
    try {
      await deps.store.put(collection, key, next.value, stored.version);
      return 'anonymised';
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      // Someone saved it meanwhile: their save stands; anonymise what they saved.
      run.writeConflicts += 1;
    }
  }
  deps.log.warn('document naming a closed account still being saved; the next run anonymises it', { collection, key });
  return 'conflicted';
}

/** Rewrites, in Jira, the WSJF property of each cached epic whose author is a closed account. */
async function anonymiseWsjfAuthors(
  deps: PersonalDataJobDeps,
  opts: PersonalDataJobOptions,
  run: PersonalDataRun,
  accounts: ReadonlyMap<string, StoredAccount>,
  outOfTime: () => boolean,
): Promise<void> {
  if (deps.jira === undefined || run.closed.length === 0) return;
  const closed = new Set(run.closed);
  const epics = new Map<string, { id: string; key: string }>();
  for (const accountId of run.closed) for (const [id, epic] of accounts.get(accountId)?.wsjfEpics ?? []) epics.set(id, epic);
  let tried = 0;
  for (const epic of epics.values()) {
    if (outOfTime() || tried >= opts.maxWsjfRewrites) {
      run.stoppedEarly ??= 'WSJF authors left for the next run (time or per-run limit)';
      run.wsjfPropertiesSkipped += epics.size - tried;
      return;
    }
    tried += 1;
    try {
      const outcome = await anonymiseWsjfAuthor({ app: deps.jira, store: deps.store, clock: deps.clock, log: deps.log }, epic, closed, opts.maxWriteAttempts);
      if (outcome === 'anonymised') run.wsjfPropertiesAnonymised += 1;
      if (outcome === 'conflicted' || outcome === 'failed') run.wsjfPropertiesSkipped += 1;
    } catch (error) {
      run.wsjfPropertiesSkipped += 1;
      deps.log.error('WSJF author not anonymised in Jira; the next run tries again', { issueKey: epic.key, message: errorMessage(error) });
    }
  }
}
