/**
 * The change history: append only. Every save records who changed what, when, and the version it
 * produced. Keys sort by time, so listing in key order is listing in time order.
 */
import { HISTORY_SCHEMA_VERSION, historyEntrySchema } from '../contract/documents';
import type { HistoryEntry } from '../contract/documents';
import type { StorePort } from '../ports';
import type { ServiceContext } from './context';

export const HISTORY_COLLECTION = 'history';
const PAGE_SIZE = 100;

export type NewHistoryEntry = Omit<HistoryEntry, 'schemaVersion' | 'at' | 'accountId'>;

let sequence = 0;

/**
 * Epoch ms, zero-padded so keys sort as numbers; then a sequence, so saves of one process in the
 * same ms keep their order; then a random tail, so two processes never write the same key.
 */
function historyKey(at: number): string {
  sequence = (sequence + 1) % 1_000_000;
  return `${String(at).padStart(15, '0')}-${String(sequence).padStart(6, '0')}-${Math.random().toString(36).slice(2, 10)}`;
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
      message: error instanceof Error ? error.message : String(error),
    });
  }
}

/** Entries at or after `since` (epoch ms), newest first, at most `limit`. Unreadable entries are skipped and logged. */
export async function listHistory(
  store: StorePort,
  options: { since?: number; limit: number },
  log: ServiceContext['log'],
): Promise<HistoryEntry[]> {
  const entries: HistoryEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list(HISTORY_COLLECTION, { cursor, limit: PAGE_SIZE });
    for (const item of page.items) {
      const parsed = historyEntrySchema.safeParse(item.value);
      if (!parsed.success) {
        log.warn('unreadable history entry skipped', { key: item.key });
        continue;
      }
      if (options.since === undefined || parsed.data.at >= options.since) entries.push(parsed.data);
    }
    cursor = page.cursor;
  } while (cursor !== undefined);
  return entries.reverse().slice(0, options.limit);
}
