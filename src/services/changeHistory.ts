/**
 * The change history as the caller may read it: entries about epics they cannot see are left out,
 * so the history never tells anyone an epic exists.
 */
import type { ResolverOutput } from '../contract/resolvers';
import type { ServiceContext } from './context';
import { listHistory } from './history';
import { portfolioSnapshot } from './portfolio/snapshot';

export async function visibleHistory(ctx: ServiceContext, input: { since?: number; limit?: number }): Promise<ResolverOutput<'history/list'>> {
  const limit = input.limit ?? 100;
  const entries = await listHistory(ctx.store, { since: input.since, limit: Number.MAX_SAFE_INTEGER }, ctx.log);
  const aboutEpics = entries.some((entry) => entry.subject.kind === 'epic');
  const visibleIds = aboutEpics ? new Set((await portfolioSnapshot(ctx)).epics.map((epic) => epic.id)) : new Set<string>();
  return {
    entries: entries
      .filter((entry) => entry.subject.kind !== 'epic' || (entry.subject.issueId !== undefined && visibleIds.has(entry.subject.issueId)))
      .slice(0, limit)
      .map(({ schemaVersion: _schemaVersion, ...entry }) => entry),
  };
}
