/** The meta's chunk id ranges: numeric order of Jira ids, a chunk's range, and the chunks that may hold an id. */
import { chunksHolding, compareIssueIds, rangeOf } from '../../../src/services/portfolio/chunkRanges';

describe('chunk id ranges', () => {
  it('should order issue ids as numbers, not as text', () => {
    expect(['10010', '9', '10002', '100'].sort(compareIssueIds)).toEqual(['9', '100', '10002', '10010']);
  });

  it('should give a chunk the smallest and largest id it holds, and none when it is empty', () => {
    expect(rangeOf(3, [{ id: '10020' }, { id: '9999' }, { id: '10100' }])).toEqual([3, '9999', '10100']);
    expect(rangeOf(4, [])).toBeNull();
  });

  it('should name the chunks whose range holds an id, the narrowest first, and none outside every range', () => {
    const ranges: [number, string, string][] = [
      [0, '10000', '10499'],
      [1, '10500', '10999'],
      [2, '10000', '10999'],
    ];
    expect(chunksHolding(ranges, '10500')).toEqual([1, 2]);
    expect(chunksHolding(ranges, '10000')).toEqual([0, 2]);
    expect(chunksHolding(ranges, '11000')).toEqual([]);
    expect(chunksHolding(ranges, '9999')).toEqual([]);
  });
});
