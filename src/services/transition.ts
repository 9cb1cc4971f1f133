/**
 * Moving an epic to another portfolio state, as the caller: through a Jira transition whose target
 * status maps to that state. Refused (nothing changes) when the epic is not the caller's to see
 * (not_found), the caller may not transition it (forbidden), the approval guardrail stops it
 * (forbidden, with the reason), no transition leads there (invalid_input), or the column is at its
 * WIP limit and the caller did not confirm (conflict). The WIP guard counts every epic in the
 * column, those the caller cannot see too, and names none of them.
 */
import { doneState, stateForStatus, stateIndex } from '../domain/states';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../errors';
import { boardCardOf } from './board';
import type { BoardCard } from './board';
import { commitmentGate } from './commitmentGate';
import { createServiceContext } from './context';
import type { ServiceContext } from './context';
import { updateCachedStatus } from './portfolio/moveWriteThrough';
import { recordRecentWrites } from './portfolio/recentWrites';
import { findEpic } from './portfolio/snapshot';
import type { PortfolioView } from './portfolio/snapshot';
import { portfolioView } from './portfolio/view';
import { wholePortfolio } from './portfolio/totals';

export interface MoveRequest {
  readonly issueKey: string;
  readonly toState: string;
  readonly overWipLimit?: boolean | undefined;
}

/** The names of the statuses that map to `state`, for messages. */
function statusNamesOf(snapshot: PortfolioView, state: string): string[] {
  return Object.entries(snapshot.config.mapping)
    .filter(([, mapped]) => mapped === state)
    .map(([id]) => snapshot.statusNames.get(id) ?? id);
}

/** Epics in `state` across the whole portfolio, the caller's and the others. */
async function columnCount(ctx: ServiceContext, state: string): Promise<number> {
  return (await wholePortfolio(ctx)).filter((member) => member.state === state).length;
}

/** An epic outside the caller's view is "not found", whether it exists or not. */
async function visibleEpic(ctx: ServiceContext, issueKey: string) {
  const snapshot = await portfolioView(ctx);
  const epic = findEpic(snapshot, issueKey);
  if (!epic) throw new NotFoundError(`Epic ${issueKey} was not found in the portfolio.`);
  return { snapshot, epic };
}

/** Authorization for a move: the caller sees the epic and has Transition issues on it (Jira decides, per issue). */
export async function requireEpicMover(ctx: ServiceContext, issueKey: string): Promise<void> {
  const { epic } = await visibleEpic(ctx, issueKey);
  const permissions = await ctx.jira.user.getMyPermissions(['TRANSITION_ISSUES'], { issueId: epic.id });
  if (permissions.TRANSITION_ISSUES !== true) throw new ForbiddenError(`You need the Transition issues permission on ${issueKey} to move it.`);
}

/** Callers authorize first with `requireEpicMover`; Jira checks the transition itself again. */
export async function moveEpic(ctx: ServiceContext, request: MoveRequest): Promise<BoardCard> {
  const { issueKey, toState } = request;
  const { snapshot, epic } = await visibleEpic(ctx, issueKey);
  const { config, settings } = snapshot;
  if (stateIndex(config, toState) < 0) {
    throw new InvalidInputError(`toState: "${toState}" is not a portfolio state; the states are ${config.states.join(', ')}.`);
  }
  const moved = async () => {
    // A fresh request context: the board is rebuilt from the cache the move just updated.
    const card = await boardCardOf(createServiceContext({ ...ctx }), issueKey);
    if (!card) throw new NotFoundError(`Epic ${issueKey} was not found in the portfolio.`);
    return card;
  };
  if (epic.state === toState) return moved();

  const gate = await commitmentGate(ctx, config);
  const decision = gate.mayEnter(issueKey, toState);
  if (!decision.allowed) throw new ForbiddenError(decision.reason ?? `${issueKey} may not enter ${toState}.`);

  const transitions = await ctx.jira.user.getTransitions(epic.id);
  const transition = transitions.find((candidate) => stateForStatus(config, candidate.to.id) === toState);
  if (!transition) {
    const statuses = statusNamesOf(snapshot, toState);
    const mapped = statuses.length === 0 ? 'no Jira status maps to it (map one in the Lean Portfolio settings)' : `the statuses that map to it: ${statuses.join(', ')}`;
    throw new InvalidInputError(`toState: ${issueKey}'s workflow has no transition into ${toState} from where it is; ${mapped}.`);
  }

  const wipLimit = toState === doneState(config) ? undefined : settings.wipLimits[toState];
  if (wipLimit !== undefined && request.overWipLimit !== true) {
    const count = await columnCount(ctx, toState);
    if (count >= wipLimit) {
      throw new ConflictError(`${toState} is at its WIP limit of ${wipLimit} (${count} epics in it). Confirm to move ${issueKey} there anyway.`);
    }
  }

  await ctx.jira.user.transitionIssue(epic.id, transition.id);
  await recordRecentWrites(ctx, [epic.id]);
  await updateCachedStatus(ctx, epic.id, transition.to);
  if (request.overWipLimit === true) ctx.log.info('epic moved over a WIP limit', { issueKey, toState });
  return moved();
}
