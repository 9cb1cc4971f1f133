/**
 * Versioned documents in the store: read with migration to the current schema, write naming the
 * version read (the store refuses a stale one with ConflictError).
 */
import type { z } from 'zod';
import { ConflictError, InvalidDataError } from '../errors';
import type { StorePort } from '../ports';
import type { ServiceContext } from './context';
import { historyEntryWrite } from './history';
import type { NewHistoryEntry } from './history';

export interface DocumentKind<T> {
  readonly collection: string;
  readonly currentSchemaVersion: number;
  readonly schema: z.ZodType<T>;
  /** Steps from schemaVersion n to n + 1, by n (a document without schemaVersion is 0). */
  readonly migrations?: Readonly<Record<number, (raw: Record<string, unknown>) => Record<string, unknown>>>;
}

export interface StoredDocument<T> {
  readonly value: T;
  readonly version: number;
}

/** Brings a stored value up to the current schema; InvalidDataError when it cannot. */
export function migrateDocument<T>(kind: DocumentKind<T>, key: string, raw: unknown): T {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new InvalidDataError(`${kind.collection}/${key} is not a document`);
  let doc = raw as Record<string, unknown>;
  let schemaVersion = typeof doc.schemaVersion === 'number' ? doc.schemaVersion : 0;
  if (schemaVersion > kind.currentSchemaVersion)
    throw new InvalidDataError(`${kind.collection}/${key} has schemaVersion ${schemaVersion}, newer than this app (${kind.currentSchemaVersion})`);
  while (schemaVersion < kind.currentSchemaVersion) {
    const step = kind.migrations?.[schemaVersion];
    if (!step) throw new InvalidDataError(`${kind.collection}/${key} has schemaVersion ${schemaVersion}, which cannot be migrated`);
    doc = { ...step(doc), schemaVersion: schemaVersion + 1 };
    schemaVersion += 1;
  }
  const parsed = kind.schema.safeParse(doc);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') ?? '';
    throw new InvalidDataError(`${kind.collection}/${key} is not valid${where ? ` at ${where}` : ''}: ${parsed.error.issues[0]?.message ?? ''}`);
  }
  return parsed.data;
}

export async function readDocument<T>(store: StorePort, kind: DocumentKind<T>, key: string): Promise<StoredDocument<T> | null> {
  const stored = await store.get(kind.collection, key);
  if (!stored) return null;
  return { value: migrateDocument(kind, key, stored.value), version: stored.version };
}

/** The words of a conflict on `label`, after reading what is there now. */
async function conflictInWords(store: StorePort, collection: string, key: string, expectedVersion: number | null, label: string, cause: ConflictError): Promise<ConflictError> {
  const current = await store.get(collection, key);
  const read = expectedVersion === null ? 'nothing saved yet' : `version ${expectedVersion}`;
  const now = current ? `version ${current.version}` : 'nothing saved';
  return new ConflictError(`Someone else saved ${label} in the meantime (you read ${read}; now there is ${now}). Reload, then apply your change again.`, {
    cause,
  });
}

/**
 * Returns the new version. A stale `expectedVersion` is refused with a ConflictError that says what
 * happened in words a page can show as is.
 */
export async function writeDocument<T>(
  store: StorePort,
  kind: DocumentKind<T>,
  key: string,
  value: T,
  expectedVersion: number | null,
  label: string,
): Promise<number> {
  try {
    return await store.put(kind.collection, key, value, expectedVersion);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    throw await conflictInWords(store, kind.collection, key, expectedVersion, label, error);
  }
}

/** A history entry for a document save; its `version` is the version the save produces. */
export type DocumentChange = Omit<NewHistoryEntry, 'version'>;

/** The version a save naming `expectedVersion` produces (the store counts from 1). */
export function versionAfter(expectedVersion: number | null): number {
  return (expectedVersion ?? 0) + 1;
}

/** One document of a save that writes several in one transaction, with the words for its conflict. */
export interface DocumentSave {
  readonly collection: string;
  readonly key: string;
  readonly value: unknown;
  readonly expectedVersion: number | null;
  readonly label: string;
}

/** A document of `kind` to save (typed here, so the value matches its kind). */
export function documentSave<T>(kind: DocumentKind<T>, key: string, value: T, expectedVersion: number | null, label: string): DocumentSave {
  return { collection: kind.collection, key, value, expectedVersion, label };
}

/** The words of a conflict of a transaction: about the document that is no longer the version read. */
async function transactionConflict(store: StorePort, saves: readonly DocumentSave[], cause: ConflictError): Promise<ConflictError> {
  for (const save of saves) {
    const current = await store.get(save.collection, save.key);
    if ((current?.version ?? null) !== save.expectedVersion) return conflictInWords(store, save.collection, save.key, save.expectedVersion, save.label, cause);
  }
  const [first] = saves;
  return first ? conflictInWords(store, first.collection, first.key, first.expectedVersion, first.label, cause) : cause;
}

/**
 * Saves documents and their history entries in one transaction (`putAll`, at most 25 writes): a
 * change is never stored without its entries, and a refused save stores nothing. Each entry names
 * the version it records (see `versionAfter`). Returns the new versions of the documents, in order.
 */
export async function writeDocumentsWithHistory(
  ctx: ServiceContext,
  saves: readonly DocumentSave[],
  entries: readonly NewHistoryEntry[],
): Promise<number[]> {
  const writes = [
    ...saves.map(({ collection, key, value, expectedVersion }) => ({ collection, key, value, expectedVersion })),
    ...entries.map((entry) => historyEntryWrite(ctx, entry)),
  ];
  try {
    const versions = await ctx.store.putAll(writes);
    return versions.slice(0, saves.length);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    throw await transactionConflict(ctx.store, saves, error);
  }
}

/**
 * Saves a document and its history entry in one transaction (`putAll`): a change is never stored
 * without its entry, and a refused save records nothing. Returns the new version.
 */
export async function writeDocumentWithHistory<T>(
  ctx: ServiceContext,
  kind: DocumentKind<T>,
  key: string,
  value: T,
  expectedVersion: number | null,
  label: string,
  change: DocumentChange,
): Promise<number> {
  const newVersion = versionAfter(expectedVersion);
  await writeDocumentsWithHistory(ctx, [documentSave(kind, key, value, expectedVersion, label)], [{ ...change, version: newVersion }]);
  return newVersion;
}
