/**
 * The change history as the caller may read it: entries about epics they cannot see are left out,
 * so the history never tells anyone an epic exists. "Can see" is the caller's own scope search
 * (ids only, shared with the snapshot when the request builds one), asked only when an entry
 * about an epic is reached.
 */
import type { HistoryEntry } from '../contract/documents';
import type { ResolverOutput } from '../contract/resolvers';
import type { ServiceContext } from './context';
import { listHistory } from './history';
import { visibleEpicIds } from './portfolio/perRequest';

export async function visibleHistory(ctx: ServiceContext, input: { since?: number; limit?: number }): Promise<ResolverOutput<'history/list'>> {
  let visibleIds: Promise<Set<string>> | undefined;
  const mayRead = async (entry: HistoryEntry): Promise<boolean> => {
    if (entry.subject.kind !== 'epic') return true;
    visibleIds ??= visibleEpicIds(ctx).then((ids) => new Set(ids));
    return entry.subject.issueId !== undefined && (await visibleIds).has(entry.subject.issueId);
  };
  const entries = await listHistory(ctx.store, { since: input.since, limit: input.limit ?? 100, keep: mayRead }, ctx.log);
  return { entries: entries.map(({ schemaVersion: _schemaVersion, ...entry }) => entry) };
}
