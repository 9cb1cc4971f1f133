/**
 * Segment efficiency with status-level activity and flagged time, on a history worked by hand:
 * Reviewing 01-01 → Portfolio Backlog 01-03 → Implementing 01-05 → On Hold 01-07 (mapped into
 * Implementing) → Implementing 01-08 → Done 01-10, all at 00:00Z, flagged 01-05 12:00 → 01-06 00:00.
 */
import { segmentEfficiency, segmentEfficiencyOfSet } from '../../../src/domain/flowEfficiency';
import { buildTimeline } from '../../../src/domain/timeline';
import { STATUS, anEpic, safeConfig } from '../../builders/history';

const DAY = 86_400_000;
const config = safeConfig({ mapping: { ...safeConfig().mapping, [STATUS.onHold]: 'Implementing' } });
const history = anEpic()
  .created('2025-01-01T00:00Z', STATUS.reviewing)
  .movedTo(STATUS.backlog, '2025-01-03T00:00Z')
  .movedTo(STATUS.implementing, '2025-01-05T00:00Z')
  .movedTo(STATUS.onHold, '2025-01-07T00:00Z')
  .movedTo(STATUS.implementing, '2025-01-08T00:00Z')
  .movedTo(STATUS.done, '2025-01-10T00:00Z')
  .flagged('2025-01-05T12:00Z')
  .unflagged('2025-01-06T00:00Z')
  .build();
const timeline = buildTimeline(history, config);

describe('segmentEfficiency', () => {
  it('should count On Hold as active when only its state says so (the old behaviour), less flagged time', () => {
    // Implementing 01-05 → 01-10 = 5 days, flagged 0.5 day: 4.5 / 5.
    const result = segmentEfficiency(timeline, config)!;
    expect(result).toMatchObject({ activeMs: 4.5 * DAY, flowMs: 5 * DAY, flaggedMs: 0.5 * DAY, efficiency: 0.9 });
  });

  it('should count On Hold as waiting when the status is marked waiting', () => {
    // Active: 01-05..01-07 (2 days − 0.5 flagged) + 01-08..01-10 (2 days) = 3.5 of 5.
    const result = segmentEfficiency(timeline, config, { statusActivity: { [STATUS.onHold]: 'waiting' } })!;
    expect(result.activeMs).toBe(3.5 * DAY);
    expect(result.efficiency).toBe(0.7);
    expect(result.byStatus).toEqual({
      [STATUS.implementing]: { activeMs: 3.5 * DAY, waitingMs: 0.5 * DAY },
      [STATUS.onHold]: { activeMs: 0, waitingMs: 1 * DAY },
    });
    expect(result.byState).toEqual({ Implementing: { activeMs: 3.5 * DAY, waitingMs: 1.5 * DAY } });
  });

  it('should make the Portfolio Backlog queue waiting when measured from Reviewing', () => {
    // Reviewing → Done = 9 days; Reviewing (2) and Backlog (2) are not active states: 3.5 / 9.
    const result = segmentEfficiency(timeline, config, { segment: { from: 'Reviewing', to: 'Done' }, statusActivity: { [STATUS.onHold]: 'waiting' } })!;
    expect(result.flowMs).toBe(9 * DAY);
    expect(result.efficiency).toBeCloseTo(3.5 / 9, 12);
    expect(result.byState['Portfolio Backlog']).toEqual({ activeMs: 0, waitingMs: 2 * DAY });
    expect(result.byState['Reviewing']).toEqual({ activeMs: 0, waitingMs: 2 * DAY });
  });

  it('should let a status make time in a waiting state active', () => {
    // Reviewing's own status marked active: 2 more active days, 5.5 / 9.
    const result = segmentEfficiency(timeline, config, {
      segment: { from: 'Reviewing', to: 'Done' },
      statusActivity: { [STATUS.onHold]: 'waiting', [STATUS.reviewing]: 'active' },
    })!;
    expect(result.activeMs).toBe(5.5 * DAY);
  });

  it('should give null when excluded or when the segment end is not reached', () => {
    expect(segmentEfficiency(timeline, config, { excluded: true })).toBeNull();
    const open = buildTimeline(anEpic().created('2025-01-01T00:00Z', STATUS.implementing).build(), config);
    expect(segmentEfficiency(open, config)).toBeNull();
  });

  it('should sum a set: Σ active ÷ Σ flow, with the splits added', () => {
    const one = segmentEfficiency(timeline, config)!;
    const set = segmentEfficiencyOfSet([one, one]);
    expect(set).toMatchObject({ activeMs: 9 * DAY, flowMs: 10 * DAY, flaggedMs: 1 * DAY, efficiency: 0.9 });
    expect(set.byState['Implementing']).toEqual({ activeMs: 9 * DAY, waitingMs: 1 * DAY });
    expect(segmentEfficiencyOfSet([]).efficiency).toBeNull();
  });
});
