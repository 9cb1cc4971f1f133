/**
 * After the caller moved an epic in Jira, the cache takes the epic's new status and its status
 * history from Jira's changelog (bulkfetch by id: no search, so no eventual-consistency window),
 * so the next page load shows the move without waiting for a refresh.
 */
import type { ServiceContext } from '../context';
import { toEpicHistory } from '../epicHistory';
import { historyFieldIds } from '../historyFields';
import { patchCachedEpic } from './cacheWrites';
import { loadEpicCacheMeta } from './epicCache';
import type { CachedEpic } from './epicCache';
import { errorMessage } from '../../errors';

export async function updateCachedStatus(ctx: ServiceContext, issueId: string, toStatus: { id: string; name: string }): Promise<void> {
  try {
    const meta = await loadEpicCacheMeta(ctx.store);
    if (!meta) return;
    const changelogs = await ctx.jira.app.fetchChangelogs([issueId], historyFieldIds(meta.flaggedFieldId));
    const moved = (epic: CachedEpic): CachedEpic => {
      const history = toEpicHistory({ id: epic.id, key: epic.key, fields: { created: epic.createdAt, status: toStatus } }, changelogs.get(issueId) ?? []);
      return {
        ...epic,
        statusId: toStatus.id,
        updatedAt: ctx.clock.now(),
        statusChanges: history.statusChanges.map((change): [number, string | null, string] => [change.at, change.fromStatusId, change.toStatusId]),
        flagChanges: history.flagChanges.map((change): [number, boolean] => [change.at, change.flagged]),
      };
    };
    await patchCachedEpic(ctx, meta, issueId, moved);
  } catch (error) {
    // Jira has the move; a cache that missed it catches up on the next refresh.
    ctx.log.warn('cache write-through after a move failed', { issueId, message: errorMessage(error) });
  }
}
