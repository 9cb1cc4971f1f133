/**
 * The Forge store against an in-memory KVS: @forge/kvs is mocked once, here, at the module
 * boundary. Everything but `kvs` (Filter, conditions, Sort, errors) is the real package.
 */
import { ForgeKvsAPIError } from '@forge/kvs/out/errors';
import { createForgeStore, DOC_ENTITY, kvsKeyPart } from '../../src/adapters/forge/store';
import { ConflictError, InvalidDataError } from '../../src/errors';
import { describeStoreConformance } from './storeConformance';
import { fakeKvs } from './storeKvsFake';

jest.mock('@forge/kvs', () => {
  const actual = jest.requireActual<Record<string, unknown>>('@forge/kvs');
  const { fakeKvs: fake } = jest.requireActual<typeof import('./storeKvsFake')>('./storeKvsFake');
  return { ...actual, kvs: fake, default: fake };
});

const FORGE_KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;

function freshStore() {
  fakeKvs.reset();
  fakeKvs.declare(DOC_ENTITY);
  return createForgeStore();
}

describeStoreConformance('forge (@forge/kvs)', freshStore);

describe('forge store', () => {
  let store: ReturnType<typeof createForgeStore>;
  beforeEach(() => {
    store = freshStore();
  });

  describe('optimistic locking', () => {
    it('should create with keyPolicy FAIL_IF_EXISTS in the lp-doc entity when the write names null', async () => {
      await store.put('themes', 't1', { name: 'x' }, null);
      expect(fakeKvs.entitySets).toEqual([{ entityName: 'lp-doc', key: 'themes:t1', options: { keyPolicy: 'FAIL_IF_EXISTS' } }]);
      expect(fakeKvs.transactions).toEqual([]);
    });

    it('should update through a transaction conditioned on the version read when the write names a version', async () => {
      await store.put('themes', 't1', { name: 'x' }, null);
      await store.put('themes', 't1', { name: 'y' }, 1);
      expect(fakeKvs.transactions).toEqual([
        [
          {
            op: 'set',
            key: 'themes:t1',
            entityName: 'lp-doc',
            conditions: { operator: 'and', items: [{ property: 'version', condition: 'EQUAL_TO', values: [1] }] },
          },
        ],
      ]);
      expect(JSON.parse(fakeKvs.entities.get('lp-doc')?.get('themes:t1') ?? 'null')).toEqual({
        collection: 'themes',
        docKey: 't1',
        version: 2,
        body: { name: 'y' },
      });
    });

    it('should delete through a transaction conditioned on the version read', async () => {
      await store.put('themes', 't1', { name: 'x' }, null);
      await store.delete('themes', 't1', 1);
      expect(fakeKvs.transactions).toEqual([
        [
          {
            op: 'delete',
            key: 'themes:t1',
            entityName: 'lp-doc',
            conditions: { operator: 'and', items: [{ property: 'version', condition: 'EQUAL_TO', values: [1] }] },
          },
        ],
      ]);
    });

    it.each([
      { case: 'an update', write: (s: ReturnType<typeof createForgeStore>) => s.put('themes', 't1', { name: 'y' }, 1) },
      { case: 'a create', write: (s: ReturnType<typeof createForgeStore>) => s.put('themes', 't2', { name: 'y' }, null) },
      { case: 'a delete', write: (s: ReturnType<typeof createForgeStore>) => s.delete('themes', 't1', 1) },
    ])('should rethrow the KVS error, not a conflict, when $case fails while the document is as expected', async ({ write }) => {
      await store.put('themes', 't1', { name: 'x' }, null);
      fakeKvs.failNextWrite('TOO_MANY_REQUESTS');
      const failed = write(store);
      await expect(failed).rejects.toBeInstanceOf(ForgeKvsAPIError);
      await expect(failed).rejects.not.toBeInstanceOf(ConflictError);
      await expect(store.get('themes', 't1')).resolves.toEqual({ value: { name: 'x' }, version: 1 });
    });
  });

  describe('putAll', () => {
    it('should write a document and its history entry in one transaction, each with its condition', async () => {
      await store.put('themes', 'themes', { name: 'x' }, null);
      await store.putAll([
        { collection: 'themes', key: 'themes', value: { name: 'y' }, expectedVersion: 1 },
        { collection: 'history', key: 'n1', value: { summary: 's' }, expectedVersion: null },
      ]);
      expect(fakeKvs.transactions).toEqual([
        [
          {
            op: 'set',
            key: 'themes:themes',
            entityName: 'lp-doc',
            conditions: { operator: 'and', items: [{ property: 'version', condition: 'EQUAL_TO', values: [1] }] },
          },
          {
            op: 'set',
            key: 'history:n1',
            entityName: 'lp-doc',
            conditions: { operator: 'and', items: [{ property: 'version', condition: 'NOT_EXISTS', values: [true] }] },
          },
        ],
      ]);
    });

    it('should write neither document and rethrow the KVS error when the transaction fails', async () => {
      await store.put('themes', 'themes', { name: 'x' }, null);
      fakeKvs.failNextWrite('TOO_MANY_REQUESTS');
      const write = store.putAll([
        { collection: 'themes', key: 'themes', value: { name: 'y' }, expectedVersion: 1 },
        { collection: 'history', key: 'n1', value: { summary: 's' }, expectedVersion: null },
      ]);
      await expect(write).rejects.toBeInstanceOf(ForgeKvsAPIError);
      await expect(store.get('themes', 'themes')).resolves.toEqual({ value: { name: 'x' }, version: 1 });
      await expect(store.get('history', 'n1')).resolves.toBeUndefined();
    });
  });

  describe('getMany', () => {
    it('should read every key in one batchGet of lp-doc items, by their escaped KVS keys', async () => {
      await store.put('themes', 'a b', { name: 'x' }, null);
      await store.put('themes', 'é', { name: 'y' }, null);
      await expect(store.getMany('themes', ['é', 'missing', 'a b'])).resolves.toEqual([
        { value: { name: 'y' }, version: 1 },
        undefined,
        { value: { name: 'x' }, version: 1 },
      ]);
      expect(fakeKvs.batchGets).toEqual([
        [
          { key: 'themes:_c3_a9', entityName: 'lp-doc' },
          { key: 'themes:missing', entityName: 'lp-doc' },
          { key: 'themes:a_20b', entityName: 'lp-doc' },
        ],
      ]);
    });

    it.each([
      { case: 'no keys', keys: [] },
      { case: '26 keys', keys: Array.from({ length: 26 }, (_, n) => `k${n}`) },
      { case: 'a key twice', keys: ['a', 'b', 'a'] },
    ])('should not call Forge when the batch names $case', async ({ keys }) => {
      await store.getMany('themes', keys).catch(() => undefined);
      expect(fakeKvs.batchGets).toEqual([]);
    });

    it('should fail the read, not answer a miss, when Forge reports a key failed for another reason', async () => {
      await store.put('themes', 'a', 1, null);
      await store.put('themes', 'b', 2, null);
      fakeKvs.failKeyInNextBatchGet('themes:b', 'TOO_MANY_REQUESTS');
      await expect(store.getMany('themes', ['a', 'b'])).rejects.toThrow('TOO_MANY_REQUESTS');
    });

    it('should refuse with invalid data when a stored item is not a document', async () => {
      fakeKvs.entities.set('lp-doc', new Map([['themes:t1', JSON.stringify({ collection: 'themes', docKey: 't1', body: {} })]]));
      await expect(store.getMany('themes', ['t1'])).rejects.toBeInstanceOf(InvalidDataError);
    });
  });

  describe('keys', () => {
    it.each([
      { key: 'EPIC-42', kvsKey: 'EPIC-42' },
      { key: 'a b', kvsKey: 'a_20b' },
      { key: 'x:y', kvsKey: 'x_3ay' },
      { key: 'é', kvsKey: '_c3_a9' },
      { key: '_', kvsKey: '_5f' },
    ])('should escape $key as $kvsKey when building a KVS key', ({ key, kvsKey }) => {
      expect(kvsKeyPart(key)).toBe(kvsKey);
    });

    it('should send only keys Forge accepts when documents and values have arbitrary keys', async () => {
      await store.put('themes', 'Ünï cødé/🚀#%', 1, null);
      await store.put('themes', 'Ünï cødé/🚀#%', 2, 1);
      await store.setValue('cache:日本 語', 1);
      const sentKeys = [
        ...fakeKvs.entitySets.map((set) => set.key),
        ...fakeKvs.transactions.flat().map((op) => op.key),
        ...fakeKvs.values.keys(),
      ];
      expect(sentKeys).toHaveLength(3);
      for (const key of sentKeys) expect(key).toMatch(FORGE_KEY_PATTERN);
    });
  });

  describe('stored data', () => {
    it('should refuse with invalid data when a stored item is not a document', async () => {
      fakeKvs.entities.set('lp-doc', new Map([['themes:t1', JSON.stringify({ collection: 'themes', docKey: 't1', body: {} })]]));
      await expect(store.get('themes', 't1')).rejects.toBeInstanceOf(InvalidDataError);
    });

    it('should list through the by-collection-key index, partitioned by collection', async () => {
      await store.put('themes', 'b', 1, null);
      await store.put('themes', 'a', 2, null);
      await store.put('okrs', 'a', 3, null);
      await expect(store.list('themes')).resolves.toEqual({
        items: [
          { key: 'a', value: 2, version: 1 },
          { key: 'b', value: 1, version: 1 },
        ],
      });
    });
  });
});
