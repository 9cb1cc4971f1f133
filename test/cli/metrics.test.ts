import { flowReportSchema, type FlowReport, type FlowReportEpic } from '../../src/contract/flowReport';
import { SAMPLE, readFixture, runLpm, sampleExport } from './runLpm';

async function metrics(extra: string[] = [], files: Record<string, string> = {}): Promise<FlowReport> {
  const outcome = await runLpm(['metrics', '--input', SAMPLE, ...extra], files);
  expect(outcome).toMatchObject({ code: 0, stderr: '' });
  return flowReportSchema.parse(JSON.parse(outcome.stdout));
}

function epic(report: FlowReport, key: string): FlowReportEpic {
  const found = report.epics.find((e) => e.key === key);
  if (!found) throw new Error(`no epic ${key} in the report`);
  return found;
}

describe('lpm metrics on the sample export', () => {
  let report: FlowReport;
  beforeAll(async () => {
    report = await metrics(['--as-of', '2025-04-30']);
  });

  it('should report every epic in input order when all were created before the as-of date', () => {
    expect(report.asOf).toBe('2025-04-30');
    expect(report.epics.map((e) => e.key)).toEqual(['LPM-1', 'LPM-2', 'LPM-3', 'LPM-4', 'LPM-5', 'LPM-6', 'LPM-7', 'LPM-8']);
  });

  it.each([
    // key, state, stateDates (Funnel … Done), flowTimeDays, ageDays — checked by hand against the fixture
    ['LPM-1', 'Done', ['2025-01-06', '2025-01-08', '2025-01-13', '2025-01-20', '2025-02-03', '2025-03-10'], 35, null],
    // Funnel → Analyzing skips Reviewing, which takes Analyzing's date.
    ['LPM-2', 'Done', ['2025-01-09', '2025-01-14', '2025-01-14', '2025-01-27', '2025-02-10', '2025-03-24'], 42, null],
    ['LPM-3', 'Implementing', ['2025-02-03', '2025-02-05', '2025-02-12', '2025-02-24', '2025-03-17', null], null, 44],
    // Implementing on 01-13, back to the backlog on 01-22 (clears it), Implementing again on 02-17.
    ['LPM-4', 'Done', ['2024-12-02', '2024-12-09', '2024-12-16', '2025-01-06', '2025-02-17', '2025-04-14'], 56, null],
    // Created in the backlog; Done 02-21, reopened 02-26 (clears Done), Done again 03-05.
    ['LPM-5', 'Done', ['2025-01-20', '2025-01-20', '2025-01-20', '2025-01-20', '2025-01-27', '2025-03-05'], 37, null],
    // On Hold is unmapped: the move there and back changes nothing.
    ['LPM-6', 'Implementing', ['2025-02-10', '2025-02-12', '2025-02-19', '2025-03-03', '2025-03-10', null], null, 51],
    ['LPM-7', 'Funnel', ['2025-04-22', null, null, null, null, null], null, null],
    // Times written with +0100/+0200 offsets: 03-12T09:30+0100 and 04-02T18:15+0200.
    ['LPM-8', 'Done', ['2025-03-03', '2025-03-03', '2025-03-03', '2025-03-05', '2025-03-12', '2025-04-02'], 21, null],
  ])('should give %s state %s, its state dates, flow time and age when read in UTC', (key, state, dates, flowTimeDays, ageDays) => {
    const states = ['Funnel', 'Reviewing', 'Analyzing', 'Portfolio Backlog', 'Implementing', 'Done'];
    expect(epic(report, key)).toMatchObject({
      state,
      stateDates: Object.fromEntries(states.map((s, i) => [s, dates[i]])),
      flowTimeDays,
      ageDays,
    });
  });

  it('should report the unmapped status id when an epic passed through a status named like no state', () => {
    expect(epic(report, 'LPM-6').unmappedStatuses).toEqual(['10006']);
    expect(report.epics.filter((e) => e.unmappedStatuses.length > 0).map((e) => e.key)).toEqual(['LPM-6']);
  });

  it('should count flagged time as waiting when computing flow efficiency', () => {
    // LPM-2: Implementing 02-10T23:30Z → Done 03-24T17:00Z = 1001.5 h, flagged 03-03 → 03-07 = 96 h.
    expect(epic(report, 'LPM-2').efficiency).toBeCloseTo(905.5 / 1001.5, 6);
    // LPM-5: time in Done between the first Done and the reopen is waiting: (607 h + 170 h) / 891 h.
    expect(epic(report, 'LPM-5').efficiency).toBeCloseTo(777 / 891, 6);
    expect(epic(report, 'LPM-1').efficiency).toBe(1);
    expect(epic(report, 'LPM-3').efficiency).toBeNull();
    // Σ active / Σ flow over LPM-1, 2, 4, 5, 8 in hours.
    const flowHours = 842 + 1 / 3 + 1001.5 + 1347.5 + 891 + 511.75;
    expect(report.efficiency).toBeCloseTo((flowHours - 96 - 114) / flowHours, 6);
  });

  it('should summarise flow time with interpolated percentiles when five epics are done', () => {
    // Sorted flow times 21, 35, 37, 42, 56: p85 rank 3.4 → 42 + 0.4 × 14; p95 rank 3.8 → 42 + 0.8 × 14.
    expect(report.flowTime).toEqual({ count: 5, mean: 38.2, percentiles: { '50': 37, '85': 47.6, '95': 53.2 } });
  });

  it('should give one CFD row per day from the earliest state date to the as-of date', () => {
    // 2024-12-02 (LPM-4 created) to 2025-04-30: 30 (Dec) + 31 + 28 + 31 + 30 = 150 days.
    expect(report.cfd).toHaveLength(150);
    expect(report.cfd[0]).toEqual({
      date: '2024-12-02',
      counts: { Funnel: 1, Reviewing: 0, Analyzing: 0, 'Portfolio Backlog': 0, Implementing: 0, Done: 0 },
    });
    expect(report.cfd.at(-1)).toEqual({
      date: '2025-04-30',
      counts: { Funnel: 8, Reviewing: 7, Analyzing: 7, 'Portfolio Backlog': 7, Implementing: 7, Done: 5 },
    });
  });

  it('should zero-fill weekly velocity over Monday-start weeks when no epic finished in a week', () => {
    expect(report.velocity).toHaveLength(22); // weeks of 2024-12-02 … 2025-04-28
    expect(report.velocity[0]).toEqual({ start: '2024-12-02', count: 0 });
    expect(report.velocity.filter((week) => week.count > 0)).toEqual([
      { start: '2025-03-03', count: 1 }, // LPM-5 on Wed 03-05
      { start: '2025-03-10', count: 1 }, // LPM-1
      { start: '2025-03-24', count: 1 }, // LPM-2
      { start: '2025-03-31', count: 1 }, // LPM-8 on Wed 04-02
      { start: '2025-04-14', count: 1 }, // LPM-4
    ]);
    expect(report.velocity.at(-1)).toEqual({ start: '2025-04-28', count: 0 });
  });

  it('should count load in progress and by latest state when two epics are committed and not done', () => {
    expect(report.load).toEqual({
      inProgress: 2,
      byState: { Funnel: 1, Reviewing: 0, Analyzing: 0, 'Portfolio Backlog': 0, Implementing: 2, Done: 5 },
    });
  });
});

describe('lpm metrics options', () => {
  it('should ignore later changes and later epics when the as-of date is in the past', async () => {
    const report = await metrics(['--as-of', '2025-03-01']);
    // LPM-7 (created 04-22) and LPM-8 (created 03-03) did not exist yet.
    expect(report.epics.map((e) => e.key)).toEqual(['LPM-1', 'LPM-2', 'LPM-3', 'LPM-4', 'LPM-5', 'LPM-6']);
    // LPM-1 was done on 03-10: on 03-01 it was 26 days into Implementing.
    expect(epic(report, 'LPM-1')).toMatchObject({ state: 'Implementing', flowTimeDays: null, ageDays: 26 });
    expect(epic(report, 'LPM-1').stateDates.Done).toBeNull();
    // LPM-5 was reopened on 02-26: in progress again, aged from 01-27.
    expect(epic(report, 'LPM-5')).toMatchObject({ state: 'Implementing', flowTimeDays: null, ageDays: 33 });
    expect(report.cfd).toHaveLength(90); // 2024-12-02 … 2025-03-01
    expect(report.flowTime).toEqual({ count: 0, mean: null, percentiles: { '50': null, '85': null, '95': null } });
    // Committed by 03-01 and not done: LPM-1, LPM-2, LPM-4 and the reopened LPM-5 (LPM-3, LPM-6 commit later).
    expect(report.load.inProgress).toBe(4);
  });

  it('should default the as-of date to today when --as-of is not given', async () => {
    const outcome = await runLpm(['metrics', '--input', SAMPLE], {}, '2025-05-05');
    expect(JSON.parse(outcome.stdout)).toMatchObject({ asOf: '2025-05-05' });
  });

  it('should key the flow-time percentiles as written when --percentiles is given', async () => {
    const report = await metrics(['--as-of', '2025-04-30', '--percentiles', '25,50,100']);
    // 21, 35, 37, 42, 56: p25 rank 1 → 35.
    expect(report.flowTime.percentiles).toEqual({ '25': 35, '50': 37, '100': 56 });
  });

  it('should print the epics table when --format csv', async () => {
    const outcome = await runLpm(['metrics', '--input', SAMPLE, '--as-of', '2025-04-30', '--format', 'csv']);
    expect(outcome.code).toBe(0);
    const lines = outcome.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(9);
    expect(lines[0]).toBe('key,state,Funnel,Reviewing,Analyzing,Portfolio Backlog,Implementing,Done,flowTimeDays,ageDays,efficiency,unmappedStatuses');
    expect(lines[2]).toBe('LPM-2,Done,2025-01-09,2025-01-14,2025-01-14,2025-01-27,2025-02-10,2025-03-24,42,,0.904144,');
    expect(lines[6]).toBe('LPM-6,Implementing,2025-02-10,2025-02-12,2025-02-19,2025-03-03,2025-03-10,,,51,,10006');
  });

  it('should give the same report when the history comes from bulkfetch pages with epoch-ms times', async () => {
    const subset = sampleExport();
    subset.issues = subset.issues.filter((issue) => ['LPM-2', 'LPM-4', 'LPM-5'].includes(issue.key));
    const inline = await runLpm(['metrics', '--input', 'subset.json', '--as-of', '2025-04-30'], { 'subset.json': JSON.stringify(subset) });
    const bulk = await runLpm(['metrics', '--input', 'test/fixtures/cli/bulkfetch-export.json', '--as-of', '2025-04-30']);
    expect(bulk.code).toBe(0);
    expect(JSON.parse(bulk.stdout)).toEqual(JSON.parse(inline.stdout));
    expect(JSON.parse(bulk.stdout)).toMatchObject({ flowTime: { count: 3, mean: (42 + 56 + 37) / 3 } });
  });

  it('should read every page when the input is an array of search pages', async () => {
    const sample = sampleExport();
    const pages = [
      { issues: sample.issues.slice(0, 3), nextPageToken: 'CAEaAggD', isLast: false },
      { issues: sample.issues.slice(3), isLast: true },
    ];
    const split = await runLpm(['metrics', '--input', 'pages.json', '--as-of', '2025-04-30'], { 'pages.json': JSON.stringify(pages) });
    const whole = await runLpm(['metrics', '--input', SAMPLE, '--as-of', '2025-04-30']);
    expect(JSON.parse(split.stdout)).toEqual(JSON.parse(whole.stdout));
  });

  it('should report an empty portfolio as empty series when the search found no issues', async () => {
    const outcome = await runLpm(['metrics', '--input', 'empty.json', '--as-of', '2025-04-30'], { 'empty.json': '{"issues":[],"isLast":true}' });
    expect(JSON.parse(outcome.stdout)).toEqual({
      asOf: '2025-04-30',
      epics: [],
      cfd: [],
      velocity: [],
      flowTime: { count: 0, mean: null, percentiles: { '50': null, '85': null, '95': null } },
      load: { inProgress: 0, byState: { Funnel: 0, Reviewing: 0, Analyzing: 0, 'Portfolio Backlog': 0, Implementing: 0, Done: 0 } },
      efficiency: null,
      closedWithoutImplementation: 0,
    });
  });
});

describe('lpm metrics with a config file', () => {
  it('should move dates into the time zone and map by id and name when the config says so', async () => {
    const report = await metrics(['--as-of', '2025-04-30', '--config', 'test/fixtures/cli/config-berlin.json']);
    // LPM-2 entered Implementing at 02-10T23:30Z = 02-11 00:30 in Berlin; inclusive: 41 + 1 days.
    expect(epic(report, 'LPM-2').stateDates.Implementing).toBe('2025-02-11');
    expect(epic(report, 'LPM-2').flowTimeDays).toBe(42);
    expect(epic(report, 'LPM-1').flowTimeDays).toBe(36); // 35 + 1
    // On Hold now maps to Portfolio Backlog: the move on 03-20 is backward and clears Implementing,
    // re-entered on 04-07; age inclusive = 23 + 1.
    expect(epic(report, 'LPM-6')).toMatchObject({ state: 'Implementing', ageDays: 24, unmappedStatuses: [] });
    expect(epic(report, 'LPM-6').stateDates).toMatchObject({ 'Portfolio Backlog': '2025-03-03', Implementing: '2025-04-07' });
  });

  it('should use custom states when the config renames and merges them', async () => {
    const config = {
      states: ['Idea', 'Ready', 'Doing', 'Done'],
      mapping: { Funnel: 'Idea', Reviewing: 'idea', Analyzing: 'Ready', 'PORTFOLIO BACKLOG': 'Ready', '10004': 'Doing', '10005': 'Done' },
      commitment: 'Doing',
    };
    const report = await metrics(['--as-of', '2025-04-30', '--config', 'custom.json'], { 'custom.json': JSON.stringify(config) });
    expect(epic(report, 'LPM-1')).toMatchObject({
      state: 'Done',
      stateDates: { Idea: '2025-01-06', Ready: '2025-01-13', Doing: '2025-02-03', Done: '2025-03-10' },
      flowTimeDays: 35,
    });
    expect(epic(report, 'LPM-6').unmappedStatuses).toEqual(['10006']);
    expect(report.load.byState).toEqual({ Idea: 1, Ready: 0, Doing: 2, Done: 5 });
  });

  it('should leave a status unmapped when an explicit mapping does not name it', async () => {
    const config = { mapping: { Funnel: 'Funnel', Reviewing: 'Reviewing', Analyzing: 'Analyzing', 'Portfolio backlog': 'Portfolio Backlog', Implementing: 'Implementing' } };
    const report = await metrics(['--as-of', '2025-04-30', '--config', 'partial.json'], { 'partial.json': JSON.stringify(config) });
    // Done (10005) is unmapped now: LPM-1 stays Implementing and is still ageing on 04-30.
    expect(epic(report, 'LPM-1')).toMatchObject({ state: 'Implementing', flowTimeDays: null, ageDays: 86, unmappedStatuses: ['10005'] });
  });
});

describe('lpm metrics with a cut inline changelog', () => {
  it('should accept it when bulkfetch pages give that issue its full history', async () => {
    const bulk = JSON.parse(readFixture('test/fixtures/cli/bulkfetch-export.json')) as { issues: Record<string, unknown>[] };
    // LPM-4 as a search with expand=changelog would return it: the last 2 of its 7 histories.
    bulk.issues[1] = { ...bulk.issues[1], changelog: { startAt: 5, maxResults: 2, total: 7, histories: [] } };
    const outcome = await runLpm(['metrics', '--input', 'b.json', '--as-of', '2025-04-30'], { 'b.json': JSON.stringify(bulk) });
    expect(outcome.code).toBe(0);
    expect(JSON.parse(outcome.stdout)).toMatchObject({ epics: [{ key: 'LPM-2' }, { key: 'LPM-4', flowTimeDays: 56 }, { key: 'LPM-5' }] });
  });
});

describe('lpm metrics with a renamed status', () => {
  it('should leave the status unmapped when it was renamed from a state name to one no state has', async () => {
    // Status 10004 was "Implementing" when LPM-3 moved there; it is called "Build" now.
    const lpm3 = sampleExport().issues.find((issue) => issue.key === 'LPM-3') as unknown as { fields: { status: { name: string } } };
    lpm3.fields.status.name = 'Build';
    const outcome = await runLpm(['metrics', '--input', 'renamed.json', '--as-of', '2025-04-30'], { 'renamed.json': JSON.stringify({ issues: [lpm3] }) });
    expect(outcome).toMatchObject({ code: 0, stderr: '' });
    const report = flowReportSchema.parse(JSON.parse(outcome.stdout));
    // As in the app, statuses map by their current name: LPM-3 stays in Portfolio Backlog.
    expect(epic(report, 'LPM-3')).toMatchObject({ state: 'Portfolio Backlog', ageDays: null, unmappedStatuses: ['10004'] });
    expect(epic(report, 'LPM-3').stateDates.Implementing).toBeNull();
  });
});
