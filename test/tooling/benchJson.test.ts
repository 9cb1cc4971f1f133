/**
 * The scale bench's JSON rows keep the shape later runs are compared by, on a tiny portfolio run
 * in this process with no added latency. Figures are checked for being counted, never for speed.
 */
import { benchScale } from '../../bench/scale';
import { scaleJsonRows } from '../../bench/scale/report';
import { SCALE_SCENARIOS } from '../../bench/scale/scenarios';

const COMPARED_FIELDS = ['scenario', 'epics', 'jiraRequests', 'kvsReadUnits', 'kvsWriteUnits', 'wallMs', 'peakRssMiB'] as const;

describe('npm run bench -- --only scale --json', () => {
  let rows: Record<string, unknown>[];

  beforeAll(async () => {
    const figures = await benchScale({ sizes: [50], latencyMs: 0, runs: 1, warmups: 0, inProcess: true });
    // Through JSON, as a script comparing runs reads it.
    rows = JSON.parse(JSON.stringify({ rows: scaleJsonRows(figures) })).rows;
  }, 180_000);

  const rowOf = (scenario: string) => {
    const row = rows.find((candidate) => candidate.scenario === scenario);
    if (row === undefined) throw new Error(`no row for ${scenario}`);
    return row;
  };

  it('should give one row per scenario when one size ran', () => {
    expect(rows.map((row) => row.scenario)).toEqual([...SCALE_SCENARIOS]);
    expect(rows.every((row) => row.epics === 50)).toBe(true);
  });

  it('should give every compared field as a number when a scenario ran', () => {
    for (const row of rows) {
      for (const field of COMPARED_FIELDS.slice(1)) expect({ scenario: row.scenario, field, type: typeof row[field] }).toEqual({ scenario: row.scenario, field, type: 'number' });
      expect(row.peakRssMiB as number).toBeGreaterThan(0);
    }
  });

  it('should count the KVS units the cold sync writes and the warm pages read', () => {
    expect(rowOf('cold-sync').kvsWriteUnits as number).toBeGreaterThan(0);
    for (const scenario of ['warm-board', 'warm-wsjf', 'warm-flow', 'panel-open', 'issue-updated']) expect(rowOf(scenario).kvsReadUnits as number).toBeGreaterThan(0);
  });

  it('should count the Jira requests from the demo Jira when the cold sync and the naive way read it', () => {
    expect(rowOf('cold-sync').jiraRequests as number).toBeGreaterThan(0);
    // The naive way: the scope search plus at least one changelog request per epic.
    expect(rowOf('naive-board').jiraRequests as number).toBeGreaterThanOrEqual(51);
    expect(rowOf('naive-board')).toMatchObject({ kvsReadUnits: 0, kvsWriteUnits: 0 });
  });

  it('should list the issue targets that apply beside the figures', () => {
    expect(rowOf('warm-board').targets).toEqual(expect.arrayContaining([expect.objectContaining({ label: '≤2 req', met: expect.any(Boolean) })]));
    expect(rowOf('naive-board').targets).toEqual([]);
  });
});
