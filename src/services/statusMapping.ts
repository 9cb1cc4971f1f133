/**
 * The statuses the scope's epics use (now or in their history, as the caller sees them), with
 * Jira's name and category, the state each maps to and, for unmapped ones, the state their
 * category suggests. Unmapped first: they are what an admin has to act on.
 */
import type { ResolverOutput } from '../contract/resolvers';
import { suggestedState } from '../domain/configurationCheck';
import { stateForStatus } from '../domain/states';
import type { ServiceContext } from './context';
import { portfolioSnapshot } from './portfolio/snapshot';

export async function statusMapping(ctx: ServiceContext): Promise<ResolverOutput<'admin/mapping'>> {
  const [snapshot, statuses] = await Promise.all([portfolioSnapshot(ctx), ctx.jira.user.getStatuses()]);
  const now = new Map<string, number>();
  const ever = new Map<string, number>();
  for (const epic of snapshot.epics) {
    now.set(epic.statusId, (now.get(epic.statusId) ?? 0) + 1);
    const seen = new Set([epic.statusId]);
    for (const change of epic.history.statusChanges) for (const id of [change.fromStatusId, change.toStatusId]) if (id !== null) seen.add(id);
    for (const id of seen) ever.set(id, (ever.get(id) ?? 0) + 1);
  }
  const byId = new Map(statuses.map((status) => [status.id, status]));
  const rows = [...ever.keys()].map((id) => {
    const status = byId.get(id);
    const category = status?.statusCategory?.key ?? null;
    const state = stateForStatus(snapshot.config, id);
    return {
      id,
      name: status?.name ?? snapshot.statusNames.get(id) ?? `Status ${id}`,
      category,
      state,
      epicsNow: now.get(id) ?? 0,
      epicsEver: ever.get(id) ?? 0,
      suggestion: state === null ? suggestedState(snapshot.config, category) : null,
    };
  });
  rows.sort((a, b) => Number(a.state !== null) - Number(b.state !== null) || b.epicsEver - a.epicsEver || a.name.localeCompare(b.name));
  return { mappingByName: snapshot.settings.mapping === null, statuses: rows };
}
