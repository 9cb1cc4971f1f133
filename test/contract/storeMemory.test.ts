import { createMemoryStore } from '../../src/adapters/local/memoryStore';
import { describeStoreConformance } from './storeConformance';

describeStoreConformance('memory', () => createMemoryStore());

describe('memory store', () => {
  it('should give values back in their JSON shape when they hold a Date or undefined properties', async () => {
    const store = createMemoryStore();
    await store.put('okrs', 'o1', { checkedAt: new Date(Date.UTC(2026, 0, 5, 9, 30)), note: undefined }, null);
    await expect(store.get('okrs', 'o1')).resolves.toEqual({ value: { checkedAt: '2026-01-05T09:30:00.000Z' }, version: 1 });
  });

  it('should keep two stores apart when both are created', async () => {
    const first = createMemoryStore();
    const second = createMemoryStore();
    await first.setValue('k', 1);
    await expect(second.getValue('k')).resolves.toBeUndefined();
  });
});
