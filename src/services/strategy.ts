/**
 * The Strategy page in one read: themes with their shares against targets, the epics the caller can
 * see with their economics, the quarter's value stream budgets and the guardrails; and one epic's
 * lean business case as its drawer and the issue panel show it.
 */
import type { BusinessCaseView, StrategyOverview } from '../contract/strategy';
import { approvalThresholdFor, budgetStage, commitmentVerdict } from '../domain/budget';
import { isThemeActive, themeShares } from '../domain/themes';
import { accessOf, canEditIssue } from './access';
import { budgetView, currencyOf, investmentTypeOf } from './budgets';
import { economicsOf, loadCase, visibleEpic } from './businessCases';
import type { ServiceContext } from './context';
import { loadGuardrails } from './guardrails';
import type { PortfolioEpic } from './portfolio/snapshot';
import { portfolioView } from './portfolio/view';
import { currentQuarter } from './settings';
import { loadThemes } from './themes';

export async function strategyOverview(ctx: ServiceContext, requested?: string): Promise<StrategyOverview> {
  const period = requested ?? (await currentQuarter(ctx));
  const snapshot = await portfolioView(ctx);
  const [themes, economics, guardrails, access, budget] = await Promise.all([
    loadThemes(ctx.store),
    economicsOf(ctx, snapshot.epics),
    loadGuardrails(ctx),
    accessOf(ctx),
    budgetView(ctx, period, snapshot),
  ]);
  const { config } = snapshot;
  const epics = snapshot.epics.map((epic) => {
    const e = economics.get(epic.id);
    const forecastCost = e?.forecastCost ?? null;
    const decision = e?.decision ?? null;
    const stage = budgetStage(epic.state, config);
    const threshold = approvalThresholdFor(guardrails.guardrails, epic.valueStream.id);
    return {
      key: epic.key,
      summary: epic.summary,
      state: epic.state,
      themeId: epic.theme?.id ?? null,
      valueStreamId: epic.valueStream.id,
      valueStream: epic.valueStream.name,
      forecastCost,
      investmentType: investmentTypeOf(epic, e),
      decision,
      needsGo: stage !== 'done' && !commitmentVerdict({ key: epic.key, forecastCost, decision }, threshold).allowed,
      stage,
    };
  });
  const shares = themeShares(themes.themes, epics, guardrails.guardrails.tolerance);
  return {
    period,
    currency: budget.currency,
    me: ctx.accountId,
    canManage: access.canManagePortfolio,
    states: [...config.states],
    commitment: config.commitment,
    themes: {
      list: themes.themes,
      version: themes.version,
      shares: shares.map((row) => {
        const theme = themes.themes.find((candidate) => candidate.id === row.themeId);
        return { ...row, active: theme === undefined || isThemeActive(theme, period) };
      }),
    },
    valueStreams: snapshot.valueStreams.map((stream) => ({ id: stream.id, name: stream.name })),
    epics: epics.map(({ stage: _stage, ...epic }) => epic),
    budget,
    guardrails,
  };
}

export async function businessCaseView(ctx: ServiceContext, issueKey: string): Promise<BusinessCaseView> {
  const { epic } = await visibleEpic(ctx, issueKey);
  const [access, canEdit] = await Promise.all([accessOf(ctx), canEditIssue(ctx, epic.id)]);
  return businessCaseOf(ctx, epic, { canEdit, canDecide: access.canManagePortfolio });
}

/** The case of an epic the caller can see (the caller checked), with the rights the caller already knows. */
export async function businessCaseOf(ctx: ServiceContext, epic: PortfolioEpic, { canEdit, canDecide }: { canEdit: boolean; canDecide: boolean }): Promise<BusinessCaseView> {
  const [loaded, { guardrails }, currency] = await Promise.all([loadCase(ctx, epic), loadGuardrails(ctx), currencyOf(ctx)]);
  const threshold = approvalThresholdFor(guardrails, epic.valueStream.id);
  return {
    issueKey: epic.key,
    summary: epic.summary,
    state: epic.state,
    valueStream: epic.valueStream.name,
    case: loaded.value.case,
    decision: loaded.value.decision,
    decisions: loaded.value.decisions,
    version: loaded.version,
    migratedFrom: loaded.migratedFrom,
    canEdit,
    canDecide,
    currency,
    threshold,
    gate: commitmentVerdict({ key: epic.key, forecastCost: loaded.value.case.forecastCost, decision: loaded.value.decision?.decision ?? null }, threshold),
    investmentTypes: guardrails.investmentTypes.map((type) => ({ id: type.id, name: type.name })),
  };
}
