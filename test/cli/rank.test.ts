import { runLpm } from './runLpm';

interface RankedRow {
  key: string;
  costOfDelay: number | null;
  wsjf: number | null;
  rank: number | null;
}

// Hand-checked: WSJF desc, then cost of delay desc, then key in natural order; unscored last.
const EXPECTED: [string, number | null, number | null, number | null][] = [
  ['LPM-3', 10, 5, 1],
  ['LPM-7', 4, 4, 2],
  ['LPM-9', 32, 3.2, 3], // ties LPM-1 and LPM-10 on WSJF, wins on cost of delay
  ['LPM-1', 16, 3.2, 4],
  ['LPM-10', 16, 3.2, 5], // identical to LPM-1: LPM-1 < LPM-10 in natural key order
  ['LPM-4', 41, 2.05, 6],
  ['LPM-2', 26, 2, 7],
  ['LPM-5', null, null, null], // no risk reduction / opportunity enablement
  ['LPM-6', 24, null, null], // job size 0
];

describe('lpm rank', () => {
  it.each(['test/fixtures/cli/wsjf.json', 'test/fixtures/cli/wsjf.csv'])('should rank by WSJF with null for unscorable rows when the input is %s', async (input) => {
    const outcome = await runLpm(['rank', '--input', input]);
    expect(outcome).toMatchObject({ code: 0, stderr: '' });
    const rows = JSON.parse(outcome.stdout) as RankedRow[];
    expect(rows.map((r) => [r.key, r.costOfDelay, r.wsjf, r.rank])).toEqual(EXPECTED);
    expect(rows[7]).toEqual({
      key: 'LPM-5',
      userBusinessValue: 3,
      timeCriticality: 2,
      riskReductionOpportunityEnablement: null,
      jobSize: 3,
      costOfDelay: null,
      wsjf: null,
      rank: null,
    });
  });

  it('should print CSV with empty cells for null when --format csv', async () => {
    const outcome = await runLpm(['rank', '--input', 'test/fixtures/cli/wsjf.csv', '--format', 'csv']);
    const lines = outcome.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('key,userBusinessValue,timeCriticality,riskReductionOpportunityEnablement,jobSize,costOfDelay,wsjf,rank');
    expect(lines[1]).toBe('LPM-3,5,3,2,2,10,5,1');
    expect(lines[8]).toBe('LPM-5,3,2,,3,,,');
    expect(lines[9]).toBe('LPM-6,8,8,8,0,24,,');
  });

  it('should sniff CSV when the file name says nothing', async () => {
    const outcome = await runLpm(['rank', '--input', 'rows.txt'], {
      'rows.txt': 'key,userBusinessValue,timeCriticality,riskReductionOpportunityEnablement,jobSize\nA-1,1,2,3,3\n',
    });
    expect(JSON.parse(outcome.stdout)).toEqual([
      { key: 'A-1', userBusinessValue: 1, timeCriticality: 2, riskReductionOpportunityEnablement: 3, jobSize: 3, costOfDelay: 6, wsjf: 2, rank: 1 },
    ]);
  });

  it('should print an empty list when the input has no rows', async () => {
    const outcome = await runLpm(['rank', '--input', 'none.json'], { 'none.json': '[]' });
    expect(outcome).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
  });
});
