/**
 * For tests comparing a page served from a per-chunk projection (the cards, Flow's cards) with the
 * whole snapshot: a store that records which chunk and projection documents are read, and a
 * request's context as the resolver handler builds it.
 */
import type { StorePort } from '../../src/ports';
import { createServiceContext } from '../../src/services/context';
import type { ServiceContext } from '../../src/services/context';
import { demoUser } from '../../preview/demo-jira';
import type { TestBackend, TestUser } from './services';

/** The cache is fresh for this long in these tests' requests. */
export const FRESH_MS = 60_000;

/** Records `collection/key` of each read from the chunks' collection and `projection`'s. */
export function readRecordingStore(inner: StorePort, projection: 'epic-cache-cards' | 'epic-cache-flow'): StorePort & { reads: string[] } {
  const reads: string[] = [];
  const record = (collection: string, key: string) => {
    if (collection === 'epic-cache' || collection === projection) reads.push(`${collection}/${key}`);
  };
  return {
    ...inner,
    reads,
    get: (collection, key) => {
      record(collection, key);
      return inner.get(collection, key);
    },
    getMany: (collection, keys) => {
      for (const key of keys) record(collection, key);
      return inner.getMany(collection, keys);
    },
  };
}

/** A request's context as the handler builds it, for `user`. */
export function contextOf(backend: TestBackend, user: TestUser): ServiceContext {
  const { runtime } = backend;
  const accountId = demoUser(user).accountId;
  return createServiceContext({ jira: runtime.jira({ accountId }), store: runtime.store, queue: runtime.queue, clock: runtime.clock, log: runtime.log, accountId, cacheFreshMs: FRESH_MS });
}
