import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { compileJql, JqlError, parseJql, parseJqlDate, WSJF_NUMBER_ALIASES, WSJF_PROPERTY, WSJF_TEXT_ALIASES } from '../../preview/demo-jira/jql';
import {
  DEMO_ISSUE_TYPES,
  DEMO_PROJECTS,
  DEMO_STATUSES,
  DEMO_USERS,
  ISSUE_TYPE_IDS,
  STATUS_IDS,
  type DemoData,
  type DemoIssue,
  type DemoUser,
} from '../../preview/demo-jira/model';
import { indexData } from '../../preview/demo-jira/store';

const at = (date: string): number => Date.parse(`${date}T00:00:00Z`);
const NOW = at('2026-04-15');

function anIssue(overrides: Partial<DemoIssue> & Pick<DemoIssue, 'id' | 'key'>): DemoIssue {
  return {
    projectId: '10000',
    issueTypeId: ISSUE_TYPE_IDS.epic,
    summary: overrides.key,
    statusId: STATUS_IDS.funnel,
    labels: [],
    created: at('2026-01-01'),
    updated: at('2026-01-01'),
    parentId: null,
    flagged: false,
    properties: {},
    histories: [],
    ...overrides,
  };
}

/** Four epics and one story; keys, dates and labels chosen so each clause selects a known set. */
function smallSite(): DemoData {
  return {
    seed: 0,
    generatedAt: NOW,
    projects: DEMO_PROJECTS,
    statuses: DEMO_STATUSES,
    issueTypes: DEMO_ISSUE_TYPES,
    users: DEMO_USERS,
    issues: [
      anIssue({ id: '10000', key: 'PAY-1', labels: ['theme-growth'], updated: at('2026-01-10') }),
      anIssue({ id: '10001', key: 'PAY-2', statusId: STATUS_IDS.implementing, labels: ['theme-platform', 'enabler'], created: at('2026-02-01'), updated: at('2026-03-01') }),
      anIssue({ id: '10002', key: 'MOB-1', projectId: '10001', statusId: STATUS_IDS.done, created: at('2026-01-15'), updated: at('2026-04-01') }),
      anIssue({ id: '10003', key: 'DAT-1', projectId: '10002', statusId: STATUS_IDS.done, labels: ['theme-growth'], created: at('2026-01-20'), updated: at('2026-02-20') }),
      anIssue({ id: '10004', key: 'PAY-3', issueTypeId: ISSUE_TYPE_IDS.story, statusId: STATUS_IDS.toDo, parentId: '10000', created: at('2026-01-05'), updated: at('2026-01-05') }),
    ],
  };
}

const user = (name: string): DemoUser => DEMO_USERS.find((u) => u.name === name) as DemoUser;

function search(jql: string, as = 'rte'): string[] {
  const data = smallSite();
  const index = indexData(data);
  const compiled = compileJql(parseJql(jql), { index, user: user(as), now: NOW });
  return data.issues.filter(compiled.matches).sort(compiled.compare).map((i) => i.key);
}

describe('demo Jira JQL subset', () => {
  it.each([
    ['project = PAY', ['PAY-1', 'PAY-2', 'PAY-3']],
    ['project = pay', ['PAY-1', 'PAY-2', 'PAY-3']],
    ['project = 10001', ['MOB-1']],
    ['project in (PAY, MOB) AND issuetype = Epic', ['PAY-1', 'PAY-2', 'MOB-1']],
    ['issuetype = Epic AND status = "Done"', ['MOB-1', 'DAT-1']],
    ['status in (Funnel, "Implementing")', ['PAY-1', 'PAY-2']],
    ["status = 'Portfolio Backlog'", []],
    ['status = 10005', ['PAY-2']],
    ['key in (PAY-2, DAT-1)', ['PAY-2', 'DAT-1']],
    ['issuekey = pay-3', ['PAY-3']],
    ['labels = theme-growth', ['PAY-1', 'DAT-1']],
    ['labels in (enabler, theme-growth)', ['PAY-1', 'PAY-2', 'DAT-1']],
    ['labels != theme-growth', ['PAY-2']],
    ['issuetype = Epic AND project not in (PAY)', ['MOB-1', 'DAT-1']],
    ['updated >= "2026-03-01"', ['PAY-2', 'MOB-1']],
    ['updated > "2026/03/01 00:00"', ['MOB-1']],
    ['updated >= -30d', ['MOB-1']],
    ['created < "2026-01-10" AND issuetype = Story', ['PAY-3']],
    ['issuetype = Epic ORDER BY updated DESC', ['MOB-1', 'PAY-2', 'DAT-1', 'PAY-1']],
    ['issuetype = Epic ORDER BY key', ['DAT-1', 'MOB-1', 'PAY-1', 'PAY-2']],
    ['issuetype = Epic order by Rank desc', ['PAY-2', 'PAY-1', 'MOB-1', 'DAT-1']],
    ['issuetype = Epic ORDER BY status', null],
    ['project = PAY OR project = MOB', ['PAY-1', 'PAY-2', 'MOB-1', 'PAY-3']],
    ['(project = PAY)', ['PAY-1', 'PAY-2', 'PAY-3']],
    ['(issuetype = Epic) AND id in (10001, 10003, 10004)', ['PAY-2', 'DAT-1']],
    ['(project = MOB OR labels = theme-growth) AND id in (10000, 10002, 10003)', ['PAY-1', 'MOB-1', 'DAT-1']],
    // AND binds tighter than OR: MOB-1, then the epics labelled enabler (PAY-2).
    ['project = MOB OR issuetype = Epic AND labels = enabler', ['PAY-2', 'MOB-1']],
    ['(project = MOB OR issuetype = Epic) AND labels = enabler', ['PAY-2']],
    ['((status = Done) OR (status = Funnel AND issuetype = Epic)) AND project != DAT ORDER BY key DESC', ['PAY-1', 'MOB-1']],
  ])('should select the right issues when the RTE searches %s', (jql, expected) => {
    if (expected === null) expect(() => search(jql)).toThrow("Not able to sort using field 'status'.");
    else expect(search(jql)).toEqual(expected);
  });

  it('should leave the browse filter to the search route when the member names no project', () => {
    // The route drops DAT (see demo-jira.test.ts); the compiled clause alone still matches it.
    expect(search('issuetype = Epic', 'member')).toEqual(['PAY-1', 'PAY-2', 'MOB-1', 'DAT-1']);
  });

  it.each([
    ['project = DAT', "The value 'DAT' does not exist for the field 'project'."],
    ['key = DAT-1', "An issue with key 'DAT-1' does not exist for field 'key'."],
  ])('should answer as if it did not exist when the member names a hidden project or issue: %s', (jql, message) => {
    expect(() => search(jql, 'member')).toThrow(message);
  });

  it.each([
    ['(project = PAY', "Error in the JQL Query: Expecting either 'OR', 'AND' or ')' but got 'EOF'."],
    ['project = PAY)', "Error in the JQL Query: Expecting either 'OR' or 'AND' but got ')'."],
    ['project = PAY OR', "Error in the JQL Query: Expecting a field name but got 'EOF'."],
    ['NOT project = PAY', "Error in the JQL Query: 'NOT' clauses are not supported"],
    ['assignee = currentUser()', 'Error in the JQL Query: Functions such as'],
    ['priority = High', "Error in the JQL Query: Field 'priority' does not exist or you do not have permission to view it."],
    ['summary ~ "payouts"', 'Error in the JQL Query: Expecting operator but got'],
    ['project > PAY', "Error in the JQL Query: The operator '>' is not supported by the 'project' field."],
    ['project = NOPE', "Error in the JQL Query: The value 'NOPE' does not exist for the field 'project'."],
    ['updated >= yesterday', "Error in the JQL Query: Date value 'yesterday' for field 'updated' is invalid."],
    ['status = "Done', "Error in the JQL Query: The quoted string 'Done' has not been completed."],
    ['project = PAY project = MOB', "Error in the JQL Query: Expecting either 'OR' or 'AND' but got 'project'."],
    ['ORDER BY key', 'Unbounded JQL queries are not allowed here.'],
    ['', 'Unbounded JQL queries are not allowed here.'],
  ])('should refuse %p with Jira\'s message', (jql, message) => {
    expect(() => search(jql)).toThrow(JqlError);
    expect(() => search(jql)).toThrow(message);
  });

  it.each([
    ['2026-03-01', at('2026-03-01')],
    ['2026/03/01 13:30', at('2026-03-01') + 13.5 * 3_600_000],
    ['-2w', NOW - 14 * 86_400_000],
    ['-12h', NOW - 12 * 3_600_000],
    ['-5m', NOW - 5 * 60_000],
  ])('should read the date %s relative to now when parsing a date value', (value, expected) => {
    expect(parseJqlDate(value, 'updated', NOW)).toBe(expected);
  });

  it('should refuse an impossible calendar date when parsing a date value', () => {
    expect(() => parseJqlDate('2026-02-30', 'updated', NOW)).toThrow(JqlError);
  });
});

describe('demo Jira JQL on the indexed WSJF property', () => {
  const wsjf = (wsjfScore: number | null, costOfDelay: number | null, jobSize: number | null, theme: string | null) => ({
    [WSJF_PROPERTY]: { schemaVersion: 1, version: 1, wsjfScore, costOfDelay, jobSize, theme },
  });

  /** PAY-1 12.5, PAY-2 3 (Growth), MOB-1 unscored, DAT-1 10 (Platform), PAY-3 no property. */
  function scoredSearch(jql: string): string[] {
    const data = smallSite();
    const scores: Record<string, Record<string, unknown>> = {
      'PAY-1': wsjf(12.5, 25, 2, null),
      'PAY-2': wsjf(3, 15, 5, 'Growth'),
      'MOB-1': wsjf(null, null, 8, 'Growth'),
      'DAT-1': wsjf(10, 30, 3, 'Platform'),
    };
    for (const issue of data.issues) issue.properties = scores[issue.key] ?? {};
    const compiled = compileJql(parseJql(jql), { index: indexData(data), user: user('rte'), now: NOW });
    return data.issues.filter(compiled.matches).sort(compiled.compare).map((i) => i.key);
  }

  it.each([
    ['wsjfScore > 10 ORDER BY wsjfScore DESC', ['PAY-1']],
    ['wsjfScore >= 10 ORDER BY wsjfScore DESC', ['PAY-1', 'DAT-1']],
    ['wsjfScore < 10', ['PAY-2']],
    ['wsjfScore <= 3', ['PAY-2']],
    ['wsjfScore = 12.5', ['PAY-1']],
    ['wsjfScore != 3', ['PAY-1', 'DAT-1']],
    ['wsjfCostOfDelay >= 25', ['PAY-1', 'DAT-1']],
    ['wsjfJobSize > 4', ['PAY-2', 'MOB-1']],
    ['wsjfTheme = Growth', ['PAY-2', 'MOB-1']],
    ['wsjfTheme = "platform"', ['DAT-1']],
    ['wsjfTheme in (Growth, Platform) AND wsjfScore > 5', ['DAT-1']],
    ['wsjfTheme != Growth', ['DAT-1']],
    // Unscored and property-less issues sort as the largest: first descending, last ascending.
    ['issuetype = Epic ORDER BY wsjfScore DESC', ['MOB-1', 'PAY-1', 'DAT-1', 'PAY-2']],
    ['issuetype = Epic ORDER BY wsjfScore ASC', ['PAY-2', 'DAT-1', 'PAY-1', 'MOB-1']],
    ['project = PAY ORDER BY wsjfJobSize', ['PAY-1', 'PAY-2', 'PAY-3']],
  ])('should select %s as a real site would', (jql, expected) => {
    expect(scoredSearch(jql)).toEqual(expected);
  });

  it.each([
    ['wsjfScore > high', "The value 'high' is not a valid number for the field 'wsjfScore'."],
    ['wsjfScore in (1, 2)', "The operator 'IN' is not supported by the 'wsjfScore' field."],
    ['wsjfTheme > Growth', "The operator '>' is not supported by the 'wsjfTheme' field."],
    ['project = PAY ORDER BY wsjfTheme', "Not able to sort using field 'wsjfTheme'."],
  ])('should refuse %p with Jira\'s message', (jql, message) => {
    expect(() => scoredSearch(jql)).toThrow(message);
  });

  it("should know the same aliases and paths as the manifest's entity property index", () => {
    const manifest = parse(readFileSync(path.join(__dirname, '../../manifest.yml'), 'utf8')) as {
      modules: { 'jira:entityProperty': { propertyKey: string; values: { path: string; type: string; searchAlias: string }[] }[] };
    };
    const [index] = manifest.modules['jira:entityProperty'];
    expect(index?.propertyKey).toBe(WSJF_PROPERTY);
    const declared = Object.fromEntries((index?.values ?? []).map((value) => [value.searchAlias.toLowerCase(), `${value.type} ${value.path}`]));
    const known = {
      ...Object.fromEntries(Object.entries(WSJF_NUMBER_ALIASES).map(([alias, at]) => [alias, `number ${at}`])),
      ...Object.fromEntries(Object.entries(WSJF_TEXT_ALIASES).map(([alias, at]) => [alias, `string ${at}`])),
    };
    expect(known).toEqual(declared);
  });
});
