/**
 * The bench's input: the demo Jira's seeded portfolio (18 months of history), epics only, each
 * issue and its changelog handed straight from the demo model to the service the app uses to turn
 * Jira's issue and history into an EpicHistory (no HTTP, JSON or zod: the domain scenarios time
 * the domain, not the reading); and the app's default settings, statuses mapped by name.
 */
import { toLocalDate } from '../src/domain/calendar';
import type { EpochMillis, LocalDate } from '../src/domain/calendar';
import type { EpicHistory } from '../src/domain/timeline';
import { toEpicHistory } from '../src/services/epicHistory';
import type { FlowReportSettings } from '../src/services/flowReport';
import { defaultSettings, portfolioConfigOf } from '../src/services/settings';
import { DEMO_STATUSES, generatePortfolio, ISSUE_TYPE_IDS } from '../preview/demo-jira';
import type { DemoData, DemoIssue } from '../preview/demo-jira';

/** A fixed "now" so every run of the bench generates the same portfolio. */
export const BENCH_NOW: EpochMillis = Date.UTC(2026, 10, 20, 12, 0, 0);
export const BENCH_TODAY: LocalDate = toLocalDate(BENCH_NOW, 'UTC');
const BENCH_SEED = 42;

/** The flow report's settings as a new installation has them, the demo statuses mapped by name. */
export function benchSettings(): FlowReportSettings {
  const settings = defaultSettings();
  return {
    config: portfolioConfigOf(settings, DEMO_STATUSES),
    timeZone: settings.timeZone,
    inclusive: settings.inclusiveFlowTime,
    percentiles: settings.flowPercentiles,
    skippedCommitment: settings.skippedCommitment,
  };
}

export function demoPortfolio(epics: number): DemoData {
  return generatePortfolio({ seed: BENCH_SEED, epics, now: BENCH_NOW });
}

function epicHistoryOf(issue: DemoIssue): EpicHistory {
  const status = DEMO_STATUSES.find((candidate) => candidate.id === issue.statusId);
  return toEpicHistory(
    { id: issue.id, key: issue.key, fields: { created: issue.created, ...(status ? { status: { id: status.id, name: status.name } } : {}) } },
    // Spread into plain objects: the demo model's interfaces carry no index signature.
    issue.histories.map((history) => ({ ...history, items: history.items.map((item) => ({ ...item })) })),
  );
}

export function epicHistoriesOf(data: DemoData): EpicHistory[] {
  return data.issues.filter((issue) => issue.issueTypeId === ISSUE_TYPE_IDS.epic).map(epicHistoryOf);
}
