/**
 * The commitment gate as the board and a move ask it: an epic whose forecast cost (its lean business
 * case) is above its approval threshold (the guardrails, per value stream or portfolio-wide) may
 * enter the commitment state, or any later one, only after a `go` decision. The domain decides
 * (`commitmentVerdict`); this reads every visible epic's case once per request, so the board can
 * badge each card without a read per card.
 */
import { approvalThresholdFor, commitmentVerdict } from '../domain/budget';
import { stateIndex } from '../domain/states';
import type { PortfolioConfig } from '../domain/states';
import { economicsOf } from './businessCases';
import type { ServiceContext } from './context';
import { loadGuardrails } from './guardrails';
import { portfolioView } from './portfolio/view';

export interface CommitmentGate {
  /** Above its threshold without a go decision (the card's badge). */
  needsApproval(issueKey: string): boolean;
  /** Whether the epic may enter `toState`; the reason when it may not. */
  mayEnter(issueKey: string, toState: string): { allowed: boolean; reason: string | null };
}

/** Once per request. */
export function commitmentGate(ctx: ServiceContext, config: PortfolioConfig): Promise<CommitmentGate> {
  return ctx.memo('commitment-gate', async () => {
    const snapshot = await portfolioView(ctx);
    const [{ guardrails }, economics] = await Promise.all([loadGuardrails(ctx), economicsOf(ctx, snapshot.epics)]);
    const epicByKey = new Map(snapshot.epics.map((epic) => [epic.key, epic]));
    const verdictOf = (issueKey: string) => {
      const epic = epicByKey.get(issueKey);
      if (epic === undefined) return { allowed: true, reason: null };
      const found = economics.get(epic.id);
      return commitmentVerdict(
        { key: issueKey, forecastCost: found?.forecastCost ?? null, decision: found?.decision ?? null },
        approvalThresholdFor(guardrails, epic.valueStream.id),
      );
    };
    const commitment = stateIndex(config, config.commitment);
    return {
      needsApproval: (issueKey) => !verdictOf(issueKey).allowed,
      mayEnter: (issueKey, toState) => {
        if (stateIndex(config, toState) < commitment) return { allowed: true, reason: null };
        const verdict = verdictOf(issueKey);
        return verdict.allowed ? verdict : { allowed: false, reason: `${issueKey} cannot move to ${toState}: ${verdict.reason}` };
      },
    };
  });
}
