/**
 * A closed account named as the author (`updatedBy`) of an epic's WSJF issue property: the app
 * wrote it into Jira, so the app anonymises it there. The rewrite goes through the WSJF version
 * register like any save (services/wsjfRegister.ts): it claims version N + 1, writes the property
 * with the same components and `updatedBy: "unknown"`, and records a `privacy/anonymise` history
 * entry. A user's save in flight wins the claim; the job then re-reads, and finds the user as the
 * author (nothing left to do) or tries again.
 */
import { HISTORY_SCHEMA_VERSION, WSJF_PROPERTY_KEY } from '../contract/documents';
import type { HistoryEntry } from '../contract/documents';
import { ConflictError, errorMessage } from '../errors';
import type { Clock, JiraPort, Log, StorePort } from '../ports';
import { createServiceContext } from './context';
import { ANONYMOUS_ACCOUNT_ID } from './personalDataFields';
import { readWsjfProperty } from './wsjfProperty';
import { claimWsjfVersion, releaseWsjfClaim, settleWsjfClaim } from './wsjfRegister';

export const PRIVACY_ACTION = 'privacy/anonymise';

export interface WsjfAnonymiseDeps {
  readonly app: JiraPort;
  readonly store: StorePort;
  readonly clock: Clock;
  readonly log: Log;
}

export type WsjfAnonymiseOutcome = 'anonymised' | 'clean' | 'conflicted' | 'failed';

/** The epics a cached chunk names with a WSJF author, by author. */
export function wsjfAuthorsInChunk(chunk: unknown): { accountId: string; epic: { id: string; key: string } }[] {
  const epics = typeof chunk === 'object' && chunk !== null ? (chunk as { epics?: unknown }).epics : undefined;
  if (!Array.isArray(epics)) return [];
  const found: { accountId: string; epic: { id: string; key: string } }[] = [];
  for (const epic of epics as { id?: unknown; key?: unknown; wsjf?: { updatedBy?: unknown } | null }[]) {
    const author = epic?.wsjf?.updatedBy;
    if (typeof author === 'string' && typeof epic.id === 'string' && typeof epic.key === 'string') found.push({ accountId: author, epic: { id: epic.id, key: epic.key } });
  }
  return found;
}

export async function anonymiseWsjfAuthor(
  deps: WsjfAnonymiseDeps,
  epic: { id: string; key: string },
  closed: ReadonlySet<string>,
  maxAttempts: number,
): Promise<WsjfAnonymiseOutcome> {
  // The app acts alone: its history entries name no account.
  const ctx = createServiceContext({ jira: { user: deps.app, app: deps.app }, store: deps.store, clock: deps.clock, log: deps.log, accountId: '', cacheFreshMs: 0 });
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    const raw = await deps.app.getIssueProperty(epic.id, WSJF_PROPERTY_KEY);
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'clean';
    const author = (raw as { updatedBy?: unknown }).updatedBy;
    if (typeof author !== 'string' || !closed.has(author)) return 'clean';
    const version = readWsjfProperty(raw).version ?? 1;
    const entry: HistoryEntry = {
      schemaVersion: HISTORY_SCHEMA_VERSION,
      at: deps.clock.now(),
      accountId: '',
      action: PRIVACY_ACTION,
      subject: { kind: 'epic', key: epic.key, issueId: epic.id },
      version: version + 1,
      summary: 'The author of the WSJF score closed their Atlassian account: anonymised',
      changes: [],
    };
    let claim;
    try {
      claim = await claimWsjfVersion(ctx, epic, version, entry);
    } catch (error) {
      if (error instanceof ConflictError) continue; // a user's save is in flight: read what it wrote
      throw error;
    }
    try {
      await deps.app.setIssueProperty(epic.id, WSJF_PROPERTY_KEY, { ...raw, version: version + 1, updatedBy: ANONYMOUS_ACCOUNT_ID });
    } catch (error) {
      await releaseWsjfClaim(ctx, claim);
      deps.log.error('WSJF author not anonymised in Jira; the next run tries again', { issueKey: epic.key, message: errorMessage(error) });
      return 'failed';
    }
    await settleWsjfClaim(ctx, claim);
    return 'anonymised';
  }
  deps.log.warn('WSJF score still being saved; the next run anonymises its author', { issueKey: epic.key });
  return 'conflicted';
}
