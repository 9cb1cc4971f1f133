/** A sync queue the test delivers by hand, so it sees each step's outcome and the calls between steps. */
import type { QueueEvent, QueuePort } from '../../src/ports';
import { runColdSyncStep } from '../../src/services/sync/coldSync';
import type { ColdSyncEvent, StepOutcome, SyncDeps } from '../../src/services/sync/coldSync';

export interface ManualQueue extends QueuePort {
  readonly events: QueueEvent[];
}

export function manualQueue(): ManualQueue {
  const events: QueueEvent[] = [];
  return {
    events,
    async push(pushed) {
      events.push(...pushed);
    },
  };
}

/** Delivers the next pushed event; returns the step's outcome. */
export async function deliverNext(deps: SyncDeps, queue: { events: QueueEvent[] }): Promise<StepOutcome> {
  const event = queue.events.shift();
  if (event === undefined) throw new Error('no event to deliver');
  return runColdSyncStep(deps, event as unknown as ColdSyncEvent);
}

/** Delivers until nothing is left; a retry is delivered again at once (its delay is the queue's business). */
export async function runToTheEnd(deps: SyncDeps, queue: { events: QueueEvent[] }): Promise<{ deliveries: number; retries: number }> {
  let deliveries = 0;
  let retries = 0;
  for (let event = queue.events[0]; event !== undefined; event = queue.events[0]) {
    deliveries += 1;
    if (await deliverNext(deps, queue)) {
      retries += 1;
      queue.events.unshift(event);
    }
  }
  return { deliveries, retries };
}
