/**
 * The bench's input: the demo Jira's seeded portfolio (18 months of history), read the way the app
 * reads Jira — epics only, each issue and its changelog turned into an EpicHistory by the same
 * service the app uses — and the default SAFe config mapped by status name.
 */
import { toLocalDate } from '../src/domain/calendar';
import type { EpochMillis, LocalDate } from '../src/domain/calendar';
import { defaultPortfolioConfig, mappingByName, SAFE_STATES } from '../src/domain/states';
import type { PortfolioConfig } from '../src/domain/states';
import type { EpicHistory } from '../src/domain/timeline';
import { toEpicHistory } from '../src/services/epicHistory';
import { DEMO_STATUSES, generatePortfolio, ISSUE_TYPE_IDS } from '../preview/demo-jira';
import type { DemoData, DemoIssue } from '../preview/demo-jira';

/** A fixed "now" so every run of the bench generates the same portfolio. */
export const BENCH_NOW: EpochMillis = Date.UTC(2026, 10, 20, 12, 0, 0);
export const BENCH_TODAY: LocalDate = toLocalDate(BENCH_NOW, 'UTC');
export const BENCH_SEED = 42;

export function benchConfig(): PortfolioConfig {
  return defaultPortfolioConfig(mappingByName([...SAFE_STATES], DEMO_STATUSES));
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
