/**
 * `skippedCommitment` in `lpm --config`. The config maps the Implementing status onto Analyzing, so
 * every done epic of the sample reached Done without passing the commitment state (Implementing):
 * with "backfill" each gets its commitment date from Done (5 flow times of 0 days); with "exclude"
 * (the default) none has a flow time and all 5 are closed without implementation.
 */
import type { FlowReport } from '../../src/contract/flowReport';
import { SAMPLE, runLpm } from './runLpm';

const MAPPING = { Funnel: 'Funnel', Reviewing: 'Reviewing', Analyzing: 'Analyzing', 'Portfolio Backlog': 'Portfolio Backlog', Implementing: 'Analyzing', Done: 'Done' };

async function report(config: Record<string, unknown>): Promise<FlowReport> {
  const outcome = await runLpm(['metrics', '--input', SAMPLE, '--as-of', '2025-04-30', '--config', 'c.json'], { 'c.json': JSON.stringify(config) });
  expect(outcome).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(outcome.stdout) as FlowReport;
}

describe('lpm metrics --config skippedCommitment', () => {
  it('should give every epic done without implementation a 0-day flow time with "backfill"', async () => {
    const result = await report({ mapping: MAPPING, skippedCommitment: 'backfill' });
    expect(result.flowTime).toEqual({ count: 5, mean: 0, percentiles: { '50': 0, '85': 0, '95': 0 } });
    expect(result.closedWithoutImplementation).toBe(0);
    expect(result.velocity.reduce((sum, week) => sum + week.count, 0)).toBe(5);
  });

  it.each([
    ['"exclude"', { mapping: MAPPING, skippedCommitment: 'exclude' }],
    ['the default', { mapping: MAPPING }],
  ])('should leave them out of flow time and velocity and count them apart with %s', async (_name, config) => {
    const result = await report(config);
    expect(result.flowTime).toEqual({ count: 0, mean: null, percentiles: { '50': null, '85': null, '95': null } });
    expect(result.closedWithoutImplementation).toBe(5);
    expect(result.epics.filter((epic) => epic.closedWithoutImplementation)).toHaveLength(5);
    expect(result.velocity.reduce((sum, week) => sum + week.count, 0)).toBe(0);
  });

  it('should keep the sample as it was when every done epic passed Implementing (both values agree)', async () => {
    const excluded = await report({ skippedCommitment: 'exclude' });
    const backfilled = await report({ skippedCommitment: 'backfill' });
    expect(excluded).toEqual(backfilled);
    expect(excluded.flowTime.count).toBe(5);
  });

  it('should exit 2 naming the field when the value is unknown', async () => {
    const outcome = await runLpm(['metrics', '--input', SAMPLE, '--config', 'c.json'], { 'c.json': '{"skippedCommitment": "drop"}' });
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(/^lpm: c\.json: skippedCommitment: /);
  });
});
