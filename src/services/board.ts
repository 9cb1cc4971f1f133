/**
 * The portfolio Kanban: a column per state with its count against its WIP limit, a card per epic
 * the caller can see, in WSJF rank order. Counts and ranks are over the caller's epics, or over the
 * whole portfolio when settings.portfolioTotalsIncludeHidden is on (numbers only: see totals.ts).
 */
import type { ResolverOutput } from '../contract/resolvers';
import { daysBetween, toLocalDate } from '../domain/calendar';
import { ageDays } from '../domain/flow';
import { doneState } from '../domain/states';
import { wipColumns } from '../domain/wip';
import { compareKeysNaturally } from '../domain/wsjf';
import { commitmentGate } from './commitmentGate';
import type { ServiceContext } from './context';
import type { PortfolioEpic, PortfolioView } from './portfolio/snapshot';
import { portfolioView } from './portfolio/view';
import { portfolioTotals } from './portfolio/totals';

export type Board = ResolverOutput<'portfolio/board'>;
export type BoardCard = Board['cards'][number];

const DAY_MS = 86_400_000;

export interface BoardOptions {
  /** Done shows the epics finished within this many days; undefined: all of them. */
  readonly doneWithinDays?: number;
}

/** Calendar days since the epic entered its current state (the open span; unmapped statuses extend it). */
function daysInState(epic: PortfolioEpic, view: PortfolioView): number {
  // Only epics with a state are on the board, so they have an open span.
  const since = epic.stateSince ?? view.now;
  return Math.max(0, daysBetween(toLocalDate(since, view.settings.timeZone), view.today));
}

/** Days since Done was entered; null when the epic has no Done date. */
function daysSinceDone(epic: PortfolioEpic, view: PortfolioView): number | null {
  const doneOn = epic.flow.stateDates[doneState(view.config)] ?? null;
  return doneOn === null ? null : daysBetween(doneOn, view.today);
}

export async function portfolioBoard(ctx: ServiceContext, options: BoardOptions = {}): Promise<Board> {
  const snapshot = await portfolioView(ctx);
  const { config, settings, today } = snapshot;
  const [totals, gate] = await Promise.all([portfolioTotals(ctx), commitmentGate(ctx, config)]);
  const done = doneState(config);
  const staleBefore = ctx.clock.now() - settings.staleScoreDays * DAY_MS;

  const cards: BoardCard[] = [];
  const unmappedEpicKeys: string[] = [];
  const unmappedStatusIds = new Set<string>();
  let olderDone = 0;
  for (const epic of snapshot.epics) {
    for (const statusId of epic.unmappedStatuses) if (epic.state === null || statusId === epic.statusId) unmappedStatusIds.add(statusId);
    if (epic.state === null) {
      unmappedEpicKeys.push(epic.key);
      continue;
    }
    if (epic.state === done && options.doneWithinDays !== undefined) {
      const since = daysSinceDone(epic, snapshot);
      if (since !== null && since >= options.doneWithinDays) {
        olderDone += 1;
        continue;
      }
    }
    const scoredAt = epic.wsjf.version === null ? null : epic.scored.at;
    cards.push({
      key: epic.key,
      summary: epic.summary,
      projectKey: epic.projectKey,
      state: epic.state,
      theme: epic.theme?.name ?? null,
      valueStream: epic.valueStream.name,
      workType: epic.workType,
      wsjfScore: epic.wsjf.wsjfScore,
      rank: totals.rankByKey.get(epic.key)?.rank ?? null,
      ageDays: ageDays(epic.flow, config, today, { inclusive: settings.inclusiveFlowTime }),
      daysInState: daysInState(epic, snapshot),
      flagged: epic.flagged,
      needsApproval: epic.state !== done && gate.needsApproval(epic.key),
      staleScore: epic.wsjf.wsjfScore !== null && scoredAt !== null && scoredAt < staleBefore,
    });
  }
  // Within a column the queue is in WSJF rank order, unscored last (then by key).
  cards.sort((a, b) => (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY) || compareKeysNaturally(a.key, b.key));

  const shownByState = new Map<string, number>();
  for (const card of cards) shownByState.set(card.state, (shownByState.get(card.state) ?? 0) + 1);
  const columns = wipColumns(config, settings.wipLimits, []).map((column) => {
    // Done is no WIP: it counts the finished epics shown. Other columns count what the totals count.
    const counted = column.state === done || !totals.includesHidden ? null : totals.countByState.get(column.state);
    const count = counted?.count ?? shownByState.get(column.state) ?? 0;
    const { wipLimit } = column;
    return {
      state: column.state,
      wipLimit,
      count,
      hiddenCount: counted?.hidden ?? 0,
      overLimit: wipLimit !== null && count > wipLimit,
      atLimit: wipLimit !== null && count >= wipLimit,
    };
  });
  return {
    asOf: today,
    commitment: config.commitment,
    columns,
    cards,
    done: { withinDays: options.doneWithinDays ?? null, olderCount: olderDone },
    totals: { includesHidden: totals.includesHidden, hiddenCount: totals.hiddenCount, rankedCount: totals.rankedCount },
    staleScoreDays: settings.staleScoreDays,
    unmappedEpicKeys,
    unmappedStatuses: [...unmappedStatusIds].map((id) => ({ id, name: snapshot.statusNames.get(id) ?? null })),
  };
}

/** The card of one epic as the board shows it (all of Done considered); undefined when not on it. */
export async function boardCardOf(ctx: ServiceContext, issueKey: string): Promise<BoardCard | undefined> {
  return (await portfolioBoard(ctx)).cards.find((card) => card.key === issueKey);
}
