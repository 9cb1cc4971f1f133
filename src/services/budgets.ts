/**
 * Lean budgets per quarter: a budget per value stream and its actual spend month by month, against
 * the forecast cost of the stream's epics in progress (from their business cases), and the
 * guardrails (capacity allocation by investment type, approvals above the threshold). Computed over
 * the epics the caller can see.
 */
import { BUDGET_SCHEMA_VERSION, budgetDocumentSchema } from '../contract/documents';
import type { BudgetDocument, BudgetLineDocument } from '../contract/documents';
import type { BudgetView } from '../contract/strategy';
import {
  actualSpendOf,
  approvalThresholdFor,
  budgetStage,
  capacityAllocation,
  commitmentVerdict,
  monthsOfQuarter,
  valueStreamBudgetLines,
} from '../domain/budget';
import { ConflictError, InvalidInputError } from '../errors';
import { economicsOf, LEGACY_BUDGETS_COLLECTION } from './businessCases';
import type { EpicEconomics } from './businessCases';
import type { ServiceContext } from './context';
import { documentSave, readDocument, versionAfter, writeDocumentsWithHistory } from './documents';
import type { DocumentChange, DocumentKind, DocumentSave } from './documents';
import { loadGuardrails } from './guardrails';
import { portfolioView } from './portfolio/view';
import type { PortfolioView, PortfolioEpic } from './portfolio/snapshot';
import { currentQuarter, settingsOf } from './settings';

export const budgetKind: DocumentKind<BudgetDocument> = {
  collection: 'budgets',
  currentSchemaVersion: BUDGET_SCHEMA_VERSION,
  schema: budgetDocumentSchema,
  migrations: {
    // Schema 1 had one actual spend per quarter: it becomes the first month's entry. Its epics'
    // estimates and approvals are read by the business cases (services/businessCases.ts).
    1: (raw) => {
      const period = String(raw.period);
      const lines = Array.isArray(raw.lines) ? (raw.lines as { valueStreamId: string; budget: number; actualSpend: number }[]) : [];
      return {
        period,
        lines: lines.map((line) => ({
          valueStreamId: line.valueStreamId,
          budget: line.budget,
          spend: line.actualSpend > 0 ? [{ month: monthsOfQuarter(period)[0], amount: line.actualSpend, note: 'Spend recorded before monthly entries' }] : [],
        })),
      };
    },
  },
};

/** The admin's currency (settings.currency, when the settings have it); EUR until one is chosen. */
export async function currencyOf(ctx: ServiceContext): Promise<string> {
  const { settings } = await settingsOf(ctx);
  const currency = (settings as { currency?: unknown }).currency;
  return typeof currency === 'string' && currency !== '' ? currency : 'EUR';
}

export async function loadBudgetLines(ctx: ServiceContext, period: string): Promise<{ lines: BudgetLineDocument[]; version: number | null }> {
  const stored = await readDocument(ctx.store, budgetKind, period);
  return { lines: stored?.value.lines ?? [], version: stored?.version ?? null };
}

/** The investment type an epic counts under: its business case's, else its work type (business/enabler). */
export function investmentTypeOf(epic: PortfolioEpic, economics: EpicEconomics | undefined): string {
  return economics?.investmentType ?? epic.workType;
}

export async function budgetView(ctx: ServiceContext, period: string, snapshot?: PortfolioView): Promise<BudgetView> {
  const portfolio = snapshot ?? (await portfolioView(ctx));
  const [{ lines: stored, version }, economics, { guardrails }, currency] = await Promise.all([
    loadBudgetLines(ctx, period),
    economicsOf(ctx, portfolio.epics),
    loadGuardrails(ctx),
    currencyOf(ctx),
  ]);
  const { config } = portfolio;
  // Lines join epics by value stream id: names may repeat, and a project no stream claims is its own stream.
  const streamName = new Map<string, string>(portfolio.valueStreams.map((stream) => [stream.id, stream.name]));
  for (const epic of portfolio.epics) streamName.set(epic.valueStream.id, epic.valueStream.name);
  const epics = portfolio.epics.map((epic) => ({ epic, economics: economics.get(epic.id), stage: budgetStage(epic.state, config) }));

  const { lines, unestimated } = valueStreamBudgetLines(
    stored.map((line) => ({ valueStream: line.valueStreamId, budget: line.budget, actualSpend: actualSpendOf(line.spend) })),
    epics.map(({ epic, economics: e, stage }) => ({ key: epic.key, valueStream: epic.valueStream.id, forecastCost: e?.forecastCost ?? null, stage })),
  );
  const spendOf = new Map(stored.map((line) => [line.valueStreamId, line.spend]));
  const typeName = new Map(guardrails.investmentTypes.map((type) => [type.id, type.name]));
  const targets = Object.fromEntries(guardrails.investmentTypes.filter((type) => type.target !== null).map((type) => [type.id, type.target as number]));
  const allocation = capacityAllocation(
    epics.map(({ epic, economics: e, stage }) => ({
      key: epic.key,
      valueStream: epic.valueStream.id,
      investmentType: investmentTypeOf(epic, e),
      costEstimate: e?.forecastCost ?? null,
      done: stage === 'done',
      approved: e?.decision === 'go',
    })),
    targets,
    guardrails.tolerance,
  );
  // Every type of the guardrails shows, with or without a target, in the guardrails' order.
  const typeOrder = guardrails.investmentTypes.map((type) => type.id);
  const rows = [
    ...typeOrder.map((id) => allocation.find((row) => row.investmentType === id) ?? { investmentType: id, cost: 0, share: 0, target: null, withinTolerance: null }),
    ...allocation.filter((row) => !typeOrder.includes(row.investmentType)),
  ];
  const approvalsNeeded = epics.flatMap(({ epic, economics: e, stage }) => {
    if (stage !== 'before' || e?.forecastCost == null) return [];
    const threshold = approvalThresholdFor(guardrails, epic.valueStream.id);
    const verdict = commitmentVerdict({ key: epic.key, forecastCost: e.forecastCost, decision: e.decision }, threshold);
    return verdict.allowed || threshold === null ? [] : [{ key: epic.key, forecastCost: e.forecastCost, threshold }];
  });
  return {
    period,
    currency,
    version,
    months: monthsOfQuarter(period),
    lines: lines.map((line) => ({
      ...line,
      valueStreamId: line.valueStream,
      valueStream: streamName.get(line.valueStream) ?? line.valueStream,
      spend: spendOf.get(line.valueStream) ?? [],
    })),
    unestimated,
    tolerance: guardrails.tolerance,
    allocation: rows.map((row) => ({ ...row, name: typeName.get(row.investmentType) ?? row.investmentType })),
    approvalsNeeded,
  };
}

/** Without a period: the quarter containing today in the portfolio's time zone. */
export async function listBudget(ctx: ServiceContext, requested?: string): Promise<BudgetView> {
  return budgetView(ctx, requested ?? (await currentQuarter(ctx)));
}

/**
 * The quarter's lines as a document to save. The first schema-2 save over a schema-1 document first
 * keeps a copy of it (its epics' estimates and approvals are still read from there by the business
 * cases); the copy is the same document whether or not the save then lands, so it is written ahead.
 */
export async function budgetLinesSave(ctx: ServiceContext, period: string, lines: BudgetLineDocument[], version: number | null): Promise<DocumentSave> {
  const raw = await ctx.store.get(budgetKind.collection, period);
  const rawValue = raw?.value as { schemaVersion?: unknown } | undefined;
  if (raw && rawValue?.schemaVersion === 1 && raw.version === version) {
    try {
      await ctx.store.put(LEGACY_BUDGETS_COLLECTION, period, raw.value, null);
    } catch (error) {
      // Already kept by an earlier attempt: the copy is the same document.
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  return documentSave(budgetKind, period, { schemaVersion: BUDGET_SCHEMA_VERSION, period, lines }, version, `the budget for ${period}`);
}

/** Writes the quarter's lines and their history entry in one transaction; returns the new version. */
export async function writeBudgetLines(ctx: ServiceContext, period: string, lines: BudgetLineDocument[], version: number | null, change: DocumentChange): Promise<number> {
  const save = await budgetLinesSave(ctx, period, lines, version);
  const newVersion = versionAfter(version);
  await writeDocumentsWithHistory(ctx, [save], [{ ...change, version: newVersion }]);
  return newVersion;
}

function describeAmounts(lines: readonly BudgetLineDocument[]): string {
  return lines.map((line) => `${line.valueStreamId} ${line.budget}`).join(', ');
}

export async function saveBudget(
  ctx: ServiceContext,
  period: string,
  submitted: readonly { valueStreamId: string; budget: number }[],
  version: number | null,
): Promise<BudgetView> {
  const ids = submitted.map((line) => line.valueStreamId);
  if (new Set(ids).size !== ids.length) throw new InvalidInputError('lines: each value stream once');
  const before = await loadBudgetLines(ctx, period);
  // The spend entered month by month stays with its line.
  const spendOf = new Map(before.lines.map((line) => [line.valueStreamId, line.spend]));
  const lines = submitted.map((line) => ({ valueStreamId: line.valueStreamId, budget: line.budget, spend: spendOf.get(line.valueStreamId) ?? [] }));
  await writeBudgetLines(ctx, period, lines, version, {
    action: 'budgets/save',
    subject: { kind: 'budget', key: period },
    // No epic keys here: the history is read by people who may not see every epic.
    summary: `Budget ${period} saved: ${describeAmounts(lines)}`,
    changes: [{ field: 'lines', from: before.lines.map((line) => ({ valueStreamId: line.valueStreamId, budget: line.budget })), to: submitted }],
  });
  return budgetView(ctx, period);
}

export async function saveSpend(
  ctx: ServiceContext,
  input: { period: string; valueStreamId: string; month: string; amount: number; note: string; version: number | null },
): Promise<BudgetView> {
  const { period, valueStreamId, month, amount, note, version } = input;
  if (!monthsOfQuarter(period).includes(month)) throw new InvalidInputError(`month: ${month} is not a month of ${period}`);
  const before = await loadBudgetLines(ctx, period);
  const existing = before.lines.find((line) => line.valueStreamId === valueStreamId);
  const previous = existing?.spend.find((entry) => entry.month === month) ?? null;
  const spend = [...(existing?.spend ?? []).filter((entry) => entry.month !== month), { month, amount, note }].sort((a, b) => a.month.localeCompare(b.month));
  const lines = existing
    ? before.lines.map((line) => (line.valueStreamId === valueStreamId ? { ...line, spend } : line))
    : [...before.lines, { valueStreamId, budget: 0, spend }];
  await writeBudgetLines(ctx, period, lines, version, {
    action: 'budgets/spend/save',
    subject: { kind: 'budget', key: period },
    summary: `Spend ${valueStreamId} ${month}: ${previous?.amount ?? 'none'} → ${amount}${note === '' ? '' : ` (${note})`}`,
    changes: [{ field: `spend.${valueStreamId}.${month}`, from: previous, to: { amount, note } }],
  });
  return budgetView(ctx, period);
}
