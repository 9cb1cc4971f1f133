import { SAMPLE, runLpm } from './runLpm';

async function forecast(args: string[]): Promise<Record<string, unknown>> {
  const outcome = await runLpm(['forecast', '--input', SAMPLE, ...args]);
  expect(outcome).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(outcome.stdout) as Record<string, unknown>;
}

describe('lpm forecast', () => {
  it('should sample the done epics of the window ending at the as-of date when forecasting by date', async () => {
    const result = await forecast(['--as-of', '2025-04-30', '--by', '2025-06-30', '--seed', '42', '--trials', '2000']);
    // 90 days ending 04-30 start on 01-31; done in them: 03-05, 03-10, 03-24, 04-02, 04-14.
    expect(result).toMatchObject({
      asOf: '2025-04-30',
      window: { start: '2025-01-31', end: '2025-04-30', days: 90, done: 5 },
      trials: 2000,
      seed: 42,
      by: '2025-06-30',
      days: 61,
    });
    const howMany = result.howMany as { confidence: number; items: number }[];
    expect(howMany.map((r) => r.confidence)).toEqual([50, 85, 95]);
    // More confidence, fewer items; 61 days at 5/90 per day is about 3.4 on average.
    const [p50, p85, p95] = howMany.map((r) => r.items) as [number, number, number];
    expect(p50).toBeGreaterThanOrEqual(p85);
    expect(p85).toBeGreaterThanOrEqual(p95);
    expect(p50).toBeGreaterThanOrEqual(2);
    expect(p50).toBeLessThanOrEqual(5);
  });

  it.each([
    ['--by', '2025-06-30'],
    ['--items', '4'],
  ])('should print the same forecast twice when the seed is the same (%s)', async (flag, value) => {
    const args = ['--as-of', '2025-04-30', flag, value, '--seed', '7', '--trials', '1000'];
    expect(await forecast(args)).toEqual(await forecast(args));
  });

  it('should give exact answers when every sampled day had one epic done', async () => {
    // Window of one day ending on 04-14, the day LPM-4 was done: the only sample is 1 per day.
    const base = ['--as-of', '2025-04-14', '--window', '1', '--trials', '100'];
    const byDate = await forecast([...base, '--by', '2025-04-24']);
    expect(byDate.howMany).toEqual([50, 85, 95].map((confidence) => ({ confidence, items: 10 })));
    const byItems = await forecast([...base, '--items', '3']);
    expect(byItems.when).toEqual([50, 85, 95].map((confidence) => ({ confidence, days: 3, date: '2025-04-17' })));
  });

  it('should answer null when nothing was done in the window and the question is when', async () => {
    const result = await forecast(['--as-of', '2025-04-30', '--window', '10', '--items', '2']);
    expect(result).toMatchObject({ window: { start: '2025-04-21', done: 0 }, when: null });
  });

  it('should forecast zero items when the date asked is the as-of date', async () => {
    const result = await forecast(['--as-of', '2025-04-30', '--by', '2025-04-30']);
    expect(result).toMatchObject({ days: 0, howMany: [50, 85, 95].map((confidence) => ({ confidence, items: 0 })) });
  });
});
