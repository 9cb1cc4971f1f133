/**
 * The issues the app itself wrote in Jira a moment ago (a Kanban move, a theme label, a WSJF
 * property save), remembered for a few minutes in ONE small store value, so the searches that
 * follow can pass them as search/jql's `reconcileIssues`. Jira's search is eventually consistent:
 * without it, a search right after a write may still see the issue as it was (its old status or
 * labels), and the incremental refresh would write that old state back over the cache.
 *
 * Bounds: at most 50 ids (Jira's `reconcileIssues` limit), the newest kept, each for 10 minutes
 * (Jira's index catches up in seconds; the window also covers a cache served fresh for a minute
 * and the next incremental refresh after it). 50 entries are ~1.7 KB: one KVS read unit, read once
 * per request (`ctx.memo`).
 *
 * Concurrent writers: the value is a versioned document; a write names the version it read and,
 * refused, waits a random few ms, reads again and merges (5 tries; 12 writers at once all land on
 * the memory store, 11 or 12 on the file store). Should every try lose (or storage fail), the id
 * is only logged and dropped rather than failing the user's change, which already stands in Jira:
 * a missing id makes the searches of the next few minutes possibly stale for that epic, exactly
 * as they were before the app passed reconcileIssues at all.
 */
import { z } from 'zod';
import { ConflictError, errorMessage } from '../../errors';
import type { Clock, Log, StorePort } from '../../ports';
import type { ServiceContext } from '../context';

/** The sync's collection: the value names no account (classified in personalDataInventory). */
const COLLECTION = 'sync';
const KEY = 'recent-writes';
const MEMO_KEY = 'recent-writes';
/** How long a written issue is reconciled by later searches. */
export const RECENT_WRITES_WINDOW_MS = 10 * 60_000;
/** search/jql accepts at most 50 `reconcileIssues`. */
export const MAX_RECENT_WRITES = 50;
const WRITE_ATTEMPTS = 5;
/**
 * Before a retry, a random wait of up to this many ms times the attempt: writers refused together
 * would otherwise read and write again in step, and only one of them land per round.
 */
const RETRY_JITTER_MS = 20;

const recentWriteSchema = z.object({
  /** Jira's numeric issue id, as `reconcileIssues` takes it. */
  id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  /** When the app wrote it (epoch ms). */
  at: z.number().int(),
});
export type RecentWrite = z.infer<typeof recentWriteSchema>;

/** Entries are checked one by one, so one bad entry does not drop the others. */
const recentWritesSchema = z.object({ schemaVersion: z.literal(1), writes: z.array(z.unknown()).max(1_000) });

/** The stored value as entries; anything unreadable (corrupt, another shape) counts as none. */
export function parseRecentWrites(value: unknown): RecentWrite[] {
  const parsed = recentWritesSchema.safeParse(value);
  if (!parsed.success) return [];
  return parsed.data.writes.flatMap((entry) => {
    const write = recentWriteSchema.safeParse(entry);
    return write.success ? [write.data] : [];
  });
}

/**
 * The writes still inside the window at `now`, one per issue (its latest), newest first, at most
 * 50. An entry dated ahead of `now` by more than the window (a clock gone wrong) is dropped too,
 * so nothing stays for good.
 */
export function liveWrites(writes: readonly RecentWrite[], now: number): RecentWrite[] {
  const latest = new Map<number, RecentWrite>();
  for (const write of writes) {
    if (write.at <= now - RECENT_WRITES_WINDOW_MS || write.at > now + RECENT_WRITES_WINDOW_MS) continue;
    const seen = latest.get(write.id);
    if (!seen || write.at > seen.at) latest.set(write.id, write);
  }
  return [...latest.values()].sort((a, b) => b.at - a.at).slice(0, MAX_RECENT_WRITES);
}

/** App issue ids are decimal strings; anything else cannot be reconciled and is left out. */
function issueIdNumber(id: string): number | null {
  if (!/^[1-9]\d*$/.test(id)) return null;
  const number = Number(id);
  return Number.isSafeInteger(number) ? number : null;
}

/** The ids to reconcile at `now`, read from the store (one value). For callers without a request context. */
export async function readRecentlyWrittenIds(store: StorePort, now: number): Promise<number[]> {
  const stored = await store.get(COLLECTION, KEY);
  return liveWrites(parseRecentWrites(stored?.value), now).map((write) => write.id);
}

/** What a request knows of the recent writes; `record` keeps it current for the request's later searches. */
interface RequestRecentWrites {
  writes: RecentWrite[];
}

function requestRecentWrites(ctx: ServiceContext): Promise<RequestRecentWrites> {
  return ctx.memo(MEMO_KEY, async () => {
    const stored = await ctx.store.get(COLLECTION, KEY);
    return { writes: parseRecentWrites(stored?.value) };
  });
}

/** The ids to pass as `reconcileIssues` on this request's searches: one store read per request. */
export async function recentlyWrittenIds(ctx: ServiceContext): Promise<number[]> {
  return liveWrites((await requestRecentWrites(ctx)).writes, ctx.clock.now()).map((write) => write.id);
}

/**
 * Remembers that the app just wrote these issues (call it once Jira accepted the write). Never
 * throws: the write already happened, and losing the note only costs read-after-write on one search.
 */
export async function recordRecentWrites(ctx: ServiceContext, issueIds: readonly string[]): Promise<void> {
  const ids = issueIds.map(issueIdNumber).filter((id): id is number => id !== null);
  if (ids.length === 0) return;
  const written = await storeRecentWrites(ctx, ids);
  if (written === null) return;
  // This request's later searches (a board rebuilt after the move) reconcile them too.
  const known = await ctx.memo(MEMO_KEY, async (): Promise<RequestRecentWrites> => ({ writes: written }));
  known.writes = written;
}

async function storeRecentWrites(deps: { readonly store: StorePort; readonly clock: Clock; readonly log: Log }, ids: readonly number[]): Promise<RecentWrite[] | null> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const now = deps.clock.now();
      const stored = await deps.store.get(COLLECTION, KEY);
      // The new ones first: with more than 50, the oldest go.
      const writes = liveWrites([...ids.map((id) => ({ id, at: now })), ...parseRecentWrites(stored?.value)], now);
      await deps.store.put(COLLECTION, KEY, { schemaVersion: 1, writes }, stored?.version ?? null);
      return writes;
    } catch (error) {
      if (error instanceof ConflictError && attempt < WRITE_ATTEMPTS) {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * RETRY_JITTER_MS * attempt));
        continue;
      }
      deps.log.warn('recent Jira writes not recorded; the next search may not reconcile them', { issues: ids.length, message: errorMessage(error) });
      return null;
    }
  }
}
