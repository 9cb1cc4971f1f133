/**
 * A store whose epic cache (every collection or value key naming a cache) lives apart, in a
 * scratch store that `forget()` throws away: the next request starts with a cold cache and fills it
 * as the app, while the app's documents (cases, OKRs, history…) stay. Atomicity across the two
 * halves is not kept: tests only.
 */
import { createMemoryStore } from '../../src/adapters/local/memoryStore';
import type { StorePort } from '../../src/ports';

/**
 * The epic cache's collection and value keys all say "cache" (`epic-cache`, `epic-cache:meta`);
 * the background sync that fills it keeps its state and plan in `sync`.
 */
// Their cards (`epic-cache-cards`) too.
export const isCacheAddress = (name: string): boolean => /cache/i.test(name) || /(^|\s)sync(\/|$)/.test(name);

export interface ColdCacheStore extends StorePort {
  /** Drops the cache: the next request finds none. */
  forget(): void;
}

export function coldCacheStore(documents: StorePort = createMemoryStore()): ColdCacheStore {
  let cache = createMemoryStore();
  const storeFor = (name: string) => (isCacheAddress(name) ? cache : documents);
  return {
    forget: () => void (cache = createMemoryStore()),
    get: (collection, key) => storeFor(collection).get(collection, key),
    getMany: (collection, keys) => storeFor(collection).getMany(collection, keys),
    list: (collection, options) => storeFor(collection).list(collection, options),
    put: (collection, key, value, expectedVersion) => storeFor(collection).put(collection, key, value, expectedVersion),
    delete: (collection, key, expectedVersion) => storeFor(collection).delete(collection, key, expectedVersion),
    async putAll(writes) {
      const cacheWrites = writes.filter((write) => isCacheAddress(write.collection));
      const documentWrites = writes.filter((write) => !isCacheAddress(write.collection));
      const versions = new Map<object, number>();
      if (cacheWrites.length > 0) (await cache.putAll(cacheWrites)).forEach((version, index) => versions.set(cacheWrites[index]!, version));
      if (documentWrites.length > 0) (await documents.putAll(documentWrites)).forEach((version, index) => versions.set(documentWrites[index]!, version));
      return writes.map((write) => versions.get(write)!);
    },
    getValue: (key) => storeFor(key).getValue(key),
    setValue: (key, value) => storeFor(key).setValue(key, value),
    deleteValue: (key) => storeFor(key).deleteValue(key),
  };
}
