/** Velocity as a run chart: the unfinished current period is partial and left out of the average. */
import { velocityRun } from '../../../src/domain/flowVelocity';
import { doneEpic, flowConfig } from '../../builders/flow';

const config = flowConfig();
// Done: two in January, one in February, three in March, one on 2025-04-01.
const epics = [
  doneEpic('A', '2024-12-01', '2025-01-10'),
  doneEpic('B', '2024-12-01', '2025-01-20'),
  doneEpic('C', '2025-01-01', '2025-02-05'),
  doneEpic('D', '2025-01-01', '2025-03-02'),
  doneEpic('E', '2025-01-01', '2025-03-15'),
  doneEpic('F', '2025-01-01', '2025-03-31'),
  doneEpic('G', '2025-02-01', '2025-04-01'),
];

describe('velocityRun', () => {
  it('should mark a month one day old as partial and average only the complete months', () => {
    const run = velocityRun(epics, config, 'month', '2025-04-01');
    expect(run.series.map(({ start, end, count, partial }) => [start, end, count, partial])).toEqual([
      ['2025-01-01', '2025-01-31', 2, false],
      ['2025-02-01', '2025-02-28', 1, false],
      ['2025-03-01', '2025-03-31', 3, false],
      ['2025-04-01', '2025-04-30', 1, true],
    ]);
    // (2 + 1 + 3) / 3, April left out.
    expect(run.average).toBe(2);
  });

  it('should count the period complete on its last day', () => {
    const run = velocityRun(epics, config, 'month', '2025-03-31');
    expect(run.series.at(-1)).toMatchObject({ start: '2025-03-01', count: 3, partial: false });
    expect(run.average).toBe(2);
  });

  it('should have no average when only the partial period exists', () => {
    const run = velocityRun([doneEpic('A', '2025-01-01', '2025-01-10')], config, 'quarter', '2025-02-01');
    expect(run).toEqual({ series: [{ start: '2025-01-01', end: '2025-03-31', count: 1, partial: true, closedWithoutImplementation: 0 }], average: null });
  });

  it('should give an empty run without done epics', () => {
    expect(velocityRun([], config, 'week', '2025-02-01')).toEqual({ series: [], average: null });
  });

  it('should start at `from` and zero-fill ISO weeks', () => {
    // Weeks from Monday 2025-03-10; F done Monday 03-31 is in the week of 03-31, which runs to 04-06 (partial on 04-01).
    const run = velocityRun(epics, config, 'week', '2025-04-01', '2025-03-10');
    expect(run.series.map(({ start, count, partial }) => [start, count, partial])).toEqual([
      ['2025-03-10', 1, false],
      ['2025-03-17', 0, false],
      ['2025-03-24', 0, false],
      ['2025-03-31', 2, true],
    ]);
    expect(run.average).toBeCloseTo(1 / 3, 10);
  });
});

describe('velocityRun from a date within a period', () => {
  it('should count only Done dates from `from` on and mark the first period partial', () => {
    // From 2025-01-15: A (01-10) is left out, B (01-20) counts; January is partial, so the average is February and March: (1 + 3) / 2.
    const run = velocityRun(epics, config, 'month', '2025-03-31', '2025-01-15');
    expect(run.series.map(({ start, count, partial }) => [start, count, partial])).toEqual([
      ['2025-01-01', 1, true],
      ['2025-02-01', 1, false],
      ['2025-03-01', 3, false],
    ]);
    expect(run.average).toBe(2);
  });
});
