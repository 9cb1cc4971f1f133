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

/** Where an epic stands for the budget: not yet committed, committed and in progress, or done. */
export type BudgetStage = 'before' | 'committed' | 'done';

/** Done is the last state; committed = at or after the commitment state; an epic in no state is before. */
export function budgetStage(state: string | null, config: { readonly states: readonly string[]; readonly commitment: string }): BudgetStage {
  if (state === null) return 'before';
  const index = config.states.indexOf(state);
  if (index < 0) return 'before';
  if (index === config.states.length - 1) return 'done';
  return index >= config.states.indexOf(config.commitment) ? 'committed' : 'before';
}

export interface StreamEpic {
  readonly key: string;
  /** The value stream's identity (its id, not its name: two streams may share a name). */
  readonly valueStream: string;
  /** The business case's forecast total cost; null when not estimated. */
  readonly forecastCost: number | null;
  readonly stage: BudgetStage;
}

export interface ValueStreamBudget {
  /** Joins epics by this identity: the same value as StreamEpic.valueStream. */
  readonly valueStream: string;
  readonly budget: number;
  /** The sum of the quarter's monthly spend entries. */
  readonly actualSpend: number;
}

export interface BudgetLine {
  valueStream: string;
  budget: number;
  /** Forecast cost of the stream's committed, not yet done epics. */
  forecast: number;
  actualSpend: number;
  /** budget − actual spend: what is left to spend this quarter. */
  remaining: number;
  forecastOverBudget: boolean;
  actualOverBudget: boolean;
}

/**
 * One line per value stream: forecast = the forecast costs of its epics in progress (committed,
 * not done; an unestimated one counts 0 and is listed in `unestimated`), remaining = budget −
 * actual spend, and a warning when forecast or actual is above the budget (at the budget is fine).
 * Forecast and actual are compared with the budget separately: actual spend is partly spent on
 * those same epics, so subtracting both would count it twice.
 * Lines follow the budgets' order (several rows for one stream are added up), then streams known
 * only from committed epics, by identity.
 */
export function valueStreamBudgetLines(
  budgets: readonly ValueStreamBudget[],
  epics: readonly StreamEpic[],
): { lines: BudgetLine[]; unestimated: string[] } {
  const byStream = new Map<string, { budget: number; actualSpend: number; forecast: number }>();
  for (const b of budgets) {
    const line = byStream.get(b.valueStream) ?? { budget: 0, actualSpend: 0, forecast: 0 };
    line.budget += b.budget;
    line.actualSpend += b.actualSpend;
    byStream.set(b.valueStream, line);
  }
  const fromEpicsOnly = new Set<string>();
  const unestimated: string[] = [];
  for (const epic of epics) {
    if (epic.stage !== 'committed') continue;
    let line = byStream.get(epic.valueStream);
    if (!line) {
      line = { budget: 0, actualSpend: 0, forecast: 0 };
      byStream.set(epic.valueStream, line);
      fromEpicsOnly.add(epic.valueStream);
    }
    if (epic.forecastCost === null) unestimated.push(epic.key);
    else line.forecast += epic.forecastCost;
  }
  const order = [...[...byStream.keys()].filter((s) => !fromEpicsOnly.has(s)), ...[...fromEpicsOnly].sort()];
  const lines = order.map((valueStream): BudgetLine => {
    const { budget, actualSpend, forecast } = byStream.get(valueStream) as { budget: number; actualSpend: number; forecast: number };
    return {
      valueStream,
      budget,
      forecast,
      actualSpend,
      remaining: budget - actualSpend,
      forecastOverBudget: forecast > budget,
      actualOverBudget: actualSpend > budget,
    };
  });
  return { lines, unestimated };
}

/** The approval threshold for an epic of this value stream: its own, else the portfolio's; null: none. */
export function approvalThresholdFor(
  guardrails: { approvalThreshold: number | null; approvalThresholdByValueStream: Readonly<Record<string, number>> },
  valueStream: string,
): number | null {
  return guardrails.approvalThresholdByValueStream[valueStream] ?? guardrails.approvalThreshold;
}

export interface CommitmentCase {
  readonly key: string;
  readonly forecastCost: number | null;
  /** The latest decision on its business case; null when none. */
  readonly decision: 'go' | 'no-go' | 'persevere' | 'pivot' | null;
}

/**
 * May the epic enter the commitment state (or a later one)? Refused when its forecast cost is above
 * the threshold (at the threshold is fine; an unestimated epic is above none) and its latest
 * decision is not `go`.
 */
export function commitmentVerdict(epic: CommitmentCase, threshold: number | null): { allowed: boolean; reason: string | null } {
  if (threshold === null || epic.forecastCost === null || epic.forecastCost <= threshold || epic.decision === 'go') {
    return { allowed: true, reason: null };
  }
  const latest = epic.decision === null ? 'no decision yet' : `the latest decision is ${epic.decision}`;
  return {
    allowed: false,
    reason: `${epic.key} has a forecast cost of ${epic.forecastCost}, above the approval threshold of ${threshold}, and ${latest}: a portfolio manager must decide go on its business case before it may be committed.`,
  };
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

/** The three months of a quarter like `2026-Q4`: `2026-10`, `2026-11`, `2026-12`. */
export function monthsOfQuarter(quarter: string): string[] {
  const year = quarter.slice(0, 4);
  const first = (Number(quarter.slice(6)) - 1) * 3 + 1;
  return [first, first + 1, first + 2].map((month) => `${year}-${String(month).padStart(2, '0')}`);
}

/** The quarter before: `2026-Q1` → `2025-Q4`. */
export function previousQuarter(quarter: string): string {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
}

/** The sum of a line's monthly spend. */
export function actualSpendOf(spend: readonly { readonly amount: number }[]): number {
  return spend.reduce((sum, entry) => sum + entry.amount, 0);
}
