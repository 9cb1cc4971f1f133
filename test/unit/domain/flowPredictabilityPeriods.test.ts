/** Predictability per period with "planned" = committed before the period and not done before it. */
import { predictabilityByPeriod } from '../../../src/domain/flowPredictability';
import type { PredictabilityEpic } from '../../../src/domain/flowPredictability';

const epic = (key: string, businessValue: number | null, committed: string | null, done: string | null): PredictabilityEpic => ({ key, businessValue, committed, done });

describe('predictabilityByPeriod', () => {
  const epics = [
    epic('A', 8, '2024-12-10', '2025-01-15'), // planned for Q1 (committed before), delivered in Q1
    epic('B', 5, '2024-11-01', '2025-05-01'), // planned for Q1, not delivered; planned for Q2, delivered
    epic('C', 3, '2025-02-01', '2025-03-01'), // committed in Q1, done in Q1: unplanned delivery
    epic('D', null, '2024-12-01', null), // planned, no value
    epic('E', 13, null, '2025-02-01'), // never committed (closed without implementation)
    epic('F', 2, '2024-10-01', '2024-12-20'), // done before Q1: not planned for it
  ];

  it('should compare the value delivered with the value planned, per quarter', () => {
    const [q1, q2] = predictabilityByPeriod(epics, 'quarter', '2025-01-01', '2025-05-15');
    // Q1 planned: A 8, B 5, D 0 (unvalued) = 13; delivered A 8: 8 / 13.
    expect(q1).toEqual({
      start: '2025-01-01',
      end: '2025-03-31',
      partial: false,
      plannedCount: 3,
      plannedValue: 13,
      deliveredCount: 1,
      deliveredValue: 8,
      unplannedDeliveredValue: 3,
      unvalued: 1,
      predictability: 8 / 13,
    });
    // Q2 planned: B 5, D 0 (C done in Q1); delivered B: 5 / 5. Partial on 05-15.
    expect(q2).toMatchObject({ plannedCount: 2, plannedValue: 5, deliveredValue: 5, predictability: 1, partial: true });
  });

  it('should ignore a done date after asOf (not known yet)', () => {
    const [, q2] = predictabilityByPeriod(epics, 'quarter', '2025-01-01', '2025-04-30');
    expect(q2).toMatchObject({ plannedValue: 5, deliveredValue: 0, predictability: 0 });
  });

  it('should give null when nothing of value was planned', () => {
    expect(predictabilityByPeriod([epic('D', null, '2024-12-01', null)], 'month', '2025-01-01', '2025-01-31')[0]?.predictability).toBeNull();
  });
});
