import { forEachConcurrently } from '../../src/adapters/jira/concurrency';

/** Work whose promises the test resolves by hand, recording how many run at once. */
function controlledWork() {
  const pending: (() => void)[] = [];
  const done: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const work = (item: number) =>
    new Promise<void>((resolve) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      pending.push(() => {
        inFlight--;
        done.push(item);
        resolve();
      });
    });
  const settleAll = async () => {
    while (pending.length > 0) {
      pending.shift()?.();
      await new Promise((r) => setImmediate(r));
    }
  };
  return { work, settleAll, done, maxInFlight: () => maxInFlight };
}

describe('forEachConcurrently', () => {
  it.each([
    [7, 3, 3],
    [2, 3, 2],
    [5, 1, 1],
  ])('should run every one of %i items with at most %i in flight when limited', async (count, limit, expectedMax) => {
    const run = controlledWork();
    const finished = forEachConcurrently(Array.from({ length: count }, (_, i) => i), limit, run.work);
    await new Promise((r) => setImmediate(r));
    await run.settleAll();
    await finished;
    expect([...run.done].sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, i) => i));
    expect(run.maxInFlight()).toBe(expectedMax);
  });

  it('should reject with the first failure when an item fails', async () => {
    const run = forEachConcurrently([1, 2, 3, 4], 2, async (item) => {
      if (item === 2) throw new Error('batch 2 failed');
    });
    await expect(run).rejects.toThrow('batch 2 failed');
  });

  it('should start no item after a failure when other items are still in flight', async () => {
    const started: number[] = [];
    let releaseItem1: () => void = () => undefined;
    const run = forEachConcurrently([1, 2, 3, 4, 5, 6], 2, (item) => {
      started.push(item);
      if (item === 1) return new Promise<void>((resolve) => (releaseItem1 = resolve));
      if (item === 2) return Promise.reject(new Error('batch 2 failed'));
      return Promise.resolve();
    });
    await new Promise((r) => setImmediate(r));
    releaseItem1();
    await expect(run).rejects.toThrow('batch 2 failed');
    // Items 1 and 2 started together; 2 failed while 1 was in flight, so 1's worker stops too.
    expect(started).toEqual([1, 2]);
  });

  it('should do nothing when there are no items', async () => {
    const work = jest.fn(async () => undefined);
    await forEachConcurrently([], 3, work);
    expect(work).not.toHaveBeenCalled();
  });
});
