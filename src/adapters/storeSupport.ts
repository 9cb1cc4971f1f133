/**
 * Rules every StorePort adapter shares, so the memory, file and Forge stores refuse the same input
 * and explain a conflict with the same words.
 */
import { ConflictError, InvalidInputError } from '../errors';

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
 * `text` with every UTF-8 byte whose character `keep` does not match written as `_xx` (lower-case
 * hex): a name any store can hold. `keep` must not match '_', so the result decodes one way only.
 */
export function escapeBytes(text: string, keep: RegExp): string {
  let escaped = '';
  for (const byte of new TextEncoder().encode(text)) {
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
