/** The two services the CLI shares with the resolvers: Jira payloads → EpicHistory, and the flow report. */
import { jiraIssueSchema, type JiraIssue } from '../../src/contract/jira';
import { flowReportSchema } from '../../src/contract/flowReport';
import { InvalidDataError } from '../../src/errors';
import { endOfLocalDay } from '../../src/domain/calendar';
import { buildTimeline, historyUntil, type EpicHistory } from '../../src/domain/timeline';
import { toEpicHistory } from '../../src/services/epicHistory';
import { buildFlowReport, type FlowReportSettings } from '../../src/services/flowReport';
import { STATUS, anEpic, at, safeConfig } from '../builders/history';

function jiraIssue(overrides: Record<string, unknown> = {}, fields: Record<string, unknown> = {}): JiraIssue {
  return jiraIssueSchema.parse({
    id: '10001',
    key: 'LPM-1',
    fields: { created: '2025-01-15T09:30:00.000+0000', status: { id: STATUS.implementing, name: 'Implementing' }, ...fields },
    ...overrides,
  });
}

const statusItem = (from: string | null, to: string) => ({ field: 'status', fieldtype: 'jira', fieldId: 'status', from, fromString: 'x', to, toString: 'y' });
const flagItem = (toString: string | null) => ({ field: 'Flagged', fieldtype: 'custom', fieldId: 'customfield_10021', from: null, fromString: null, to: toString === null ? null : '[10019]', toString });
const history = (created: string | number, items: unknown[]) => ({ id: String(created), created, items });

describe('toEpicHistory', () => {
  it('should keep status and Flagged items and ignore other fields when a history mixes them', () => {
    const issue = jiraIssue({
      changelog: {
        histories: [
          history('2025-01-20T10:00:00.000+0000', [statusItem(STATUS.funnel, STATUS.implementing), { field: 'resolution', fieldtype: 'jira', from: null, fromString: null, to: '1', toString: 'Done' }]),
          history('2025-01-21T10:00:00.000+0000', [{ field: 'labels', fieldtype: 'jira', fieldId: 'labels', from: null, to: null, toString: 'x' }]),
          history('2025-01-22T10:00:00.000+0000', [flagItem('Impediment')]),
          history('2025-01-23T10:00:00.000+0000', [flagItem(null)]),
          history('2025-01-24T10:00:00.000+0000', [flagItem('')]),
        ],
      },
    });
    expect(toEpicHistory(issue, issue.changelog?.histories ?? [])).toEqual({
      key: 'LPM-1',
      createdAt: at('2025-01-15T09:30:00Z'),
      currentStatusId: STATUS.implementing,
      statusChanges: [{ at: at('2025-01-20T10:00:00Z'), fromStatusId: STATUS.funnel, toStatusId: STATUS.implementing }],
      flagChanges: [
        { at: at('2025-01-22T10:00:00Z'), flagged: true },
        { at: at('2025-01-23T10:00:00Z'), flagged: false },
        { at: at('2025-01-24T10:00:00Z'), flagged: false },
      ],
    });
  });

  it('should date the states in time order when bulkfetch histories come newest first with epoch-ms times', () => {
    const histories = [history(at('2025-02-01T00:00:00Z'), [statusItem(STATUS.backlog, STATUS.implementing)]), history(at('2025-01-20T00:00:00Z'), [statusItem(STATUS.funnel, STATUS.backlog)])].map(
      (h) => jiraIssueSchema.shape.changelog.unwrap().shape.histories.element.parse(h),
    );
    // The changes keep the order given; the timeline puts them in time order.
    const epic = toEpicHistory(jiraIssue(), histories);
    expect(epic.statusChanges.map((c) => c.toStatusId)).toEqual([STATUS.implementing, STATUS.backlog]);
    expect(buildTimeline(epic, safeConfig()).stateEnteredAt).toMatchObject({
      Funnel: at('2025-01-15T09:30:00Z'),
      'Portfolio Backlog': at('2025-01-20T00:00:00Z'),
      Implementing: at('2025-02-01T00:00:00Z'),
    });
  });

  it('should fall back to the latest move when the issue lacks its status and the histories come newest first', () => {
    const histories = [history(at('2025-02-01T00:00:00Z'), [statusItem(STATUS.backlog, STATUS.implementing)]), history(at('2025-01-20T00:00:00Z'), [statusItem(STATUS.funnel, STATUS.backlog)])].map(
      (h) => jiraIssueSchema.shape.changelog.unwrap().shape.histories.element.parse(h),
    );
    expect(toEpicHistory(jiraIssue({}, { status: undefined }), histories).currentStatusId).toBe(STATUS.implementing);
  });

  it('should fall back to the last move and the first history when the issue lacks status and created', () => {
    const issue = jiraIssue({}, { created: undefined, status: undefined });
    const histories = [history('2025-01-20T10:00:00.000+0000', [statusItem(STATUS.funnel, STATUS.backlog)])].map((h) =>
      jiraIssueSchema.shape.changelog.unwrap().shape.histories.element.parse(h),
    );
    expect(toEpicHistory(issue, histories)).toMatchObject({ createdAt: at('2025-01-20T10:00:00Z'), currentStatusId: STATUS.backlog });
    expect(() => toEpicHistory(issue, [])).toThrow(InvalidDataError);
  });
});

/** The history as it stood at the end of `asOf` in `zone`, as the flow report cuts it. */
const historyAsOf = (epic: EpicHistory, asOf: string, zone: string) => historyUntil(epic, endOfLocalDay(asOf, zone));

describe('history as of a date', () => {
  const epic = anEpic('E-1')
    .created('2025-03-01T09:00:00Z', STATUS.backlog)
    .movedTo(STATUS.implementing, '2025-03-10T23:30:00Z')
    .movedTo(STATUS.done, '2025-03-20T12:00:00Z')
    .build();

  it.each([
    // asOf, zone, current status then, moves kept
    ['2025-03-25', 'UTC', STATUS.done, 2],
    ['2025-03-10', 'UTC', STATUS.implementing, 1],
    // 23:30Z on 03-10 is 00:30 on 03-11 in Berlin: not yet moved at the end of 03-10 there.
    ['2025-03-10', 'Europe/Berlin', STATUS.backlog, 0],
  ])('should give the history as it stood at the end of %s in %s', (asOf, zone, current, kept) => {
    const past = historyAsOf(epic, asOf, zone);
    expect(past?.currentStatusId).toBe(current);
    expect(past?.statusChanges).toHaveLength(kept);
  });

  it('should drop the epic when it was created after the as-of date', () => {
    expect(historyAsOf(epic, '2025-02-28', 'UTC')).toBeNull();
  });

  it.each([
    // created at, zone, exists at the end of 2025-03-10 — the zones with the largest offsets
    ['2025-03-10T09:59:00Z', 'Pacific/Kiritimati', true], // 23:59 on 03-10 at +14
    ['2025-03-10T10:00:00Z', 'Pacific/Kiritimati', false], // 00:00 on 03-11
    ['2025-03-11T11:59:00Z', 'Etc/GMT+12', true], // 23:59 on 03-10 at −12
    ['2025-03-11T12:00:00Z', 'Etc/GMT+12', false],
  ])('should place an epic created at %s on its calendar date in %s', (created, zone, exists) => {
    const born = anEpic('E-2').created(created, STATUS.funnel).build();
    expect(historyAsOf(born, '2025-03-10', zone) !== null).toBe(exists);
  });
});

describe('buildFlowReport', () => {
  const settings = (overrides: Partial<FlowReportSettings> = {}): FlowReportSettings => ({
    config: safeConfig(),
    timeZone: 'UTC',
    inclusive: false,
    percentiles: [50, 85, 95],
    skippedCommitment: 'exclude',
    ...overrides,
  });

  it('should give empty series and null statistics when the portfolio is empty', () => {
    const report = buildFlowReport([], settings(), '2025-04-30');
    expect(flowReportSchema.parse(report)).toEqual(report);
    expect(report).toMatchObject({ epics: [], cfd: [], velocity: [], flowTime: { count: 0, mean: null }, load: { inProgress: 0 }, efficiency: null });
  });

  it('should count both ends when inclusive', () => {
    const epic = anEpic('E-1').created('2025-03-03T09:00:00Z', STATUS.implementing).movedTo(STATUS.done, '2025-03-03T17:00:00Z').build();
    const [exclusive] = buildFlowReport([epic], settings(), '2025-03-31').epics;
    const [inclusive] = buildFlowReport([epic], settings({ inclusive: true }), '2025-03-31').epics;
    expect([exclusive?.flowTimeDays, inclusive?.flowTimeDays]).toEqual([0, 1]);
    // Committed and done within one day: 8 h active of 8 h flow.
    expect(exclusive?.efficiency).toBe(1);
  });

  it('should count flagged time as waiting when an epic was flagged while active', () => {
    const epic = anEpic('E-1')
      .created('2025-03-03T00:00:00Z', STATUS.implementing)
      .flagged('2025-03-05T00:00:00Z')
      .unflagged('2025-03-07T00:00:00Z')
      .movedTo(STATUS.done, '2025-03-13T00:00:00Z')
      .build();
    // Flagged 2 of the 10 days in Implementing.
    expect(buildFlowReport([epic], settings(), '2025-03-31')).toMatchObject({ epics: [{ efficiency: 0.8 }], efficiency: 0.8 });
  });
});
