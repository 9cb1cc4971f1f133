/**
 * Every resolver as authorize → delegate. Parsing happens before (handler.ts), from the contract.
 * Reading needs no check here: epics are read through the user's own Jira search.
 */
import type { ResolverKey, ResolverOutput, ResolverParsedInput } from '../contract/resolvers';
import { accessOf, requirePortfolioManager } from '../services/access';
import { portfolioBoard } from '../services/board';
import { listBudget, saveBudget } from '../services/budgets';
import { visibleHistory } from '../services/changeHistory';
import type { ServiceContext } from '../services/context';
import { flowForecast, flowMetrics } from '../services/flowMetrics';
import { listOkrs, saveOkrs } from '../services/okrs';
import { getEpicWsjf, requireEpicEditor, saveEpicWsjf, wsjfRanking } from '../services/scoring';
import { saveSettings, settingsOf } from '../services/settings';
import { statusesWithStates } from '../services/statuses';
import { loadThemes, loadValueStreams, saveThemes, saveValueStreams } from '../services/themes';
import { moveEpic, requireEpicMover } from '../services/transition';

export interface Route<K extends ResolverKey> {
  /** Throws ForbiddenError / NotFoundError when the caller may not. */
  readonly authorize?: (ctx: ServiceContext, input: ResolverParsedInput<K>) => Promise<unknown>;
  readonly run: (ctx: ServiceContext, input: ResolverParsedInput<K>) => Promise<ResolverOutput<K>>;
}

const portfolioManagers = (what: string) => (ctx: ServiceContext) => requirePortfolioManager(ctx, what);

export const routes: { readonly [K in ResolverKey]: Route<K> } = {
  'me/get': { run: accessOf },
  'portfolio/board': { run: (ctx, input) => portfolioBoard(ctx, input) },
  'portfolio/wsjf': { run: (ctx) => wsjfRanking(ctx) },
  'flow/metrics': { run: (ctx, input) => flowMetrics(ctx, input) },
  'flow/forecast': { run: (ctx, input) => flowForecast(ctx, input) },
  'epic/wsjf/get': { run: (ctx, input) => getEpicWsjf(ctx, input.issueKey) },
  'epic/wsjf/save': {
    authorize: (ctx, input) => requireEpicEditor(ctx, input.issueKey),
    run: (ctx, input) => saveEpicWsjf(ctx, input.issueKey, input.components, input.version),
  },
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
    run: (ctx, input) => saveBudget(ctx, input.period, input.plan, input.version),
  },
  'okrs/list': { run: (ctx, input) => listOkrs(ctx, input.period) },
  'okrs/save': {
    authorize: portfolioManagers('OKRs'),
    run: (ctx, input) => saveOkrs(ctx, input.period, input.objectives, input.version),
  },
  'epic/transition': {
    authorize: (ctx, input) => requireEpicMover(ctx, input.issueKey),
    run: (ctx, input) => moveEpic(ctx, input),
  },
  'history/list': { run: (ctx, input) => visibleHistory(ctx, input) },
};
