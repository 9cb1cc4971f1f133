/** Small builders for the portfolio domain types: sensible defaults, override what the test is about. */
import type { WsjfComponents } from '../../src/domain/wsjf';
import type { KeyResult } from '../../src/domain/okr';
import type { BudgetEpic, StreamEpic, ValueStreamBudget } from '../../src/domain/budget';
import type { StrategicTheme } from '../../src/domain/themes';

export type ScoredEpic = WsjfComponents & { key: string };

/** UBV 8 + TC 5 + RR|OE 3 = cost of delay 16; job size 2 → WSJF 8. */
export function aWsjfEpic(overrides: Partial<ScoredEpic> = {}): ScoredEpic {
  return { key: 'LPM-1', userBusinessValue: 8, timeCriticality: 5, riskReductionOpportunityEnablement: 3, jobSize: 2, ...overrides };
}

/** Baseline 0, target 100, current 50 → progress 0.5. */
export function aKeyResult(overrides: Partial<KeyResult> = {}): KeyResult {
  return { id: 'kr-1', baseline: 0, target: 100, current: 50, ...overrides };
}

export function aBudgetEpic(overrides: Partial<BudgetEpic> = {}): BudgetEpic {
  return { key: 'LPM-1', valueStream: 'Payments', investmentType: 'Growth', costEstimate: 10_000, done: false, approved: false, ...overrides };
}

/** A committed epic of Payments forecast at 10,000. */
export function aStreamEpic(overrides: Partial<StreamEpic> = {}): StreamEpic {
  return { key: 'LPM-1', valueStream: 'Payments', forecastCost: 10_000, stage: 'committed', ...overrides };
}

export function aValueStreamBudget(overrides: Partial<ValueStreamBudget> = {}): ValueStreamBudget {
  return { valueStream: 'Payments', budget: 100_000, actualSpend: 0, ...overrides };
}

export function aTheme(overrides: Partial<StrategicTheme> = {}): StrategicTheme {
  return { id: 'theme-1', name: 'Grow mobile', label: 'theme-mobile', targetAllocation: null, ...overrides };
}
