/**
 * The Flow page's numbers (through the resolver) equal what `lpm metrics --site` prints for the same
 * demo Jira, the same settings and the same as-of date: both read the real demo Jira over HTTP.
 */
import { STATUS_IDS, demoUser } from '../../preview/demo-jira';
import { SETTINGS_SCHEMA_VERSION } from '../../src/contract/settings';
import type { FlowReport } from '../../src/contract/flowReport';
import { addDays, toLocalDate } from '../../src/domain/calendar';
import { defaultSettings, SETTINGS_KEY, settingsKind } from '../../src/services/settings';
import { writeDocument } from '../../src/services/documents';
import { TEST_NOW, dataOf, startTestBackend } from '../builders/services';
import type { TestBackend } from '../builders/services';
import { toJsonText } from '../../src/cli/print';
import { runLpm } from './runLpm';

/** The page's report as lpm prints numbers (6 decimals). */
const printed = <T>(report: T): T => JSON.parse(toJsonText(report)) as T;
/** What the page's answer keeps of the report (its rows and CFD are the CLI's alone). */
const pageFiguresOf = ({ asOf, flowTime, load, efficiency, closedWithoutImplementation }: FlowReport) => ({ asOf, flowTime, load, efficiency, closedWithoutImplementation });

jest.setTimeout(60_000);

let backend: TestBackend;
const rte = demoUser('rte');
const ENV = { JIRA_EMAIL: rte.email, JIRA_API_TOKEN: rte.apiToken };
const AS_OF = toLocalDate(TEST_NOW - 20 * 86_400_000, 'UTC');

beforeAll(async () => {
  backend = await startTestBackend();
});
afterAll(async () => backend?.close());

async function lpmReport(config?: Record<string, unknown>): Promise<FlowReport> {
  const scope = defaultSettings().scopeJql;
  const files: Record<string, string> = config === undefined ? {} : { 'c.json': JSON.stringify(config) };
  const args = ['metrics', '--site', backend.demo.url, '--jql', scope, '--as-of', AS_OF, ...(config === undefined ? [] : ['--config', 'c.json'])];
  const outcome = await runLpm(args, files, AS_OF, { env: ENV, fetch });
  expect(outcome.stderr).toBe('');
  return JSON.parse(outcome.stdout) as FlowReport;
}

describe('the Flow page and lpm metrics', () => {
  it('should give the same report for the demo Jira with the default settings', async () => {
    // A date range reaching back past the demo's 18 months: the charts cover every epic, as lpm does.
    const page = dataOf(await backend.call('rte', 'flow/metrics', { asOf: AS_OF, filters: { from: addDays(AS_OF, -700) } }));
    const cli = await lpmReport();
    expect(page.charts.epicCount).toBeGreaterThan(100);
    expect(page.charts.epicCount).toBe(cli.epics.length);
    expect(printed(page.report)).toEqual(pageFiguresOf(cli));
    // The charts' numbers are lpm's numbers.
    expect(page.charts.load.inProgress).toBe(cli.load.inProgress);
    expect(page.charts.load.byState.map((row) => row.count)).toEqual(Object.values(cli.load.byState));
    expect(page.charts.flowTime.count).toBe(cli.flowTime.count);
    // Interpolated percentiles are floats (92.19999999999999 days): compared as lpm prints them.
    expect(printed(page.charts.flowTime.percentiles.map((p) => p.days))).toEqual(Object.values(cli.flowTime.percentiles));
    expect(page.charts.cfd.at(-1)).toEqual(cli.cfd.at(-1));
    expect(page.charts.aging.map((item) => [item.key, item.ageDays])).toEqual(
      cli.epics.filter((epic) => epic.ageDays !== null).sort((a, b) => b.ageDays! - a.ageDays! || (a.key < b.key ? -1 : 1)).map((epic) => [epic.key, epic.ageDays]),
    );
    expect(printed(page.report).efficiency).toBe(cli.efficiency);
  });

  it('should give the same report when On Hold maps into Implementing and skipped commitments are back-filled', async () => {
    const settings = defaultSettings();
    const mapping = {
      [STATUS_IDS.funnel]: 'Funnel',
      [STATUS_IDS.reviewing]: 'Reviewing',
      [STATUS_IDS.analyzing]: 'Analyzing',
      [STATUS_IDS.portfolioBacklog]: 'Portfolio Backlog',
      [STATUS_IDS.implementing]: 'Implementing',
      [STATUS_IDS.done]: 'Done',
      [STATUS_IDS.onHold]: 'Implementing',
    };
    await writeDocument(backend.store, settingsKind, SETTINGS_KEY, { ...settings, mapping, skippedCommitment: 'backfill', schemaVersion: SETTINGS_SCHEMA_VERSION }, null, 'the settings');
    const page = dataOf(await backend.call('rte', 'flow/metrics', { asOf: AS_OF }));
    const cli = await lpmReport({ mapping, skippedCommitment: 'backfill' });
    expect(printed(page.report)).toEqual(pageFiguresOf(cli));
    expect(page.report.closedWithoutImplementation).toBe(0);
    // With "exclude" (the default) the same data has epics closed without implementation.
    const excluded = await lpmReport({ mapping });
    expect(excluded.closedWithoutImplementation).toBeGreaterThan(0);
    expect(excluded.flowTime.count).toBe(cli.flowTime.count - excluded.closedWithoutImplementation);
  });
});
