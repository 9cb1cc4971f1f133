/**
 * The commitment gate: an epic estimated above the approval threshold may enter the commitment
 * state (or any later one) only once approved. Today the estimate and the approval come from this
 * quarter's lean budget (src/domain/budget.ts decides); this is the ONE place the board and a move
 * ask, so the gate can later read go/no-go decisions from lean business cases instead.
 */
import { mayEnterState, needsApproval } from '../domain/budget';
import type { PortfolioConfig } from '../domain/states';
import { budgetKind } from './budgets';
import type { ServiceContext } from './context';
import { readDocument } from './documents';
import { currentQuarter } from './settings';

export interface CommitmentGate {
  /** Estimated above the threshold and not approved (the card's badge). */
  needsApproval(issueKey: string): boolean;
  /** Whether the epic may enter `toState`; the reason when it may not. */
  mayEnter(issueKey: string, toState: string): { allowed: boolean; reason: string | null };
}

/** Once per request: reads this quarter's budget (no budget: nothing needs approval). */
export function commitmentGate(ctx: ServiceContext, config: PortfolioConfig): Promise<CommitmentGate> {
  return ctx.memo('commitment-gate', async () => {
    const period = await currentQuarter(ctx);
    const budget = await readDocument(ctx.store, budgetKind, period);
    const threshold = budget?.value.approvalThreshold ?? 0;
    const economicsOf = (issueKey: string) => {
      const economics = budget?.value.epics[issueKey];
      return { costEstimate: economics?.costEstimate ?? null, approved: economics?.approval != null };
    };
    return {
      needsApproval: (issueKey) => needsApproval(economicsOf(issueKey), threshold),
      mayEnter: (issueKey, toState) => {
        const decision = mayEnterState(economicsOf(issueKey), toState, config, threshold);
        return decision.allowed
          ? decision
          : { allowed: false, reason: `${issueKey} cannot move to ${toState}: ${decision.reason} (approvals are recorded in the ${period} lean budget).` };
      },
    };
  });
}
