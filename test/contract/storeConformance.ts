/**
 * The StorePort contract, run against every adapter: versioned documents with optimistic locking,
 * key-ordered paging, and unversioned values.
 */
import { ConflictError, InvalidInputError } from '../../src/errors';
import { MAX_STORED_VALUE_BYTES } from '../../src/adapters/storeSupport';
import type { StorePort } from '../../src/ports';

interface ThemeDoc {
  schemaVersion: number;
  name: string;
  targetShare: number;
  tags: string[];
  owner: { accountId: string; displayName: string } | null;
}

const aTheme = (overrides: Partial<ThemeDoc> = {}): ThemeDoc => ({
  schemaVersion: 1,
  name: 'Customer experience',
  targetShare: 0.4,
  tags: ['growth', 'nps'],
  owner: { accountId: 'acc-1', displayName: 'Ana Müller' },
  ...overrides,
});

/** Keys padded to sort the way they were numbered: doc-000 … doc-249. */
const numberedKey = (n: number): string => `doc-${String(n).padStart(3, '0')}`;

export function describeStoreConformance(name: string, makeStore: () => StorePort | Promise<StorePort>): void {
  describe(`StorePort conformance: ${name}`, () => {
    let store: StorePort;
    beforeEach(async () => {
      store = await makeStore();
    });

    const listAll = async (collection: string, options: { prefix?: string; limit?: number } = {}) => {
      const pages: string[][] = [];
      let cursor: string | undefined;
      do {
        const page = await store.list(collection, { ...options, ...(cursor === undefined ? {} : { cursor }) });
        pages.push(page.items.map((item) => item.key));
        cursor = page.cursor;
      } while (cursor !== undefined && pages.length < 100);
      return pages;
    };

    describe('versioned documents', () => {
      it('should return undefined when the document does not exist', async () => {
        await expect(store.get('themes', 'missing')).resolves.toBeUndefined();
      });

      it('should create version 1 when the write names null', async () => {
        await expect(store.put('themes', 't1', aTheme(), null)).resolves.toBe(1);
        await expect(store.get('themes', 't1')).resolves.toEqual({ value: aTheme(), version: 1 });
      });

      it('should refuse a second create with a conflict and keep the first when the document exists', async () => {
        await store.put('themes', 't1', aTheme({ name: 'first' }), null);
        const second = store.put('themes', 't1', aTheme({ name: 'second' }), null);
        await expect(second).rejects.toBeInstanceOf(ConflictError);
        await expect(second).rejects.toThrow('themes/t1 was created by someone else (version 1); reload and try again');
        await expect(store.get('themes', 't1')).resolves.toEqual({ value: aTheme({ name: 'first' }), version: 1 });
      });

      it('should grow the version by one when each write names the current version', async () => {
        await store.put('themes', 't1', aTheme({ targetShare: 0.1 }), null);
        await expect(store.put('themes', 't1', aTheme({ targetShare: 0.2 }), 1)).resolves.toBe(2);
        await expect(store.put('themes', 't1', aTheme({ targetShare: 0.3 }), 2)).resolves.toBe(3);
        await expect(store.get('themes', 't1')).resolves.toEqual({ value: aTheme({ targetShare: 0.3 }), version: 3 });
      });

      it.each([
        { case: 'an older version', named: 1 },
        { case: 'a version not reached yet', named: 3 },
      ])('should refuse with a conflict and change nothing when the write names $case', async ({ named }) => {
        await store.put('themes', 't1', aTheme({ name: 'v1' }), null);
        await store.put('themes', 't1', aTheme({ name: 'v2' }), 1);
        const stale = store.put('themes', 't1', aTheme({ name: 'stale' }), named);
        await expect(stale).rejects.toBeInstanceOf(ConflictError);
        await expect(stale).rejects.toThrow('themes/t1 was changed by someone else (version 2); reload and try again');
        await expect(store.get('themes', 't1')).resolves.toEqual({ value: aTheme({ name: 'v2' }), version: 2 });
      });

      it('should refuse with a conflict when an update names a version of a document that is gone', async () => {
        const write = store.put('themes', 'never-created', aTheme(), 1);
        await expect(write).rejects.toBeInstanceOf(ConflictError);
        await expect(write).rejects.toThrow('themes/never-created was deleted by someone else; reload and try again');
        await expect(store.get('themes', 'never-created')).resolves.toBeUndefined();
      });

      it('should delete the document when the delete names the current version', async () => {
        await store.put('themes', 't1', aTheme(), null);
        await store.put('themes', 't1', aTheme({ name: 'renamed' }), 1);
        await store.delete('themes', 't1', 2);
        await expect(store.get('themes', 't1')).resolves.toBeUndefined();
        await expect(store.list('themes')).resolves.toEqual({ items: [] });
      });

      it('should refuse with a conflict and keep the document when a delete names a stale version', async () => {
        await store.put('themes', 't1', aTheme(), null);
        await store.put('themes', 't1', aTheme({ name: 'renamed' }), 1);
        await expect(store.delete('themes', 't1', 1)).rejects.toBeInstanceOf(ConflictError);
        await expect(store.get('themes', 't1')).resolves.toEqual({ value: aTheme({ name: 'renamed' }), version: 2 });
      });

      it('should refuse with a conflict when a delete names a document that does not exist', async () => {
        await expect(store.delete('themes', 'missing', 1)).rejects.toBeInstanceOf(ConflictError);
      });

      it('should delete whatever version is there, and not fail when there is none, when the delete names any', async () => {
        await store.put('cache', 'c1', 1, null);
        await store.put('cache', 'c1', 2, 1);
        await store.delete('cache', 'c1', 'any');
        await expect(store.get('cache', 'c1')).resolves.toBeUndefined();
        await expect(store.delete('cache', 'c1', 'any')).resolves.toBeUndefined();
      });

      it('should start again at version 1 when a deleted document is created again', async () => {
        await store.put('themes', 't1', aTheme(), null);
        await store.delete('themes', 't1', 1);
        await expect(store.put('themes', 't1', aTheme({ name: 'again' }), null)).resolves.toBe(1);
      });

      it('should keep collections apart when two collections use the same key', async () => {
        await store.put('themes', 'shared', aTheme({ name: 'theme' }), null);
        await store.put('okrs', 'shared', { objective: 'okr' }, null);
        await expect(store.get('themes', 'shared')).resolves.toEqual({ value: aTheme({ name: 'theme' }), version: 1 });
        await expect(store.get('okrs', 'shared')).resolves.toEqual({ value: { objective: 'okr' }, version: 1 });
      });

      it.each([
        { case: 'nested objects and arrays', value: { a: { b: { c: [1, { d: [true, null, 'x'] }] } }, empty: {}, list: [] } },
        { case: 'unicode text', value: { name: 'Ünïcødé — 日本語 🚀', quote: '"\\\n\t' } },
        { case: 'numbers', value: { zero: 0, negative: -12.5, big: 9007199254740991, tiny: 1e-9 } },
        { case: 'a bare string', value: 'just text' },
        { case: 'a bare number', value: 42 },
        { case: 'an array', value: [3, 'two', { one: 1 }] },
        { case: 'null', value: null },
      ])('should give back exactly what was stored when the value holds $case', async ({ value }) => {
        await store.put('misc', 'doc', value, null);
        await expect(store.get('misc', 'doc')).resolves.toEqual({ value, version: 1 });
      });

      it.each([
        { case: 'unicode', key: 'Ünïcødé-日本-🚀' },
        { case: 'spaces and punctuation', key: 'a b/c\\d:e*f?g"h<i>j|k%l#m' },
        { case: 'dots only', key: '..' },
        { case: 'a colon that could split the address', key: 'x:y' },
        { case: 'upper case', key: 'EPIC-42' },
      ])('should store and find a document when its key has $case', async ({ key }) => {
        await store.put('keys', key, { key }, null);
        await expect(store.get('keys', key)).resolves.toEqual({ value: { key }, version: 1 });
        const listed = await store.list('keys');
        expect(listed.items).toEqual([{ key, value: { key }, version: 1 }]);
      });

      it('should keep two documents apart when their keys differ only in case', async () => {
        await store.put('keys', 'Epic', { which: 'upper' }, null);
        await store.put('keys', 'epic', { which: 'lower' }, null);
        await expect(store.get('keys', 'Epic')).resolves.toEqual({ value: { which: 'upper' }, version: 1 });
        await expect(store.get('keys', 'epic')).resolves.toEqual({ value: { which: 'lower' }, version: 1 });
      });

      it('should keep two addresses apart when a colon could join collection and key either way', async () => {
        await store.put('a:b', 'c', { which: 'first' }, null);
        await store.put('a', 'b:c', { which: 'second' }, null);
        await expect(store.get('a:b', 'c')).resolves.toEqual({ value: { which: 'first' }, version: 1 });
        await expect(store.get('a', 'b:c')).resolves.toEqual({ value: { which: 'second' }, version: 1 });
      });

      it('should not let the caller change stored state when it mutates what it passed in or got back', async () => {
        const written = aTheme();
        await store.put('themes', 't1', written, null);
        written.tags.push('mutated after put');
        const read = await store.get('themes', 't1');
        (read?.value as ThemeDoc).tags.push('mutated after get');
        await expect(store.get('themes', 't1')).resolves.toEqual({ value: aTheme(), version: 1 });
      });

      it('should let exactly one of two writes win when both name the same version at once', async () => {
        await store.put('themes', 't1', aTheme({ name: 'base' }), null);
        const results = await Promise.allSettled([
          store.put('themes', 't1', aTheme({ name: 'alice' }), 1),
          store.put('themes', 't1', aTheme({ name: 'bob' }), 1),
        ]);
        const won = results.filter((result) => result.status === 'fulfilled');
        const lost = results.filter((result) => result.status === 'rejected');
        expect(won).toEqual([{ status: 'fulfilled', value: 2 }]);
        expect(lost).toHaveLength(1);
        expect(lost[0]?.status === 'rejected' && lost[0].reason).toBeInstanceOf(ConflictError);
        const winner = results[0]?.status === 'fulfilled' ? 'alice' : 'bob';
        await expect(store.get('themes', 't1')).resolves.toEqual({ value: aTheme({ name: winner }), version: 2 });
      });

      it('should let exactly one of two creates win when both run at once', async () => {
        const results = await Promise.allSettled([
          store.put('themes', 'new', aTheme({ name: 'alice' }), null),
          store.put('themes', 'new', aTheme({ name: 'bob' }), null),
        ]);
        expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
        const rejected = results.find((result) => result.status === 'rejected');
        expect(rejected?.status === 'rejected' && rejected.reason).toBeInstanceOf(ConflictError);
        await expect(store.get('themes', 'new')).resolves.toMatchObject({ version: 1 });
      });

      it.each([
        { case: 'an empty key', write: (s: StorePort) => s.put('themes', '', aTheme(), null) },
        { case: 'an empty collection', write: (s: StorePort) => s.put('', 'k', aTheme(), null) },
        { case: 'version 0', write: (s: StorePort) => s.put('themes', 'k', aTheme(), 0) },
        { case: 'a fractional version', write: (s: StorePort) => s.put('themes', 'k', aTheme(), 1.5) },
        { case: 'an undefined value', write: (s: StorePort) => s.put('themes', 'k', undefined, null) },
        { case: 'a value with a cycle', write: (s: StorePort) => s.put('themes', 'k', cyclic(), null) },
        { case: 'an empty key for a value', write: (s: StorePort) => s.setValue('', 1) },
        { case: 'an undefined unversioned value', write: (s: StorePort) => s.setValue('cache', undefined) },
      ])('should refuse invalid input and store nothing when the write has $case', async ({ write }) => {
        await expect(write(store)).rejects.toBeInstanceOf(InvalidInputError);
        await expect(store.get('themes', 'k')).resolves.toBeUndefined();
        await expect(store.getValue('cache')).resolves.toBeUndefined();
      });
    });

    describe('putAll: several documents at once', () => {
      it('should write every document and give each its new version when all versions are current', async () => {
        await store.put('themes', 'themes', aTheme({ name: 'v1' }), null);
        const versions = await store.putAll([
          { collection: 'themes', key: 'themes', value: aTheme({ name: 'v2' }), expectedVersion: 1 },
          { collection: 'history', key: 'n-1', value: { summary: 'renamed' }, expectedVersion: null },
        ]);
        expect(versions).toEqual([2, 1]);
        await expect(store.get('themes', 'themes')).resolves.toEqual({ value: aTheme({ name: 'v2' }), version: 2 });
        await expect(store.get('history', 'n-1')).resolves.toEqual({ value: { summary: 'renamed' }, version: 1 });
      });

      it.each([
        { case: 'a stale version', expectedVersion: 1 as number | null, message: 'themes/themes was changed by someone else (version 2)' },
        { case: 'a create of a document that exists', expectedVersion: null, message: 'themes/themes was created by someone else (version 2)' },
      ])('should write nothing and answer a conflict when one write names $case', async ({ expectedVersion, message }) => {
        await store.put('themes', 'themes', aTheme({ name: 'v1' }), null);
        await store.put('themes', 'themes', aTheme({ name: 'v2' }), 1);
        const write = store.putAll([
          { collection: 'history', key: 'n-1', value: { summary: 'first' }, expectedVersion: null },
          { collection: 'themes', key: 'themes', value: aTheme({ name: 'stale' }), expectedVersion },
        ]);
        await expect(write).rejects.toBeInstanceOf(ConflictError);
        await expect(write).rejects.toThrow(message);
        await expect(store.get('history', 'n-1')).resolves.toBeUndefined();
        await expect(store.get('themes', 'themes')).resolves.toEqual({ value: aTheme({ name: 'v2' }), version: 2 });
      });

      it('should let exactly one of several transactions win when all name the same version at once', async () => {
        await store.put('themes', 'themes', aTheme({ name: 'base' }), null);
        const results = await Promise.allSettled(
          ['a', 'b', 'c', 'd', 'e'].map((name) =>
            store.putAll([
              { collection: 'themes', key: 'themes', value: aTheme({ name }), expectedVersion: 1 },
              { collection: 'history', key: `n-${name}`, value: { name }, expectedVersion: null },
            ]),
          ),
        );
        const won = results.flatMap((result, index) => (result.status === 'fulfilled' ? [['a', 'b', 'c', 'd', 'e'][index]] : []));
        expect(won).toHaveLength(1);
        for (const result of results) if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(ConflictError);
        await expect(store.get('themes', 'themes')).resolves.toEqual({ value: aTheme({ name: won[0] }), version: 2 });
        const history = await store.list('history');
        expect(history.items.map((item) => item.key)).toEqual([`n-${won[0]}`]);
      });

      it.each([
        { case: 'no writes', writes: [] },
        { case: '26 writes', writes: Array.from({ length: 26 }, (_, n) => ({ collection: 'c', key: `k${n}`, value: n, expectedVersion: null })) },
        {
          case: 'more than 4 MB in all (each value storable)',
          writes: Array.from({ length: 18 }, (_, n) => ({ collection: 'c', key: `k${n}`, value: 'x'.repeat(MAX_STORED_VALUE_BYTES - 2_000), expectedVersion: null })),
        },
        {
          case: 'the same document twice',
          writes: [
            { collection: 'c', key: 'k', value: 1, expectedVersion: null },
            { collection: 'c', key: 'k', value: 2, expectedVersion: null },
          ],
        },
        {
          case: 'one value over 240 KiB',
          writes: [
            { collection: 'c', key: 'small', value: 1, expectedVersion: null },
            { collection: 'c', key: 'big', value: 'x'.repeat(MAX_STORED_VALUE_BYTES), expectedVersion: null },
          ],
        },
      ])('should refuse invalid input and write nothing when the transaction has $case', async ({ writes }) => {
        const write = store.putAll(writes);
        await expect(write).rejects.toBeInstanceOf(InvalidInputError);
        await expect(store.list('c')).resolves.toEqual({ items: [] });
      });

      it('should accept 25 writes in one transaction (Forge\'s limit)', async () => {
        const writes = Array.from({ length: 25 }, (_, n) => ({ collection: 'c', key: numberedKey(n), value: n, expectedVersion: null }));
        await expect(store.putAll(writes)).resolves.toEqual(Array.from({ length: 25 }, () => 1));
        expect((await store.list('c')).items).toHaveLength(25);
      });
    });

    describe('getMany: several documents of a collection at once', () => {
      it('should answer in the order of the keys, undefined for a miss, each as get answers it', async () => {
        await store.put('themes', 'a', aTheme({ name: 'a' }), null);
        await store.put('themes', 'b', aTheme({ name: 'b1' }), null);
        await store.put('themes', 'b', aTheme({ name: 'b2' }), 1);
        await store.put('themes', 'b', aTheme({ name: 'b3' }), 2);
        await store.put('themes', 'c', aTheme({ name: 'c' }), null);
        const keys = ['c', 'missing', 'a', 'b'];
        const found = await store.getMany('themes', keys);
        expect(found).toEqual([
          { value: aTheme({ name: 'c' }), version: 1 },
          undefined,
          { value: aTheme({ name: 'a' }), version: 1 },
          { value: aTheme({ name: 'b3' }), version: 3 },
        ]);
        expect(found).toEqual(await Promise.all(keys.map((key) => store.get('themes', key))));
      });

      it('should answer only from the collection named when another collection uses the same keys', async () => {
        await store.put('okrs', 'shared', { objective: 'okr' }, null);
        await store.put('themes', 'other', aTheme(), null);
        await expect(store.getMany('themes', ['shared', 'other'])).resolves.toEqual([undefined, { value: aTheme(), version: 1 }]);
      });

      it('should find documents whose keys need escaping, as get does', async () => {
        const keys = ['Ünïcødé-日本-🚀', 'x:y', 'EPIC-42', 'epic-42', 'a b/c\\d'];
        for (const [n, key] of keys.entries()) await store.put('keys', key, { n }, null);
        await expect(store.getMany('keys', keys)).resolves.toEqual(keys.map((_, n) => ({ value: { n }, version: 1 })));
      });

      it('should answer an empty list when no keys are named', async () => {
        await store.put('themes', 'a', aTheme(), null);
        await expect(store.getMany('themes', [])).resolves.toEqual([]);
      });

      it("should read 25 keys in one call (Forge's limit)", async () => {
        const keys = Array.from({ length: 25 }, (_, n) => numberedKey(n));
        await store.putAll(keys.filter((_, n) => n % 2 === 0).map((key) => ({ collection: 'c', key, value: key, expectedVersion: null })));
        const found = await store.getMany('c', keys);
        expect(found).toEqual(keys.map((key, n) => (n % 2 === 0 ? { value: key, version: 1 } : undefined)));
      });

      it.each([
        { case: '26 keys', collection: 'c', keys: Array.from({ length: 26 }, (_, n) => numberedKey(n)) },
        { case: 'a key twice', collection: 'c', keys: [numberedKey(1), numberedKey(2), numberedKey(1)] },
        { case: 'an empty key', collection: 'c', keys: [numberedKey(1), ''] },
        { case: 'an empty collection', collection: '', keys: [numberedKey(1)] },
        { case: 'a key over 500 characters once escaped', collection: 'c', keys: ['é'.repeat(100)] },
      ])('should refuse invalid input when the batch names $case', async ({ collection, keys }) => {
        await store.put('c', numberedKey(1), 1, null);
        await expect(store.getMany(collection, keys)).rejects.toBeInstanceOf(InvalidInputError);
      });
    });

    describe("Forge's limits", () => {
      // JSON of a string of n plain characters is n + 2 bytes; 240 KiB is 245,760 bytes.
      it('should store an unversioned value of exactly 240 KiB', async () => {
        const value = 'x'.repeat(MAX_STORED_VALUE_BYTES - 2);
        await store.setValue('cache:big', value);
        await expect(store.getValue('cache:big')).resolves.toBe(value);
      });

      it('should refuse an unversioned value one byte over 240 KiB with invalid input naming the key', async () => {
        const write = store.setValue('cache:big', 'x'.repeat(MAX_STORED_VALUE_BYTES - 1));
        await expect(write).rejects.toBeInstanceOf(InvalidInputError);
        await expect(write).rejects.toThrow('The value cache:big is 240.0 KiB; Forge storage holds at most 240 KiB per value — store it in chunks');
        await expect(store.getValue('cache:big')).resolves.toBeUndefined();
      });

      it('should count the stored address towards the limit when a document is close to 240 KiB', async () => {
        // Stored item: {"collection":"c","docKey":"k","version":1,"body":"x…"} = 53 bytes + the x's.
        const write = store.put('c', 'k', 'x'.repeat(MAX_STORED_VALUE_BYTES - 52), null);
        await expect(write).rejects.toBeInstanceOf(InvalidInputError);
        await expect(write).rejects.toThrow('c/k is 240.0 KiB; Forge storage holds at most 240 KiB per value');
        await expect(store.get('c', 'k')).resolves.toBeUndefined();
        await expect(store.put('c', 'k', 'x'.repeat(MAX_STORED_VALUE_BYTES - 53), null)).resolves.toBe(1);
      });

      it('should refuse a 406 KB themes document and keep the stored one', async () => {
        await store.put('themes', 'themes', aTheme(), null);
        const huge = Array.from({ length: 160 }, (_, n) => aTheme({ name: `theme ${n}`, tags: ['d'.repeat(2500)] }));
        const write = store.put('themes', 'themes', huge, 1);
        await expect(write).rejects.toBeInstanceOf(InvalidInputError);
        await expect(store.get('themes', 'themes')).resolves.toEqual({ value: aTheme(), version: 1 });
      });

      it('should accept a document when its escaped storage key is exactly 500 characters', async () => {
        // 'themes' (6) + ':' (1) + 493 plain characters = 500.
        await expect(store.put('themes', 'k'.repeat(493), 1, null)).resolves.toBe(1);
      });

      it.each([
        { case: 'a plain key of 494 characters', key: 'k'.repeat(494), escapedLength: 501 },
        // 'é' escapes to '_c3_a9' (6 characters): 83 × 6 = 498, + 7 = 505.
        { case: 'a key of 83 characters that escapes to 498', key: 'é'.repeat(83), escapedLength: 505 },
      ])('should refuse $case with invalid input naming the document', async ({ key, escapedLength }) => {
        const write = store.put('themes', key, 1, null);
        await expect(write).rejects.toBeInstanceOf(InvalidInputError);
        await expect(write).rejects.toThrow(`The key of themes/${key} is ${escapedLength} characters once escaped for Forge storage; at most 500 fit`);
        await expect(store.list('themes')).resolves.toEqual({ items: [] });
      });

      it('should refuse a value key longer than 500 characters once escaped', async () => {
        await expect(store.setValue('v'.repeat(501), 1)).rejects.toThrow(`The key of the value ${'v'.repeat(501)} is 501 characters`);
        await expect(store.getValue('v'.repeat(501))).rejects.toBeInstanceOf(InvalidInputError);
      });
    });

    describe('list', () => {
      it('should return an empty page without a cursor when the collection is empty', async () => {
        await expect(store.list('nothing-here')).resolves.toEqual({ items: [] });
      });

      it('should return documents in key order with their values and versions when written in another order', async () => {
        for (const key of ['delta', 'alpha', 'charlie', 'bravo']) await store.put('themes', key, { key }, null);
        await store.put('themes', 'alpha', { key: 'alpha', edited: true }, 1);
        await store.put('other', 'aaa', { key: 'aaa' }, null);
        await expect(store.list('themes')).resolves.toEqual({
          items: [
            { key: 'alpha', value: { key: 'alpha', edited: true }, version: 2 },
            { key: 'bravo', value: { key: 'bravo' }, version: 1 },
            { key: 'charlie', value: { key: 'charlie' }, version: 1 },
            { key: 'delta', value: { key: 'delta' }, version: 1 },
          ],
        });
      });

      it('should order keys by Unicode code point when keys mix case and characters beyond U+FFFF', async () => {
        // Code points: 'B' 42 < 'a' 61 < 'b' 62 < 'é' E9 < 'ｚ' FF5A < '𝔘' 1D518 (UTF-16 order would put '𝔘' before 'ｚ').
        for (const key of ['𝔘', 'b', 'ｚ', 'é', 'a', 'B']) await store.put('keys', key, 1, null);
        const page = await store.list('keys');
        expect(page.items.map((item) => item.key)).toEqual(['B', 'a', 'b', 'é', 'ｚ', '𝔘']);
      });

      it('should return only keys that start with the prefix when a prefix is given', async () => {
        for (const key of ['2025-Q4:a', '2026-Q1:b', '2026-Q1:a', '2026-Q2:a', '2026']) await store.put('budgets', key, { key }, null);
        const page = await store.list('budgets', { prefix: '2026-Q1:' });
        expect(page.items.map((item) => item.key)).toEqual(['2026-Q1:a', '2026-Q1:b']);
        expect(page.cursor).toBeUndefined();
      });

      it('should page 250 documents as 100, 100 and 50 in key order when the limit is 100', async () => {
        const keys = Array.from({ length: 250 }, (_, n) => numberedKey(n));
        for (const key of [...keys].reverse()) await store.put('history', key, { key }, null);
        const pages = await listAll('history', { limit: 100 });
        expect(pages.map((page) => page.length)).toEqual([100, 100, 50]);
        expect(pages.flat()).toEqual(keys);
      });

      it('should page through a prefix only when a prefix and a limit are given', async () => {
        for (let n = 0; n < 25; n++) await store.put('history', numberedKey(n), n, null);
        await store.put('history', 'other', 0, null);
        const pages = await listAll('history', { prefix: 'doc-01', limit: 4 });
        expect(pages).toEqual([
          ['doc-010', 'doc-011', 'doc-012', 'doc-013'],
          ['doc-014', 'doc-015', 'doc-016', 'doc-017'],
          ['doc-018', 'doc-019'],
        ]);
      });

      it.each([
        { case: 'no limit', limit: undefined, size: 100 },
        { case: 'a limit above 100', limit: 500, size: 100 },
        { case: 'a limit of 0', limit: 0, size: 1 },
        { case: 'a fractional limit', limit: 2.9, size: 2 },
      ])('should return a page of $size with a cursor when there are more documents and $case', async ({ limit, size }) => {
        for (let n = 0; n < 101; n++) await store.put('history', numberedKey(n), n, null);
        const page = await store.list('history', limit === undefined ? {} : { limit });
        expect(page.items.map((item) => item.key)).toEqual(Array.from({ length: size }, (_, n) => numberedKey(n)));
        expect(typeof page.cursor).toBe('string');
      });
    });

    describe('unversioned values', () => {
      it('should return undefined when the value was never set', async () => {
        await expect(store.getValue('cache:missing')).resolves.toBeUndefined();
      });

      it('should give back the last value written when set twice', async () => {
        await store.setValue('cache:timelines:PORT', { epics: [{ id: '10001', dates: { Funnel: '2026-01-05' } }] });
        await store.setValue('cache:timelines:PORT', { epics: [] });
        await expect(store.getValue('cache:timelines:PORT')).resolves.toEqual({ epics: [] });
      });

      it.each([
        { case: 'unicode', key: 'cache:Ünïcødé:🚀' },
        { case: 'slashes and spaces', key: 'cache/a b/../c' },
      ])('should round-trip a value when its key has $case', async ({ key }) => {
        await store.setValue(key, ['chunk', 1, { nested: 'é' }]);
        await expect(store.getValue(key)).resolves.toEqual(['chunk', 1, { nested: 'é' }]);
      });

      it('should forget the value when it is deleted, and not fail when it is deleted again', async () => {
        await store.setValue('cache:x', 1);
        await store.deleteValue('cache:x');
        await expect(store.getValue('cache:x')).resolves.toBeUndefined();
        await expect(store.deleteValue('cache:x')).resolves.toBeUndefined();
      });

      it('should keep values apart from documents when a collection is named like the value store', async () => {
        await store.setValue('k', 'a value');
        await store.put('values', 'k', 'a document', null);
        await expect(store.getValue('k')).resolves.toBe('a value');
        await expect(store.get('values', 'k')).resolves.toEqual({ value: 'a document', version: 1 });
      });

      it('should not let the caller change the stored value when it mutates what it passed in or got back', async () => {
        const written = { epics: ['1'] };
        await store.setValue('cache:x', written);
        written.epics.push('after set');
        const read = (await store.getValue('cache:x')) as { epics: string[] };
        read.epics.push('after get');
        await expect(store.getValue('cache:x')).resolves.toEqual({ epics: ['1'] });
      });
    });
  });
}

function cyclic(): unknown {
  const node: { self?: unknown } = {};
  node.self = node;
  return node;
}
