/** The flow-time histogram's bins (stats.histogram), worked by hand. */
import { histogram } from '../../../src/domain/stats';

describe('histogram', () => {
  it('should use width 1 when the largest value fits in the bins', () => {
    expect(histogram([0, 1, 1, 3], 12)).toEqual([
      { from: 0, to: 1, count: 1 },
      { from: 1, to: 2, count: 2 },
      { from: 2, to: 3, count: 0 },
      { from: 3, to: 4, count: 1 },
    ]);
  });

  it('should widen the bins to at most maxBins: 0..30 in 3 bins is width ceil(31 / 3) = 11', () => {
    expect(histogram([0, 10, 11, 30], 3)).toEqual([
      { from: 0, to: 11, count: 2 },
      { from: 11, to: 22, count: 1 },
      { from: 22, to: 33, count: 1 },
    ]);
  });

  it('should give no bins for no values', () => {
    expect(histogram([])).toEqual([]);
  });
});
