/**
 * Epics an issue-updated event named that the cache has not re-read yet: ONE small versioned
 * document. The event only records the id here (1 read unit, 1 write, no Jira request); the next
 * request that serves cache data re-reads those epics (view.ts, snapshot.ts) and removes exactly
 * the ids it applied. Every refresh that covers an entry clears it too: an `updated >=` pass or a
 * rebuild that STARTED after the entry was recorded has read that epic as it then was.
 *
 * Bounds: at most 200 ids (~6 KB, one read unit). When full, the set is not grown: `overflowedAt`
 * says an id was dropped, and readers then take the ordinary `updated >=` pass, which finds it.
 * A recorder refused by a concurrent writer reads again and retries a few times, then logs and
 * gives up: the next incremental refresh (`updated >= lastRefresh`) catches the epic anyway.
 */
import { z } from 'zod';
import { ConflictError, errorMessage } from '../../errors';
import type { Clock, Log, StorePort } from '../../ports';
import type { ServiceContext } from '../context';

/** Says "cache", so the cache tooling treats it as cache; it names no account. */
export const PENDING_EPICS_COLLECTION = 'epic-cache-pending';
const KEY = 'epics';
export const MAX_PENDING_EPICS = 200;
const WRITE_ATTEMPTS = 5;
/** A random wait of up to this many ms times the attempt before a retry, so refused writers do not retry in step. */
const RETRY_JITTER_MS = 20;

const pendingEntrySchema = z.object({
  /** Jira's issue id (digits). */
  id: z.string().regex(/^[1-9]\d{0,18}$/),
  /** When the event was recorded (epoch ms): a refresh that started later covers it. */
  at: z.number().int(),
});
export type PendingEntry = z.infer<typeof pendingEntrySchema>;

const pendingDocumentSchema = z.object({
  schemaVersion: z.literal(1),
  entries: z.array(pendingEntrySchema).max(MAX_PENDING_EPICS),
  /** The latest time an id was dropped because the set was full; null: nothing dropped. */
  overflowedAt: z.number().int().nullable(),
});

export interface PendingEpics {
  readonly entries: readonly PendingEntry[];
  readonly overflowedAt: number | null;
  /** The stored version (null: none stored), for the conditional write that follows. */
  readonly version: number | null;
}

export const NO_PENDING_EPICS: PendingEpics = { entries: [], overflowedAt: null, version: null };

interface Deps {
  readonly store: StorePort;
  readonly clock: Clock;
  readonly log: Log;
}

/** The set as stored; a damaged document counts as empty (logged), and the next write replaces it. */
export async function readPendingEpics(deps: Pick<Deps, 'store' | 'log'>): Promise<PendingEpics> {
  const stored = await deps.store.get(PENDING_EPICS_COLLECTION, KEY);
  if (stored === undefined) return NO_PENDING_EPICS;
  const parsed = pendingDocumentSchema.safeParse(stored.value);
  if (parsed.success) return { ...parsed.data, version: stored.version };
  deps.log.warn('pending epics unreadable; taken as none', { version: stored.version });
  return { ...NO_PENDING_EPICS, version: stored.version };
}

/** The set as this request read it: once per request (the cards' view and the whole-cache path share it). */
export function requestPendingEpics(ctx: ServiceContext): Promise<PendingEpics> {
  return ctx.memo('pending-epics', () => readPendingEpics(ctx));
}

/** True when readers have work: ids to re-read, or ids dropped (then the `updated >=` pass). */
export const hasPendingWork = (pending: PendingEpics): boolean => pending.entries.length > 0 || pending.overflowedAt !== null;

/** The distinct ids of the set. */
export const pendingIds = (pending: PendingEpics): string[] => [...new Set(pending.entries.map((entry) => entry.id))];

export type RecordOutcome = 'recorded' | 'overflowed' | 'lost';

/** Records that `issueId` changed (the issue-updated event). Never throws. */
export async function recordPendingEpic(deps: Deps, issueId: string): Promise<RecordOutcome> {
  if (!pendingEntrySchema.shape.id.safeParse(issueId).success) {
    deps.log.warn('issue id not recorded as pending: not a Jira issue id', { issueId: issueId.slice(0, 40) });
    return 'lost';
  }
  return updatePending(deps, undefined, (pending, now) => {
    // An id recorded earlier is recorded again with the new time: a reader that is applying the
    // earlier entry (its search may predate this change) removes that entry only.
    const others = pending.entries.filter((entry) => entry.id !== issueId);
    if (others.length >= MAX_PENDING_EPICS) return { outcome: 'overflowed', entries: pending.entries, overflowedAt: now };
    return { outcome: 'recorded', entries: [...others, { id: issueId, at: now }], overflowedAt: pending.overflowedAt };
  }, 'recorded');
}

/**
 * What a reader or a refresh covered: these exact entries (as read: an id recorded again since
 * keeps its newer entry), everything recorded before a rebuild started (`recordedBefore`), ids
 * dropped from a full set before an `updated >=` pass started (`overflowBefore`).
 */
export interface Covered {
  readonly entries?: readonly PendingEntry[];
  readonly recordedBefore?: number;
  readonly overflowBefore?: number;
}

/**
 * Removes what was covered, naming the version read (`known`, else read now); refused, it reads
 * again and removes the same: entries recorded meanwhile stay. Never throws: an entry left behind
 * is only re-read once more.
 */
export async function clearPendingEpics(deps: Deps, covered: Covered, known?: PendingEpics): Promise<void> {
  const applied = new Set((covered.entries ?? []).map((entry) => `${entry.id}@${entry.at}`));
  const before = covered.recordedBefore ?? Number.NEGATIVE_INFINITY;
  const overflowBefore = Math.max(before, covered.overflowBefore ?? Number.NEGATIVE_INFINITY);
  const isCovered = (entry: PendingEntry) => entry.at < before || applied.has(`${entry.id}@${entry.at}`);
  await updatePending(deps, known, (pending) => {
    const entries = pending.entries.filter((entry) => !isCovered(entry));
    const overflowedAt = pending.overflowedAt !== null && pending.overflowedAt < overflowBefore ? null : pending.overflowedAt;
    if (entries.length === pending.entries.length && overflowedAt === pending.overflowedAt) return null;
    return { outcome: 'cleared', entries, overflowedAt };
  }, 'nothing');
}

type Change<O> = { outcome: O; entries: readonly PendingEntry[]; overflowedAt: number | null } | null;

/**
 * One conditional write of `change(pending)` (`known`: the set as already read, else read now); on
 * a conflict, read again and apply it again (bounded). A null change: nothing to write.
 */
async function updatePending<O extends string, U extends string>(deps: Deps, known: PendingEpics | undefined, change: (pending: PendingEpics, now: number) => Change<O>, unchanged: U): Promise<O | U | 'lost'> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const pending = attempt === 1 && known !== undefined ? known : await readPendingEpics(deps);
      const next = change(pending, deps.clock.now());
      if (next === null) return unchanged;
      await deps.store.put(PENDING_EPICS_COLLECTION, KEY, { schemaVersion: 1, entries: next.entries, overflowedAt: next.overflowedAt }, pending.version);
      return next.outcome;
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= WRITE_ATTEMPTS) {
        deps.log.warn('pending epics not updated; the next refresh catches up', { attempt, message: errorMessage(error) });
        return 'lost';
      }
      await new Promise((resolve) => setTimeout(resolve, Math.random() * RETRY_JITTER_MS * attempt));
    }
  }
}
