/**
 * The queue of the preview, the tests and the benchmark: events run one at a time in this process,
 * after the push returns (as on Forge, the pusher never waits for the consumer). A consumer that
 * asks for a retry gets the event again after the delay it named (scaled, so tests need not wait).
 */
import type { QueueEvent, QueuePort } from '../../ports';

/** What a consumer answers: nothing when done, or a retry (Forge's `InvocationError`). */
export type QueueOutcome = void | { readonly retryAfterSeconds: number };
export type QueueConsumer = (event: QueueEvent, retryCount: number) => Promise<QueueOutcome>;

export interface InProcessQueue extends QueuePort {
  /** The consumer events go to; events pushed before it is attached wait for it. */
  attach(consumer: QueueConsumer): void;
  /** Resolves once no event is waiting or running (delayed ones included). */
  idle(): Promise<void>;
  /** Events delivered so far (retries included). */
  readonly delivered: number;
}

export interface InProcessQueueOptions {
  /** Real milliseconds per second of delay asked for: 1000 in the preview, 0 in tests. */
  readonly msPerDelaySecond?: number;
  /** Where a consumer's unexpected error goes (it is not retried: the consumer records its own failures). */
  readonly onError?: (error: unknown, event: QueueEvent) => void;
}

interface Pending {
  readonly event: QueueEvent;
  readonly retryCount: number;
}

export function createInProcessQueue(options: InProcessQueueOptions = {}): InProcessQueue {
  const msPerSecond = options.msPerDelaySecond ?? 1000;
  const ready: Pending[] = [];
  let consumer: QueueConsumer | undefined;
  let running = false;
  let delayed = 0;
  let delivered = 0;
  let waiters: (() => void)[] = [];

  const settleWaiters = () => {
    if (running || delayed > 0 || ready.length > 0) return;
    const done = waiters;
    waiters = [];
    for (const resolve of done) resolve();
  };

  const enqueueLater = (item: Pending, delaySeconds: number) => {
    if (delaySeconds <= 0 || msPerSecond === 0) {
      ready.push(item);
      return;
    }
    delayed += 1;
    setTimeout(() => {
      delayed -= 1;
      ready.push(item);
      drain();
    }, delaySeconds * msPerSecond).unref?.();
  };

  function drain(): void {
    if (running || consumer === undefined) return;
    const next = ready.shift();
    if (next === undefined) {
      settleWaiters();
      return;
    }
    running = true;
    delivered += 1;
    const current = consumer;
    // A macrotask later: the push (and the request that pushed) finishes first, as on Forge.
    setImmediate(() => {
      current(next.event, next.retryCount)
        .then((outcome) => {
          if (outcome) enqueueLater({ event: next.event, retryCount: next.retryCount + 1 }, outcome.retryAfterSeconds);
        })
        .catch((error: unknown) => options.onError?.(error, next.event))
        .finally(() => {
          running = false;
          drain();
        });
    });
  }

  return {
    async push(events, pushOptions) {
      if (events.length < 1 || events.length > 50) throw new RangeError(`a push takes 1 to 50 events, got ${events.length}`);
      for (const event of events) enqueueLater({ event, retryCount: 0 }, pushOptions?.delaySeconds ?? 0);
      drain();
    },
    attach(attached) {
      consumer = attached;
      drain();
    },
    idle() {
      return new Promise<void>((resolve) => {
        waiters.push(resolve);
        settleWaiters();
      });
    },
    get delivered() {
      return delivered;
    },
  };
}
