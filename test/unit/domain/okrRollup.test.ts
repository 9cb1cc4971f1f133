/** The OKR roll-up, call-outs, confidence and progress line, with numbers worked out by hand. */
import {
  confidenceBand,
  confidenceFitsScale,
  isInFlight,
  noWorkInFlight,
  objectiveProgress,
  outputsDeliveredOutcomeNotReached,
  progressLine,
} from '../../../src/domain/okr';
import { aKeyResult } from '../../builders/portfolio';

const ORDER = { states: ['Funnel', 'Reviewing', 'Analyzing', 'Portfolio Backlog', 'Implementing', 'Done'], commitment: 'Implementing' };

describe('objectiveProgress roll-up', () => {
  it.each([
    // (50 − 0) ÷ (100 − 0) = 0.5 with weight 3; (20 − 10) ÷ (50 − 10) = 0.25 with weight 1:
    // (0.5·3 + 0.25·1) ÷ 4 = 1.75 ÷ 4 = 0.4375
    ['weights', [aKeyResult({ current: 50, weight: 3 }), aKeyResult({ id: 'k2', baseline: 10, target: 50, current: 20, weight: 1 })], 0.4375],
    // Lower is better: (26 − 48) ÷ (4 − 48) = −22 ÷ −44 = 0.5; churn (3.5 − 5) ÷ (2 − 5) = 0.5 → 0.5
    ['decreasing targets', [aKeyResult({ baseline: 48, target: 4, current: 26 }), aKeyResult({ id: 'k2', baseline: 5, target: 2, current: 3.5 })], 0.5],
    // Nothing moved: every current equals its baseline → 0.
    ['no movement', [aKeyResult({ current: 0 }), aKeyResult({ id: 'k2', baseline: 48, target: 4, current: 48 })], 0],
    // Beyond target: (150 − 0) ÷ 100 = 1.5 → 1; a decreasing one past its target (1 − 48) ÷ (4 − 48) = 1.07 → 1; with 0.5 → (1 + 1 + 0.5) ÷ 3
    [
      'beyond target (clamped at 1)',
      [aKeyResult({ current: 150 }), aKeyResult({ id: 'k2', baseline: 48, target: 4, current: 1 }), aKeyResult({ id: 'k3', current: 50 })],
      2.5 / 3,
    ],
    // Worse than the baseline counts as 0: (−20 − 0) ÷ 100 → 0; with 0.5 weighted 1:1 → 0.25
    ['worse than baseline (clamped at 0)', [aKeyResult({ current: -20 }), aKeyResult({ id: 'k2', current: 50 })], 0.25],
  ])('should roll up key results with %s', (_case, keyResults, expected) => {
    expect(objectiveProgress(keyResults)).toBeCloseTo(expected, 10);
  });
});

describe('call-outs', () => {
  it.each([
    ['Implementing', true],
    ['Portfolio Backlog', false],
    ['Done', false],
    [null, false],
  ] as const)('should count %s as in flight: %s', (state, expected) => {
    expect(isInFlight(state, ORDER)).toBe(expected);
  });

  it('should call out no work in flight when no linked epic is between commitment and Done', () => {
    expect(noWorkInFlight([], ORDER)).toBe(true);
    expect(noWorkInFlight([{ key: 'PAY-1', state: 'Analyzing' }, { key: 'PAY-2', state: 'Done' }], ORDER)).toBe(true);
    expect(noWorkInFlight([{ key: 'PAY-1', state: 'Analyzing' }, { key: 'PAY-3', state: 'Implementing' }], ORDER)).toBe(false);
  });

  it('should call out outputs delivered, outcome not reached when every linked epic is done and progress is below 1', () => {
    const done = [{ key: 'PAY-1', state: 'Done' }, { key: 'PAY-2', state: 'Done' }];
    expect(outputsDeliveredOutcomeNotReached(0.6, done, ORDER)).toBe(true);
    expect(outputsDeliveredOutcomeNotReached(null, done, ORDER)).toBe(true);
  });

  it.each([
    ['the target is reached', 1, [{ key: 'PAY-1', state: 'Done' }]],
    ['one linked epic is still in flight', 0.6, [{ key: 'PAY-1', state: 'Done' }, { key: 'PAY-2', state: 'Implementing' }]],
    ['no epic is linked', 0.2, []],
  ])('should not call out outputs delivered when %s', (_case, progress, epics) => {
    expect(outputsDeliveredOutcomeNotReached(progress, epics, ORDER)).toBe(false);
  });
});

describe('confidence', () => {
  it.each([
    [7, '0-10', true],
    [10, '0-10', true],
    [7.5, '0-10', false],
    ['high', '0-10', false],
    ['low', 'low-medium-high', true],
    [3, 'low-medium-high', false],
  ] as const)('should say whether %s fits the %s scale', (confidence, scale, expected) => {
    expect(confidenceFitsScale(confidence, scale)).toBe(expected);
  });

  it.each([
    [0, 'low'],
    [3, 'low'],
    [4, 'medium'],
    [6, 'medium'],
    [7, 'high'],
    [10, 'high'],
    ['medium', 'medium'],
    [null, null],
  ] as const)('should read %s as %s', (confidence, band) => {
    expect(confidenceBand(confidence)).toBe(band);
  });
});

describe('progressLine', () => {
  it('should give progress after each check-in in the quarter, in time order, clamped', () => {
    const keyResult = { baseline: 48, target: 4 };
    const checkIns = [
      { at: 300, value: 4 - 10 }, // past the target → 1
      { at: 100, value: 37 }, // (37 − 48) ÷ (4 − 48) = 0.25
      { at: 50, value: 40 }, // before the quarter: left out
      { at: 200, value: 26 }, // 0.5
      { at: 1000, value: 4 }, // at the window's end: left out
    ];
    expect(progressLine(keyResult, checkIns, { from: 100, to: 1000 })).toEqual([
      { at: 100, progress: 0.25 },
      { at: 200, progress: 0.5 },
      { at: 300, progress: 1 },
    ]);
  });
});
