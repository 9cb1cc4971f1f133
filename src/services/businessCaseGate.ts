/**
 * The commitment gate of the lean business case: may this epic enter the commitment state (or any
 * later one)? An epic whose forecast cost is above its approval threshold needs a `go` decision on
 * its business case first. The Kanban's `epic/transition` asks this before it moves an epic.
 */
import { approvalThresholdFor, commitmentVerdict } from '../domain/budget';
import { loadCase } from './businessCases';
import type { ServiceContext } from './context';
import { loadGuardrails } from './guardrails';
import { findEpic } from './portfolio/snapshot';
import { portfolioView } from './portfolio/view';

export interface CommitmentCostInfo {
  /** The cost to judge; when absent, the forecast total cost of the epic's business case. */
  readonly forecastCost?: number | null;
  /** The epic's value stream id (its threshold may be its own); when absent, looked up in the snapshot. */
  readonly valueStreamId?: string;
}

export interface GateAnswer {
  readonly allowed: boolean;
  /** Why not, in words a page can show; null when allowed. */
  readonly reason: string | null;
}

export async function commitmentGate(ctx: ServiceContext, issue: { readonly id: string; readonly key: string }, cost: CommitmentCostInfo = {}): Promise<GateAnswer> {
  const [{ guardrails }, loaded] = await Promise.all([loadGuardrails(ctx), loadCase(ctx, issue)]);
  const valueStreamId = cost.valueStreamId ?? findEpic(await portfolioView(ctx), issue.key)?.valueStream.id ?? null;
  const threshold = valueStreamId === null ? guardrails.approvalThreshold : approvalThresholdFor(guardrails, valueStreamId);
  return commitmentVerdict(
    {
      key: issue.key,
      forecastCost: cost.forecastCost !== undefined ? cost.forecastCost : loaded.value.case.forecastCost,
      decision: loaded.value.decision?.decision ?? null,
    },
    threshold,
  );
}
