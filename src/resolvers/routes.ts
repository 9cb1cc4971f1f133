/**
 * Every resolver as authorize → delegate. Parsing happens before (handler.ts), from the contract.
 * Reading needs no check here: epics are read through the user's own Jira search.
 */
import type { ResolverKey, ResolverOutput, ResolverParsedInput } from '../contract/resolvers';
import { accessOf, requirePortfolioManager, searchGroups } from '../services/access';
import { portfolioBoard } from '../services/board';
import { listBudget, saveBudget, saveSpend } from '../services/budgets';
import { decideCase, requireCaseEditor, saveCase } from '../services/businessCases';
import { loadGuardrails, saveGuardrails } from '../services/guardrails';
import { adoptAllocation, getSession, openSession, submitAllocation } from '../services/participatory';
import { businessCaseView, strategyOverview } from '../services/strategy';
import { assignTheme } from '../services/themeAssignment';
import { visibleHistory } from '../services/changeHistory';
import type { ServiceContext } from '../services/context';
import { flowForecast, flowMetrics } from '../services/flowMetrics';
import { checkIn, linkEpics, listOkrs, requireCheckInRight, requireLinkRight, saveOkrs } from '../services/okrs';
import { getReview, markReview } from '../services/review';
import { getEpicWsjf, requireEpicEditor, saveEpicWsjf, saveManyEpicWsjf, wsjfRanking } from '../services/scoring';
import { saveSettings, settingsOf } from '../services/settings';
import { statusesWithStates } from '../services/statuses';
import { configurationCheck } from '../services/configurationCheck';
import { epicPanel } from '../services/epicPanel';
import { checkJql } from '../services/jqlCheck';
import { requirePortfolioEpicType } from '../services/portfolioIssueType';
import { statusMapping } from '../services/statusMapping';
import { loadThemes, loadValueStreams, saveThemes, saveValueStreams } from '../services/themes';
import { moveEpic, requireEpicMover } from '../services/transition';
import { startSyncNow, syncStatus } from '../services/sync/status';

export interface Route<K extends ResolverKey> {
  /** Throws ForbiddenError / NotFoundError when the caller may not. */
  readonly authorize?: (ctx: ServiceContext, input: ResolverParsedInput<K>) => Promise<unknown>;
  readonly run: (ctx: ServiceContext, input: ResolverParsedInput<K>) => Promise<ResolverOutput<K>>;
}

const portfolioManagers = (what: string) => (ctx: ServiceContext) => requirePortfolioManager(ctx, what);

export const routes: { readonly [K in ResolverKey]: Route<K> } = {
  'me/get': { run: accessOf },
  'sync/status': { run: (ctx) => syncStatus(ctx) },
  'sync/start': { authorize: portfolioManagers('the sync'), run: (ctx) => startSyncNow(ctx) },
  'portfolio/board': { run: (ctx, input) => portfolioBoard(ctx, input) },
  'portfolio/wsjf': { run: (ctx, input) => wsjfRanking(ctx, input) },
  'flow/metrics': { run: (ctx, input) => flowMetrics(ctx, input) },
  'flow/forecast': { run: (ctx, input) => flowForecast(ctx, input) },
  'epic/wsjf/get': { authorize: (ctx, input) => requirePortfolioEpicType(ctx, input.issueKey), run: (ctx, input) => getEpicWsjf(ctx, input.issueKey) },
  'epic/wsjf/save': {
    authorize: async (ctx, input) => {
      await requirePortfolioEpicType(ctx, input.issueKey);
      await requireEpicEditor(ctx, input.issueKey);
    },
    run: (ctx, input) => saveEpicWsjf(ctx, input.issueKey, input.components, input.version),
  },
  // Each entry is authorized on its own inside the service: one refusal must not stop the others.
  'portfolio/wsjf/saveMany': { run: async (ctx, input) => ({ results: await saveManyEpicWsjf(ctx, input.entries) }) },
  'settings/get': { run: async (ctx) => settingsOf(ctx) },
  'settings/save': {
    authorize: portfolioManagers('the settings'),
    run: (ctx, input) => saveSettings(ctx, input.settings, input.version),
  },
  'admin/statuses': { run: (ctx) => statusesWithStates(ctx) },
  'themes/list': { run: (ctx) => loadThemes(ctx.store) },
  'themes/save': {
    authorize: portfolioManagers('strategic themes'),
    run: (ctx, input) => saveThemes(ctx, input.themes, input.version),
  },
  'valueStreams/list': { run: (ctx) => loadValueStreams(ctx.store) },
  'valueStreams/save': {
    authorize: portfolioManagers('value streams'),
    run: (ctx, input) => saveValueStreams(ctx, input.valueStreams, input.version),
  },
  'budgets/list': { run: (ctx, input) => listBudget(ctx, input.period) },
  'budgets/save': {
    authorize: portfolioManagers('budgets'),
    run: (ctx, input) => saveBudget(ctx, input.period, input.lines, input.version),
  },
  // ---- Strategy ----
  'budgets/spend/save': {
    authorize: portfolioManagers('budgets'),
    run: (ctx, input) => saveSpend(ctx, input),
  },
  'strategy/overview': { run: (ctx, input) => strategyOverview(ctx, input.period) },
  'themes/assign': {
    // Managers assign; Jira then checks Edit issues on each epic (answered per epic).
    authorize: portfolioManagers('strategic themes'),
    run: (ctx, input) => assignTheme(ctx, input.themeId, input.issueKeys),
  },
  'guardrails/get': { run: (ctx) => loadGuardrails(ctx) },
  'guardrails/save': {
    authorize: portfolioManagers('guardrails'),
    run: (ctx, input) => saveGuardrails(ctx, input.guardrails, input.version),
  },
  'epic/case/get': { run: (ctx, input) => businessCaseView(ctx, input.issueKey) },
  'epic/case/save': {
    authorize: (ctx, input) => requireCaseEditor(ctx, input.issueKey),
    run: async (ctx, input) => businessCaseView(ctx, (await saveCase(ctx, input.issueKey, input.case, input.version)).key),
  },
  'epic/case/decide': {
    authorize: portfolioManagers('business case decisions'),
    run: async (ctx, input) => businessCaseView(ctx, (await decideCase(ctx, input.issueKey, input.decision, input.note, input.version)).key),
  },
  'participatory/get': { run: (ctx, input) => getSession(ctx, input.period) },
  'participatory/open': {
    authorize: portfolioManagers('participatory budgeting sessions'),
    run: (ctx, input) => openSession(ctx, input),
  },
  // Participants only: checked against the session (a member may take part when invited).
  'participatory/submit': { run: (ctx, input) => submitAllocation(ctx, input.period, input.allocation, input.rationale) },
  'participatory/adopt': {
    authorize: portfolioManagers('budgets'),
    run: (ctx, input) => adoptAllocation(ctx, input.period, input.allocation, input.version),
  },
  'okrs/list': { run: (ctx, input) => listOkrs(ctx, input.period) },
  'okrs/save': {
    authorize: portfolioManagers('OKRs'),
    run: (ctx, input) => saveOkrs(ctx, input.period, input.objectives, input.version),
  },
  // ---- OKRs: check-ins, links, the epic's key results; the portfolio review ----
  'okrs/checkin': { authorize: requireCheckInRight, run: checkIn },
  'okrs/link': { authorize: requireLinkRight, run: linkEpics },
  'review/get': { run: (ctx, input) => getReview(ctx, input) },
  'review/mark': { authorize: portfolioManagers('the last review date'), run: (ctx, input) => markReview(ctx, input) },
  'epic/transition': {
    authorize: (ctx, input) => requireEpicMover(ctx, input.issueKey),
    run: (ctx, input) => moveEpic(ctx, input),
  },
  'history/list': { run: (ctx, input) => visibleHistory(ctx, input) },
  // ---- The epic panel and the admin page (issue 9) ----
  // The panel's one read (overview, business case, key results): like the reads it replaced, no
  // authorize step; an epic outside the caller's own search is "not found" or told apart inside.
  'epic/panel': { run: (ctx, input) => epicPanel(ctx, input.issueKey) },
  'admin/jql/check': { authorize: portfolioManagers('the scope'), run: (ctx, input) => checkJql(ctx, input.jql) },
  'admin/groups': { authorize: portfolioManagers('who manages the portfolio'), run: (ctx, input) => searchGroups(ctx, input.query) },
  'admin/mapping': { run: (ctx) => statusMapping(ctx) },
  'admin/check': { run: (ctx) => configurationCheck(ctx) },
};
