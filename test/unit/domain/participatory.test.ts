import { allocationProblems, allocationStatistics, scaleToTotal } from '../../../src/domain/participatory';

const STREAMS = ['pay', 'mob', 'dat'];
const A = { pay: 500, mob: 300, dat: 200 };
const B = { pay: 300, mob: 300, dat: 400 };
const C = { pay: 400, mob: 350, dat: 250 };

describe('allocationStatistics', () => {
  it('should give median, lowest, highest and spread per value stream when three participants submitted', () => {
    // pay 300 400 500 → median 400, spread 200; mob 300 300 350 → 300, 50; dat 200 250 400 → 250, 200.
    expect(allocationStatistics(STREAMS, [A, B, C])).toEqual({
      streams: [
        { valueStreamId: 'pay', median: 400, min: 300, max: 500, spread: 200 },
        { valueStreamId: 'mob', median: 300, min: 300, max: 350, spread: 50 },
        { valueStreamId: 'dat', median: 250, min: 200, max: 400, spread: 200 },
      ],
      // pay and dat tie at 200: the first in table order.
      mostDisputed: 'pay',
    });
  });

  it('should take the mean of the two middle amounts when an even number submitted', () => {
    const { streams } = allocationStatistics(STREAMS, [A, B]);
    // pay 300 500 → 400; mob 300 300 → 300; dat 200 400 → 300.
    expect(streams.map((row) => [row.median, row.spread])).toEqual([
      [400, 200],
      [300, 0],
      [300, 200],
    ]);
  });

  it('should name the stream with the largest spread when it is not the first', () => {
    expect(allocationStatistics(STREAMS, [{ pay: 400, mob: 300, dat: 300 }, { pay: 350, mob: 250, dat: 400 }]).mostDisputed).toBe('dat');
  });

  it.each([
    ['nobody submitted', []],
    ['one participant submitted', [A]],
    ['everyone agrees', [A, A]],
  ])('should name no most disputed stream when %s', (_label, submissions) => {
    expect(allocationStatistics(STREAMS, submissions).mostDisputed).toBeNull();
  });

  it('should give null statistics when nobody submitted', () => {
    expect(allocationStatistics(['pay'], []).streams).toEqual([{ valueStreamId: 'pay', median: null, min: null, max: null, spread: null }]);
  });
});

describe('scaleToTotal', () => {
  it('should scale the medians back to the total in whole units with the largest remainders when they add up to less', () => {
    // 400 + 300 + 250 = 950 → ×1000/950: 421.05, 315.79, 263.16 → 421 + 315 + 263 = 999; the unit left goes to .79.
    expect(scaleToTotal(STREAMS, { pay: 400, mob: 300, dat: 250 }, 1_000)).toEqual({ pay: 421, mob: 316, dat: 263 });
  });

  it('should keep amounts that already add up to the total', () => {
    expect(scaleToTotal(STREAMS, A, 1_000)).toEqual(A);
  });

  it('should split evenly, the earlier streams taking the units left, when every amount is 0', () => {
    expect(scaleToTotal(STREAMS, {}, 100)).toEqual({ pay: 34, mob: 33, dat: 33 });
  });
});

describe('allocationProblems', () => {
  it.each([
    ['a valid allocation', A, []],
    ['cents within half a cent', { pay: 333.33, mob: 333.33, dat: 333.34 }, []],
    ['a sum below the total', { pay: 500, mob: 300, dat: 100 }, ['the amounts add up to 900, not the total 1000']],
    ['a missing stream', { pay: 500, mob: 500 }, ['no amount for "dat"']],
    ['a stream not on the table', { ...A, plt: 0 }, ['"plt" is not a value stream of this session']],
    ['a negative amount', { pay: 1_200, mob: -200, dat: 0 }, ['the amount for "mob" must be 0 or more']],
  ])('should answer %s', (_label, allocation, problems) => {
    expect(allocationProblems(allocation, STREAMS, 1_000)).toEqual(problems);
  });
});
