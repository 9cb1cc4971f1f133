import {
  actualSpendOf,
  approvalThresholdFor,
  approvalsNeeded,
  budgetStage,
  capacityAllocation,
  commitmentVerdict,
  mayEnterState,
  monthsOfQuarter,
  needsApproval,
  previousQuarter,
  valueStreamBudgetLines,
} from '../../../src/domain/budget';
import type { BudgetEpic } from '../../../src/domain/budget';
import { aBudgetEpic, aStreamEpic, aValueStreamBudget } from '../../builders/portfolio';

describe('valueStreamBudgetLines', () => {
  it('should forecast only committed epics and leave budget minus actual when some epics are before commitment or done', () => {
    const budgets = [aValueStreamBudget({ valueStream: 'Payments', budget: 100_000, actualSpend: 30_000 })];
    const epics = [
      aStreamEpic({ key: 'P-1', forecastCost: 20_000 }),
      aStreamEpic({ key: 'P-2', forecastCost: 15_000 }),
      aStreamEpic({ key: 'P-3', forecastCost: 50_000, stage: 'done' }),
      aStreamEpic({ key: 'P-4', forecastCost: 70_000, stage: 'before' }),
    ];
    // forecast 20,000 + 15,000 = 35,000; remaining 100,000 − 30,000 = 70,000
    expect(valueStreamBudgetLines(budgets, epics)).toEqual({
      lines: [{ valueStream: 'Payments', budget: 100_000, forecast: 35_000, actualSpend: 30_000, remaining: 70_000, forecastOverBudget: false, actualOverBudget: false }],
      unestimated: [],
    });
  });

  it('should count unestimated committed epics as 0 and list them when forecasts are missing', () => {
    const epics = [
      aStreamEpic({ key: 'P-1', forecastCost: null }),
      aStreamEpic({ key: 'P-2', forecastCost: 5_000 }),
      aStreamEpic({ key: 'P-3', forecastCost: null, stage: 'done' }),
      aStreamEpic({ key: 'P-4', forecastCost: null, stage: 'before' }),
      aStreamEpic({ key: 'P-5', forecastCost: null }),
    ];
    const result = valueStreamBudgetLines([aValueStreamBudget({ budget: 50_000, actualSpend: 10_000 })], epics);
    expect(result.lines[0]).toMatchObject({ forecast: 5_000, remaining: 40_000 });
    expect(result.unestimated).toEqual(['P-1', 'P-5']);
  });

  it('should add a line with budget 0 after the budgeted ones when a value stream has committed epics but no budget', () => {
    const epics = [aStreamEpic({ key: 'M-1', valueStream: 'Mobile', forecastCost: 4_000 }), aStreamEpic({ key: 'C-1', valueStream: 'Checkout', forecastCost: 1_000 })];
    expect(valueStreamBudgetLines([aValueStreamBudget({ budget: 10_000 })], epics).lines).toEqual([
      { valueStream: 'Payments', budget: 10_000, forecast: 0, actualSpend: 0, remaining: 10_000, forecastOverBudget: false, actualOverBudget: false },
      { valueStream: 'Checkout', budget: 0, forecast: 1_000, actualSpend: 0, remaining: 0, forecastOverBudget: true, actualOverBudget: false },
      { valueStream: 'Mobile', budget: 0, forecast: 4_000, actualSpend: 0, remaining: 0, forecastOverBudget: true, actualOverBudget: false },
    ]);
  });

  it.each([
    ['under', 40_000, 60_000, 60_000, false, false],
    ['exactly used up', 100_000, 100_000, 0, false, false],
    ['forecast over', 40_000, 100_001, 60_000, true, false],
    ['actual over', 100_500, 20_000, -500, false, true],
  ])('should warn only above the budget (%s)', (_label, actualSpend, forecast, remaining, forecastOverBudget, actualOverBudget) => {
    const result = valueStreamBudgetLines([aValueStreamBudget({ budget: 100_000, actualSpend })], [aStreamEpic({ forecastCost: forecast })]);
    expect(result.lines[0]).toMatchObject({ remaining, forecastOverBudget, actualOverBudget });
  });

  it('should add up several budget rows when one value stream has more than one', () => {
    const budgets = [aValueStreamBudget({ budget: 10_000, actualSpend: 1_000 }), aValueStreamBudget({ budget: 5_000, actualSpend: 2_000 })];
    expect(valueStreamBudgetLines(budgets, []).lines).toEqual([
      { valueStream: 'Payments', budget: 15_000, forecast: 0, actualSpend: 3_000, remaining: 12_000, forecastOverBudget: false, actualOverBudget: false },
    ]);
  });

  it('should answer no lines when there are no budgets and no epics', () => {
    expect(valueStreamBudgetLines([], [])).toEqual({ lines: [], unestimated: [] });
  });
});

describe('budgetStage', () => {
  const config = { states: ['Funnel', 'Analyzing', 'Implementing', 'Done'], commitment: 'Implementing' };
  it.each([
    ['Funnel', 'before'],
    ['Analyzing', 'before'],
    ['Implementing', 'committed'],
    ['Done', 'done'],
    [null, 'before'],
    ['On Hold', 'before'],
  ] as const)('should place an epic in %s at stage %s', (state, stage) => {
    expect(budgetStage(state, config)).toBe(stage);
  });
});

describe('commitmentVerdict and approvalThresholdFor', () => {
  it.each([
    ['above without a decision', 300_000, null, 250_000, false],
    ['above with pivot', 300_000, 'pivot', 250_000, false],
    ['above with persevere', 300_000, 'persevere', 250_000, false],
    ['above with go', 300_000, 'go', 250_000, true],
    ['at the threshold', 250_000, null, 250_000, true],
    ['unestimated', null, null, 250_000, true],
    ['no threshold', 9_000_000, 'no-go', null, true],
  ] as const)('should answer allowed=%s… (%s)', (_label, forecastCost, decision, threshold, allowed) => {
    const verdict = commitmentVerdict({ key: 'PAY-7', forecastCost, decision }, threshold);
    expect(verdict.allowed).toBe(allowed);
    expect(verdict.reason === null).toBe(allowed);
  });

  it('should say why in words when the epic is refused', () => {
    expect(commitmentVerdict({ key: 'PAY-7', forecastCost: 300_000, decision: 'pivot' }, 250_000).reason).toBe(
      'PAY-7 has a forecast cost of 300000, above the approval threshold of 250000, and the latest decision is pivot: a portfolio manager must decide go on its business case before it may be committed.',
    );
  });

  it('should take the value stream own threshold before the portfolio one', () => {
    const guardrails = { approvalThreshold: 100, approvalThresholdByValueStream: { payments: 500 } };
    expect(approvalThresholdFor(guardrails, 'payments')).toBe(500);
    expect(approvalThresholdFor(guardrails, 'mobile')).toBe(100);
    expect(approvalThresholdFor({ approvalThreshold: null, approvalThresholdByValueStream: {} }, 'mobile')).toBeNull();
  });
});

describe('quarters', () => {
  it.each([
    ['2026-Q1', ['2026-01', '2026-02', '2026-03'], '2025-Q4'],
    ['2026-Q4', ['2026-10', '2026-11', '2026-12'], '2026-Q3'],
  ])('should give the months of %s and the quarter before', (quarter, months, before) => {
    expect(monthsOfQuarter(quarter)).toEqual(months);
    expect(previousQuarter(quarter)).toBe(before);
  });

  it('should add up monthly spend', () => {
    expect(actualSpendOf([{ amount: 1_500 }, { amount: 2_250.5 }])).toBe(3_750.5);
    expect(actualSpendOf([])).toBe(0);
  });
});

describe('capacityAllocation', () => {
  const epics = [
    aBudgetEpic({ key: 'E-1', investmentType: 'Growth', costEstimate: 60_000 }),
    aBudgetEpic({ key: 'E-2', investmentType: 'Run', costEstimate: 30_000 }),
    aBudgetEpic({ key: 'E-3', investmentType: 'Innovation', costEstimate: 10_000 }),
    aBudgetEpic({ key: 'E-4', investmentType: 'Run', costEstimate: 500_000, done: true }), // done: not counted
    aBudgetEpic({ key: 'E-5', investmentType: 'Growth', costEstimate: null }), // counts 0
  ];

  it('should compare open cost shares with targets within the tolerance', () => {
    // open total 100,000: Growth 0.6 vs 0.5 (off by 0.1), Run 0.3 vs 0.25 (0.05, at the edge), Innovation 0.1 vs 0.2
    const rows = capacityAllocation(epics, { Growth: 0.5, Run: 0.25, Innovation: 0.2, Compliance: 0.05 }, 0.05);
    expect(rows.map((r) => [r.investmentType, r.cost, r.target, r.withinTolerance])).toEqual([
      ['Growth', 60_000, 0.5, false],
      ['Run', 30_000, 0.25, true],
      ['Innovation', 10_000, 0.2, false],
      ['Compliance', 0, 0.05, true],
    ]);
    expect(rows.map((r) => r.share)).toEqual([0.6, 0.3, 0.1, 0]);
  });

  it.each([
    [0.55, 0.05, true],
    [0.7, 0.05, false],
    [0.5, 0.1, true],
    [0.49, 0.1, false],
  ])('should judge Growth share 0.6 against target %p with tolerance %p as %p', (target, tolerance, expected) => {
    const growth = capacityAllocation(epics, { Growth: target }, tolerance).find((r) => r.investmentType === 'Growth');
    expect(growth?.withinTolerance).toBe(expected);
  });

  it('should list investment types without a target with null target when epics use them', () => {
    const rows = capacityAllocation(epics, { Growth: 0.6 }, 0.05);
    expect(rows.map((r) => [r.investmentType, r.target, r.withinTolerance])).toEqual([
      ['Growth', 0.6, true],
      ['Innovation', null, null],
      ['Run', null, null],
    ]);
  });

  it('should give share 0 and no judgement when there is no open cost', () => {
    const rows = capacityAllocation([aBudgetEpic({ costEstimate: 10, done: true })], { Growth: 0.5 }, 0.05);
    expect(rows).toEqual([{ investmentType: 'Growth', cost: 0, share: 0, target: 0.5, withinTolerance: null }]);
  });
});

describe('needsApproval', () => {
  it.each([
    ['below the threshold', 99_999, false, false],
    ['at the threshold', 100_000, false, false],
    ['above the threshold', 100_001, false, true],
    ['above the threshold but approved', 100_001, true, false],
    ['unestimated', null, false, false],
  ])('should be %#: %s', (_label, costEstimate, approved, expected) => {
    expect(needsApproval({ costEstimate, approved }, 100_000)).toBe(expected);
  });
});

describe('mayEnterState', () => {
  const config = { states: ['Funnel', 'Reviewing', 'Analyzing', 'Portfolio Backlog', 'Implementing', 'Done'], commitment: 'Implementing' };
  const expensive = { costEstimate: 250_000, approved: false };

  it.each(['Funnel', 'Reviewing', 'Analyzing', 'Portfolio Backlog'])('should allow %s before the commitment point without approval', (state) => {
    expect(mayEnterState(expensive, state, config, 100_000)).toEqual({ allowed: true, reason: null });
  });

  it.each(['Implementing', 'Done'])('should refuse %s when an epic above the threshold has no approval', (state) => {
    expect(mayEnterState(expensive, state, config, 100_000)).toEqual({
      allowed: false,
      reason: `Cost estimate 250000 is above the approval threshold 100000: the epic needs an approval before it may enter ${state}`,
    });
  });

  it.each(['Implementing', 'Done'])('should allow %s when the epic is approved', (state) => {
    expect(mayEnterState({ ...expensive, approved: true }, state, config, 100_000)).toEqual({ allowed: true, reason: null });
  });

  it.each([
    [100_000, true],
    [100_001, false],
  ])('should decide the commitment state for cost %p as allowed=%p when the threshold is 100,000', (costEstimate, allowed) => {
    expect(mayEnterState({ costEstimate, approved: false }, 'Implementing', config, 100_000).allowed).toBe(allowed);
  });

  it('should follow a renamed commitment point when admins change the states', () => {
    const custom = { states: ['Idea', 'Ready', 'Build', 'Verify', 'Shipped'], commitment: 'Build' };
    expect(mayEnterState(expensive, 'Ready', custom, 100_000).allowed).toBe(true);
    expect(mayEnterState(expensive, 'Verify', custom, 100_000).allowed).toBe(false);
  });

  it('should not apply the guardrail when the target is not a portfolio state', () => {
    expect(mayEnterState(expensive, 'Waiting for vendor', config, 100_000)).toEqual({ allowed: true, reason: null });
  });
});

describe('approvalsNeeded', () => {
  const config = { states: ['Funnel', 'Reviewing', 'Analyzing', 'Portfolio Backlog', 'Implementing', 'Done'], commitment: 'Implementing' };
  const anEpic = (state: string | null, overrides: Partial<BudgetEpic> = {}) => ({ ...aBudgetEpic({ costEstimate: 250_000, ...overrides }), state });

  it.each([
    ['before the commitment point, above the threshold, not approved', anEpic('Portfolio Backlog'), true],
    ['in no state (unmapped status), above the threshold', anEpic(null), true],
    ['at the commitment point already', anEpic('Implementing'), false],
    ['past the commitment point', anEpic('Done', { done: true }), false],
    ['done while still in an early state (reopened data)', anEpic('Funnel', { done: true }), false],
    ['approved', anEpic('Funnel', { approved: true }), false],
    ['at the threshold exactly', anEpic('Funnel', { costEstimate: 100_000 }), false],
    ['unestimated', anEpic('Funnel', { costEstimate: null }), false],
  ])('should list an epic %s: %p', (_label, epic, listed) => {
    expect(approvalsNeeded([epic], config, 100_000)).toEqual(listed ? [{ key: 'LPM-1', costEstimate: epic.costEstimate }] : []);
  });

  it('should list the epics in input order with their estimates when several need an approval', () => {
    const epics = [
      anEpic('Reviewing', { key: 'B-2', costEstimate: 120_000 }),
      anEpic('Implementing', { key: 'A-9', costEstimate: 900_000 }),
      anEpic('Funnel', { key: 'A-1', costEstimate: 100_001 }),
    ];
    expect(approvalsNeeded(epics, config, 100_000)).toEqual([
      { key: 'B-2', costEstimate: 120_000 },
      { key: 'A-1', costEstimate: 100_001 },
    ]);
  });

  it('should give none when there are no epics', () => {
    expect(approvalsNeeded([], config, 0)).toEqual([]);
  });
});
