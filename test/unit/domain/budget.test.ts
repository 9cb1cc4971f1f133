import { approvalsNeeded, budgetLines, capacityAllocation, mayEnterState, needsApproval } from '../../../src/domain/budget';
import type { BudgetEpic } from '../../../src/domain/budget';
import { aBudgetEpic, aValueStreamBudget } from '../../builders/portfolio';

describe('budgetLines', () => {
  it('should forecast only open epics and subtract actual spend when some epics are done', () => {
    const budgets = [aValueStreamBudget({ valueStream: 'Payments', budget: 100_000, actualSpend: 30_000 })];
    const epics = [
      aBudgetEpic({ key: 'P-1', costEstimate: 20_000 }),
      aBudgetEpic({ key: 'P-2', costEstimate: 15_000 }),
      aBudgetEpic({ key: 'P-3', costEstimate: 50_000, done: true }),
    ];
    // forecast 35,000; remaining 100,000 − 30,000 − 35,000 = 35,000
    expect(budgetLines(budgets, epics)).toEqual({
      lines: [{ valueStream: 'Payments', budget: 100_000, forecast: 35_000, actualSpend: 30_000, remaining: 35_000, overBudget: false }],
      unestimated: [],
    });
  });

  it('should count unestimated open epics as 0 and list them when estimates are missing', () => {
    const budgets = [aValueStreamBudget({ budget: 50_000, actualSpend: 10_000 })];
    const epics = [
      aBudgetEpic({ key: 'P-1', costEstimate: null }),
      aBudgetEpic({ key: 'P-2', costEstimate: 5_000 }),
      aBudgetEpic({ key: 'P-3', costEstimate: null, done: true }),
      aBudgetEpic({ key: 'P-4', costEstimate: null }),
    ];
    const result = budgetLines(budgets, epics);
    expect(result.lines[0]).toMatchObject({ forecast: 5_000, remaining: 35_000 });
    expect(result.unestimated).toEqual(['P-1', 'P-4']);
  });

  it('should add a line with budget 0 when a value stream has epics but no budget', () => {
    const budgets = [aValueStreamBudget({ valueStream: 'Payments', budget: 10_000, actualSpend: 0 })];
    const epics = [
      aBudgetEpic({ key: 'M-1', valueStream: 'Mobile', costEstimate: 4_000 }),
      aBudgetEpic({ key: 'C-1', valueStream: 'Checkout', costEstimate: 1_000 }),
    ];
    expect(budgetLines(budgets, epics).lines).toEqual([
      { valueStream: 'Payments', budget: 10_000, forecast: 0, actualSpend: 0, remaining: 10_000, overBudget: false },
      { valueStream: 'Checkout', budget: 0, forecast: 1_000, actualSpend: 0, remaining: -1_000, overBudget: true },
      { valueStream: 'Mobile', budget: 0, forecast: 4_000, actualSpend: 0, remaining: -4_000, overBudget: true },
    ]);
  });

  it.each([
    ['under', 40_000, 50_000, 10_000, false],
    ['exactly used up', 50_000, 50_000, 0, false],
    ['over', 50_000, 50_001, -1, true],
  ])('should flag over budget only when remaining < 0 (%s)', (_label, actualSpend, forecast, remaining, overBudget) => {
    const result = budgetLines([aValueStreamBudget({ budget: 100_000, actualSpend })], [aBudgetEpic({ costEstimate: forecast })]);
    expect(result.lines[0]).toMatchObject({ remaining, overBudget });
  });

  it('should add up several budget rows when one value stream has more than one', () => {
    const budgets = [aValueStreamBudget({ budget: 10_000, actualSpend: 1_000 }), aValueStreamBudget({ budget: 5_000, actualSpend: 2_000 })];
    expect(budgetLines(budgets, []).lines).toEqual([
      { valueStream: 'Payments', budget: 15_000, forecast: 0, actualSpend: 3_000, remaining: 12_000, overBudget: false },
    ]);
  });

  it('should give no lines when there are no budgets and no epics', () => {
    expect(budgetLines([], [])).toEqual({ lines: [], unestimated: [] });
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
