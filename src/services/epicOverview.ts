/**
 * Everything the epic panel shows about one epic, trimmed to what the caller may see: its WSJF
 * (read as the user), the other visible epics' components (the page ranks the draft among them as
 * the user types), its own flow against the portfolio's percentiles, and who changed its score.
 */
import type { ResolverOutput } from '../contract/resolvers';
import { daysBetween, toLocalDate } from '../domain/calendar';
import { ageDays, flowTimeDays, percentileBand } from '../domain/flow';
import { percentiles } from '../domain/stats';
import type { ServiceContext } from './context';
import { historyNewestFirst } from './history';
import { findEpic } from './portfolio/snapshot';
import type { PortfolioEpic, PortfolioView } from './portfolio/snapshot';
import { portfolioView } from './portfolio/view';
import { issueTypeVerdict } from './portfolioIssueType';
import { getEpicWsjf } from './scoring';
import { settingsOf } from './settings';

export type EpicOverview = ResolverOutput<'epic/overview'>;
type EpicFlow = Extract<EpicOverview, { kind: 'epic' }>['flow'];
type ScoreChange = Extract<EpicOverview, { kind: 'epic' }>['changes'][number];

/** The panel shows the latest few saves; the history is read newest first, at most this far back. */
const CHANGES_SHOWN = 5;
const HISTORY_ENTRIES_SCANNED = 300;

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

/** The caller may see this epic (checked before): its entries are theirs to read. */
async function scoreChanges(ctx: ServiceContext, issueId: string): Promise<ScoreChange[]> {
  const changes: ScoreChange[] = [];
  let scanned = 0;
  for await (const entry of historyNewestFirst(ctx.store, ctx.log)) {
    if (++scanned > HISTORY_ENTRIES_SCANNED) break;
    if (entry.action !== 'epic/wsjf/save' || entry.subject.kind !== 'epic' || entry.subject.issueId !== issueId) continue;
    changes.push({ at: entry.at, accountId: entry.accountId, byYou: entry.accountId === ctx.accountId, summary: entry.summary, changes: entry.changes });
    if (changes.length >= CHANGES_SHOWN) break;
  }
  return changes;
}

export async function epicOverview(ctx: ServiceContext, issueKey: string): Promise<EpicOverview> {
  const verdict = await issueTypeVerdict(ctx, issueKey);
  if (!verdict.isPortfolioEpic) return { kind: 'not-portfolio-epic', issueKey, issueType: verdict.issueType, expected: verdict.expected };
  const snapshot = await portfolioView(ctx);
  const epic = findEpic(snapshot, issueKey);
  if (epic === undefined) return { kind: 'out-of-scope', issueKey, scopeJql: (await settingsOf(ctx)).settings.scopeJql };
  const [wsjf, changes] = await Promise.all([getEpicWsjf(ctx, issueKey), scoreChanges(ctx, epic.id)]);
  return {
    kind: 'epic',
    wsjf,
    others: snapshot.epics.filter((other) => other.key !== epic.key).map((other) => ({ key: other.key, summary: other.summary, ...other.wsjf.components })),
    flow: epicFlow(snapshot, epic),
    changes,
  };
}
