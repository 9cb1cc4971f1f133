/**
 * Participatory budgeting: a portfolio manager opens a session for a quarter (total, value streams,
 * optionally top epics, participants); each participant submits an allocation that adds up to the
 * total; the manager adopts the median or an edited allocation, which becomes the quarter's budgets.
 */
import { PARTICIPATORY_SCHEMA_VERSION, participatoryDocumentSchema } from '../contract/documents';
import type { Allocation, ParticipatoryDocument, Submission } from '../contract/documents';
import type { ParticipatoryView } from '../contract/strategy';
import { actualSpendOf, previousQuarter } from '../domain/budget';
import { allocationProblems, allocationStatistics, scaleToTotal } from '../domain/participatory';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../errors';
import { accessOf } from './access';
import { budgetLinesSave, currencyOf, loadBudgetLines } from './budgets';
import type { ServiceContext } from './context';
import { documentSave, readDocument, versionAfter, writeDocumentWithHistory, writeDocumentsWithHistory } from './documents';
import type { DocumentKind } from './documents';
import { portfolioView } from './portfolio/view';
import { currentQuarter } from './settings';
import { loadValueStreams } from './themes';

export const participatoryKind: DocumentKind<ParticipatoryDocument> = {
  collection: 'participatory',
  currentSchemaVersion: PARTICIPATORY_SCHEMA_VERSION,
  schema: participatoryDocumentSchema,
};

type Session = Omit<ParticipatoryDocument, 'schemaVersion'>;

async function loadSession(ctx: ServiceContext, period: string): Promise<{ session: Session | null; version: number | null }> {
  const stored = await readDocument(ctx.store, participatoryKind, period);
  if (!stored) return { session: null, version: null };
  const { schemaVersion: _schemaVersion, ...session } = stored.value;
  return { session, version: stored.version };
}

function mayTakePart(session: Session, accountId: string): boolean {
  return session.adopted === null && (session.participants === null || session.participants.includes(accountId));
}

async function streamNames(ctx: ServiceContext): Promise<Map<string, string>> {
  const { valueStreams } = await loadValueStreams(ctx.store);
  return new Map(valueStreams.map((stream) => [stream.id, stream.name]));
}

export async function getSession(ctx: ServiceContext, requested?: string): Promise<ParticipatoryView> {
  const period = requested ?? (await currentQuarter(ctx));
  const before = previousQuarter(period);
  const [{ session, version }, access, currency, names, previous] = await Promise.all([
    loadSession(ctx, period),
    accessOf(ctx),
    currencyOf(ctx),
    streamNames(ctx),
    loadBudgetLines(ctx, before),
  ]);
  const streamIds = session?.valueStreamIds ?? [];
  const statistics = allocationStatistics(streamIds, session?.submissions.map((submission) => submission.allocation) ?? []);
  const medians = Object.fromEntries(statistics.streams.map((row) => [row.valueStreamId, row.median ?? 0]));
  let epics: { key: string; summary: string }[] = [];
  if (session !== null && session.epicKeys.length > 0) {
    // Only the epics on the table that the caller can see.
    const snapshot = await portfolioView(ctx);
    const byKey = new Map(snapshot.epics.map((epic) => [epic.key, epic]));
    epics = session.epicKeys.flatMap((key) => {
      const epic = byKey.get(key);
      return epic ? [{ key, summary: epic.summary }] : [];
    });
  }
  return {
    period,
    currency,
    canManage: access.canManagePortfolio,
    session:
      session === null
        ? null
        : {
            total: session.total,
            valueStreams: session.valueStreamIds.map((id) => ({ id, name: names.get(id) ?? id })),
            epics,
            participants: session.participants,
            openedBy: session.openedBy,
            openedAt: session.openedAt,
            adopted: session.adopted,
          },
    version,
    canSubmit: session !== null && mayTakePart(session, ctx.accountId),
    submissions: session?.submissions ?? [],
    statistics,
    medianAllocation: session === null || session.submissions.length === 0 ? {} : scaleToTotal(streamIds, medians, session.total),
    previous: {
      period: before,
      lines: previous.lines.map((line) => ({
        valueStreamId: line.valueStreamId,
        valueStream: names.get(line.valueStreamId) ?? line.valueStreamId,
        budget: line.budget,
        actualSpend: actualSpendOf(line.spend),
      })),
    },
  };
}

export interface OpenSessionInput {
  readonly period: string;
  readonly total: number;
  readonly valueStreamIds: readonly string[];
  readonly epicKeys: readonly string[];
  readonly participants: readonly string[] | null;
  readonly version: number | null;
}

/** Callers authorize first (portfolio managers). Opening again (with the version read) starts over. */
export async function openSession(ctx: ServiceContext, input: OpenSessionInput): Promise<ParticipatoryView> {
  if (new Set(input.valueStreamIds).size !== input.valueStreamIds.length) throw new InvalidInputError('valueStreamIds: each value stream once');
  const names = await streamNames(ctx);
  const unknown = input.valueStreamIds.filter((id) => !names.has(id));
  if (unknown.length > 0) throw new InvalidInputError(`valueStreamIds: no value stream ${unknown.map((id) => `"${id}"`).join(', ')}`);
  const document: ParticipatoryDocument = {
    schemaVersion: PARTICIPATORY_SCHEMA_VERSION,
    period: input.period,
    total: input.total,
    valueStreamIds: [...input.valueStreamIds],
    epicKeys: [...new Set(input.epicKeys)],
    participants: input.participants === null ? null : [...new Set(input.participants)],
    openedBy: ctx.accountId,
    openedAt: ctx.clock.now(),
    submissions: [],
    adopted: null,
  };
  await writeDocumentWithHistory(ctx, participatoryKind, input.period, document, input.version, `the participatory budgeting session for ${input.period}`, {
    action: 'participatory/open',
    subject: { kind: 'budget', key: `participatory:${input.period}` },
    summary: `Participatory budgeting for ${input.period} opened: ${input.total} across ${input.valueStreamIds.length} value streams`,
    changes: [],
  });
  return getSession(ctx, input.period);
}

/** Submissions touch only the caller's own entry, so a conflict with another participant is retried. */
const SUBMIT_ATTEMPTS = 4;

export async function submitAllocation(ctx: ServiceContext, period: string, allocation: Allocation, rationale: string): Promise<ParticipatoryView> {
  const access = await accessOf(ctx);
  for (let attempt = 1; ; attempt++) {
    const { session, version } = await loadSession(ctx, period);
    if (session === null) throw new NotFoundError(`No participatory budgeting session is open for ${period}.`);
    if (session.adopted !== null) throw new ConflictError(`The session for ${period} was already adopted: submissions are closed.`);
    if (!mayTakePart(session, ctx.accountId)) throw new ForbiddenError(`You are not a participant of the participatory budgeting session for ${period}.`);
    const problems = allocationProblems(allocation, session.valueStreamIds, session.total);
    if (problems.length > 0) throw new InvalidInputError(`allocation: ${problems.join('; ')}`);
    const submission: Submission = { accountId: ctx.accountId, displayName: access.displayName, allocation, rationale, at: ctx.clock.now() };
    const submissions = [...session.submissions.filter((entry) => entry.accountId !== ctx.accountId), submission];
    try {
      await writeDocumentWithHistory(
        ctx,
        participatoryKind,
        period,
        { schemaVersion: PARTICIPATORY_SCHEMA_VERSION, ...session, submissions },
        version,
        `the participatory budgeting session for ${period}`,
        {
          action: 'participatory/submit',
          subject: { kind: 'budget', key: `participatory:${period}` },
          summary: `Allocation submitted for ${period} by ${access.displayName ?? ctx.accountId}`,
          changes: [],
        },
      );
      return getSession(ctx, period);
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= SUBMIT_ATTEMPTS) throw error;
    }
  }
}

/**
 * Callers authorize first (portfolio managers). The allocation (the median or edited) must add up to
 * the total; it becomes the quarter's budgets in one write (spend entered so far stays), and the
 * session is closed.
 */
export async function adoptAllocation(ctx: ServiceContext, period: string, allocation: Allocation, version: number | null): Promise<ParticipatoryView> {
  const { session, version: current } = await loadSession(ctx, period);
  if (session === null) throw new NotFoundError(`No participatory budgeting session is open for ${period}.`);
  if (version !== current) {
    throw new ConflictError(
      `Someone changed the participatory budgeting session for ${period} in the meantime (you read ${version === null ? 'nothing' : `version ${version}`}; now there is version ${current}). Reload, then adopt again.`,
    );
  }
  const problems = allocationProblems(allocation, session.valueStreamIds, session.total);
  if (problems.length > 0) throw new InvalidInputError(`allocation: ${problems.join('; ')}`);
  const budget = await loadBudgetLines(ctx, period);
  const kept = budget.lines.filter((line) => !session.valueStreamIds.includes(line.valueStreamId));
  const spendOf = new Map(budget.lines.map((line) => [line.valueStreamId, line.spend]));
  const lines = [
    ...session.valueStreamIds.map((id) => ({ valueStreamId: id, budget: allocation[id] ?? 0, spend: spendOf.get(id) ?? [] })),
    ...kept,
  ];
  // The session closes in the same transaction as the budgets: a second adopt then conflicts
  // instead of writing the budgets twice, and a failed adopt leaves both as they were.
  const adopted = { allocation, accountId: ctx.accountId, at: ctx.clock.now() };
  const sessionSave = documentSave(
    participatoryKind,
    period,
    { schemaVersion: PARTICIPATORY_SCHEMA_VERSION, ...session, adopted },
    version,
    `the participatory budgeting session for ${period}`,
  );
  const budgetSave = await budgetLinesSave(ctx, period, lines, budget.version);
  const sessionVersion = versionAfter(version);
  await writeDocumentsWithHistory(
    ctx,
    [sessionSave, budgetSave],
    [
      {
        action: 'participatory/adopt',
        subject: { kind: 'budget', key: period },
        version: versionAfter(budget.version),
        summary: `Budget ${period} adopted from participatory budgeting: ${session.valueStreamIds.map((id) => `${id} ${allocation[id] ?? 0}`).join(', ')}`,
        changes: [
          { field: 'lines', from: budget.lines.map((line) => ({ valueStreamId: line.valueStreamId, budget: line.budget })), to: lines.map((line) => ({ valueStreamId: line.valueStreamId, budget: line.budget })) },
          { field: 'session', from: sessionVersion - 1, to: sessionVersion },
        ],
      },
    ],
  );
  return getSession(ctx, period);
}
