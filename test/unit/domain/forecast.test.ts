import { dailyThroughput, forecastHowMany, forecastWhen } from '../../../src/domain/forecast';
import { seededRandom } from '../../../src/domain/stats';

const today = '2025-01-01';
const WIDE_CONFIDENCES = [10, 25, 50, 75, 85, 95, 99];

describe('dailyThroughput', () => {
  it('should count done dates per day of the window, oldest first, when some fall outside it', () => {
    const done = ['2025-01-06', '2025-01-06', '2025-01-08', '2025-01-10', '2025-01-05', '2025-01-11'];
    // Window 01-06..01-10; 01-05 is before it, 01-11 after it.
    expect(dailyThroughput(done, '2025-01-10', 5)).toEqual([2, 0, 1, 0, 1]);
  });

  it('should span 90 days by default when no window is given', () => {
    const samples = dailyThroughput(['2024-12-03', '2024-12-02', '2025-03-02'], '2025-03-02');
    // 90 days ending 2025-03-02 start on 2024-12-03 (29 + 31 + 28 + 2 = 90).
    expect(samples).toHaveLength(90);
    expect(samples[0]).toBe(1);
    expect(samples[89]).toBe(1);
    expect(samples.reduce((a, b) => a + b, 0)).toBe(2);
  });

  it.each([
    ['no done dates', [], 3, [0, 0, 0]],
    ['a window of 0 days', ['2025-01-10'], 0, []],
  ])('should give a defined series when there are %s', (_case, done, windowDays, expected) => {
    expect(dailyThroughput(done, '2025-01-10', windowDays)).toEqual(expected);
  });
});

describe('forecastHowMany', () => {
  it('should give 5 days × 2 = 10 items at every confidence when every sample is 2', () => {
    expect(forecastHowMany([2, 2, 2], today, '2025-01-06')).toEqual({
      trials: 10_000,
      days: 5,
      results: [
        { confidence: 50, items: 10 },
        { confidence: 85, items: 10 },
        { confidence: 95, items: 10 },
      ],
    });
  });

  it('should sum one sampled day per day, with index floor(random × n) from one seeded stream, when run for one trial', () => {
    const samples = [1, 2, 3, 4, 5];
    const random = seededRandom(42);
    let expected = 0;
    for (let day = 0; day < 7; day++) expected += samples[Math.floor(random() * samples.length)] as number;
    const result = forecastHowMany(samples, today, '2025-01-08', { trials: 1, seed: 42 });
    expect(result?.results[0]?.items).toBe(expected);
  });

  it('should need ⌈c% of trials⌉ to reach the answer when the trial count does not divide evenly', () => {
    // Replay 3 trials of 3 days (seed 1 gives sums 14, 23, 20): 30% needs ⌈0.9⌉ = 1 trial → 23, 50% needs
    // ⌈1.5⌉ = 2 → 20, 100% needs all 3 → 14.
    const samples = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const random = seededRandom(1);
    const outcomes = [0, 0, 0].map(() => [0, 0, 0].reduce((sum) => sum + (samples[Math.floor(random() * samples.length)] as number), 0));
    const [lowest, middle, highest] = [...outcomes].sort((a, b) => a - b) as [number, number, number];
    const result = forecastHowMany(samples, today, '2025-01-04', { trials: 3, seed: 1, confidences: [30, 50, 100] });
    expect(result?.results.map((r) => r.items)).toEqual([highest, middle, lowest]);
    expect([highest, middle, lowest]).toEqual([23, 20, 14]);
  });

  it('should give the same results when run twice with the same seed', () => {
    const samples = [0, 0, 1, 3, 0, 2, 1];
    const options = { seed: 7, confidences: WIDE_CONFIDENCES };
    expect(forecastHowMany(samples, today, '2025-02-01', options)).toEqual(forecastHowMany(samples, today, '2025-02-01', options));
  });

  it('should match the binomial quantiles when each day completes 0 or 1 items with equal odds', () => {
    // Over 10 days the count is Binomial(10, ½): P(≥5) = 0.623, P(≥6) = 0.377 → 5 at 50%;
    // P(≥3) = 0.945, P(≥4) = 0.828 → 3 at 85%; P(≥2) = 0.989 → 2 at 95%.
    const result = forecastHowMany([0, 1], today, '2025-01-11');
    expect(result?.days).toBe(10);
    expect(result?.results).toEqual([
      { confidence: 50, items: 5 },
      { confidence: 85, items: 3 },
      { confidence: 95, items: 2 },
    ]);
  });

  it.each([
    ['0 or 1 per day', [0, 1], '2025-01-11'],
    ['a skewed sample', [0, 0, 0, 1, 2, 5], '2025-03-01'],
    ['a steady sample', [3, 4], '2025-01-31'],
  ])('should promise fewer items at higher confidence when throughput is %s', (_case, samples, by) => {
    const result = forecastHowMany(samples, today, by, { confidences: WIDE_CONFIDENCES });
    const items = result?.results.map((r) => r.items) ?? [];
    expect(items).toHaveLength(WIDE_CONFIDENCES.length);
    const days = result?.days ?? 0;
    const [low, high] = [Math.min(...samples) * days, Math.max(...samples) * days];
    items.forEach((n, i) => {
      expect(n).toBeGreaterThanOrEqual(low);
      expect(n).toBeLessThanOrEqual(high);
      if (i > 0) expect(n).toBeLessThanOrEqual(items[i - 1] as number);
    });
  });

  it('should answer 0 items at every confidence when the date is today', () => {
    expect(forecastHowMany([1, 2], today, today)).toMatchObject({ days: 0, results: [{ items: 0 }, { items: 0 }, { items: 0 }] });
  });

  it('should answer 0 items when every sample is 0', () => {
    expect(forecastHowMany([0, 0], today, '2025-01-11')?.results.map((r) => r.items)).toEqual([0, 0, 0]);
  });

  it.each([
    ['there are no samples', [], '2025-01-11'],
    ['the date is before today', [1, 2], '2024-12-31'],
  ])('should be null when %s', (_case, samples, by) => {
    expect(forecastHowMany(samples, today, by)).toBeNull();
  });

  it('should report results in the order the confidences were asked when they are unsorted', () => {
    const result = forecastHowMany([0, 1], today, '2025-01-11', { confidences: [95, 50] });
    expect(result?.results.map((r) => r.confidence)).toEqual([95, 50]);
    expect(result?.results.map((r) => r.items)).toEqual([2, 5]);
  });

  it.each([
    ['0 trials', { trials: 0 }],
    ['a fractional trial count', { trials: 2.5 }],
    ['a confidence above 100', { confidences: [50, 101] }],
    ['a negative confidence', { confidences: [-1] }],
  ])('should throw a RangeError when given %s', (_case, options) => {
    expect(() => forecastHowMany([1], today, '2025-01-05', options)).toThrow(RangeError);
  });
});

describe('forecastWhen', () => {
  it('should finish 7 items on day 4 at every confidence when every sample is 2', () => {
    // 2 + 2 + 2 = 6 < 7 after 3 days; 8 ≥ 7 after 4.
    expect(forecastWhen([2, 2, 2], today, 7)).toEqual({
      trials: 10_000,
      results: [
        { confidence: 50, days: 4, date: '2025-01-05' },
        { confidence: 85, days: 4, date: '2025-01-05' },
        { confidence: 95, days: 4, date: '2025-01-05' },
      ],
    });
  });

  it('should match the negative-binomial quantiles when each day completes 0 or 1 items with equal odds', () => {
    // Done within d days ⇔ Binomial(d, ½) ≥ 5: d = 12 → 0.806, d = 13 → 0.867 (85%);
    // d = 15 → 0.941, d = 16 → 0.962 (95%).
    const result = forecastWhen([0, 1], today, 5, { confidences: [85, 95] });
    expect(result?.results).toEqual([
      { confidence: 85, days: 13, date: '2025-01-14' },
      { confidence: 95, days: 16, date: '2025-01-17' },
    ]);
  });

  it.each([
    ['0 or 1 per day', [0, 1], 5],
    ['a skewed sample', [0, 0, 0, 1, 2, 5], 20],
    ['a steady sample', [3, 4], 30],
  ])('should take longer at higher confidence, never less than the fastest possible, when throughput is %s', (_case, samples, items) => {
    const days = forecastWhen(samples, today, items, { confidences: WIDE_CONFIDENCES })?.results.map((r) => r.days) ?? [];
    expect(days).toHaveLength(WIDE_CONFIDENCES.length);
    const fastest = Math.ceil(items / Math.max(...samples));
    days.forEach((d, i) => {
      expect(d).not.toBeNull();
      expect(d as number).toBeGreaterThanOrEqual(fastest);
      if (i > 0) expect(d as number).toBeGreaterThanOrEqual(days[i - 1] as number);
    });
  });

  it('should give the same results when run twice with the same seed', () => {
    const options = { seed: 99, confidences: WIDE_CONFIDENCES };
    expect(forecastWhen([0, 2, 1, 0, 3], today, 25, options)).toEqual(forecastWhen([0, 2, 1, 0, 3], today, 25, options));
  });

  it('should count the days one seeded stream needs when run for one trial', () => {
    const samples = [0, 1, 2];
    const random = seededRandom(5);
    let [sum, expected] = [0, 0];
    while (sum < 6) {
      sum += samples[Math.floor(random() * samples.length)] as number;
      expected++;
    }
    expect(forecastWhen(samples, today, 6, { trials: 1, seed: 5 })?.results[0]?.days).toBe(expected);
  });

  it('should answer today when nothing is left to do', () => {
    expect(forecastWhen([1], today, 0)?.results[0]).toEqual({ confidence: 50, days: 0, date: today });
  });

  it.each([
    ['there are no samples', []],
    ['every sample is 0', [0, 0]],
  ])('should be null when %s', (_case, samples) => {
    expect(forecastWhen(samples, today, 3)).toBeNull();
  });

  it('should report null for every confidence when no trial can finish within 3650 days', () => {
    // At most 1 item a day: 3650 days can never reach 4000 items.
    expect(forecastWhen([0, 1], today, 4000, { trials: 50 })?.results).toEqual([
      { confidence: 50, days: null, date: null },
      { confidence: 85, days: null, date: null },
      { confidence: 95, days: null, date: null },
    ]);
  });

  it('should report null only past the share of trials that finished when some trials hit the 3650-day cap', () => {
    // One item, with a 1-in-3000 chance a day: P(done within 3650 days) = 1 − (2999/3000)^3650 ≈ 0.70,
    // and the median is about ln 2 × 3000 ≈ 2079 days (400 trials keep the run short; ± ~150 days).
    const rare = [...new Array<number>(2999).fill(0), 1];
    const [median, p85, p95] = forecastWhen(rare, today, 1, { trials: 400 })?.results ?? [];
    expect(median?.days).toBeGreaterThan(1500);
    expect(median?.days).toBeLessThan(2700);
    expect(p85).toEqual({ confidence: 85, days: null, date: null });
    expect(p95).toEqual({ confidence: 95, days: null, date: null });
  });
});
