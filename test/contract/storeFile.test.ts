import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createFileStore, fileNameOf } from '../../src/adapters/local/fileStore';
import { InvalidDataError, InvalidInputError } from '../../src/errors';
import { describeStoreConformance } from './storeConformance';

const REPO_ROOT = path.resolve(__dirname, '../..');
const madeDirs: string[] = [];

async function freshDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lp-file-store-'));
  madeDirs.push(dir);
  return dir;
}

afterAll(async () => {
  await Promise.all(madeDirs.map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

describeStoreConformance('file', async () => createFileStore(await freshDir()));

describe('file store', () => {
  describe('file names', () => {
    it.each([
      { text: 'themes', name: 'themes' },
      { text: 'EPIC-42', name: '_45_50_49_43-42' },
      { text: 'a b/c', name: 'a_20b_2fc' },
      { text: 'x_y', name: 'x_5fy' },
      { text: 'é', name: '_c3_a9' },
      { text: '..', name: '..' },
    ])('should name $text as $name when encoding a key', ({ text, name }) => {
      expect(fileNameOf(text)).toBe(name);
    });

    it('should hash the name when the encoded name would pass 200 characters', () => {
      // 'é' encodes to 6 characters: 34 of them make 204.
      expect(fileNameOf('é'.repeat(34))).toMatch(/^~[0-9a-f]{64}$/);
      expect(fileNameOf('é'.repeat(33))).toBe('_c3_a9'.repeat(33));
    });
  });

  describe('layout', () => {
    it('should keep a document as {key, version, value} under docs/<collection>/ and a value under values/', async () => {
      const dir = await freshDir();
      const store = createFileStore(dir);
      await store.put('themes', 'EPIC-42', { name: 'x' }, null);
      await store.put('themes', 'EPIC-42', { name: 'y' }, 1);
      await store.setValue('cache:a', [1, 2]);
      const documentText = await fs.readFile(path.join(dir, 'docs', 'themes', '_45_50_49_43-42.json'), 'utf8');
      expect(JSON.parse(documentText)).toEqual({ key: 'EPIC-42', version: 2, value: { name: 'y' } });
      const valueText = await fs.readFile(path.join(dir, 'values', 'cache_3aa.json'), 'utf8');
      expect(JSON.parse(valueText)).toEqual({ key: 'cache:a', value: [1, 2] });
    });

    it('should store, find and list documents when their keys are too long for a plain file name', async () => {
      const store = createFileStore(await freshDir());
      // Within Forge's 500-character key (60 × 'é' escapes to 360), beyond a 200-character file name.
      const longKeys = ['é'.repeat(60), 'a'.repeat(250), 'b'];
      for (const key of longKeys) await store.put('long', key, key.length, null);
      await expect(store.get('long', 'é'.repeat(60))).resolves.toEqual({ value: 60, version: 1 });
      const page = await store.list('long');
      expect(page.items.map((item) => item.value)).toEqual([250, 1, 60]);
    });
  });

  describe('restart', () => {
    it('should see every document, version and value when a new store opens the same folder', async () => {
      const dir = await freshDir();
      const before = createFileStore(dir);
      await before.put('themes', 't1', { name: 'v1' }, null);
      await before.put('themes', 't1', { name: 'v2' }, 1);
      await before.put('themes', 't2', { name: 'other' }, null);
      await before.setValue('cache:x', { epics: 3 });

      const after = createFileStore(dir);
      await expect(after.get('themes', 't1')).resolves.toEqual({ value: { name: 'v2' }, version: 2 });
      await expect(after.list('themes')).resolves.toEqual({
        items: [
          { key: 't1', value: { name: 'v2' }, version: 2 },
          { key: 't2', value: { name: 'other' }, version: 1 },
        ],
      });
      await expect(after.getValue('cache:x')).resolves.toEqual({ epics: 3 });
      await expect(after.put('themes', 't1', { name: 'stale' }, 1)).rejects.toThrow('was changed by someone else (version 2)');
      await expect(after.put('themes', 't1', { name: 'v3' }, 2)).resolves.toBe(3);
    });

    it('should let exactly one write win when two stores on the same folder name the same version at once', async () => {
      const dir = await freshDir();
      const first = createFileStore(dir);
      const second = createFileStore(dir);
      await first.put('themes', 't1', 'base', null);
      const results = await Promise.allSettled([first.put('themes', 't1', 'a', 1), second.put('themes', 't1', 'b', 1)]);
      expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    });
  });

  describe('damaged folders', () => {
    it('should ignore temp files and foreign files when listing and reading', async () => {
      const dir = await freshDir();
      const store = createFileStore(dir);
      await store.put('themes', 't1', { name: 'kept' }, null);
      const folder = path.join(dir, 'docs', 'themes');
      await fs.writeFile(path.join(folder, '.5b1c0a3e-dead-beef.tmp'), '{"key":"t2","version":1,"value":{"na');
      await fs.writeFile(path.join(folder, 'notes.txt'), 'not a document');
      await fs.writeFile(path.join(folder, 'UPPER.json'), '{"key":"UPPER","version":1,"value":1}');
      await expect(store.list('themes')).resolves.toEqual({ items: [{ key: 't1', value: { name: 'kept' }, version: 1 }] });
      await expect(store.get('themes', 't2')).resolves.toBeUndefined();
    });

    it('should refuse with invalid data when a document file is not a stored document', async () => {
      const dir = await freshDir();
      const store = createFileStore(dir);
      await fs.mkdir(path.join(dir, 'docs', 'themes'), { recursive: true });
      await fs.writeFile(path.join(dir, 'docs', 'themes', 't1.json'), '{"key":"t1","value":{}}');
      await expect(store.get('themes', 't1')).rejects.toBeInstanceOf(InvalidDataError);
    });

    it('should refuse a cursor it did not hand out with invalid input', async () => {
      const store = createFileStore(await freshDir());
      await expect(store.list('themes', { cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(InvalidInputError);
    });
  });

  describe('a process killed mid-write', () => {
    const OLD = { marker: 'old', payload: 'o'.repeat(1000) };
    // Within Forge's 240 KiB limit, which the file store enforces too.
    const NEW_PAYLOAD_CHARS = 240_000;

    it('should keep the old document and ignore the torn temp file when the writer dies halfway through it', async () => {
      const dir = await freshDir();
      await createFileStore(dir).put('docs', 'big', OLD, null);

      const run = await runWriterUntilKilled(dir, 'pause-halfway', NEW_PAYLOAD_CHARS);
      expect(run).toEqual({ trigger: 'half-written', signal: 'SIGKILL' });

      const folder = path.join(dir, 'docs', 'docs');
      const temps = (await fs.readdir(folder)).filter((name) => name.endsWith('.tmp'));
      expect(temps).toHaveLength(1);
      const torn = await fs.readFile(path.join(folder, temps[0] ?? ''), 'utf8');
      expect(torn.length).toBeGreaterThan(100_000);
      expect(() => JSON.parse(torn)).toThrow();

      const store = createFileStore(dir);
      await expect(store.get('docs', 'big')).resolves.toEqual({ value: OLD, version: 1 });
      await expect(store.list('docs')).resolves.toEqual({ items: [{ key: 'big', value: OLD, version: 1 }] });
      await expect(store.put('docs', 'big', { marker: 'after' }, 1)).resolves.toBe(2);
    }, 60_000);

    it('should hold either the old or the new document, parsed, when the writer is killed during a large write', async () => {
      const dir = await freshDir();
      await createFileStore(dir).put('docs', 'big', OLD, null);

      const run = await runWriterUntilKilled(dir, 'write', NEW_PAYLOAD_CHARS);
      expect(run.signal).toBe('SIGKILL');

      const stored = await createFileStore(dir).get('docs', 'big');
      const isOld = JSON.stringify(stored) === JSON.stringify({ value: OLD, version: 1 });
      const value = stored?.value as { marker?: string; payload?: string } | undefined;
      const isNew = stored?.version === 2 && value?.marker === 'new' && value.payload?.length === NEW_PAYLOAD_CHARS;
      expect(isOld || isNew).toBe(true);
      await expect(createFileStore(dir).list('docs')).resolves.toMatchObject({ items: [{ key: 'big' }] });
    }, 60_000);

    it('should finish a transaction when its writer is killed after the first of its two files', async () => {
      const dir = await freshDir();
      await createFileStore(dir).put('docs', 'big', OLD, null);

      const run = await runWriterUntilKilled(dir, 'transaction', 1000);
      expect(run).toEqual({ trigger: 'half-written', signal: 'SIGKILL' });
      // On disk the kill left half a transaction: the document is new, its history entry missing.
      const documentOnDisk = JSON.parse(await fs.readFile(path.join(dir, 'docs', 'docs', 'big.json'), 'utf8')) as { version: number };
      expect(documentOnDisk.version).toBe(2);
      await expect(fs.stat(path.join(dir, 'docs', 'history', 'h1.json'))).rejects.toThrow();

      // The next store finishes it before it answers anything.
      const store = createFileStore(dir);
      await expect(store.get('history', 'h1')).resolves.toEqual({ value: { summary: 'docs/big → version 2' }, version: 1 });
      await expect(store.get('docs', 'big')).resolves.toMatchObject({ version: 2, value: { marker: 'new' } });
      await expect(fs.readdir(path.join(dir, 'journal'))).resolves.toEqual([]);
    }, 60_000);

    it('should write nothing when the writer is killed before its journal is complete', async () => {
      const dir = await freshDir();
      await createFileStore(dir).put('docs', 'big', OLD, null);
      const run = await runWriterUntilKilled(dir, 'journal-pause', 1000);
      expect(run).toEqual({ trigger: 'half-written', signal: 'SIGKILL' });
      const store = createFileStore(dir);
      await expect(store.get('docs', 'big')).resolves.toEqual({ value: OLD, version: 1 });
      await expect(store.get('history', 'h1')).resolves.toBeUndefined();
    }, 60_000);
  });
});

type WriterMode = 'pause-halfway' | 'write' | 'transaction' | 'journal-pause';

/**
 * Starts a node process that loads the real fileStore.ts (compiled on the fly with the project's
 * TypeScript) and writes a large new version of docs/big; SIGKILLs it when the write is under way.
 * In 'pause-halfway' mode the child stops after writing half of the temp file, so the kill lands
 * in the middle of a write every time.
 */
async function runWriterUntilKilled(dir: string, mode: WriterMode, payloadChars: number): Promise<{ trigger: string; signal: NodeJS.Signals | null }> {
  const script = path.join(dir, 'writer.cjs');
  await fs.writeFile(script, WRITER_SCRIPT);
  const child = spawn(process.execPath, [script, REPO_ROOT, dir, mode, String(payloadChars)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));

  const folder = path.join(dir, 'docs', 'docs');
  const trigger = await new Promise<string>((resolve, reject) => {
    let settled = false;
    const finish = (reason: string) => {
      if (settled) return;
      settled = true;
      clearInterval(poll);
      child.kill('SIGKILL');
      resolve(reason);
    };
    child.stdout.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      if (text.includes('half-written')) finish('half-written');
      else if (text.includes('done')) finish('done');
    });
    // In 'write' mode, kill as soon as a temp file with content appears.
    const poll = setInterval(() => {
      if (mode !== 'write') return;
      void fs
        .readdir(folder)
        .then(async (names) => {
          for (const name of names.filter((candidate) => candidate.endsWith('.tmp'))) {
            const stat = await fs.stat(path.join(folder, name)).catch(() => undefined);
            if (stat && stat.size > 0) finish('temp-file');
          }
        })
        .catch(() => undefined);
    }, 1);
    void exited.then(() => {
      if (!settled) {
        clearInterval(poll);
        reject(new Error(`The writer exited before it was killed: ${stderr}`));
      }
    });
  });
  return { trigger, signal: await exited };
}

const WRITER_SCRIPT = String.raw`
const fs = require('node:fs');
const path = require('node:path');
const [, , repoRoot, dir, mode, payloadChars] = process.argv;
const ts = require(require.resolve('typescript', { paths: [repoRoot] }));
require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const compiled = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  module._compile(compiled.outputText, filename);
};

async function pauseLargeWritesHalfway() {
  const probe = await fs.promises.open(__filename, 'r');
  const FileHandle = Object.getPrototypeOf(probe);
  await probe.close();
  const writeFile = FileHandle.writeFile;
  FileHandle.writeFile = async function (data, options) {
    const bytes = Buffer.from(data, 'utf8');
    if (bytes.length < 100000) return writeFile.call(this, data, options);
    await this.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
    await this.sync();
    process.stdout.write('half-written\n');
    return new Promise(() => {});
  };
}

/** Hangs (to be killed) right after the first rename whose target is (mode) a document or the journal. */
function pauseAfterFirstRename(intoJournal) {
  const rename = fs.promises.rename;
  fs.promises.rename = async function (from, to) {
    const isJournal = to.includes(path.sep + 'journal' + path.sep);
    if (intoJournal && isJournal) {
      process.stdout.write('half-written\n');
      return new Promise(() => {});
    }
    await rename.call(this, from, to);
    if (!intoJournal && !isJournal) {
      process.stdout.write('half-written\n');
      return new Promise(() => {});
    }
  };
}

(async () => {
  setInterval(() => {}, 1000); // stay alive until killed
  if (mode === 'pause-halfway') await pauseLargeWritesHalfway();
  if (mode === 'transaction') pauseAfterFirstRename(false);
  if (mode === 'journal-pause') pauseAfterFirstRename(true);
  const { createFileStore } = require(path.join(repoRoot, 'src', 'adapters', 'local', 'fileStore.ts'));
  const store = createFileStore(dir);
  const value = { marker: 'new', payload: 'n'.repeat(Number(payloadChars)) };
  if (mode === 'transaction' || mode === 'journal-pause') {
    await store.putAll([
      { collection: 'docs', key: 'big', value, expectedVersion: 1 },
      { collection: 'history', key: 'h1', value: { summary: 'docs/big → version 2' }, expectedVersion: null },
    ]);
  } else {
    await store.put('docs', 'big', value, 1);
  }
  process.stdout.write('done\n');
})().catch((error) => {
  process.stderr.write(String(error && error.stack || error));
  process.exit(2);
});
`;
