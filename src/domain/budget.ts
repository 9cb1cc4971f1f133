/**
 * Lean budgets: per value stream, what is budgeted, already spent and still forecast by open epics;
 * plus the two guardrails (capacity allocation by investment type, approval above a cost threshold).
 */

export interface BudgetEpic {
  key: string;
  /** The value stream's identity (its id, not its name: two streams may share a name). */
  valueStream: string;
  investmentType: string;
  costEstimate: number | null;
  done: boolean;
  approved: boolean;
}

export interface ValueStreamBudget {
  /** Joins epics by this identity: the same value as BudgetEpic.valueStream. */
  valueStream: string;
  budget: number;
  actualSpend: number;
}

export interface BudgetLine {
  valueStream: string;
  budget: number;
  forecast: number;
  actualSpend: number;
  remaining: number;
  overBudget: boolean;
}

/**
 * forecast = sum of open (not done) epics' cost estimates in that value stream (null estimates count 0 and are listed in `unestimated`); remaining = budget − actual − forecast. Value streams with epics but no budget line appear with budget 0.
 * Lines follow the budgets' order (several budget rows for one value stream are added up), then value
 * streams known only from epics, sorted by their identity. `unestimated` lists open epics' keys in input order.
 */
export function budgetLines(
  budgets: readonly ValueStreamBudget[],
  epics: readonly BudgetEpic[],
): { lines: BudgetLine[]; unestimated: string[] } {
  const byStream = new Map<string, { budget: number; actualSpend: number; forecast: number }>();
  for (const b of budgets) {
    const line = byStream.get(b.valueStream) ?? { budget: 0, actualSpend: 0, forecast: 0 };
    line.budget += b.budget;
    line.actualSpend += b.actualSpend;
    byStream.set(b.valueStream, line);
  }
  const streamsFromEpicsOnly = new Set<string>();
  const unestimated: string[] = [];
  for (const epic of epics) {
    let line = byStream.get(epic.valueStream);
    if (!line) {
      line = { budget: 0, actualSpend: 0, forecast: 0 };
      byStream.set(epic.valueStream, line);
      streamsFromEpicsOnly.add(epic.valueStream);
    }
    if (epic.done) continue;
    if (epic.costEstimate === null) unestimated.push(epic.key);
    else line.forecast += epic.costEstimate;
  }
  const budgetedStreams = [...byStream.keys()].filter((s) => !streamsFromEpicsOnly.has(s));
  const order = [...budgetedStreams, ...[...streamsFromEpicsOnly].sort()];
  const lines = order.map((valueStream): BudgetLine => {
    const { budget, actualSpend, forecast } = byStream.get(valueStream) as { budget: number; actualSpend: number; forecast: number };
    const remaining = budget - actualSpend - forecast;
    return { valueStream, budget, forecast, actualSpend, remaining, overBudget: remaining < 0 };
  });
  return { lines, unestimated };
}

export interface AllocationRow {
  investmentType: string;
  cost: number;
  share: number;
  target: number | null;
  withinTolerance: boolean | null;
}

/** Shares are sums of floats: 0.3 vs 0.25 with tolerance 0.05 must count as within. */
const FLOAT_SLACK = 1e-9;

/**
 * Capacity allocation guardrail: share of open epics' cost by investment type vs target shares (0..1) with an absolute tolerance (e.g. 0.05).
 * Rows: every targeted type (targets' order), then types seen only on open epics, by name (target and
 * withinTolerance null). Null estimates count 0. With no open cost at all, shares are 0 and
 * withinTolerance is null: there is nothing to judge yet.
 */
export function capacityAllocation(
  epics: readonly BudgetEpic[],
  targets: Readonly<Record<string, number>>,
  tolerance: number,
): AllocationRow[] {
  const costByType = new Map<string, number>();
  let totalCost = 0;
  for (const epic of epics) {
    if (epic.done) continue;
    const cost = epic.costEstimate ?? 0;
    costByType.set(epic.investmentType, (costByType.get(epic.investmentType) ?? 0) + cost);
    totalCost += cost;
  }
  const targeted = Object.keys(targets);
  const untargeted = [...costByType.keys()].filter((t) => !(t in targets)).sort();
  return [...targeted, ...untargeted].map((investmentType): AllocationRow => {
    const cost = costByType.get(investmentType) ?? 0;
    const share = totalCost > 0 ? cost / totalCost : 0;
    const target = targets[investmentType] ?? null;
    const withinTolerance =
      target === null || totalCost <= 0 ? null : Math.abs(share - target) <= tolerance + FLOAT_SLACK;
    return { investmentType, cost, share, target, withinTolerance };
  });
}

/**
 * Approval guardrail: an epic whose cost estimate is above the threshold needs an approval before it may enter the commitment state.
 * True while that approval is still missing. At the threshold no approval is needed; an unestimated
 * epic is not above any threshold.
 */
export function needsApproval(epic: Pick<BudgetEpic, 'costEstimate' | 'approved'>, approvalThreshold: number): boolean {
  return epic.costEstimate !== null && epic.costEstimate > approvalThreshold && !epic.approved;
}

/**
 * The gate for a state change: entering the commitment state or any later one needs the approval.
 * A target that is not a portfolio state changes no state (design: unmapped statuses change nothing),
 * so the guardrail does not apply to it. The commitment is one of the states (settings are validated).
 */
export function mayEnterState(
  epic: Pick<BudgetEpic, 'costEstimate' | 'approved'>,
  targetState: string,
  config: { states: readonly string[]; commitment: string },
  approvalThreshold: number,
): { allowed: boolean; reason: string | null } {
  const targetIndex = config.states.indexOf(targetState);
  const atOrAfterCommitment = targetIndex >= 0 && targetIndex >= config.states.indexOf(config.commitment);
  if (!atOrAfterCommitment || !needsApproval(epic, approvalThreshold)) return { allowed: true, reason: null };
  return {
    allowed: false,
    reason: `Cost estimate ${epic.costEstimate} is above the approval threshold ${approvalThreshold}: the epic needs an approval before it may enter ${targetState}`,
  };
}

export interface ApprovalNeeded {
  key: string;
  costEstimate: number;
}

/**
 * The approvals still to get: open epics not yet at the commitment state (an epic in no state counts
 * as not yet there) that the approval guardrail would stop there. In input order.
 */
export function approvalsNeeded(
  epics: readonly (BudgetEpic & { state: string | null })[],
  config: { states: readonly string[]; commitment: string },
  approvalThreshold: number,
): ApprovalNeeded[] {
  const commitmentIndex = config.states.indexOf(config.commitment);
  return epics.flatMap((epic) => {
    const beforeCommitment = epic.state === null || config.states.indexOf(epic.state) < commitmentIndex;
    if (epic.done || !beforeCommitment || epic.costEstimate === null || !needsApproval(epic, approvalThreshold)) return [];
    return [{ key: epic.key, costEstimate: epic.costEstimate }];
  });
}
