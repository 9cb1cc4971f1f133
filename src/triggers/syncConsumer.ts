/**
 * The queue consumer (Forge `consumer` module on the `portfolio-sync` queue; the preview's
 * in-process queue calls the same function): runs one step of the cold sync per event.
 */
import { z } from 'zod';
import type { QueueEvent } from '../ports';
import type { Runtime } from '../runtime/runtime';
import { runColdSyncStep } from '../services/sync/coldSync';
import type { StepOutcome, SyncDeps } from '../services/sync/coldSync';

const eventSchema = z.object({ kind: z.literal('cold-sync'), generation: z.number().int().min(1) });

/** What the sync runs with when no one called: the app's Jira, the runtime's store, queue, clock and log. */
export function syncDepsOf(runtime: Runtime): SyncDeps {
  return { app: runtime.jira({}).app, store: runtime.store, queue: runtime.queue, clock: runtime.clock, log: runtime.log };
}

export function createSyncConsumer(runtime: Runtime): (event: QueueEvent) => Promise<StepOutcome> {
  return async (event) => {
    const parsed = eventSchema.safeParse(event);
    if (!parsed.success) {
      runtime.log.warn('queue event not understood, dropped', { event: JSON.stringify(event).slice(0, 200) });
      return;
    }
    return runColdSyncStep(syncDepsOf(runtime), parsed.data);
  };
}
