/**
 * StorePort in memory, for tests. Values are kept as JSON text: callers can never mutate stored
 * state through a reference they passed in or got back, and a value comes back in the shape the
 * real stores give (a Date becomes its ISO string, undefined properties disappear), so a test does
 * not pass here and fail against Forge.
 */
import type { StorePort, Versioned } from '../../ports';
import {
  assertCollection,
  assertDocumentAddress,
  assertExpectedVersion,
  assertKey,
  checkExpectedVersion,
  describeDocument,
  toJsonText,
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
      assertDocumentAddress(collection, key);
      const stored = collections.get(collection)?.get(key);
      return stored === undefined ? undefined : { value: JSON.parse(stored.json), version: stored.version };
    },

    async put(collection, key, value, expectedVersion) {
      assertDocumentAddress(collection, key);
      const what = describeDocument(collection, key);
      assertExpectedVersion(what, expectedVersion);
      const json = toJsonText(what, value);
      const documents = documentsOf(collection);
      checkExpectedVersion(what, expectedVersion, documents.get(key)?.version);
      const version = (expectedVersion ?? 0) + 1;
      documents.set(key, { json, version });
      return version;
    },

    async delete(collection, key, expectedVersion) {
      assertDocumentAddress(collection, key);
      const what = describeDocument(collection, key);
      assertExpectedVersion(what, expectedVersion);
      const documents = documentsOf(collection);
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
      assertKey(key);
      const json = values.get(key);
      return json === undefined ? undefined : JSON.parse(json);
    },

    async setValue(key, value) {
      assertKey(key);
      values.set(key, toJsonText(key, value));
    },

    async deleteValue(key) {
      assertKey(key);
      values.delete(key);
    },
  };
}
