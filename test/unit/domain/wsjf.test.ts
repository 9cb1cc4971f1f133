import { MODIFIED_FIBONACCI, compareKeysNaturally, costOfDelay, rankByWsjf, validateWsjfComponents, wsjfScore } from '../../../src/domain/wsjf';
import { aWsjfEpic, type ScoredEpic } from '../../builders/portfolio';

describe('costOfDelay', () => {
  it.each([
    [{ userBusinessValue: 8, timeCriticality: 5, riskReductionOpportunityEnablement: 3 }, 16],
    [{ userBusinessValue: 20, timeCriticality: 20, riskReductionOpportunityEnablement: 20 }, 60],
    [{ userBusinessValue: 1, timeCriticality: 1, riskReductionOpportunityEnablement: 1 }, 3],
    [{ userBusinessValue: null }, null],
    [{ timeCriticality: null }, null],
    [{ riskReductionOpportunityEnablement: null }, null],
  ])('should give %j → %p', (overrides, expected) => {
    expect(costOfDelay(aWsjfEpic(overrides))).toBe(expected);
  });

  it('should ignore the job size when it is missing', () => {
    expect(costOfDelay(aWsjfEpic({ jobSize: null }))).toBe(16);
  });
});

describe('wsjfScore', () => {
  it.each([
    ['UBV 8 + TC 5 + RR 3 = 16, job 2', {}, 8],
    ['16 ÷ 5', { jobSize: 5 }, 3.2],
    ['(13 + 8 + 1) ÷ 1', { userBusinessValue: 13, timeCriticality: 8, riskReductionOpportunityEnablement: 1, jobSize: 1 }, 22],
    ['(1 + 1 + 1) ÷ 20', { userBusinessValue: 1, timeCriticality: 1, riskReductionOpportunityEnablement: 1, jobSize: 20 }, 0.15],
  ])('should score %s as %p when every component is given', (_label, overrides, expected) => {
    expect(wsjfScore(aWsjfEpic(overrides))).toBeCloseTo(expected, 10);
  });

  it.each([
    ['userBusinessValue', { userBusinessValue: null }],
    ['timeCriticality', { timeCriticality: null }],
    ['riskReductionOpportunityEnablement', { riskReductionOpportunityEnablement: null }],
    ['jobSize', { jobSize: null }],
  ])('should be null (not 0) when %s is missing', (_name, overrides) => {
    expect(wsjfScore(aWsjfEpic(overrides))).toBeNull();
  });

  it.each([0, -1, -5])('should be null when the job size is %p', (jobSize) => {
    expect(wsjfScore(aWsjfEpic({ jobSize }))).toBeNull();
  });
});

describe('validateWsjfComponents', () => {
  it('should accept every value of the modified Fibonacci scale', () => {
    for (const v of MODIFIED_FIBONACCI) {
      expect(validateWsjfComponents({ userBusinessValue: v, timeCriticality: v, riskReductionOpportunityEnablement: v, jobSize: v })).toEqual([]);
    }
  });

  it('should accept null components when they are not scored yet', () => {
    expect(validateWsjfComponents({ userBusinessValue: null, timeCriticality: null, riskReductionOpportunityEnablement: null, jobSize: null })).toEqual([]);
  });

  it.each([
    [{ timeCriticality: 4 }, ['timeCriticality 4 is not on the scale 1, 2, 3, 5, 8, 13, 20']],
    [{ userBusinessValue: 0 }, ['userBusinessValue 0 is not on the scale 1, 2, 3, 5, 8, 13, 20']],
    [{ riskReductionOpportunityEnablement: 21 }, ['riskReductionOpportunityEnablement 21 is not on the scale 1, 2, 3, 5, 8, 13, 20']],
    [{ jobSize: 2.5 }, ['jobSize 2.5 is not on the scale 1, 2, 3, 5, 8, 13, 20']],
    [
      { userBusinessValue: 4, jobSize: -1 },
      ['userBusinessValue 4 is not on the scale 1, 2, 3, 5, 8, 13, 20', 'jobSize -1 is not on the scale 1, 2, 3, 5, 8, 13, 20'],
    ],
  ])('should report %j when off the default scale', (overrides, expected) => {
    expect(validateWsjfComponents(aWsjfEpic(overrides))).toEqual(expected);
  });

  it('should check against a configured scale when one is given', () => {
    const scale = [1, 2, 4, 8];
    expect(validateWsjfComponents(aWsjfEpic({ userBusinessValue: 4, timeCriticality: 8, riskReductionOpportunityEnablement: 1, jobSize: 2 }), scale)).toEqual([]);
    expect(validateWsjfComponents(aWsjfEpic({ userBusinessValue: 4, timeCriticality: 5, riskReductionOpportunityEnablement: 1, jobSize: 2 }), scale)).toEqual([
      'timeCriticality 5 is not on the scale 1, 2, 4, 8',
    ]);
  });
});

describe('compareKeysNaturally', () => {
  it.each([
    ['ABC-9', 'ABC-10', -1],
    ['ABC-10', 'ABC-9', 1],
    ['ABC-10', 'ABC-10', 0],
    ['ABC-100', 'ABD-1', -1],
    ['AB-5', 'ABC-1', -1],
    ['ABC-1', 'ABC-1a', -1],
  ])('should order %s against %s as %p', (a, b, sign) => {
    expect(Math.sign(compareKeysNaturally(a, b))).toBe(sign);
  });
});

describe('rankByWsjf', () => {
  const rank = (epics: ScoredEpic[]) => rankByWsjf(epics, (e) => e).map((r) => [r.key, r.rank]);

  it('should rank by WSJF descending when scores differ', () => {
    const epics = [
      aWsjfEpic({ key: 'A-1', jobSize: 8 }), // 16 / 8 = 2
      aWsjfEpic({ key: 'A-2', jobSize: 1 }), // 16
      aWsjfEpic({ key: 'A-3', jobSize: 2 }), // 8
    ];
    expect(rank(epics)).toEqual([['A-2', 1], ['A-3', 2], ['A-1', 3]]);
  });

  it('should break a WSJF tie by cost of delay descending', () => {
    const epics = [
      aWsjfEpic({ key: 'A-1', userBusinessValue: 3, timeCriticality: 2, riskReductionOpportunityEnablement: 1, jobSize: 1 }), // 6 / 1 = 6
      aWsjfEpic({ key: 'A-2', userBusinessValue: 5, timeCriticality: 5, riskReductionOpportunityEnablement: 2, jobSize: 2 }), // 12 / 2 = 6
    ];
    const ranked = rankByWsjf(epics, (e) => e);
    expect(ranked.map((r) => [r.key, r.wsjf, r.costOfDelay, r.rank])).toEqual([['A-2', 6, 12, 1], ['A-1', 6, 6, 2]]);
  });

  it('should break a WSJF and cost-of-delay tie by job size ascending', () => {
    // With positive cost of delay, equal WSJF and equal cost of delay imply equal job size; the rule
    // decides when cost of delay is 0 (components of 0, off the scale but still computed): 0 ÷ n = 0.
    const zero = { userBusinessValue: 0, timeCriticality: 0, riskReductionOpportunityEnablement: 0 };
    const epics = [aWsjfEpic({ ...zero, key: 'A-1', jobSize: 13 }), aWsjfEpic({ ...zero, key: 'A-2', jobSize: 3 }), aWsjfEpic({ ...zero, key: 'A-3', jobSize: 8 })];
    const ranked = rankByWsjf(epics, (e) => e);
    expect(ranked.map((r) => [r.key, r.wsjf, r.costOfDelay, r.rank])).toEqual([
      ['A-2', 0, 0, 1],
      ['A-3', 0, 0, 2],
      ['A-1', 0, 0, 3],
    ]);
  });

  it('should break a full score tie by key in natural order', () => {
    const epics = [aWsjfEpic({ key: 'ABC-10' }), aWsjfEpic({ key: 'ABC-9' }), aWsjfEpic({ key: 'ABC-100' })];
    expect(rank(epics)).toEqual([['ABC-9', 1], ['ABC-10', 2], ['ABC-100', 3]]);
  });

  it('should place unscored epics last by key with rank null when components are missing', () => {
    const epics = [
      aWsjfEpic({ key: 'A-10', jobSize: null }),
      aWsjfEpic({ key: 'A-3', jobSize: 20 }), // 0.8
      aWsjfEpic({ key: 'A-2', timeCriticality: null }),
      aWsjfEpic({ key: 'A-9', jobSize: 0 }),
      aWsjfEpic({ key: 'A-1', jobSize: 1 }), // 16
    ];
    const ranked = rankByWsjf(epics, (e) => e);
    expect(ranked.map((r) => [r.key, r.rank, r.wsjf])).toEqual([
      ['A-1', 1, 16],
      ['A-3', 2, 0.8],
      ['A-2', null, null],
      ['A-9', null, null],
      ['A-10', null, null],
    ]);
    expect(ranked.find((r) => r.key === 'A-10')?.costOfDelay).toBe(16);
    expect(ranked.find((r) => r.key === 'A-2')?.costOfDelay).toBeNull();
  });

  it('should keep the original item and give unique gapless ranks when many tie', () => {
    const items = ['X-3', 'X-1', 'X-2'].map((key) => ({ id: key, wsjf: aWsjfEpic({ key }) }));
    const ranked = rankByWsjf(items, (i) => i.wsjf);
    expect(ranked.map((r) => r.rank)).toEqual([1, 2, 3]);
    expect(ranked.map((r) => r.item.id)).toEqual(['X-1', 'X-2', 'X-3']);
  });

  it('should return an empty ranking when there are no epics', () => {
    expect(rankByWsjf([], (e: ScoredEpic) => e)).toEqual([]);
  });
});
