/**
 * Rules every StorePort adapter shares, so the memory, file and Forge stores refuse the same input
 * and explain a conflict with the same words.
 */
import { ConflictError, InvalidInputError } from '../errors';
import { MAX_STORED_VALUE_BYTES } from '../ports';

/** Forge answers at most 100 items per query page; the local stores page the same way. */
const MAX_LIST_PAGE_SIZE = 100;

/** A page size within 1..100; a missing or unusable limit means a full page. */
export function listPageSize(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return MAX_LIST_PAGE_SIZE;
  return Math.min(MAX_LIST_PAGE_SIZE, Math.max(1, Math.floor(limit)));
}

/**
 * Key order is Unicode code point order, which is also UTF-8 byte order (how Forge sorts an index's
 * range attribute). Plain `<` on strings compares UTF-16 code units and would put '𝔘' (U+1D518)
 * before 'ｚ' (U+FF5A).
 */
export function compareKeys(a: string, b: string): number {
  const shared = Math.min(a.length, b.length);
  for (let i = 0; i < shared; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codeUnitRank(x) - codeUnitRank(y);
  }
  return a.length - b.length;
}

/** Surrogates (U+D800–DFFF) stand for code points above U+FFFF, so they rank after U+E000–FFFF. */
function codeUnitRank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  if (unit >= 0xe000) return unit - 0x800;
  return unit;
}

/**
 * The UTF-8 bytes of `text`, a lone surrogate (U+D800–DFFF without its pair) encoded like any other
 * code point (WTF-8). TextEncoder writes U+FFFD for each instead, so 'a\ud800', 'a\udc00' and
 * 'a\ufffd' would name one storage key. Well-formed text gets exactly its UTF-8 bytes.
 */
function wtf8Bytes(text: string): number[] {
  const bytes: number[] = [];
  // The string iterator yields code points, and a lone surrogate on its own.
  for (const char of text) {
    const point = char.codePointAt(0) as number;
    if (point < 0x80) bytes.push(point);
    else if (point < 0x800) bytes.push(0xc0 | (point >> 6), 0x80 | (point & 0x3f));
    else if (point < 0x10000) bytes.push(0xe0 | (point >> 12), 0x80 | ((point >> 6) & 0x3f), 0x80 | (point & 0x3f));
    else bytes.push(0xf0 | (point >> 18), 0x80 | ((point >> 12) & 0x3f), 0x80 | ((point >> 6) & 0x3f), 0x80 | (point & 0x3f));
  }
  return bytes;
}

/**
 * `text` with every UTF-8 byte whose character `keep` does not match written as `_xx` (lower-case
 * hex): a name any store can hold. `keep` must not match '_', so the result decodes one way only.
 */
export function escapeBytes(text: string, keep: RegExp): string {
  let escaped = '';
  for (const byte of wtf8Bytes(text)) {
    const char = String.fromCharCode(byte);
    escaped += keep.test(char) ? char : `_${byte.toString(16).padStart(2, '0')}`;
  }
  return escaped;
}

export function describeDocument(collection: string, key: string): string {
  return `${collection}/${key}`;
}

export function assertCollection(collection: string): void {
  if (typeof collection !== 'string' || collection.length === 0) throw new InvalidInputError('A collection name must be a non-empty string');
}

export function assertDocumentAddress(collection: string, key: string): void {
  assertCollection(collection);
  assertKey(key);
}

export function assertKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0) throw new InvalidInputError('A storage key must be a non-empty string');
}

/** `null` (create) or the version that was read: a whole number from 1. */
export function assertExpectedVersion(what: string, expectedVersion: number | null): void {
  if (expectedVersion === null) return;
  if (!Number.isInteger(expectedVersion) || expectedVersion < 1) {
    throw new InvalidInputError(`The version named for ${what} must be a whole number from 1, not ${String(expectedVersion)}`);
  }
}

/**
 * The JSON text of a value, as every store keeps it. Refuses what JSON cannot hold (undefined,
 * functions, cycles, BigInt) instead of silently storing something else.
 */
export function toJsonText(what: string, value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw new InvalidInputError(`The value of ${what} cannot be stored as JSON`, { cause: error });
  }
  if (text === undefined) throw new InvalidInputError(`The value of ${what} cannot be stored as JSON`);
  return text;
}

/** The conflict a stale write gets; `currentVersion` undefined means the document is gone. */
export function conflictError(what: string, expectedVersion: number | null, currentVersion: number | undefined): ConflictError {
  if (currentVersion === undefined) return new ConflictError(`${what} was deleted by someone else; reload and try again`);
  if (expectedVersion === null) return new ConflictError(`${what} was created by someone else (version ${currentVersion}); reload and try again`);
  return new ConflictError(`${what} was changed by someone else (version ${currentVersion}); reload and try again`);
}

/** Throws the conflict when the version a write names is not the current one. */
export function checkExpectedVersion(what: string, expectedVersion: number | null, currentVersion: number | undefined): void {
  if (expectedVersion === currentVersion) return;
  if (expectedVersion === null && currentVersion === undefined) return;
  throw conflictError(what, expectedVersion, currentVersion);
}

// ---- Forge's limits, enforced by every adapter ----------------------------------------------------

/** Forge storage refuses larger values; callers split big caches into chunks. */
export { MAX_STORED_VALUE_BYTES };
/** Forge storage keys are at most 500 characters. */
export const MAX_STORAGE_KEY_LENGTH = 500;
/** Forge's `kvs.transact()` takes at most 25 operations. */
export const MAX_TRANSACTION_WRITES = 25;
/** ... and a payload of at most 4 MB (Forge's storage reference: "a payload of 4MB, similar to transactions"). */
export const MAX_TRANSACTION_BYTES = 4 * 1024 * 1024;
import { MAX_BATCH_GET_KEYS } from '../ports';
export { MAX_BATCH_GET_KEYS };

/**
 * A part of a Forge storage key: A-Z, a-z, 0-9, '.' and '-' stay; every other UTF-8 byte becomes
 * `_xx`. ':' never survives escaping, so it can separate the collection from the key unambiguously.
 */
export function storageKeyPart(text: string): string {
  return escapeBytes(text, /[A-Za-z0-9.-]/);
}

function checkedStorageKey(storageKey: string, what: string): string {
  if (storageKey.length > MAX_STORAGE_KEY_LENGTH) {
    throw new InvalidInputError(
      `The key of ${what} is ${storageKey.length} characters once escaped for Forge storage; at most ${MAX_STORAGE_KEY_LENGTH} fit`,
    );
  }
  return storageKey;
}

/** The Forge storage key of a document (`<collection>:<key>`, escaped); refuses one over 500 characters. */
export function documentStorageKey(collection: string, key: string): string {
  assertDocumentAddress(collection, key);
  return checkedStorageKey(`${storageKeyPart(collection)}:${storageKeyPart(key)}`, describeDocument(collection, key));
}

/** The Forge storage key of an unversioned value; refuses one over 500 characters. */
export function valueStorageKey(key: string): string {
  assertKey(key);
  return checkedStorageKey(storageKeyPart(key), `the value ${key}`);
}

/** Refuses JSON text larger than one Forge storage value. `what` starts the message. */
export function assertStorableSize(what: string, json: string): void {
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes > MAX_STORED_VALUE_BYTES) {
    const size = `${(bytes / 1024).toFixed(1)} KiB`;
    const limit = `${MAX_STORED_VALUE_BYTES / 1024} KiB`;
    // The log names the storage item; the page says what the person saving can do about it.
    throw new InvalidInputError(`${what} is ${size}; Forge storage holds at most ${limit} per value — store it in chunks`, {
      pageMessage: `This is too large to save: it would take ${size}, and one saved document holds at most ${limit}. Shorten some texts or remove some items, then save again.`,
    });
  }
}

/**
 * The JSON of a document as Forge stores it (one `lp-doc` item: the body plus its address), which
 * is what counts towards the limit; checked here so every store refuses the same documents.
 */
export function assertStorableDocument(collection: string, key: string, version: number, bodyJson: string): void {
  assertStorableSize(
    describeDocument(collection, key),
    `{"collection":${JSON.stringify(collection)},"docKey":${JSON.stringify(key)},"version":${version},"body":${bodyJson}}`,
  );
}

/** Refuses an unversioned value Forge would refuse; returns its JSON. */
export function storableValueJson(key: string, value: unknown): string {
  valueStorageKey(key);
  const json = toJsonText(key, value);
  assertStorableSize(`The value ${key}`, json);
  return json;
}

/** A checked document write: its address, the JSON of its body and the version it will have. */
export interface PreparedWrite {
  readonly collection: string;
  readonly key: string;
  readonly what: string;
  readonly value: unknown;
  readonly bodyJson: string;
  readonly expectedVersion: number | null;
  readonly newVersion: number;
}

/** Checks one document write the way Forge would (address, key length, JSON, size, version). */
export function prepareWrite(collection: string, key: string, value: unknown, expectedVersion: number | null): PreparedWrite {
  documentStorageKey(collection, key);
  const what = describeDocument(collection, key);
  assertExpectedVersion(what, expectedVersion);
  const bodyJson = toJsonText(what, value);
  const newVersion = (expectedVersion ?? 0) + 1;
  assertStorableDocument(collection, key, newVersion, bodyJson);
  return { collection, key, what, value, bodyJson, expectedVersion, newVersion };
}

/** Checks the writes of one `putAll`: 1 to 25, at most 4 MB in all, each address once, each one storable. */
export function prepareWrites(writes: readonly { collection: string; key: string; value: unknown; expectedVersion: number | null }[]): PreparedWrite[] {
  if (!Array.isArray(writes) || writes.length === 0) throw new InvalidInputError('A transaction needs at least one write');
  if (writes.length > MAX_TRANSACTION_WRITES) {
    throw new InvalidInputError(`A transaction holds at most ${MAX_TRANSACTION_WRITES} writes (Forge's limit); this one has ${writes.length}`);
  }
  const prepared = writes.map((write) => prepareWrite(write.collection, write.key, write.value, write.expectedVersion));
  const bytes = prepared.reduce((sum, write) => sum + Buffer.byteLength(write.bodyJson), 0);
  if (bytes > MAX_TRANSACTION_BYTES) {
    throw new InvalidInputError(`A transaction carries at most ${MAX_TRANSACTION_BYTES} bytes (Forge's 4 MB limit); this one carries ${bytes}`);
  }
  const addresses = new Set<string>();
  for (const write of prepared) {
    const address = documentStorageKey(write.collection, write.key);
    if (addresses.has(address)) throw new InvalidInputError(`A transaction writes ${write.what} twice; each document once`);
    addresses.add(address);
  }
  return prepared;
}

/**
 * Checks the keys of one `getMany` (0 to 25, each once, each a valid address, as Forge's
 * `batchGet` would refuse a duplicate or a 26th key); returns their storage keys in order.
 */
export function prepareBatchRead(collection: string, keys: readonly string[]): string[] {
  assertCollection(collection);
  if (!Array.isArray(keys)) throw new InvalidInputError('A batch read needs a list of keys');
  if (keys.length > MAX_BATCH_GET_KEYS) {
    throw new InvalidInputError(`A batch read takes at most ${MAX_BATCH_GET_KEYS} keys (Forge's limit); this one has ${keys.length}`);
  }
  const storageKeys = keys.map((key) => documentStorageKey(collection, key));
  const seen = new Set<string>();
  for (const [index, storageKey] of storageKeys.entries()) {
    if (seen.has(storageKey)) throw new InvalidInputError(`A batch read names ${describeDocument(collection, keys[index] as string)} twice; each key once`);
    seen.add(storageKey);
  }
  return storageKeys;
}
