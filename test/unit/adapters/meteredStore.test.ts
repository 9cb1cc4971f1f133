import { createMemoryStore } from '../../../src/adapters/local/memoryStore';
import { createMeteredStore, KVS_UNIT_BYTES, kvsUnitsOf } from '../../../src/adapters/local/meteredStore';
import { ConflictError, InvalidInputError } from '../../../src/errors';

/** A string value whose JSON is `bytes` long: the quotes count. */
const valueOfBytes = (bytes: number): string => 'x'.repeat(bytes - 2);
/** The document envelope the meter sizes (the Forge adapter's lp-doc item) around a body of `bodyBytes`. */
const envelopeBytes = (collection: string, key: string, version: number) => JSON.stringify({ collection, docKey: key, version, body: null }).length - 'null'.length;

const metered = () => createMeteredStore(createMemoryStore());

describe('kvsUnitsOf', () => {
  it.each([
    [0, 1],
    [1_000, 1],
    [KVS_UNIT_BYTES, 1],
    [KVS_UNIT_BYTES + 1, 2],
    [25 * 1024, 3],
    [65 * 1024, 7],
    [240 * 1024, 24],
  ])('should count %i bytes as %i units', (bytes, units) => {
    expect(kvsUnitsOf(bytes)).toBe(units);
  });
});

describe('createMeteredStore', () => {
  it('should count an unversioned value by its JSON size when it is written and read back', async () => {
    const { store, meter } = metered();
    await store.setValue('small', valueOfBytes(1_000));
    await store.setValue('large', valueOfBytes(25 * 1024));
    await store.getValue('large');
    const reading = meter.reading();
    expect(reading.writeUnits).toBe(1 + 3);
    expect(reading.readUnits).toBe(3);
    expect(reading.byOperation.setValue).toEqual({ calls: 2, values: 2, readUnits: 0, writeUnits: 4 });
    expect(reading.byOperation.getValue).toEqual({ calls: 1, values: 1, readUnits: 3, writeUnits: 0 });
  });

  it('should size a document with the envelope Forge stores when the body alone is just under a unit', async () => {
    const { store, meter } = metered();
    // Body exactly 10 KiB: with collection, key and version around it, the item is over one unit.
    await store.put('themes', 't1', valueOfBytes(KVS_UNIT_BYTES), null);
    await store.get('themes', 't1');
    expect(meter.reading().writeUnits).toBe(2);
    expect(meter.reading().readUnits).toBe(2);
    // And a body that leaves room for the envelope stays one unit.
    meter.reset();
    await store.put('themes', 't2', valueOfBytes(KVS_UNIT_BYTES - envelopeBytes('themes', 't2', 1)), null);
    expect(meter.reading().writeUnits).toBe(1);
  });

  it('should charge one read unit when a get or getValue finds nothing', async () => {
    const { store, meter } = metered();
    await expect(store.get('themes', 'none')).resolves.toBeUndefined();
    await expect(store.getValue('none')).resolves.toBeUndefined();
    expect(meter.reading().readUnits).toBe(2);
  });

  it('should charge every value of a list page, and one unit for an empty page', async () => {
    const { store, meter } = metered();
    await store.put('cases', 'a', valueOfBytes(500), null);
    await store.put('cases', 'b', valueOfBytes(15 * 1024), null);
    meter.reset();
    const page = await store.list('cases');
    expect(page.items).toHaveLength(2);
    expect(meter.reading().byOperation.list).toEqual({ calls: 1, values: 2, readUnits: 1 + 2, writeUnits: 0 });
    await store.list('empty');
    expect(meter.reading().byOperation.list.readUnits).toBe(3 + 1);
  });

  it('should charge each write of a transaction by its own size', async () => {
    const { store, meter } = metered();
    await store.putAll([
      { collection: 'okrs', key: 'o1', value: valueOfBytes(100), expectedVersion: null },
      { collection: 'history', key: 'h1', value: valueOfBytes(21 * 1024), expectedVersion: null },
    ]);
    expect(meter.reading().byOperation.putAll).toEqual({ calls: 1, values: 2, readUnits: 0, writeUnits: 1 + 3 });
  });

  it('should still charge a conditional write when storage refuses it as a conflict', async () => {
    const { store, meter } = metered();
    await store.put('themes', 't', 'first', null);
    meter.reset();
    await expect(store.put('themes', 't', 'second', null)).rejects.toBeInstanceOf(ConflictError);
    await expect(store.putAll([{ collection: 'themes', key: 't', value: 'third', expectedVersion: 7 }])).rejects.toBeInstanceOf(ConflictError);
    expect(meter.reading().writeUnits).toBe(2);
  });

  it('should charge nothing when the store refuses a call before reaching storage', async () => {
    const { store, meter } = metered();
    await expect(store.put('themes', 't', valueOfBytes(241 * 1024), null)).rejects.toBeInstanceOf(InvalidInputError);
    await expect(store.getMany('themes', Array.from({ length: 26 }, (_, i) => `k${i}`))).rejects.toBeInstanceOf(InvalidInputError);
    expect(meter.reading()).toMatchObject({ readUnits: 0, writeUnits: 0 });
  });

  it('should charge one write unit per delete whatever the size of what it removes', async () => {
    const { store, meter } = metered();
    await store.put('themes', 't', valueOfBytes(50 * 1024), null);
    await store.setValue('v', valueOfBytes(50 * 1024));
    meter.reset();
    await store.delete('themes', 't', 'any');
    await store.deleteValue('v');
    expect(meter.reading().writeUnits).toBe(2);
    expect(meter.reading().byOperation.delete.calls).toBe(1);
  });

  it('should read a batch through the inner getMany and charge it per value', async () => {
    const inner = createMemoryStore();
    await inner.put('epics', 'a', valueOfBytes(12 * 1024), null);
    const innerGetMany = jest.spyOn(inner, 'getMany');
    const innerGet = jest.spyOn(inner, 'get');
    const { store, meter } = createMeteredStore(inner);
    const found = await store.getMany('epics', ['a', 'missing']);
    expect(innerGetMany).toHaveBeenCalledWith('epics', ['a', 'missing']);
    expect(innerGet).not.toHaveBeenCalled();
    expect(found.map((document) => document?.version)).toEqual([1, undefined]);
    expect(meter.reading().byOperation.getMany).toEqual({ calls: 1, values: 2, readUnits: 2 + 1, writeUnits: 0 });
  });

  it('should count a getMany the same read units as gets of the same keys, under its own name', async () => {
    const { store, meter } = metered();
    await store.put('epics', 'small', valueOfBytes(500), null);
    await store.put('epics', 'mid', valueOfBytes(12 * 1024), null);
    await store.put('epics', 'big', valueOfBytes(25 * 1024), null);
    await store.put('epics', 'big', valueOfBytes(31 * 1024), 1);
    const keys = ['big', 'missing', 'small', 'mid'];
    meter.reset();
    for (const key of keys) await store.get('epics', key);
    const byGets = meter.reading().byOperation.get;
    meter.reset();
    await store.getMany('epics', keys);
    const reading = meter.reading();
    // 4 (31 KiB + envelope) + 1 (miss) + 1 + 2, by hand.
    expect(byGets.readUnits).toBe(4 + 1 + 1 + 2);
    expect(reading.byOperation.getMany).toEqual({ calls: 1, values: 4, readUnits: byGets.readUnits, writeUnits: 0 });
    expect(reading.readUnits).toBe(byGets.readUnits);
    expect(reading.byOperation.get).toEqual({ calls: 0, values: 0, readUnits: 0, writeUnits: 0 });
  });

  it('should count nothing for a getMany of no keys, of 26 keys or naming a key twice', async () => {
    const { store, meter } = metered();
    await expect(store.getMany('epics', [])).resolves.toEqual([]);
    await expect(store.getMany('epics', Array.from({ length: 26 }, (_, i) => `k${i}`))).rejects.toBeInstanceOf(InvalidInputError);
    await expect(store.getMany('epics', ['a', 'a'])).rejects.toBeInstanceOf(InvalidInputError);
    expect(meter.reading().byOperation.getMany).toEqual({ calls: 0, values: 0, readUnits: 0, writeUnits: 0 });
  });
});
