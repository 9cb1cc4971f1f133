/** The background queue on Forge: an `@forge/events` Queue (the manifest's `consumer` module reads it). */
import { Queue } from '@forge/events';
import type { QueuePort } from '../../ports';

/** The queue key the manifest's consumer listens on. */
export const SYNC_QUEUE_KEY = 'portfolio-sync';

export function createForgeQueue(key: string = SYNC_QUEUE_KEY): QueuePort {
  const queue = new Queue({ key });
  return {
    async push(events, options) {
      await queue.push(events.map((body) => ({ body: { ...body }, ...(options?.delaySeconds === undefined ? {} : { delayInSeconds: options.delaySeconds }) })));
    },
  };
}
