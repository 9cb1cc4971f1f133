/**
 * Lean budgets per quarter: budget and actual spend per value stream, epics' cost estimates and
 * approvals, and the two guardrails. Computed over the epics the caller can see; the estimates of
 * epics they cannot see are neither shown to them nor lost when they save.
 */
import { BUDGET_SCHEMA_VERSION, ESTIMATED_EPICS_LIMIT_MESSAGE, MAX_ESTIMATED_EPICS, budgetDocumentSchema } from '../contract/documents';
import type { BudgetDocument, BudgetPlan, BudgetPlanInput } from '../contract/documents';
import type { ResolverOutput } from '../contract/resolvers';
import { approvalsNeeded, budgetLines, capacityAllocation } from '../domain/budget';
import type { BudgetEpic } from '../domain/budget';
import { doneState } from '../domain/states';
import { InvalidInputError } from '../errors';
import type { ServiceContext } from './context';
import { readDocument, writeDocumentWithHistory } from './documents';
import type { DocumentKind } from './documents';
import { portfolioSnapshot } from './portfolio/snapshot';
import type { PortfolioSnapshot } from './portfolio/snapshot';
import { currentQuarter } from './settings';

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
function visibleEntries<T>(epics: Readonly<Record<string, T>>, visibleKeys: ReadonlySet<string>): Record<string, T> {
  return Object.fromEntries(Object.entries(epics).filter(([key]) => visibleKeys.has(key)));
}

function budgetView(snapshot: PortfolioSnapshot, period: string, plan: BudgetPlan, version: number | null): BudgetView {
  const { config } = snapshot;
  const done = doneState(config);
  const visibleKeys = new Set(snapshot.epics.map((epic) => epic.key));
  // Lines join epics by value stream id: names may repeat, and a project no stream claims is its own stream.
  const streamName = new Map<string, string>(snapshot.valueStreams.map((stream) => [stream.id, stream.name]));
  for (const epic of snapshot.epics) streamName.set(epic.valueStream.id, epic.valueStream.name);

  const budgetEpics = snapshot.epics.map((epic): BudgetEpic & { state: string | null } => {
    const economics = plan.epics[epic.key];
    return {
      key: epic.key,
      valueStream: epic.valueStream.id,
      investmentType: epic.workType,
      costEstimate: economics?.costEstimate ?? null,
      done: epic.state === done,
      approved: economics?.approval != null,
      state: epic.state,
    };
  });
  const { lines, unestimated } = budgetLines(
    plan.lines.map((line) => ({ valueStream: line.valueStreamId, budget: line.budget, actualSpend: line.actualSpend })),
    budgetEpics,
  );
  return {
    period,
    plan: { ...plan, epics: visibleEntries(plan.epics, visibleKeys) },
    version,
    lines: lines.map((line) => ({ ...line, valueStreamId: line.valueStream, valueStream: streamName.get(line.valueStream) ?? line.valueStream })),
    unestimated,
    allocation: capacityAllocation(budgetEpics, plan.allocationTargets, plan.allocationTolerance),
    approvalsNeeded: approvalsNeeded(budgetEpics, config, plan.approvalThreshold),
  };
}

/** Without a period: the quarter containing today in the portfolio's time zone. */
export async function listBudget(ctx: ServiceContext, requested?: string): Promise<BudgetView> {
  const period = requested ?? (await currentQuarter(ctx));
  const [snapshot, { plan, version }] = await Promise.all([portfolioSnapshot(ctx), loadPlan(ctx, period)]);
  return budgetView(snapshot, period, plan, version);
}

/**
 * An approval is the server's record of who approved and when: one kept from before while the epic
 * stays approved, else stamped with the caller and now. Nothing the page sends names an approver.
 */
function storedEconomics(
  submitted: BudgetPlanInput['epics'],
  stored: BudgetPlan['epics'],
  approver: { accountId: string; at: number },
): BudgetPlan['epics'] {
  return Object.fromEntries(
    Object.entries(submitted).map(([key, { costEstimate, approved }]) => [
      key,
      { costEstimate, approval: approved ? (stored[key]?.approval ?? approver) : null },
    ]),
  );
}

export async function saveBudget(ctx: ServiceContext, period: string, submitted: BudgetPlanInput, version: number | null): Promise<BudgetView> {
  const [snapshot, stored] = await Promise.all([portfolioSnapshot(ctx), loadPlan(ctx, period)]);
  const visibleKeys = new Set(snapshot.epics.map((epic) => epic.key));
  // Entries for epics the caller cannot see stay as they were; entries they send for such epics are ignored.
  const hidden = Object.fromEntries(Object.entries(stored.plan.epics).filter(([key]) => !visibleKeys.has(key)));
  const visible = storedEconomics(visibleEntries(submitted.epics, visibleKeys), stored.plan.epics, { accountId: ctx.accountId, at: ctx.clock.now() });
  const plan: BudgetPlan = { ...submitted, epics: { ...hidden, ...visible } };
  // Hidden entries count too: the whole quarter is one stored document.
  if (Object.keys(plan.epics).length > MAX_ESTIMATED_EPICS) throw new InvalidInputError(`plan.epics: ${ESTIMATED_EPICS_LIMIT_MESSAGE}`);
  const document: BudgetDocument = { schemaVersion: BUDGET_SCHEMA_VERSION, period, ...plan };
  const newVersion = await writeDocumentWithHistory(ctx, budgetKind, period, document, version, `the budget for ${period}`, {
    action: 'budgets/save',
    subject: { kind: 'budget', key: period },
    // No epic keys here: the history is read by people who may not see every epic.
    summary: `Budget ${period} saved: ${plan.lines.length} value stream lines`,
    changes: [],
  });
  return budgetView(snapshot, period, plan, newVersion);
}
