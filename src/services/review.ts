/**
 * The portfolio review and sync page: what changed since a date (domain `whatChanged` over the
 * epics' Jira histories and the change history, both trimmed to what the reader may see) and where
 * the portfolio stands now (the budget, flow, board and OKR services, reused as they are).
 */
import { REVIEW_SCHEMA_VERSION, reviewDocumentSchema } from '../contract/documents';
import type { ReviewDocument } from '../contract/documents';
import type { ResolverOutput } from '../contract/resolvers';
import { addDays, daysBetween, endOfLocalDay, toLocalDate } from '../domain/calendar';
import type { LocalDate } from '../domain/calendar';
import { confidenceBand } from '../domain/okr';
import { whatChanged } from '../domain/review';
import { InvalidInputError } from '../errors';
import { accessOf } from './access';
import { portfolioBoard } from './board';
import { listBudget } from './budgets';
import { visibleHistory } from './changeHistory';
import type { ServiceContext } from './context';
import { readDocument, writeDocument } from './documents';
import type { DocumentKind } from './documents';
import { flowMetrics } from './flowMetrics';
import { listOkrs } from './okrs';
import { portfolioSnapshot } from './portfolio/snapshot';
import { settingsOf } from './settings';

export type Review = ResolverOutput<'review/get'>;

export const reviewKind: DocumentKind<ReviewDocument> = {
  collection: 'review',
  currentSchemaVersion: REVIEW_SCHEMA_VERSION,
  schema: reviewDocumentSchema,
};
const REVIEW_KEY = 'portfolio';
/** How far back a review may reach, and how many change-history entries it reads at most. */
export const MAX_REVIEW_DAYS = 400;
export const MAX_REVIEW_ENTRIES = 500;
const DEFAULT_REVIEW_DAYS = 30;

function checkSince(since: LocalDate, today: LocalDate): void {
  if (daysBetween(since, today) < 0) throw new InvalidInputError(`since: ${since} is after today (${today})`);
  if (daysBetween(since, today) > MAX_REVIEW_DAYS) throw new InvalidInputError(`since: a review reaches at most ${MAX_REVIEW_DAYS} days back`);
}

async function standing(ctx: ServiceContext): Promise<Review['standing']> {
  // Each of these reuses the request's one snapshot.
  const [budget, flow, board, okrs] = await Promise.all([listBudget(ctx), flowMetrics(ctx, { percentiles: [85] }), portfolioBoard(ctx), listOkrs(ctx)]);
  const flowTimeP85 = flow.report.flowTime.percentiles['85'] ?? null;
  const guardrails: Review['standing']['guardrails'] = [
    ...budget.lines
      .filter((line) => line.forecastOverBudget || line.actualOverBudget)
      .map((line) => ({ kind: 'budget', summary: `${line.valueStream} is over budget: ${line.actualOverBudget ? `spend ${line.actualSpend}` : `forecast ${line.forecast}`} > budget ${line.budget}`, epicKey: null })),
    ...budget.allocation
      .filter((row) => row.withinTolerance === false)
      .map((row) => ({ kind: 'allocation', summary: `${row.investmentType} takes ${Math.round(row.share * 100)}% of open cost against a target of ${Math.round((row.target ?? 0) * 100)}%`, epicKey: null })),
    ...budget.approvalsNeeded.map((epic) => ({ kind: 'approval', summary: `Needs a go decision before commitment (forecast cost ${epic.forecastCost} above the threshold ${epic.threshold})`, epicKey: epic.key })),
    ...board.columns.filter((column) => column.overLimit).map((column) => ({ kind: 'wip', summary: `${column.state} holds ${column.count} epics, over its WIP limit of ${column.wipLimit ?? 0}`, epicKey: null })),
  ];
  return {
    themes: flow.distribution.inProgress.theme,
    budget: {
      period: budget.period,
      lines: budget.lines.map((line) => ({
        valueStream: line.valueStream,
        budget: line.budget,
        forecast: line.forecast,
        actualSpend: line.actualSpend,
        remaining: line.remaining,
        overBudget: line.forecastOverBudget || line.actualOverBudget,
      })),
    },
    guardrails,
    okrs: {
      period: okrs.period,
      objectives: okrs.objectives.map((objective) => {
        const confidence = { low: 0, medium: 0, high: 0, none: 0 };
        for (const keyResult of objective.keyResults) confidence[confidenceBand(keyResult.confidence) ?? 'none'] += 1;
        return { id: objective.id, title: objective.title, progress: objective.progress, keyResults: objective.keyResults.length, confidence, noWorkInFlight: objective.noWorkInFlight };
      }),
    },
    flow: {
      velocity: flow.velocity.series.slice(-6),
      flowTimeP85,
      load: board.columns.map(({ state, count, wipLimit, overLimit }) => ({ state, count, wipLimit, overLimit })),
      // Older than 85% of finished epics took: at risk of a long flow time.
      agingAtRisk: flowTimeP85 === null ? [] : flow.charts.aging.filter((item) => item.ageDays > flowTimeP85).map(({ key, state, ageDays }) => ({ key, state, ageDays })),
    },
  };
}

export async function getReview(ctx: ServiceContext, input: { since?: LocalDate }): Promise<Review> {
  // A review is read in a meeting: ask Jira what changed since the cache's last refresh, whatever its age.
  const snapshot = await portfolioSnapshot({ ...ctx, cacheFreshMs: 0 });
  const [stored, access] = await Promise.all([readDocument(ctx.store, reviewKind, REVIEW_KEY), accessOf(ctx)]);
  const since = input.since ?? stored?.value.lastReviewDate ?? addDays(snapshot.today, -DEFAULT_REVIEW_DAYS);
  checkSince(since, snapshot.today);
  const from = endOfLocalDay(addDays(since, -1), snapshot.settings.timeZone);
  const { entries } = await visibleHistory(ctx, { since: from, limit: MAX_REVIEW_ENTRIES });
  const changed = whatChanged({
    epics: snapshot.epics.map((epic) => ({
      key: epic.key,
      summary: epic.summary,
      createdAt: epic.history.createdAt,
      statusChanges: epic.history.statusChanges,
      wsjf: epic.wsjf.components,
    })),
    entries,
    config: snapshot.config,
    window: { from, to: snapshot.now + 1 },
    statusName: (id) => snapshot.statusNames.get(id) ?? `status ${id}`,
  });
  return {
    since,
    until: snapshot.today,
    lastReviewDate: stored?.value.lastReviewDate ?? null,
    markVersion: stored?.version ?? null,
    canMark: access.canManagePortfolio,
    truncated: entries.length >= MAX_REVIEW_ENTRIES,
    changes: changed.lines,
    states: changed.states,
    standing: await standing(ctx),
  };
}

/** Callers authorize first (portfolio managers): remembers the date of the review just held. */
export async function markReview(ctx: ServiceContext, input: { date: LocalDate; version: number | null }): Promise<ResolverOutput<'review/mark'>> {
  const { settings } = await settingsOf(ctx);
  checkSince(input.date, toLocalDate(ctx.clock.now(), settings.timeZone));
  const document: ReviewDocument = { schemaVersion: REVIEW_SCHEMA_VERSION, lastReviewDate: input.date, markedBy: ctx.accountId, markedAt: ctx.clock.now() };
  const version = await writeDocument(ctx.store, reviewKind, REVIEW_KEY, document, input.version, 'the last review date');
  return { lastReviewDate: input.date, version };
}
