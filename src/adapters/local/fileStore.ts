/**
 * StorePort on the local disk, for the preview and the CLI.
 *
 * Layout under `dir`:
 *   docs/<collection>/<key>.json   {"key", "version", "value"}   one versioned document
 *   values/<key>.json              {"key", "value"}              one unversioned value
 * Names are encoded (see `fileNameOf`) so any string is a safe file name on any file system.
 *
 * Every write goes to a uniquely named temp file in the same folder, is fsynced and then renamed
 * over the target: a process killed mid-write leaves the old or the new file, never a torn one.
 * Leftover temp files (`.<uuid>.tmp`) are ignored. `putAll` writes a journal of all its files first
 * (journal/<time>-<uuid>.json), then the files, then removes the journal: a store that finds a
 * journal finishes it before anything else, so a transaction lands whole or not at all. Forge's
 * limits (value size, key length, writes per transaction) apply here as on Forge, so the preview
 * refuses what production would. Versioned writes are serialized per document
 * within this process (across every store on the same folder); two processes writing the same
 * document at the same moment are not guarded against each other.
 */
import { createHash, randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { InvalidDataError } from '../../errors';
import type { StorePort, Versioned } from '../../ports';
import {
  assertCollection,
  assertExpectedVersion,
  checkExpectedVersion,
  describeDocument,
  documentStorageKey,
  escapeBytes,
  prepareBatchRead,
  prepareWrite,
  prepareWrites,
  storableValueJson,
  valueStorageKey,
} from '../storeSupport';
import type { PreparedWrite } from '../storeSupport';
import { pageKeys } from './keyPage';

const DOCUMENTS_FOLDER = 'docs';
/** Transactions (`putAll`) in flight: each is replayed to the end if its process died mid-way. */
const JOURNAL_FOLDER = 'journal';
const VALUES_FOLDER = 'values';
const FILE_SUFFIX = '.json';
const TEMP_SUFFIX = '.tmp';
/** Longer encoded names are hashed: most file systems stop at 255 bytes per name. */
const MAX_ENCODED_NAME_LENGTH = 200;
const HASHED_NAME_MARK = '~';

const storedDocumentSchema = z.object({ key: z.string(), version: z.number().int().min(1), value: z.unknown() });
const storedValueSchema = z.object({ key: z.string(), value: z.unknown() });
/** One transaction's writes: each file's new text, applied only over the version it was based on. */
const journalSchema = z.object({
  writes: z.array(z.object({ collection: z.string(), key: z.string(), expectedVersion: z.number().int().nullable(), text: z.string() })),
});
type Journal = z.infer<typeof journalSchema>;
type StoredDocument = z.infer<typeof storedDocumentSchema>;

/** One lock table per process, keyed by absolute file path: two stores on one folder share it. */
const withDocumentLock = createKeyedMutex();

export function createFileStore(dir: string): StorePort {
  const root = path.resolve(dir);
  const documentFolder = (collection: string): string => path.join(root, DOCUMENTS_FOLDER, fileNameOf(collection));
  const documentFile = (collection: string, key: string): string => path.join(documentFolder(collection), fileNameOf(key) + FILE_SUFFIX);
  const valueFile = (key: string): string => path.join(root, VALUES_FOLDER, fileNameOf(key) + FILE_SUFFIX);

  const readDocument = async (collection: string, key: string, file: string): Promise<StoredDocument | undefined> => {
    const text = await readTextIfPresent(file);
    if (text === undefined) return undefined;
    const stored = parseStored(storedDocumentSchema, text, describeDocument(collection, key));
    if (stored.key !== key) throw new InvalidDataError(`The file of ${describeDocument(collection, key)} holds the key "${stored.key}"`);
    return stored;
  };

  /** Sets one document file to a journal entry's text when it still holds the version named. */
  const applyJournalWrite = async (write: Journal['writes'][number]): Promise<void> => {
    const file = documentFile(write.collection, write.key);
    const current = await readDocument(write.collection, write.key, file);
    const basedOn = write.expectedVersion ?? undefined;
    // Another version means this write already landed (and maybe more since): leave it.
    if (current?.version === basedOn) await writeFileAtomically(file, write.text);
  };

  /**
   * Finishes every transaction whose journal is still there (its process died, or a write failed,
   * after the journal was written): a journal on disk means "all of these", so they are applied.
   */
  const replayJournals = async (): Promise<void> => {
    const folder = path.join(root, JOURNAL_FOLDER);
    for (const name of (await readFolderIfPresent(folder)).filter((candidate) => candidate.endsWith(FILE_SUFFIX)).sort()) {
      const file = path.join(folder, name);
      const text = await readTextIfPresent(file);
      if (text === undefined) continue;
      const journal = parseStored(journalSchema, text, `the journal ${name}`);
      const files = journal.writes.map((write) => documentFile(write.collection, write.key));
      await withDocumentLocks(files, async () => {
        // Its own writer may have finished it while this waited for the locks.
        if ((await readTextIfPresent(file)) === undefined) return;
        for (const write of journal.writes) await applyJournalWrite(write);
        await fs.rm(file, { force: true });
        await syncFolder(folder);
      });
    }
  };

  // Every operation waits for leftover transactions to be finished first (once per store, and
  // again after a transaction of this store failed half way).
  let recovery: Promise<void> | undefined;
  const ready = (): Promise<void> => {
    recovery ??= replayJournals().catch((error: unknown) => {
      recovery = undefined;
      throw error;
    });
    return recovery;
  };

  const writeAllAtomically = async (prepared: readonly PreparedWrite[]): Promise<void> => {
    const files = prepared.map((write) => documentFile(write.collection, write.key));
    await withDocumentLocks(files, async () => {
      for (const [index, write] of prepared.entries()) {
        const current = await readDocument(write.collection, write.key, files[index] as string);
        checkExpectedVersion(write.what, write.expectedVersion, current?.version);
      }
      const journal: Journal = {
        writes: prepared.map((write) => ({
          collection: write.collection,
          key: write.key,
          expectedVersion: write.expectedVersion,
          text: documentText(write.key, write.newVersion, write.bodyJson),
        })),
      };
      // Once the journal is on disk the transaction has happened: a crash from here on is finished
      // by the next store that opens the folder; before it, nothing was written.
      const journalFile = path.join(root, JOURNAL_FOLDER, `${Date.now().toString().padStart(15, '0')}-${randomUUID()}${FILE_SUFFIX}`);
      await writeFileAtomically(journalFile, JSON.stringify(journal));
      try {
        for (const write of journal.writes) await applyJournalWrite(write);
      } catch (error) {
        recovery = undefined;
        throw error;
      }
      await fs.rm(journalFile, { force: true });
      await syncFolder(path.dirname(journalFile));
    });
  };

  return {
    async get(collection, key): Promise<Versioned<unknown> | undefined> {
      documentStorageKey(collection, key);
      await ready();
      const stored = await readDocument(collection, key, documentFile(collection, key));
      return stored === undefined ? undefined : { value: stored.value, version: stored.version };
    },

    async getMany(collection, keys) {
      prepareBatchRead(collection, keys);
      if (keys.length === 0) return [];
      await ready();
      // One file per key, read side by side: each answer is what `get` gives for that key.
      return Promise.all(
        keys.map(async (key): Promise<Versioned<unknown> | undefined> => {
          const stored = await readDocument(collection, key, documentFile(collection, key));
          return stored === undefined ? undefined : { value: stored.value, version: stored.version };
        }),
      );
    },

    async put(collection, key, value, expectedVersion) {
      const write = prepareWrite(collection, key, value, expectedVersion);
      await ready();
      const file = documentFile(collection, key);
      return withDocumentLock(file, async () => {
        const current = await readDocument(collection, key, file);
        checkExpectedVersion(write.what, expectedVersion, current?.version);
        await writeFileAtomically(file, documentText(key, write.newVersion, write.bodyJson));
        return write.newVersion;
      });
    },

    async putAll(writes) {
      const prepared = prepareWrites(writes);
      await ready();
      await writeAllAtomically(prepared);
      return prepared.map((write) => write.newVersion);
    },

    async delete(collection, key, expectedVersion) {
      documentStorageKey(collection, key);
      const what = describeDocument(collection, key);
      if (expectedVersion !== 'any') assertExpectedVersion(what, expectedVersion);
      await ready();
      const file = documentFile(collection, key);
      await withDocumentLock(file, async () => {
        const current = expectedVersion === 'any' ? undefined : await readDocument(collection, key, file);
        if (expectedVersion !== 'any') checkExpectedVersion(what, expectedVersion, current?.version);
        await fs.rm(file, { force: true });
        await syncFolder(path.dirname(file));
      });
    },

    async list(collection, options) {
      assertCollection(collection);
      await ready();
      const folder = documentFolder(collection);
      const keyByFile = new Map<string, string>();
      for (const name of await readFolderIfPresent(folder)) {
        const key = await keyOfFile(folder, name);
        if (key !== undefined) keyByFile.set(key, path.join(folder, name));
      }
      const page = pageKeys(keyByFile.keys(), options);
      const documents = await Promise.all(
        page.keys.map(async (key) => {
          const stored = await readDocument(collection, key, keyByFile.get(key) ?? documentFile(collection, key));
          // A document deleted between reading the folder and reading its file is left out.
          return stored === undefined ? [] : [{ key, value: stored.value, version: stored.version }];
        }),
      );
      const items = documents.flat();
      return page.cursor === undefined ? { items } : { items, cursor: page.cursor };
    },

    async getValue(key) {
      valueStorageKey(key);
      const text = await readTextIfPresent(valueFile(key));
      if (text === undefined) return undefined;
      const stored = parseStored(storedValueSchema, text, `the value ${key}`);
      if (stored.key !== key) throw new InvalidDataError(`The file of the value ${key} holds the key "${stored.key}"`);
      return stored.value;
    },

    async setValue(key, value) {
      const valueJson = storableValueJson(key, value);
      await writeFileAtomically(valueFile(key), `{"key":${JSON.stringify(key)},"value":${valueJson}}`);
    },

    async deleteValue(key) {
      valueStorageKey(key);
      const file = valueFile(key);
      await fs.rm(file, { force: true });
      await syncFolder(path.dirname(file));
    },
  };
}

function documentText(key: string, version: number, bodyJson: string): string {
  return `{"key":${JSON.stringify(key)},"version":${version},"value":${bodyJson}}`;
}

/** Runs work holding the locks of every file, taken in one order so two transactions never deadlock. */
async function withDocumentLocks<T>(files: readonly string[], work: () => Promise<T>): Promise<T> {
  const [first, ...rest] = [...new Set(files)].sort();
  if (first === undefined) return work();
  return withDocumentLock(first, () => withDocumentLocks(rest, work));
}

/**
 * A file name for any string: a-z, 0-9, '.' and '-' stay; every other UTF-8 byte becomes `_xx`
 * (hex). Upper case is escaped too, so 'Key' and 'key' stay two files on case-insensitive disks.
 */
export function fileNameOf(text: string): string {
  const name = escapeBytes(text, /[a-z0-9.-]/);
  if (name.length <= MAX_ENCODED_NAME_LENGTH) return name;
  return HASHED_NAME_MARK + createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The string `fileNameOf` encoded, or undefined for a hashed name or a file we did not write. */
function textOfFileName(name: string): string | undefined {
  const bytes: number[] = [];
  for (let i = 0; i < name.length; i++) {
    const char = name.charAt(i);
    if (char === '_') {
      const hex = name.slice(i + 1, i + 3);
      if (!/^[0-9a-f]{2}$/.test(hex)) return undefined;
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else if (/[a-z0-9.-]/.test(char)) {
      bytes.push(char.charCodeAt(0));
    } else {
      return undefined;
    }
  }
  const text = Buffer.from(bytes).toString('utf8');
  return fileNameOf(text) === name ? text : undefined;
}

/** The document key a file in a collection folder holds; temp and foreign files give undefined. */
async function keyOfFile(folder: string, fileName: string): Promise<string | undefined> {
  if (!fileName.endsWith(FILE_SUFFIX)) return undefined;
  const name = fileName.slice(0, -FILE_SUFFIX.length);
  if (!name.startsWith(HASHED_NAME_MARK)) return textOfFileName(name);
  const text = await readTextIfPresent(path.join(folder, fileName));
  if (text === undefined) return undefined;
  const stored = parseStored(storedDocumentSchema, text, fileName);
  return fileNameOf(stored.key) === name ? stored.key : undefined;
}

function parseStored<T>(schema: z.ZodType<T>, text: string, what: string): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InvalidDataError(`The stored file of ${what} is not JSON`, { cause: error });
  }
  const result = schema.safeParse(json);
  if (!result.success) throw new InvalidDataError(`The stored file of ${what} is not a stored document: ${z.prettifyError(result.error)}`);
  return result.data;
}

async function writeFileAtomically(target: string, text: string): Promise<void> {
  const folder = path.dirname(target);
  await fs.mkdir(folder, { recursive: true });
  const temp = path.join(folder, `.${randomUUID()}${TEMP_SUFFIX}`);
  try {
    const handle = await fs.open(temp, 'wx');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  await syncFolder(folder);
}

/** Makes a rename or removal durable across a power cut; not possible on every platform. */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await fs.open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows cannot open or fsync a folder; the rename itself is still atomic there.
  }
}

async function readTextIfPresent(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if (isMissingFileError(error)) return undefined;
    throw error;
  }
}

async function readFolderIfPresent(folder: string): Promise<string[]> {
  try {
    return await fs.readdir(folder);
  } catch (error) {
    if (isMissingFileError(error)) return [];
    throw error;
  }
}

function isMissingFileError(error: unknown): boolean {
  // Checked by shape: Node's errors are not `instanceof Error` inside a Jest sandbox.
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** Runs work for one name after the work queued before it for that name has settled. */
function createKeyedMutex(): <T>(name: string, work: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<void>>();
  return async (name, work) => {
    const previous = tails.get(name) ?? Promise.resolve();
    let release: () => void = () => undefined;
    const done = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => done);
    tails.set(name, tail);
    await previous;
    try {
      return await work();
    } finally {
      release();
      if (tails.get(name) === tail) tails.delete(name);
    }
  };
}
