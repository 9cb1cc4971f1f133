/**
 * An epic's latest WSJF saves, as the epic panel shows them ("score changes"). The epic's WSJF
 * register keeps them (wsjfRegister.ts), written in the transaction that records each save's
 * history entry, so the panel reads one document; the history, shared by every change in the
 * portfolio, is scanned only for an epic whose register does not keep them yet (written before it
 * did). An epic without a register has no save of the app's (wsjfRegister.ts, `keptSaves`).
 */
import type { HistoryEntry } from '../contract/documents';
import type { ServiceContext } from './context';
import { fitHistoryEntry, historyNewestFirst } from './history';

export const RECENT_WSJF_SAVES = 5;
export const WSJF_SAVE_ACTION = 'epic/wsjf/save';
/** On a busy site an epic's saves can be far back: the scan stops here (a read unit an entry). */
const HISTORY_ENTRIES_SCANNED = 300;

export const isWsjfSaveOf = (entry: HistoryEntry, issueId: string): boolean =>
  entry.action === WSJF_SAVE_ACTION && entry.subject.kind === 'epic' && entry.subject.issueId === issueId;

/** The epic's latest saves found in the history, newest first. */
export async function scanRecentWsjfSaves(ctx: Pick<ServiceContext, 'store' | 'log'>, issueId: string): Promise<HistoryEntry[]> {
  const saves: HistoryEntry[] = [];
  let scanned = 0;
  for await (const entry of historyNewestFirst(ctx.store, ctx.log)) {
    if (++scanned > HISTORY_ENTRIES_SCANNED) break;
    if (!isWsjfSaveOf(entry, issueId)) continue;
    saves.push(entry);
    if (saves.length >= RECENT_WSJF_SAVES) break;
  }
  return saves;
}

/** The saves kept with `entry` recorded as the history stores it (only an epic's own WSJF saves count; the newest first). */
export function withRecordedSave(recent: readonly HistoryEntry[], entry: HistoryEntry): HistoryEntry[] {
  if (entry.action !== WSJF_SAVE_ACTION) return [...recent];
  return [fitHistoryEntry(entry), ...recent].slice(0, RECENT_WSJF_SAVES);
}
