/**
 * Lean budgets per quarter: budget and actual spend per value stream, epics' cost estimates and
 * approvals, and the two guardrails. Computed over the epics the caller can see; the estimates of
 * epics they cannot see are neither shown to them nor lost when they save.
 */
import { BUDGET_SCHEMA_VERSION, budgetDocumentSchema } from '../contract/documents';
import type { BudgetDocument, BudgetPlan } from '../contract/documents';
import type { ResolverOutput } from '../contract/resolvers';
import { budgetLines, capacityAllocation, mayEnterState } from '../domain/budget';
import type { BudgetEpic } from '../domain/budget';
import { doneState, stateIndex } from '../domain/states';
import type { ServiceContext } from './context';
import { readDocument, writeDocument } from './documents';
import type { DocumentKind } from './documents';
import { recordChange } from './history';
import { portfolioSnapshot } from './portfolio/snapshot';
import type { PortfolioSnapshot } from './portfolio/snapshot';

export type BudgetView = ResolverOutput<'budgets/list'>;

export const budgetKind: DocumentKind<BudgetDocument> = {
  collection: 'budgets',
  currentSchemaVersion: BUDGET_SCHEMA_VERSION,
  schema: budgetDocumentSchema,
};

function emptyPlan(): BudgetPlan {
  return { lines: [], epics: {}, allocationTargets: {}, allocationTolerance: 0.05, approvalThreshold: 0 };
}

async function loadPlan(ctx: ServiceContext, period: string): Promise<{ plan: BudgetPlan; version: number | null }> {
  const stored = await readDocument(ctx.store, budgetKind, period);
  if (!stored) return { plan: emptyPlan(), version: null };
  const { schemaVersion: _schemaVersion, period: _period, ...plan } = stored.value;
  return { plan, version: stored.version };
}

/** Only the entries of epics in `visibleKeys`. */
function visibleEntries(epics: BudgetPlan['epics'], visibleKeys: ReadonlySet<string>): BudgetPlan['epics'] {
  return Object.fromEntries(Object.entries(epics).filter(([key]) => visibleKeys.has(key)));
}

function budgetView(snapshot: PortfolioSnapshot, period: string, plan: BudgetPlan, version: number | null): BudgetView {
  const { config } = snapshot;
  const done = doneState(config);
  const commitmentIndex = stateIndex(config, config.commitment);
  const visibleKeys = new Set(snapshot.epics.map((epic) => epic.key));
  const streamName = new Map<string, string>(snapshot.valueStreams.map((stream) => [stream.id, stream.name]));
  for (const epic of snapshot.epics) streamName.set(epic.valueStream.id, epic.valueStream.name);

  const budgetEpics = snapshot.epics.map((epic): BudgetEpic & { state: string | null } => {
    const economics = plan.epics[epic.key];
    return {
      key: epic.key,
      valueStream: epic.valueStream.name,
      investmentType: epic.workType,
      costEstimate: economics?.costEstimate ?? null,
      done: epic.state === done,
      approved: economics?.approval != null,
      state: epic.state,
    };
  });
  const { lines, unestimated } = budgetLines(
    plan.lines.map((line) => ({ valueStream: streamName.get(line.valueStreamId) ?? line.valueStreamId, budget: line.budget, actualSpend: line.actualSpend })),
    budgetEpics,
  );
  const approvalsNeeded = budgetEpics
    .filter((epic) => !epic.done && (epic.state === null || stateIndex(config, epic.state) < commitmentIndex))
    .filter((epic) => !mayEnterState(epic, config.commitment, config, plan.approvalThreshold).allowed)
    .map((epic) => ({ key: epic.key, costEstimate: epic.costEstimate as number }));
  return {
    period,
    plan: { ...plan, epics: visibleEntries(plan.epics, visibleKeys) },
    version,
    lines,
    unestimated,
    allocation: capacityAllocation(budgetEpics, plan.allocationTargets, plan.allocationTolerance),
    approvalsNeeded,
  };
}

export async function listBudget(ctx: ServiceContext, period: string): Promise<BudgetView> {
  const [snapshot, { plan, version }] = await Promise.all([portfolioSnapshot(ctx), loadPlan(ctx, period)]);
  return budgetView(snapshot, period, plan, version);
}

export async function saveBudget(ctx: ServiceContext, period: string, submitted: BudgetPlan, version: number | null): Promise<BudgetView> {
  const [snapshot, stored] = await Promise.all([portfolioSnapshot(ctx), loadPlan(ctx, period)]);
  const visibleKeys = new Set(snapshot.epics.map((epic) => epic.key));
  // Entries for epics the caller cannot see stay as they were; entries they send for such epics are ignored.
  const hidden = Object.fromEntries(Object.entries(stored.plan.epics).filter(([key]) => !visibleKeys.has(key)));
  const plan: BudgetPlan = { ...submitted, epics: { ...hidden, ...visibleEntries(submitted.epics, visibleKeys) } };
  const document: BudgetDocument = { schemaVersion: BUDGET_SCHEMA_VERSION, period, ...plan };
  const newVersion = await writeDocument(ctx.store, budgetKind, period, document, version, `the budget for ${period}`);
  await recordChange(ctx, {
    action: 'budgets/save',
    subject: { kind: 'budget', key: period },
    version: newVersion,
    // No epic keys here: the history is read by people who may not see every epic.
    summary: `Budget ${period} saved: ${plan.lines.length} value stream lines`,
    changes: [],
  });
  return budgetView(snapshot, period, plan, newVersion);
}
