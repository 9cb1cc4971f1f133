/**
 * Everything the epic panel shows about one epic, in ONE request, trimmed to what the caller may
 * see: its WSJF, the other visible epics' components (the page ranks the draft among them as the
 * user types), its own flow against the portfolio's percentiles, who changed its score, its lean
 * business case and the quarter's key results. One request reads the view, the settings, the
 * caller's search and the permissions once; Jira is asked at most twice for an epic in scope
 * (the search, one `mypermissions`), plus `myself` for a caller who is not a Jira admin, to know
 * whether they are in the portfolio-managers group (they may then decide on the business case).
 */
import type { ResolverOutput } from '../contract/resolvers';
import { daysBetween, toLocalDate } from '../domain/calendar';
import { ageDays, flowTimeDays, percentileBand } from '../domain/flow';
import { percentiles } from '../domain/stats';
import { accessOnIssue, managesPortfolio } from './access';
import type { ServiceContext } from './context';
import { epicKeyResults } from './okrs';
import { findEpic } from './portfolio/snapshot';
import type { PortfolioEpic, PortfolioView } from './portfolio/snapshot';
import { portfolioView } from './portfolio/view';
import { issueTypeVerdict } from './portfolioIssueType';
import { epicWsjfView } from './scoring';
import { settingsOf } from './settings';
import { businessCaseOf } from './strategy';
import { recentWsjfSaves } from './wsjfRegister';

export type EpicPanel = ResolverOutput<'epic/panel'>;
type EpicFlow = Extract<EpicPanel, { kind: 'epic' }>['flow'];
type ScoreChange = Extract<EpicPanel, { kind: 'epic' }>['changes'][number];


function epicFlow(snapshot: PortfolioView, epic: PortfolioEpic): EpicFlow {
  const { config, settings, today } = snapshot;
  const options = { inclusive: settings.inclusiveFlowTime };
  const stateSince = epic.stateSince === null ? null : toLocalDate(epic.stateSince, settings.timeZone);
  const sample = snapshot.epics.map((other) => flowTimeDays(other.flow, config, options)).filter((days): days is number => days !== null);
  const byPercentile = percentiles(sample, settings.flowPercentiles);
  const flowTime = flowTimeDays(epic.flow, config, options);
  const age = ageDays(epic.flow, config, today, options);
  const measured = flowTime ?? age;
  return {
    asOf: today,
    state: epic.state,
    stateSince,
    daysInState: stateSince === null ? null : daysBetween(stateSince, today),
    commitment: config.commitment,
    stateDates: config.states.map((state) => ({ state, date: epic.flow.stateDates[state] ?? null })),
    flowTimeDays: flowTime,
    ageDays: age,
    percentiles: settings.flowPercentiles.map((percentile) => ({ percentile, days: byPercentile[String(percentile)] ?? null })),
    band: measured === null ? null : percentileBand(measured, byPercentile),
    sampleSize: sample.length,
  };
}

/**
 * The caller may see this epic (checked before): its saves are theirs to read. An epic the app
 * never saw scored (no WSJF property) has none: nothing is read.
 */
async function scoreChanges(ctx: ServiceContext, epic: PortfolioEpic): Promise<ScoreChange[]> {
  if (epic.wsjf.version === null) return [];
  return (await recentWsjfSaves(ctx, epic.id)).map((entry) => ({ at: entry.at, accountId: entry.accountId, byYou: entry.accountId === ctx.accountId, summary: entry.summary, changes: entry.changes }));
}

/**
 * The epic is looked up in the caller's view first: found, the caller's own search returned it (they
 * may browse it, and the scope makes it a portfolio epic, as on every page). Only an issue the view
 * lacks is asked of Jira as the caller, to tell "not a portfolio epic" from "out of scope" (an issue
 * they cannot see is "not found", whether it exists or not).
 */
export async function epicPanel(ctx: ServiceContext, issueKey: string): Promise<EpicPanel> {
  const snapshot = await portfolioView(ctx);
  const epic = findEpic(snapshot, issueKey);
  if (epic === undefined) {
    const verdict = await issueTypeVerdict(ctx, issueKey);
    if (!verdict.isPortfolioEpic) return { kind: 'not-portfolio-epic', issueKey, issueType: verdict.issueType, expected: verdict.expected };
    return { kind: 'out-of-scope', issueKey, scopeJql: (await settingsOf(ctx)).settings.scopeJql };
  }
  const { canAdminister, canEdit } = await accessOnIssue(ctx, epic.id);
  // The WSJF as the app last read it (the cards, kept fresh by events and the app's own saves):
  // a save names its version, and a stale one is refused as a conflict that shows the current value.
  const [wsjf, changes, businessCase, keyResults] = await Promise.all([
    epicWsjfView(ctx, snapshot, epic, epic.wsjf, canEdit),
    scoreChanges(ctx, epic),
    managesPortfolio(ctx, canAdminister).then((canDecide) => businessCaseOf(ctx, epic, { canEdit, canDecide })),
    epicKeyResults(ctx, epic, canEdit),
  ]);
  return {
    kind: 'epic',
    wsjf,
    others: snapshot.epics.filter((other) => other.key !== epic.key).map((other) => ({ key: other.key, summary: other.summary, ...other.wsjf.components })),
    flow: epicFlow(snapshot, epic),
    changes,
    businessCase,
    keyResults,
  };
}
