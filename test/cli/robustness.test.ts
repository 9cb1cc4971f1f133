/**
 * What a black-box probe of `lpm` found: dates and work without bounds, duplicate ids, timestamps
 * read in the machine's zone, odd dates accepted, crashes, and CSV cells a spreadsheet would run.
 */
import { SAMPLE, runLpm } from './runLpm';

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
