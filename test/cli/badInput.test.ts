import { SAMPLE, runLpm, sampleExport } from './runLpm';

const issueWith = (fields: Record<string, unknown>) => ({
  id: '1',
  key: 'X-1',
  fields: { created: '2025-01-15T09:30:00.000+0000', status: { id: '1', name: 'Funnel' }, ...fields },
});
const json = (value: unknown) => JSON.stringify(value);
const sampleWithoutStatusOnSecond = () => {
  const sample = sampleExport();
  delete (sample.issues[1] as unknown as { fields: Record<string, unknown> }).fields.status;
  return json(sample);
};
const cutChangelog = { startAt: 0, maxResults: 1, total: 2, histories: [{ id: '5', created: '2025-01-16T09:30:00.000+0000', items: [] }] };
const bulkWithBadTime = () =>
  json({
    issues: [issueWith({})],
    changelogs: [{ issueChangeLogs: [] }, { issueChangeLogs: [{ issueId: '1', changeHistories: [{ id: '9', created: 'soon', items: [] }] }] }],
  });

// [what, argv, virtual files, the exact line on stderr]
const CASES: [string, string[], Record<string, string>, string][] = [
  ['the input file is missing', ['metrics', '--input', 'nowhere.json'], {}, 'lpm: nowhere.json: no such file'],
  ['the input is not JSON', ['metrics', '--input', 'x.json'], { 'x.json': '{"issues": [' }, 'lpm: x.json: not valid JSON (Unexpected end of JSON input)'],
  ['the input is a JSON string', ['metrics', '--input', 'x.json'], { 'x.json': '"issues"' }, 'lpm: x.json: (top level): expected a search/jql response (an object with "issues") or an array of them'],
  ['the input has no issues', ['metrics', '--input', 'x.json'], { 'x.json': '{"values": []}' }, 'lpm: x.json: issues: missing (expected array)'],
  ['an issue has no status', ['metrics', '--input', 'x.json'], { 'x.json': sampleWithoutStatusOnSecond() }, 'lpm: x.json: issues[1].fields.status: missing (expected object)'],
  ['a created date is not a date', ['metrics', '--input', 'x.json'], { 'x.json': json({ issues: [issueWith({ created: 'yesterday' })] }) }, 'lpm: x.json: issues[0].fields.created: not a date-time like 2025-01-15T09:30:00.000+0000: "yesterday"'],
  ['a page of an array has a bad key', ['forecast', '--input', 'x.json', '--items', '3'], { 'x.json': json([{ issues: [] }, { issues: [{ ...issueWith({}), key: 7 }] }]) }, 'lpm: x.json: [1].issues[0].key: expected string, received number'],
  ['a bulkfetch history time is not a date', ['metrics', '--input', 'x.json'], { 'x.json': bulkWithBadTime() }, 'lpm: x.json: changelogs[1].issueChangeLogs[0].changeHistories[0].created: not a date-time like 2025-01-15T09:30:00.000+0000: "soon"'],
  ['a search returned a cut changelog', ['metrics', '--input', 'x.json'], { 'x.json': json([{ issues: [issueWith({})] }, { issues: [issueWith({}), { ...issueWith({}), id: '2', changelog: cutChangelog }] }]) }, 'lpm: x.json: [1].issues[1].changelog: has 1 of 2 histories (Jira cuts expand=changelog); give the full history as {"issues": [...], "changelogs": [...]} from /rest/api/3/changelog/bulkfetch'],
  ['the config is not JSON', ['metrics', '--input', SAMPLE, '--config', 'c.json'], { 'c.json': 'states: [Funnel]' }, 'lpm: c.json: not valid JSON (Unexpected token \'s\', "states: [Funnel]" is not valid JSON)'],
  ['the config has a misspelt field', ['metrics', '--input', SAMPLE, '--config', 'c.json'], { 'c.json': '{"comitment": "Implementing"}' }, 'lpm: c.json: (top level): unknown field "comitment"'],
  ['the commitment is not a state', ['metrics', '--input', SAMPLE, '--config', 'c.json'], { 'c.json': '{"commitment": "Doing"}' }, 'lpm: c.json: commitment: unknown state "Doing" (expected one of: Funnel, Reviewing, Analyzing, Portfolio Backlog, Implementing, Done)'],
  ['the commitment is Done', ['metrics', '--input', SAMPLE, '--config', 'c.json'], { 'c.json': '{"commitment": "done"}' }, 'lpm: c.json: commitment: "Done" is Done (the last state); commitment must come before it'],
  ['a mapping names no state', ['metrics', '--input', SAMPLE, '--config', 'c.json'], { 'c.json': '{"mapping": {"On Hold": "Paused"}}' }, 'lpm: c.json: mapping["On Hold"]: unknown state "Paused" (expected one of: Funnel, Reviewing, Analyzing, Portfolio Backlog, Implementing, Done)'],
  ['an active state is unknown', ['metrics', '--input', SAMPLE, '--config', 'c.json'], { 'c.json': '{"active": ["Implementing", "Testing"]}' }, 'lpm: c.json: active[1]: unknown state "Testing" (expected one of: Funnel, Reviewing, Analyzing, Portfolio Backlog, Implementing, Done)'],
  ['a state is listed twice', ['metrics', '--input', SAMPLE, '--config', 'c.json'], { 'c.json': '{"states": ["A", "Implementing", "a", "Done"]}' }, 'lpm: c.json: states[2]: "a" appears twice (names are compared ignoring case)'],
  ['the time zone is unknown', ['metrics', '--input', SAMPLE, '--config', 'c.json'], { 'c.json': '{"timeZone": "Mars/Olympus_Mons"}' }, 'lpm: c.json: timeZone: unknown time zone "Mars/Olympus_Mons" (expected an IANA name such as Europe/Berlin)'],
  ['inclusive is not a boolean', ['metrics', '--input', SAMPLE, '--config', 'c.json'], { 'c.json': '{"inclusive": "yes"}' }, 'lpm: c.json: inclusive: expected boolean, received string'],
  ['--as-of is not a real date', ['metrics', '--input', SAMPLE, '--as-of', '2025-02-30'], {}, 'lpm: --as-of: not a date: "2025-02-30" (expected YYYY-MM-DD)'],
  ['--by is not a date', ['forecast', '--input', SAMPLE, '--by', '30/06/2025'], {}, 'lpm: --by: not a date: "30/06/2025" (expected YYYY-MM-DD)'],
  ['--by is before the as-of date', ['forecast', '--input', SAMPLE, '--by', '2025-04-01'], {}, 'lpm: --by: 2025-04-01 is before the as-of date 2025-04-30'],
  ['--items is not a whole number', ['forecast', '--input', SAMPLE, '--items', '2.5'], {}, 'lpm: --items: not a whole number from 1 up: "2.5"'],
  ['--percentiles has a word', ['metrics', '--input', SAMPLE, '--percentiles', '50,high'], {}, 'lpm: --percentiles: not a percentile from 0 to 100: "high"'],
  ['--format is unknown', ['metrics', '--input', SAMPLE, '--format', 'xml'], {}, 'lpm: --format: expected json or csv, got "xml"'],
  ['a CSV cell is not a number', ['rank', '--input', 'w.csv'], { 'w.csv': 'key,userBusinessValue,timeCriticality,riskReductionOpportunityEnablement,jobSize\nA-1,1,2,3,3\nA-2,1,2,3,big\n' }, 'lpm: w.csv: line 3, jobSize: not a number: "big"'],
  ['a CSV column is missing', ['rank', '--input', 'w.csv'], { 'w.csv': 'key,userBusinessValue,timeCriticality,jobSize\nA-1,1,2,3\n' }, 'lpm: w.csv: line 1: missing column "riskReductionOpportunityEnablement"'],
  ['a JSON row has no key', ['rank', '--input', 'w.json'], { 'w.json': '[{"key": "A-1", "jobSize": 1}, {"jobSize": 2}]' }, 'lpm: w.json: [1].key: missing (expected string)'],
  ['a JSON component is a string', ['rank', '--input', 'w.json'], { 'w.json': '[{"key": "A-1", "jobSize": "5"}]' }, 'lpm: w.json: [0].jobSize: expected number, received string'],
  ['--input is missing', ['metrics'], {}, 'lpm: metrics: --input FILE is required (see lpm --help)'],
  ['an option is unknown', ['metrics', '--input', SAMPLE, '--since', '2025-01-01'], {}, 'lpm: metrics: unknown option --since (see lpm --help)'],
  ['an option has no value', ['rank', '--input'], {}, 'lpm: rank: option --input needs a value (see lpm --help)'],
  ['both --by and --items are given', ['forecast', '--input', SAMPLE, '--by', '2025-06-30', '--items', '3'], {}, 'lpm: forecast: give either --by YYYY-MM-DD or --items N (see lpm --help)'],
  ['the command is unknown', ['report', '--input', SAMPLE], {}, 'lpm: unknown command "report" (expected metrics, forecast or rank; see lpm --help)'],
];

describe('lpm with bad input', () => {
  it.each(CASES)('should exit 2 with one line naming the file and field when %s', async (_what, argv, files, line) => {
    const outcome = await runLpm(argv, files);
    expect(outcome).toEqual({ code: 2, stdout: '', stderr: `${line}\n` });
  });

  it('should print the usage on stderr and exit 2 when no command is given', async () => {
    const outcome = await runLpm([]);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain('Usage:');
  });

  it('should print the usage on stdout and exit 0 when --help is given', async () => {
    const outcome = await runLpm(['metrics', '--help']);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain('lpm metrics  --input FILE');
  });
});
