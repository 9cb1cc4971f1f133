/** The portfolio Kanban: a column per state with its WIP limit, a card per epic the caller can see. */
import type { ResolverOutput } from '../contract/resolvers';
import { ageDays } from '../domain/flow';
import { wipColumns } from '../domain/wip';
import type { ServiceContext } from './context';
import { portfolioSnapshot } from './portfolio/snapshot';

export type Board = ResolverOutput<'portfolio/board'>;

export async function portfolioBoard(ctx: ServiceContext): Promise<Board> {
  const snapshot = await portfolioSnapshot(ctx);
  const { config, settings, today } = snapshot;
  const cards: Board['cards'] = [];
  const unmappedEpicKeys: string[] = [];
  const unmappedStatusIds = new Set<string>();
  for (const epic of snapshot.epics) {
    for (const statusId of epic.timeline.unmappedStatuses) if (epic.state === null || statusId === epic.statusId) unmappedStatusIds.add(statusId);
    if (epic.state === null) {
      unmappedEpicKeys.push(epic.key);
      continue;
    }
    cards.push({
      key: epic.key,
      summary: epic.summary,
      projectKey: epic.projectKey,
      state: epic.state,
      theme: epic.theme?.name ?? null,
      workType: epic.workType,
      wsjfScore: epic.wsjf.wsjfScore,
      ageDays: ageDays(epic.flow, config, today, { inclusive: settings.inclusiveFlowTime }),
      flagged: epic.flagged,
    });
  }
  const columns = wipColumns(
    config,
    settings.wipLimits,
    cards.map((card) => card.state),
  );
  return {
    asOf: today,
    commitment: config.commitment,
    columns,
    cards,
    unmappedEpicKeys,
    unmappedStatuses: [...unmappedStatusIds].map((id) => ({ id, name: snapshot.statusNames.get(id) ?? null })),
  };
}
