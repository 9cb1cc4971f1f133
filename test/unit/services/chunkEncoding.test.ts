/** The compact chunk: round trip, the schema-3 chunks still read, a damaged one refused, its size. */
import fc from 'fast-check';
import { decodeChunk, encodeChunk, encodedEpicBytes } from '../../../src/services/portfolio/chunkEncoding';
import { cachedEpicSchema } from '../../../src/services/portfolio/epicCache';
import type { CachedEpic } from '../../../src/services/portfolio/epicCache';

const T0 = Date.UTC(2025, 0, 6, 9, 30, 15, 123);

function epic(id: string, statusChanges: CachedEpic['statusChanges']): CachedEpic {
  return {
    id,
    key: `PAY-${id}`,
    summary: 'Checkout in one step',
    projectId: '10000',
    projectKey: 'PAY',
    projectName: 'Payments',
    labels: ['theme-growth'],
    createdAt: T0,
    updatedAt: T0 + 86_400_000,
    statusId: statusChanges.at(-1)?.[2] ?? '10001',
    wsjf: { userBusinessValue: 8, version: 2 },
    statusChanges,
    flagChanges: [[T0 + 5_000, true]],
  };
}

describe('compact cache chunks', () => {
  it('should give back the same epics, and write the history as about 11 characters a change', () => {
    const epics = [
      epic('1', [
        [T0 + 3_600_000, null, '10001'],
        [T0 + 90_061_001, '10001', '10002'],
        [T0 + 90_061_001, '10002', '10003'],
        [T0 + 45_000, '10003', '10002'],
      ]),
      epic('2', []),
    ];
    const stored = encodeChunk(epics) as { statusIds: string[]; epics: { statusHistory: string }[] };
    expect(stored.statusIds).toEqual(['10001', '10002', '10003']);
    // Times relative to the one before (base 36), a move back in time included; the first change has no "from".
    expect(stored.epics[0]?.statusHistory).toBe(`${(3_600_000).toString(36)},,0;${(86_461_001).toString(36)},0,1;0,1,2;-${(90_016_001).toString(36)},2,1`);
    expect(stored.epics[1]?.statusHistory).toBe('');
    expect(decodeChunk(JSON.parse(JSON.stringify(stored)), cachedEpicSchema)).toEqual(epics);
  });

  it('should read a chunk of schema 3 as it was written', () => {
    const epics = [epic('7', [[T0 + 1, '10001', '10005']])];
    expect(decodeChunk({ schemaVersion: 3, epics }, cachedEpicSchema)).toEqual(epics);
  });

  it.each([
    ['a status index out of range', '1,0,9'],
    ['a time that is not base 36', '!!,0,1'],
    ['a change cut short', '1'],
  ])('should refuse a chunk with %s, so it is dropped and refetched', (_name, statusHistory) => {
    const { statusChanges: _dropped, ...rest } = epic('3', []);
    expect(decodeChunk({ schemaVersion: 4, statusIds: ['10001', '10002'], epics: [{ ...rest, statusHistory }] }, cachedEpicSchema)).toBeNull();
  });

  it('should round-trip any history, and never estimate an epic smaller than it is stored alone', () => {
    const change = fc.tuple(fc.integer({ min: 0, max: 4_000_000_000_000 }), fc.option(fc.constantFrom('1', '10001', '10002', 'x,y;z'), { nil: null }), fc.constantFrom('10001', '10002', '3'));
    fc.assert(
      fc.property(fc.array(change, { maxLength: 40 }), (changes) => {
        const one = epic('9', changes);
        expect(decodeChunk(JSON.parse(JSON.stringify(encodeChunk([one]))), cachedEpicSchema)).toEqual([one]);
        const alone = JSON.stringify((encodeChunk([one]) as { epics: unknown[] }).epics[0]).length;
        expect(encodedEpicBytes(one)).toBeGreaterThanOrEqual(alone);
      }),
      { numRuns: 200 },
    );
  });
});
