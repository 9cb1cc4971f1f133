import { keyResultProgress, objectiveProgress, okrProblems } from '../../../src/domain/okr';
import { aKeyResult } from '../../builders/portfolio';

describe('keyResultProgress', () => {
  it.each([
    ['increasing, halfway', { baseline: 0, target: 100, current: 50 }, 0.5],
    ['increasing from a non-zero baseline', { baseline: 20, target: 60, current: 30 }, 0.25],
    ['increasing, reached exactly', { baseline: 20, target: 60, current: 60 }, 1],
    ['increasing, at baseline', { baseline: 20, target: 60, current: 20 }, 0],
    ['increasing, overshoot clamps to 1', { baseline: 0, target: 100, current: 150 }, 1],
    ['increasing, undershoot (went backwards) clamps to 0', { baseline: 10, target: 100, current: 5 }, 0],
    ['decreasing (churn 8% → 4%), at 7%', { baseline: 8, target: 4, current: 7 }, 0.25],
    ['decreasing, reached', { baseline: 8, target: 4, current: 4 }, 1],
    ['decreasing, overshoot (3%) clamps to 1', { baseline: 8, target: 4, current: 3 }, 1],
    ['decreasing, got worse (9%) clamps to 0', { baseline: 8, target: 4, current: 9 }, 0],
    ['negative range', { baseline: -10, target: 10, current: 5 }, 0.75],
  ])('should give %s → %p', (_label, overrides, expected) => {
    expect(keyResultProgress(aKeyResult(overrides))).toBeCloseTo(expected, 10);
  });

  it.each([
    ['current is null', { current: null }],
    ['target equals baseline', { baseline: 50, target: 50, current: 60 }],
  ])('should be null when %s', (_label, overrides) => {
    expect(keyResultProgress(aKeyResult(overrides))).toBeNull();
  });
});

describe('objectiveProgress', () => {
  it('should take the plain mean when no weight is given', () => {
    // 0.5, 0.25, 1 → 1.75 / 3
    const krs = [aKeyResult({ current: 50 }), aKeyResult({ current: 25 }), aKeyResult({ current: 120 })];
    expect(objectiveProgress(krs)).toBeCloseTo(1.75 / 3, 10);
  });

  it('should weight the mean when weights are given', () => {
    // 0.5 × 3 + 1 × 1 = 2.5 over weight 4 → 0.625
    const krs = [aKeyResult({ current: 50, weight: 3 }), aKeyResult({ current: 100, weight: 1 })];
    expect(objectiveProgress(krs)).toBeCloseTo(0.625, 10);
  });

  it('should count a missing weight as 1 when other KRs have weights', () => {
    // 0 × 2 + 1 × 1 (default) → 1 / 3
    const krs = [aKeyResult({ current: 0, weight: 2 }), aKeyResult({ current: 100 })];
    expect(objectiveProgress(krs)).toBeCloseTo(1 / 3, 10);
  });

  it('should leave out key results without progress when averaging', () => {
    // only 0.5 and 0 count; the null-current and flat KRs are left out, whatever their weight
    const krs = [
      aKeyResult({ current: 50 }),
      aKeyResult({ current: null, weight: 10 }),
      aKeyResult({ baseline: 5, target: 5, current: 5, weight: 10 }),
      aKeyResult({ current: 0 }),
    ];
    expect(objectiveProgress(krs)).toBeCloseTo(0.25, 10);
  });

  it('should mix increasing and decreasing key results when averaging', () => {
    // 0.5 (up) and 0.25 (down 8 → 4 at 7) → 0.375
    const krs = [aKeyResult({ current: 50 }), aKeyResult({ baseline: 8, target: 4, current: 7 })];
    expect(objectiveProgress(krs)).toBeCloseTo(0.375, 10);
  });

  it.each([
    ['there are no key results', []],
    ['no key result has progress', [aKeyResult({ current: null }), aKeyResult({ baseline: 1, target: 1 })]],
    ['every weight is 0', [aKeyResult({ weight: 0 }), aKeyResult({ weight: 0 })]],
  ])('should be null when %s', (_label, krs) => {
    expect(objectiveProgress(krs)).toBeNull();
  });
});

describe('okrProblems', () => {
  const kr = (id: string, overrides: { baseline?: number; target?: number } = {}) => ({ ...aKeyResult({ id, ...overrides }), title: `KR ${id}` });

  it('should report nothing when ids are unique and every target differs from its baseline', () => {
    const objectives = [
      { id: 'o1', title: 'Grow', keyResults: [kr('k1'), kr('k2', { baseline: 8, target: 4 })] },
      // Key result ids need only be unique within their objective.
      { id: 'o2', title: 'Keep', keyResults: [kr('k1')] },
    ];
    expect(okrProblems(objectives)).toEqual([]);
  });

  it('should report nothing when there are no objectives', () => {
    expect(okrProblems([])).toEqual([]);
  });

  it.each([
    ['a repeated objective id', [{ id: 'o', title: 'A', keyResults: [] }, { id: 'o', title: 'B', keyResults: [] }], ['Duplicate objective id "o"']],
    ['a key result id repeated in one objective', [{ id: 'o', title: 'Grow', keyResults: [kr('k'), kr('k')] }], ['Objective "Grow" repeats key result id "k"']],
    [
      'a target equal to its baseline',
      [{ id: 'o', title: 'Grow', keyResults: [kr('k', { baseline: 3, target: 3 })] }],
      ['Key result "KR k" has its target equal to its baseline: progress cannot be measured'],
    ],
  ])('should report %s', (_label, objectives, expected) => {
    expect(okrProblems(objectives)).toEqual(expected);
  });
});
