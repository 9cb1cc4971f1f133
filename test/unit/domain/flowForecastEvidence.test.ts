/** Ranked-backlog forecast, throughput histogram, stability check and back-test, worked by hand. */
import { forecastRankedBacklog } from '../../../src/domain/backlogForecast';
import { backTest, stabilityCheck, weeklyThroughput } from '../../../src/domain/forecastEvidence';

describe('forecastRankedBacklog', () => {
  it('should finish the k-th epic on day k when every day finishes exactly one', () => {
    expect(forecastRankedBacklog([1], '2025-03-01', ['A', 'B', 'C'], { trials: 50 })).toEqual([
      { key: 'A', position: 1, days: 1, date: '2025-03-02' },
      { key: 'B', position: 2, days: 2, date: '2025-03-03' },
      { key: 'C', position: 3, days: 3, date: '2025-03-04' },
    ]);
  });

  it('should finish epics in pairs when every day finishes two', () => {
    const result = forecastRankedBacklog([2], '2025-03-01', ['A', 'B', 'C', 'D', 'E'], { trials: 10 })!;
    expect(result.map((item) => item.days)).toEqual([1, 1, 2, 2, 3]);
  });

  it('should take the 85th percentile of the trials: with days of 0 or 1 the first epic waits longer at 85 % than at 50 %', () => {
    // P(first done within d days) = 1 − 0.5^d: ≥ 50 % at d = 1, ≥ 85 % at d = 3 (87.5 %).
    const at50 = forecastRankedBacklog([0, 1], '2025-03-01', ['A'], { trials: 20_000, confidence: 50 })!;
    const at85 = forecastRankedBacklog([0, 1], '2025-03-01', ['A'], { trials: 20_000 })!;
    expect(at50[0]?.days).toBe(1);
    expect(at85[0]?.days).toBe(3);
  });

  it('should be null without any throughput, and empty for an empty backlog', () => {
    expect(forecastRankedBacklog([0, 0], '2025-03-01', ['A'])).toBeNull();
    expect(forecastRankedBacklog([1], '2025-03-01', [])).toEqual([]);
  });
});

describe('weeklyThroughput', () => {
  it('should sum 7-day blocks counted back from the window end, the first block shorter', () => {
    // 10 days ending 2025-03-10: 03-01..03-03 (3 days), then 03-04..03-10.
    const samples = [1, 0, 1, 0, 0, 2, 0, 0, 1, 1];
    expect(weeklyThroughput(samples, '2025-03-10')).toEqual([
      { start: '2025-03-01', days: 3, count: 2 },
      { start: '2025-03-04', days: 7, count: 4 },
    ]);
  });
});

describe('stabilityCheck', () => {
  it.each([
    ['equal halves', [1, 1, 2, 0], 2, 2, 1, false],
    ['twice as many: at the factor, still stable', [1, 1, 0, 1], 2, 1, 2, false],
    ['three times as many', [1, 2, 0, 1], 3, 1, 3, true],
    ['one half empty', [0, 0, 1, 0], 0, 1, null, true],
    ['nothing at all', [0, 0, 0, 0], 0, 0, null, false],
    ['an odd middle day belongs to neither half', [1, 5, 1], 1, 1, 1, false],
  ])('should judge %s', (_name, samples, first, second, ratio, unstable) => {
    expect(stabilityCheck(samples)).toEqual({ firstHalf: first, secondHalf: second, ratio, factor: 2, unstable });
  });
});

describe('backTest', () => {
  it('should forecast from the window before one window ago and compare with what was done since', () => {
    // Window 4 days. Made on 03-06 from 03-03..03-06 (one done each day: throughput exactly 1/day),
    // so it forecast 4 by 03-10 at every confidence; 3 were done in 03-07..03-10: a miss everywhere.
    const done = ['2025-03-03', '2025-03-04', '2025-03-05', '2025-03-06', '2025-03-07', '2025-03-08', '2025-03-10'];
    expect(backTest(done, '2025-03-10', 4, { trials: 100 })).toEqual({
      madeOn: '2025-03-06',
      by: '2025-03-10',
      actual: 3,
      results: [
        { confidence: 50, forecast: 4, hit: false },
        { confidence: 85, forecast: 4, hit: false },
        { confidence: 95, forecast: 4, hit: false },
      ],
    });
  });

  it('should hit when what happened reached the forecast count', () => {
    const done = ['2025-03-03', '2025-03-04', '2025-03-07', '2025-03-08', '2025-03-09', '2025-03-10'];
    // Samples [1,1,0,0] over 4 days: 85 % / 95 % forecasts are low, 4 done: hits at every level.
    const result = backTest(done, '2025-03-10', 4, { trials: 1000 })!;
    expect(result.actual).toBe(4);
    expect(result.results.every((r) => r.hit)).toBe(true);
  });

  it('should be null when the earlier window had no throughput', () => {
    expect(backTest(['2025-03-09'], '2025-03-10', 4)).toBeNull();
  });
});
