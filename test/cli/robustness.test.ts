/**
 * What a black-box probe of `lpm` found: dates and work without bounds, duplicate ids, timestamps
 * read in the machine's zone, odd dates accepted, crashes, and CSV cells a spreadsheet would run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REPO_ROOT, SAMPLE, runLpm, sampleExport } from './runLpm';

// runLpm's today is 2025-04-30.
describe('dates and work a command may name', () => {
  it.each([
    ['--as-of is after today', ['metrics', '--input', SAMPLE, '--as-of', '9999-06-01'], "lpm: --as-of: 9999-06-01 is after today (2025-04-30 in the portfolio's time zone); give a date up to today"],
    ['--as-of is the last day of 9999', ['forecast', '--input', SAMPLE, '--as-of', '9999-12-31', '--items', '3'], "lpm: --as-of: 9999-12-31 is after today (2025-04-30 in the portfolio's time zone); give a date up to today"],
    ['--as-of is before 2000', ['metrics', '--input', SAMPLE, '--as-of', '1970-01-01'], 'lpm: --as-of: 1970-01-01 is before 2000-01-01; give a date from 2000-01-01 up to today (2025-04-30)'],
    ['--by is past the horizon', ['forecast', '--input', SAMPLE, '--by', '9999-12-31', '--trials', '100000'], 'lpm: --by: 9999-12-31 is more than 5 years after 2025-04-30; give a date up to 2030-04-30'],
    [
      'trials × days is over the budget',
      ['forecast', '--input', SAMPLE, '--by', '2030-04-30', '--trials', '1000000'],
      'lpm: --trials: 1,000,000 trials × 1,826 days is 1,826,000,000 simulated days, more than the 20,000,000 one forecast may run; ask for at most 10,952 trials or a nearer date',
    ],
    [
      'trials × the horizon of --items is over the budget',
      ['forecast', '--input', SAMPLE, '--items', '100000', '--trials', '100000'],
      'lpm: --trials: 100,000 trials × 1,826 days is 182,600,000 simulated days',
    ],
  ])('should exit 2 with a line stating the bound when %s', async (_case, argv, line) => {
    const outcome = await runLpm(argv);
    expect(outcome.code).toBe(2);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr).toMatch(new RegExp(`^${line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*\\n$`));
  });

  it('should forecast up to the horizon with the default trials', async () => {
    const outcome = await runLpm(['forecast', '--input', SAMPLE, '--by', '2030-04-30']);
    expect(outcome.code).toBe(0);
    expect(JSON.parse(outcome.stdout)).toMatchObject({ asOf: '2025-04-30', by: '2030-04-30', days: 1826 });
  });
});

describe('names in the config', () => {
  it.each(['constructor', 'toString', '__proto__'])('should exit 2 naming the field when a state is named %s', async (name) => {
    const config = JSON.stringify({ states: ['Funnel', name, 'Implementing', 'Done'] });
    const outcome = await runLpm(['metrics', '--input', SAMPLE, '--config', 'c.json'], { 'c.json': config });
    expect(outcome).toEqual({ code: 2, stdout: '', stderr: `lpm: c.json: states[1]: "${name}" is a reserved name (JavaScript objects already have it); choose another name\n` });
  });
});

/** The sample with one change made to a copy. */
function sampleWith(change: (sample: ReturnType<typeof sampleExport>) => void): string {
  const sample = sampleExport();
  change(sample);
  return JSON.stringify(sample);
}
type SampleIssue = { id: string; key: string; fields: Record<string, unknown>; changelog: { histories: { created: unknown }[] } };
const issue = (sample: ReturnType<typeof sampleExport>, index: number) => sample.issues[index] as unknown as SampleIssue;

describe('inputs lpm used to misread', () => {
  it.each([
    [
      'an issue id is given twice',
      sampleWith((sample) => sample.issues.push({ ...sample.issues[0]!, key: 'LPM-99' })),
      'lpm: x.json: issues[8].id: issue id "10101" (LPM-99) is given again (first at issues[0]); give each issue once',
    ],
    [
      'a timestamp has no UTC offset',
      sampleWith((sample) => void (issue(sample, 0).fields.created = '2025-01-06T09:00:00.000')),
      'lpm: x.json: issues[0].fields.created: has no UTC offset: "2025-01-06T09:00:00.000" (Jira writes one, like +0000; add Z for UTC)',
    ],
    ['a timestamp is "1"', sampleWith((sample) => void (issue(sample, 1).fields.created = '1')), 'lpm: x.json: issues[1].fields.created: not a date-time like 2025-01-15T09:30:00.000+0000: "1"'],
    [
      'a timestamp is 30 February',
      sampleWith((sample) => void (issue(sample, 0).changelog.histories[0]!.created = '2025-02-30T10:00:00.000+0000')),
      'lpm: x.json: issues[0].changelog.histories[0].created: not a real date-time: "2025-02-30T10:00:00.000+0000"',
    ],
    [
      'a timestamp is epoch seconds',
      sampleWith((sample) => void (issue(sample, 0).fields.created = 1736154000)),
      'lpm: x.json: issue LPM-1: created 1736154000 is not from 2000 to 2099 (epoch seconds? give epoch milliseconds or a date-time with an offset)',
    ],
    [
      'a timestamp is before year 0 (an unexpected failure before)',
      sampleWith((sample) => void (issue(sample, 0).fields.created = -62198755200000)),
      'lpm: x.json: issue LPM-1: created -62198755200000 is not from 2000 to 2099',
    ],
  ])('should exit 2 with one line when %s', async (_case, input, line) => {
    const outcome = await runLpm(['metrics', '--input', 'x.json'], { 'x.json': input });
    expect(outcome).toEqual({ code: 2, stdout: '', stderr: `${line}\n` });
  });

  it('should exit 2 with one line, not "unexpected failure", when --as-of is 9999-12-31', async () => {
    const outcome = await runLpm(['metrics', '--input', SAMPLE, '--as-of', '9999-12-31']);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).not.toContain('unexpected failure');
  });
});

describe('CSV a spreadsheet opens', () => {
  const header = 'key,userBusinessValue,timeCriticality,riskReductionOpportunityEnablement,jobSize';
  it('should neutralise text cells that start like a formula and keep negative numbers as numbers', async () => {
    const rows = ['=HYPERLINK("http://x.invalid";"a"),1,1,1,1', '+SUM(A1),2,1,1,1', '-2+3,3,1,1,1', '@cmd,5,1,1,1', '"=1+1\nx",8,1,1,1', 'NEG,-3,1,1,1'];
    const outcome = await runLpm(['rank', '--input', 'r.csv', '--format', 'csv'], { 'r.csv': [header, ...rows].join('\n') });
    expect(outcome.code).toBe(0);
    const lines = outcome.stdout.split('\n');
    expect(lines).toContain(`"'=HYPERLINK(""http://x.invalid"";""a"")",1,1,1,1,3,3,5`);
    expect(lines).toContain(`"'+SUM(A1)",2,1,1,1,4,4,4`);
    expect(lines).toContain(`"'-2+3",3,1,1,1,5,5,3`);
    expect(lines).toContain(`"'@cmd",5,1,1,1,7,7,2`);
    expect(outcome.stdout).toContain(`"'=1+1\nx",8,1,1,1,10,10,1`);
    // A number cell is a number to a spreadsheet, never a formula: -3 stays usable.
    expect(lines).toContain('NEG,-3,1,1,1,-1,-1,6');
  });
});

/** The built command (npm test builds before Jest), run by a shell as a user would. */
describe('the built command in a shell', () => {
  const BIN = 'dist/src/cli/lpm.js';
  function shell(script: string, env: Record<string, string> = {}) {
    if (!existsSync(resolve(REPO_ROOT, BIN))) throw new Error(`${BIN} is missing: run \`npm run build:server\` first`);
    return spawnSync('bash', ['-c', `set -o pipefail; ${script}`], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 30_000, env: { ...process.env, ...env } });
  }

  it('should stop quietly with exit 0 when piped into head, which closes the pipe early', () => {
    // The metrics of the sample as of today are far more than the 64 KiB a pipe buffers.
    const result = shell(`node ${BIN} metrics --input ${SAMPLE} | head -c 100 >/dev/null`);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('should read timestamps the same in Los Angeles as in UTC, since each carries its offset', () => {
    const run = (tz: string) => shell(`node ${BIN} metrics --input ${SAMPLE} --as-of 2025-04-30 --format csv`, { TZ: tz });
    const utc = run('UTC');
    const losAngeles = run('America/Los_Angeles');
    expect(losAngeles.status).toBe(0);
    expect(losAngeles.stdout).toBe(utc.stdout);
    expect(losAngeles.stdout).toContain('LPM-1,Done,2025-01-06');
  });

  it('should refuse a timestamp without an offset in Los Angeles instead of reading it in the machine zone', () => {
    const input = sampleWith((sample) => void (issue(sample, 0).fields.created = '2025-01-06T02:00:00'));
    const folder = mkdtempSync(join(tmpdir(), 'lpm-tz-'));
    const file = join(folder, 'no-offset.json');
    writeFileSync(file, input);
    const result = shell(`node ${BIN} metrics --input ${file} --as-of 2025-04-30`, { TZ: 'America/Los_Angeles' });
    rmSync(folder, { recursive: true, force: true });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`lpm: ${file}: issues[0].fields.created: has no UTC offset: "2025-01-06T02:00:00" (Jira writes one, like +0000; add Z for UTC)\n`);
  });
});
