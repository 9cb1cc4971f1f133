/**
 * StorePort on Forge storage (`@forge/kvs`). docs/storage.md describes the layout for the manifest.
 *
 * Versioned documents are items of one custom entity, `lp-doc`: { collection, docKey, version, body }.
 * Optimistic locking uses the two conditional writes Forge offers:
 * - create: `entity.set(key, item, { keyPolicy: 'FAIL_IF_EXISTS' })`, Forge's create-if-absent;
 * - update and delete: `kvs.transact()` with the condition `version = <the version read>`.
 * Forge does not document the error code of a failed condition, so after a refused write the
 * adapter reads the document again: if it no longer is what the write expected, that is the
 * conflict; otherwise the original error (rate limit, outage) is rethrown unchanged.
 *
 * `getMany` is one `kvs.batchGet` of `lp-doc` items (batch reads take custom entities by
 * `entityName`, ≤ 25 keys, each once): a missing item comes back among `failedKeys` as
 * KEY_NOT_FOUND; any other per-key failure fails the whole read, as a failed `get` would.
 *
 * Unversioned values (caches) are plain KVS keys. Forge keys allow only [A-Za-z0-9:._-#] and
 * spaces, so collections and keys are escaped (`kvsKeyPart`).
 */
import { Filter, FilterConditions, ForgeKvsError, kvs, Sort, WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import { InvalidDataError } from '../../errors';
import type { StorePort, Versioned } from '../../ports';
import {
  assertCollection,
  assertExpectedVersion,
  conflictError,
  describeDocument,
  documentStorageKey,
  listPageSize,
  MAX_STORED_VALUE_BYTES,
  prepareBatchRead,
  prepareWrite,
  prepareWrites,
  storableValueJson,
  storageKeyPart,
  valueStorageKey,
} from '../storeSupport';
import type { PreparedWrite } from '../storeSupport';

/** The custom entity as manifest.yml must declare it (app.storage.entities). */
export const DOC_ENTITY = {
  name: 'lp-doc',
  attributes: {
    collection: { type: 'string' },
    docKey: { type: 'string' },
    version: { type: 'integer' },
    body: { type: 'any' },
  },
  indexes: [{ name: 'by-collection-key', partition: ['collection'], range: ['docKey'] }],
} as const;
const DOC_INDEX = DOC_ENTITY.indexes[0].name;
/** How `kvs.batchGet` reports a key with no item (among `failedKeys`). */
const KEY_NOT_FOUND = 'KEY_NOT_FOUND';

/** Forge refuses larger values (the limit lives in storeSupport: every store enforces it). */
export const MAX_KVS_VALUE_BYTES = MAX_STORED_VALUE_BYTES;

const docItemSchema = z.object({
  collection: z.string(),
  docKey: z.string(),
  version: z.number().int().min(1),
  body: z.unknown(),
});
type DocItem = z.infer<typeof docItemSchema>;

export function createForgeStore(): StorePort {
  const docs = kvs.entity<DocItem>(DOC_ENTITY.name);

  const readItem = async (collection: string, key: string, kvsKey: string): Promise<DocItem | undefined> => {
    const item = await docs.get(kvsKey);
    return item === undefined ? undefined : parseItem(item, describeDocument(collection, key));
  };

  /** After a refused write: a conflict when the document moved on, else the original error. */
  const classifyRefusal = async (
    error: unknown,
    collection: string,
    key: string,
    kvsKey: string,
    expectedVersion: number | null,
  ): Promise<never> => {
    const current = await readItem(collection, key, kvsKey);
    const currentVersion = current?.version;
    const stillAsExpected = expectedVersion === null ? currentVersion === undefined : currentVersion === expectedVersion;
    if (stillAsExpected) throw error;
    throw conflictError(describeDocument(collection, key), expectedVersion, currentVersion);
  };

  return {
    async get(collection, key): Promise<Versioned<unknown> | undefined> {
      const kvsKey = documentKvsKey(collection, key);
      const item = await readItem(collection, key, kvsKey);
      return item === undefined ? undefined : { value: item.body, version: item.version };
    },

    async getMany(collection, keys) {
      const kvsKeys = prepareBatchRead(collection, keys);
      // Forge refuses an empty batch; nothing to read is answered here.
      if (kvsKeys.length === 0) return [];
      const answer = await kvs.batchGet<unknown>(kvsKeys.map((kvsKey) => ({ key: kvsKey, entityName: DOC_ENTITY.name })));
      const failed = answer.failedKeys.find((failure) => failure.error.code !== KEY_NOT_FOUND);
      if (failed !== undefined) {
        throw new ForgeKvsError(`Forge storage could not read ${collection} item ${failed.key} in a batch: ${failed.error.code} ${failed.error.message}`);
      }
      // Forge answers in no promised order: matched back to the keys by storage key (a key reported
      // in neither list is taken as missing too).
      const found = new Map(answer.successfulKeys.map((item) => [item.key, item.value]));
      return keys.map((key, index): Versioned<unknown> | undefined => {
        const kvsKey = kvsKeys[index] as string;
        if (!found.has(kvsKey)) return undefined;
        const item = parseItem(found.get(kvsKey), describeDocument(collection, key));
        return { value: item.body, version: item.version };
      });
    },

    async put(collection, key, value, expectedVersion) {
      const kvsKey = documentKvsKey(collection, key);
      const write = prepareWrite(collection, key, value, expectedVersion);
      const item = itemOf(write);
      try {
        if (expectedVersion === null) {
          await docs.set(kvsKey, item, { keyPolicy: 'FAIL_IF_EXISTS' });
        } else {
          await kvs
            .transact()
            .set(kvsKey, item, { entityName: DOC_ENTITY.name, conditions: versionIs(expectedVersion) })
            .execute();
        }
      } catch (error) {
        return classifyRefusal(error, collection, key, kvsKey, expectedVersion);
      }
      return write.newVersion;
    },

    async putAll(writes) {
      const prepared = prepareWrites(writes);
      // A create inside a transaction cannot use the key policy: its condition is "no version yet",
      // which holds for an item that does not exist (as the KVS fake and DynamoDB-style stores read it).
      let transaction = kvs.transact();
      for (const write of prepared) {
        const conditions = write.expectedVersion === null ? noVersionYet() : versionIs(write.expectedVersion);
        transaction = transaction.set(documentKvsKey(write.collection, write.key), itemOf(write), { entityName: DOC_ENTITY.name, conditions });
      }
      try {
        await transaction.execute();
      } catch (error) {
        // The first write whose document moved on is the conflict; otherwise the original error.
        for (const write of prepared) {
          const current = await readItem(write.collection, write.key, documentKvsKey(write.collection, write.key));
          const currentVersion = current?.version;
          const stillAsExpected = write.expectedVersion === null ? currentVersion === undefined : currentVersion === write.expectedVersion;
          if (!stillAsExpected) throw conflictError(write.what, write.expectedVersion, currentVersion);
        }
        throw error;
      }
      return prepared.map((write) => write.newVersion);
    },

    async delete(collection, key, expectedVersion) {
      const kvsKey = documentKvsKey(collection, key);
      if (expectedVersion === 'any') {
        await docs.delete(kvsKey);
        return;
      }
      assertExpectedVersion(describeDocument(collection, key), expectedVersion);
      try {
        await kvs.transact().delete(kvsKey, { entityName: DOC_ENTITY.name, conditions: versionIs(expectedVersion) }).execute();
      } catch (error) {
        await classifyRefusal(error, collection, key, kvsKey, expectedVersion);
      }
    },

    async list(collection, options) {
      assertCollection(collection);
      let query = docs.query().index(DOC_INDEX, { partition: [collection] }).sort(Sort.ASC).limit(listPageSize(options?.limit));
      if (options?.prefix) query = query.where(WhereConditions.beginsWith(options.prefix));
      if (options?.cursor !== undefined) query = query.cursor(options.cursor);
      const page = await query.getMany();
      const items = page.results.map(({ value }) => {
        const item = parseItem(value, `an item of ${collection}`);
        return { key: item.docKey, value: item.body, version: item.version };
      });
      return page.nextCursor ? { items, cursor: page.nextCursor } : { items };
    },

    async getValue(key) {
      return kvs.get<unknown>(valueKvsKey(key));
    },

    async setValue(key, value) {
      storableValueJson(key, value);
      await kvs.set(valueKvsKey(key), value);
    },

    async deleteValue(key) {
      await kvs.delete(valueKvsKey(key));
    },
  };
}

function itemOf(write: PreparedWrite): DocItem {
  return { collection: write.collection, docKey: write.key, version: write.newVersion, body: write.value };
}

function noVersionYet() {
  return new Filter<DocItem>().and('version', FilterConditions.notExists());
}

function versionIs(version: number) {
  return new Filter<DocItem>().and('version', FilterConditions.equalTo(version));
}

function parseItem(item: unknown, what: string): DocItem {
  const result = docItemSchema.safeParse(item);
  if (!result.success) throw new InvalidDataError(`The stored item of ${what} is not a document: ${z.prettifyError(result.error)}`);
  return result.data;
}

/** A part of a KVS key (see storeSupport's `storageKeyPart`). */
export const kvsKeyPart = storageKeyPart;

function documentKvsKey(collection: string, key: string): string {
  return documentStorageKey(collection, key);
}

function valueKvsKey(key: string): string {
  return valueStorageKey(key);
}
