/**
 * The change history: append only. Every save records who changed what, when, and the version it
 * produced. Keys sort newest first, so a reader stops after the entries it needs instead of
 * reading the whole collection.
 */
import { HISTORY_SCHEMA_VERSION, historyEntrySchema } from '../contract/documents';
import type { HistoryEntry } from '../contract/documents';
import { MAX_STORED_VALUE_BYTES } from '../ports';
import type { DocumentWrite, StorePort } from '../ports';
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

/** Room left in one stored value for the item's own envelope (collection, key, version). */
const ENVELOPE_BYTES = 1024;
/** A summary is one line a person reads; longer ones are cut. */
const MAX_SUMMARY_CHARS = 1000;
const byteLength = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8');

/**
 * The entry cut to what one stored value holds (240 KiB with its envelope): the summary to one
 * line, then the changes in order while they fit, the rest named by a last change marking the cut.
 */
export function fitHistoryEntry(entry: HistoryEntry, limitBytes = MAX_STORED_VALUE_BYTES - ENVELOPE_BYTES): HistoryEntry {
  const summary = entry.summary.length > MAX_SUMMARY_CHARS ? `${entry.summary.slice(0, MAX_SUMMARY_CHARS - 1)}…` : entry.summary;
  const fitted: HistoryEntry = { ...entry, summary };
  if (byteLength(fitted) <= limitBytes) return fitted;
  const marker = (left: number) => ({
    field: 'truncated',
    from: null,
    to: `${left} of ${entry.changes.length} changes not recorded: the entry would pass the 240 KiB a stored value holds`,
  });
  const kept: HistoryEntry['changes'] = [];
  let size = byteLength({ ...fitted, changes: [marker(entry.changes.length)] });
  for (const change of entry.changes) {
    const changeBytes = byteLength(change) + 1;
    if (size + changeBytes > limitBytes) break;
    kept.push(change);
    size += changeBytes;
  }
  return { ...fitted, changes: [...kept, marker(entry.changes.length - kept.length)] };
}

/** The full entry, by the caller, now, fitted to one stored value. */
export function completeHistoryEntry(ctx: ServiceContext, entry: NewHistoryEntry): HistoryEntry {
  return fitHistoryEntry({ schemaVersion: HISTORY_SCHEMA_VERSION, at: ctx.clock.now(), accountId: ctx.accountId, ...entry });
}

/** The full entry as a create in the history collection (for `putAll`). */
export function historyEntryWrite(ctx: ServiceContext, entry: NewHistoryEntry): DocumentWrite & { value: HistoryEntry } {
  const full = completeHistoryEntry(ctx, entry);
  return { collection: HISTORY_COLLECTION, key: historyKey(full.at), value: full, expectedVersion: null };
}

/** A stored entry (e.g. one kept pending in the WSJF register) written as a create of its own. */
export function storedEntryWrite(entry: HistoryEntry): DocumentWrite {
  return { collection: HISTORY_COLLECTION, key: historyKey(entry.at), value: fitHistoryEntry(entry), expectedVersion: null };
}

/**
 * Appends an entry on its own, for a change that is not a stored document. A failed append does
 * not undo the change it records (that already happened); it is logged so the gap is visible.
 * Saves of stored documents write their entry in the same transaction instead (documents.ts).
 */
export async function recordChange(ctx: ServiceContext, entry: NewHistoryEntry): Promise<void> {
  const write = historyEntryWrite(ctx, entry);
  try {
    await ctx.store.put(write.collection, write.key, write.value, null);
  } catch (error) {
    ctx.log.error('history entry not recorded', {
      action: entry.action,
      subject: entry.subject.key,
      message: errorMessage(error),
    });
  }
}

/** What changed between two lists of items with ids, for an entry's `changes`. */
export function listChanges<T extends { id: string; name?: string }>(field: string, before: readonly T[], after: readonly T[]): HistoryEntry['changes'] {
  const beforeById = new Map(before.map((item) => [item.id, item]));
  const afterIds = new Set(after.map((item) => item.id));
  const changes: HistoryEntry['changes'] = [];
  for (const item of after) {
    const old = beforeById.get(item.id);
    if (old === undefined) {
      changes.push({ field: `${field}[${item.id}]`, from: null, to: item });
      continue;
    }
    const props = new Set([...Object.keys(old), ...Object.keys(item)]) as Set<keyof T & string>;
    for (const prop of props) {
      if (JSON.stringify(old[prop]) !== JSON.stringify(item[prop])) changes.push({ field: `${field}[${item.id}].${prop}`, from: old[prop] ?? null, to: item[prop] ?? null });
    }
  }
  // A removed item is named, not copied: its content is in the entry that added or last changed it.
  for (const item of before) {
    if (!afterIds.has(item.id)) changes.push({ field: `${field}[${item.id}]`, from: item.name === undefined ? { id: item.id } : { id: item.id, name: item.name }, to: null });
  }
  const keptOrder = (items: readonly T[]) => items.filter((item) => beforeById.has(item.id) && afterIds.has(item.id)).map((item) => item.id);
  if (JSON.stringify(keptOrder(before)) !== JSON.stringify(keptOrder(after))) changes.push({ field: `${field}.order`, from: keptOrder(before), to: keptOrder(after) });
  return changes;
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
