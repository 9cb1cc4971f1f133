/**
 * StorePort in memory, for tests. Values are kept as JSON text: callers can never mutate stored
 * state through a reference they passed in or got back, and a value comes back in the shape the
 * real stores give (a Date becomes its ISO string, undefined properties disappear), so a test does
 * not pass here and fail against Forge. Forge's limits apply here too (storeSupport).
 */
import type { StorePort, Versioned } from '../../ports';
import {
  assertCollection,
  assertExpectedVersion,
  checkExpectedVersion,
  describeDocument,
  documentStorageKey,
  prepareBatchRead,
  prepareWrite,
  prepareWrites,
  storableValueJson,
  valueStorageKey,
} from '../storeSupport';
import { pageKeys } from './keyPage';

interface StoredDocument {
  readonly json: string;
  readonly version: number;
}

export function createMemoryStore(): StorePort {
  const collections = new Map<string, Map<string, StoredDocument>>();
  const values = new Map<string, string>();

  const documentsOf = (collection: string): Map<string, StoredDocument> => {
    let documents = collections.get(collection);
    if (documents === undefined) {
      documents = new Map();
      collections.set(collection, documents);
    }
    return documents;
  };

  // Every method checks and writes without awaiting in between, so each call is atomic.
  return {
    async get(collection, key): Promise<Versioned<unknown> | undefined> {
      documentStorageKey(collection, key);
      const stored = collections.get(collection)?.get(key);
      return stored === undefined ? undefined : { value: JSON.parse(stored.json), version: stored.version };
    },

    async getMany(collection, keys) {
      prepareBatchRead(collection, keys);
      const documents = collections.get(collection);
      return keys.map((key): Versioned<unknown> | undefined => {
        const stored = documents?.get(key);
        return stored === undefined ? undefined : { value: JSON.parse(stored.json), version: stored.version };
      });
    },

    async put(collection, key, value, expectedVersion) {
      const write = prepareWrite(collection, key, value, expectedVersion);
      const documents = documentsOf(collection);
      checkExpectedVersion(write.what, expectedVersion, documents.get(key)?.version);
      documents.set(key, { json: write.bodyJson, version: write.newVersion });
      return write.newVersion;
    },

    async putAll(writes) {
      const prepared = prepareWrites(writes);
      // Every condition is checked before anything is written: all or none.
      for (const write of prepared) checkExpectedVersion(write.what, write.expectedVersion, collections.get(write.collection)?.get(write.key)?.version);
      for (const write of prepared) documentsOf(write.collection).set(write.key, { json: write.bodyJson, version: write.newVersion });
      return prepared.map((write) => write.newVersion);
    },

    async delete(collection, key, expectedVersion) {
      documentStorageKey(collection, key);
      const what = describeDocument(collection, key);
      const documents = documentsOf(collection);
      if (expectedVersion === 'any') {
        documents.delete(key);
        return;
      }
      assertExpectedVersion(what, expectedVersion);
      checkExpectedVersion(what, expectedVersion, documents.get(key)?.version);
      documents.delete(key);
    },

    async list(collection, options) {
      assertCollection(collection);
      const documents = collections.get(collection) ?? new Map<string, StoredDocument>();
      const page = pageKeys(documents.keys(), options);
      const items = page.keys.flatMap((key) => {
        const stored = documents.get(key);
        return stored === undefined ? [] : [{ key, value: JSON.parse(stored.json) as unknown, version: stored.version }];
      });
      return page.cursor === undefined ? { items } : { items, cursor: page.cursor };
    },

    async getValue(key) {
      valueStorageKey(key);
      const json = values.get(key);
      return json === undefined ? undefined : JSON.parse(json);
    },

    async setValue(key, value) {
      values.set(key, storableValueJson(key, value));
    },

    async deleteValue(key) {
      valueStorageKey(key);
      values.delete(key);
    },
  };
}
