/**
 * The change history: append only. Every save records who changed what, when, and the version it
 * produced. Keys sort newest first, so a reader stops after the entries it needs instead of
 * reading the whole collection.
 */
import { HISTORY_SCHEMA_VERSION, historyEntrySchema } from '../contract/documents';
import type { HistoryEntry } from '../contract/documents';
import type { StorePort } from '../ports';
import type { ServiceContext } from './context';
import { errorMessage } from '../errors';

export const HISTORY_COLLECTION = 'history';
const PAGE_SIZE = 100;

export type NewHistoryEntry = Omit<HistoryEntry, 'schemaVersion' | 'at' | 'accountId'>;

let sequence = 0;

/** Keys of entries written newest-first start with this; older ones (oldest-first keys) with a digit. */
const NEWEST_FIRST_PREFIX = 'n';
/** Keys of the first scheme: zero-padded epoch ms, so they start with '0' until the year 5138. */
const OLDEST_FIRST_PREFIX = '0';
const LARGEST_AT = 999_999_999_999_999;
const LARGEST_SEQUENCE = 999_999;

/**
 * `n`, then the time counted down from the largest 15-digit ms (newer sorts first), then a sequence
 * counted down (saves of one process in the same ms: the later one first), then a random tail, so
 * two processes never write the same key.
 */
function historyKey(at: number): string {
  sequence = (sequence + 1) % (LARGEST_SEQUENCE + 1);
  const countdown = String(LARGEST_AT - at).padStart(15, '0');
  return `${NEWEST_FIRST_PREFIX}${countdown}-${String(LARGEST_SEQUENCE - sequence).padStart(6, '0')}-${Math.random().toString(36).slice(2, 10)}`;
}

/**
 * Appends an entry. A failed append does not undo the save it records (that already happened);
 * it is logged so the gap is visible.
 */
export async function recordChange(ctx: ServiceContext, entry: NewHistoryEntry): Promise<void> {
  const at = ctx.clock.now();
  const full: HistoryEntry = { schemaVersion: HISTORY_SCHEMA_VERSION, at, accountId: ctx.accountId, ...entry };
  try {
    await ctx.store.put(HISTORY_COLLECTION, historyKey(at), full, null);
  } catch (error) {
    ctx.log.error('history entry not recorded', {
      action: entry.action,
      subject: entry.subject.key,
      message: errorMessage(error),
    });
  }
}

/** The entries of one key range, in key order, parsed; unreadable ones are skipped and logged. */
async function* entriesInKeyOrder(store: StorePort, prefix: string, log: ServiceContext['log']): AsyncGenerator<HistoryEntry> {
  let cursor: string | undefined;
  do {
    const page = await store.list(HISTORY_COLLECTION, { prefix, cursor, limit: PAGE_SIZE });
    for (const item of page.items) {
      const parsed = historyEntrySchema.safeParse(item.value);
      if (parsed.success) yield parsed.data;
      else log.warn('unreadable history entry skipped', { key: item.key });
    }
    cursor = page.cursor;
  } while (cursor !== undefined);
}

/**
 * Every entry, newest first, read a page at a time as the caller asks for more. Entries under the
 * first key scheme (oldest first) are older than all others: they are read, all at once, only
 * when a caller gets past the newer ones.
 */
export async function* historyNewestFirst(store: StorePort, log: ServiceContext['log']): AsyncGenerator<HistoryEntry> {
  yield* entriesInKeyOrder(store, NEWEST_FIRST_PREFIX, log);
  const older: HistoryEntry[] = [];
  for await (const entry of entriesInKeyOrder(store, OLDEST_FIRST_PREFIX, log)) older.push(entry);
  yield* older.reverse();
}

/**
 * Entries at or after `since` (epoch ms) that `keep` accepts, newest first, at most `limit`;
 * reading stops at the first older entry or once `limit` are found.
 */
export async function listHistory(
  store: StorePort,
  options: { since?: number; limit: number; keep?: (entry: HistoryEntry) => boolean | Promise<boolean> },
  log: ServiceContext['log'],
): Promise<HistoryEntry[]> {
  const entries: HistoryEntry[] = [];
  if (options.limit <= 0) return entries;
  for await (const entry of historyNewestFirst(store, log)) {
    if (options.since !== undefined && entry.at < options.since) break;
    if (options.keep && !(await options.keep(entry))) continue;
    entries.push(entry);
    if (entries.length >= options.limit) break;
  }
  return entries;
}
