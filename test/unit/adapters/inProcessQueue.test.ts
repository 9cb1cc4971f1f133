/** The preview's queue: delivery after the push returns, retries on request, idle, Forge's push limit. */
import { createInProcessQueue } from '../../../src/adapters/local/inProcessQueue';
import type { QueueEvent } from '../../../src/ports';

describe('the in-process queue', () => {
  it('should deliver after the push returns, one event at a time, and resolve idle once all are done', async () => {
    const queue = createInProcessQueue({ msPerDelaySecond: 0 });
    const seen: string[] = [];
    let running = 0;
    queue.attach(async (event) => {
      running += 1;
      expect(running).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 1));
      seen.push(String(event.n));
      running -= 1;
    });
    await queue.push([{ n: 1 }, { n: 2 }]);
    expect(seen).toEqual([]);
    await queue.idle();
    expect(seen).toEqual(['1', '2']);
  });

  it('should deliver an event again, with its retry count, when the consumer asks for a retry', async () => {
    const queue = createInProcessQueue({ msPerDelaySecond: 0 });
    const attempts: number[] = [];
    queue.attach(async (_event, retryCount) => {
      attempts.push(retryCount);
      return retryCount < 2 ? { retryAfterSeconds: 5 } : undefined;
    });
    await queue.push([{ kind: 'step' }]);
    await queue.idle();
    expect(attempts).toEqual([0, 1, 2]);
    expect(queue.delivered).toBe(3);
  });

  it('should hold events pushed before a consumer is attached, and report a consumer that throws', async () => {
    const errors: unknown[] = [];
    const queue = createInProcessQueue({ msPerDelaySecond: 0, onError: (error) => errors.push(error) });
    await queue.push([{ n: 1 }]);
    const seen: QueueEvent[] = [];
    queue.attach(async (event) => {
      seen.push(event);
      throw new Error('boom');
    });
    await queue.idle();
    expect(seen).toEqual([{ n: 1 }]);
    expect(errors).toEqual([new Error('boom')]);
  });

  it('should refuse a push of no event or of more than 50, as Forge does', async () => {
    const queue = createInProcessQueue();
    await expect(queue.push([])).rejects.toThrow(/1 to 50 events/);
    await expect(queue.push(Array.from({ length: 51 }, (_, n) => ({ n })))).rejects.toThrow(/1 to 50 events/);
  });
});
