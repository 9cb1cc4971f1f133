/**
 * A StorePort that passes every call to another store and counts what Forge would meter for it:
 * KVS read units and write units, per operation kind. The bench wraps the file store with it, so a
 * page load's cost in Forge's quota is a measured figure, not a guess.
 *
 * The rule (Forge, "KVS and Custom Entity Store limits", developer.atlassian.com/platform/forge/limits-kvs-ce,
 * read Dec 2026): per installation about 4,000 read units and 4,000 write units a minute; "request
 * sizes are rounded up to the nearest 10KB. Requests that are 10KB or smaller are counted as 1
 * request ... a request with a payload of 65KB will be rounded up to 70KB, resulting in a count of 7".
 * Batch operations (`kvs.batchGet`/`batchSet`, ≤ 25 keys: developer.atlassian.com/platform/forge/
 * storage-reference/entities-batch) are metered per value, like single calls.
 *
 * How this meter applies it (the choices the docs leave open are marked "decided"):
 * - A unit is 10 KiB (10,240 bytes, the same KiB as the 240 KiB value limit) of a value's JSON,
 *   rounded up, at least 1, PER VALUE: a 1 KB value costs 1, a 25 KB value 3. A versioned document
 *   is sized as the Forge adapter stores it: the item `{collection, docKey, version, body}`.
 * - get / getValue / each key of getMany: the value's units; a missing key costs 1 read unit (decided:
 *   the request is made and answered, and ≤ 10 KB counts as 1). A getMany is counted under its own
 *   name, one call however many keys, and passes through to the wrapped store's getMany (one
 *   `kvs.batchGet` on Forge); a getMany of no keys makes no storage call and is not counted.
 * - list (a custom-entity query page): each document returned costs its units; an empty page costs 1
 *   (decided, as a miss).
 * - put / setValue / each write of putAll (a transaction): the new value's units, whether the write
 *   lands or is refused as a conflict (decided: the conditional write was sent with its payload;
 *   Forge does not document refunds). The Forge adapter then re-reads the document to tell a
 *   conflict from an outage; that read is not counted here, as the wrapped store does not make it.
 * - delete / deleteValue: 1 write unit (decided: the request carries only the key).
 * - A call the wrapped store refuses before reaching storage (InvalidInputError: bad key, value over
 *   240 KiB, > 25 writes) costs nothing: the Forge adapter refuses it before calling Forge too.
 */
import { InvalidInputError } from '../../errors';
import type { DocumentWrite, StorePort, Versioned } from '../../ports';

/** Forge's metering granularity: 10 KB, taken as KiB like MAX_STORED_VALUE_BYTES. */
export const KVS_UNIT_BYTES = 10 * 1024;

export const METERED_OPERATIONS = ['get', 'getMany', 'list', 'put', 'putAll', 'delete', 'getValue', 'setValue', 'deleteValue'] as const;
export type MeteredOperation = (typeof METERED_OPERATIONS)[number];

export interface OperationFigures {
  /** Calls of this method (a getMany of 25 keys is one call). */
  calls: number;
  /** Values read or written (a getMany of 25 keys is 25; a delete is 1). */
  values: number;
  readUnits: number;
  writeUnits: number;
}

export interface KvsMeterReading {
  readonly readUnits: number;
  readonly writeUnits: number;
  readonly byOperation: Readonly<Record<MeteredOperation, Readonly<OperationFigures>>>;
}

export interface KvsMeter {
  /** What was counted since the store was made or the last reset (a copy). */
  reading(): KvsMeterReading;
  reset(): void;
}

/** Units of one value of `bytes` bytes: 10 KiB rounded up, at least 1. */
export function kvsUnitsOf(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / KVS_UNIT_BYTES));
}

function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? 'null', 'utf8');
}

/** A versioned document as the Forge adapter stores it (the `lp-doc` entity's item). */
function documentUnits(collection: string, key: string, version: number, value: unknown): number {
  return kvsUnitsOf(jsonBytes({ collection, docKey: key, version, body: value }));
}

function emptyFigures(): Record<MeteredOperation, OperationFigures> {
  return Object.fromEntries(METERED_OPERATIONS.map((operation) => [operation, { calls: 0, values: 0, readUnits: 0, writeUnits: 0 }])) as Record<
    MeteredOperation,
    OperationFigures
  >;
}

/** A refusal before storage is reached costs nothing; anything else reached storage. */
function reachedStorage(error: unknown): boolean {
  return !(error instanceof InvalidInputError);
}

export function createMeteredStore(inner: StorePort): { store: StorePort; meter: KvsMeter } {
  let figures = emptyFigures();
  const count = (operation: MeteredOperation, change: { values?: number; readUnits?: number; writeUnits?: number }, calls = 1): void => {
    const entry = figures[operation];
    entry.calls += calls;
    entry.values += change.values ?? 0;
    entry.readUnits += change.readUnits ?? 0;
    entry.writeUnits += change.writeUnits ?? 0;
  };

  /** Runs a write; its units are counted when it lands or when storage refused it (a conflict). */
  const metered = async <T>(operation: MeteredOperation, values: number, writeUnits: () => number, write: () => Promise<T>): Promise<T> => {
    try {
      const result = await write();
      count(operation, { values, writeUnits: writeUnits() });
      return result;
    } catch (error) {
      count(operation, reachedStorage(error) ? { values, writeUnits: writeUnits() } : {});
      throw error;
    }
  };

  /** What reading one document costs: its item's units, or 1 for a miss (as a `get`). */
  const readUnitsOf = (collection: string, key: string, document: Versioned<unknown> | undefined): number =>
    document ? documentUnits(collection, key, document.version, document.value) : 1;

  const store: StorePort = {
    async get(collection, key) {
      const document = await inner.get(collection, key);
      count('get', { values: 1, readUnits: readUnitsOf(collection, key, document) });
      return document;
    },

    async getMany(collection, keys) {
      // The wrapped store refuses > 25 keys or a duplicate (InvalidInputError) before reading: uncounted.
      const found = await inner.getMany(collection, keys);
      if (keys.length === 0) return found;
      const readUnits = found.reduce((sum, document, index) => sum + readUnitsOf(collection, keys[index] as string, document), 0);
      count('getMany', { values: keys.length, readUnits });
      return found;
    },

    async list(collection, options) {
      const page = await inner.list(collection, options);
      const readUnits = page.items.reduce((sum, item) => sum + documentUnits(collection, item.key, item.version, item.value), 0);
      count('list', { values: page.items.length, readUnits: Math.max(1, readUnits) });
      return page;
    },

    put(collection, key, value, expectedVersion) {
      return metered('put', 1, () => documentUnits(collection, key, (expectedVersion ?? 0) + 1, value), () => inner.put(collection, key, value, expectedVersion));
    },

    putAll(writes: readonly DocumentWrite[]) {
      const units = () => writes.reduce((sum, write) => sum + documentUnits(write.collection, write.key, (write.expectedVersion ?? 0) + 1, write.value), 0);
      return metered('putAll', writes.length, units, () => inner.putAll(writes));
    },

    delete(collection, key, expectedVersion) {
      return metered('delete', 1, () => 1, () => inner.delete(collection, key, expectedVersion));
    },

    async getValue(key) {
      const value = await inner.getValue(key);
      count('getValue', { values: 1, readUnits: value === undefined ? 1 : kvsUnitsOf(jsonBytes(value)) });
      return value;
    },

    setValue(key, value) {
      return metered('setValue', 1, () => kvsUnitsOf(jsonBytes(value)), () => inner.setValue(key, value));
    },

    deleteValue(key) {
      return metered('deleteValue', 1, () => 1, () => inner.deleteValue(key));
    },
  };

  const meter: KvsMeter = {
    reading() {
      const byOperation = Object.fromEntries(METERED_OPERATIONS.map((operation) => [operation, { ...figures[operation] }])) as Record<MeteredOperation, OperationFigures>;
      const total = (field: 'readUnits' | 'writeUnits') => METERED_OPERATIONS.reduce((sum, operation) => sum + figures[operation][field], 0);
      return { readUnits: total('readUnits'), writeUnits: total('writeUnits'), byOperation };
    },
    reset() {
      figures = emptyFigures();
    },
  };
  return { store, meter };
}
