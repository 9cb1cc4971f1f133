/**
 * Segment flow time and skippedCommitment: hand-worked dates on the SAFe states (built from real
 * histories, so the timeline's skipped-state filling is part of what is checked).
 */
import { flowTimeDays, segmentProblems, toFlowEpic } from '../../../src/domain/flow';
import type { FlowSegment } from '../../../src/domain/flow';
import { velocityRun } from '../../../src/domain/flowVelocity';
import { buildTimeline } from '../../../src/domain/timeline';
import { STATUS, anEpic, safeConfig } from '../../builders/history';

const config = safeConfig();

/** Reviewing 01-06 → Analyzing 01-10 → Backlog 01-20 → Implementing 02-01 → Done 03-03. */
const implemented = anEpic('IMP-1')
  .created('2025-01-02T09:00Z', STATUS.funnel)
  .movedTo(STATUS.reviewing, '2025-01-06T09:00Z')
  .movedTo(STATUS.analyzing, '2025-01-10T09:00Z')
  .movedTo(STATUS.backlog, '2025-01-20T09:00Z')
  .movedTo(STATUS.implementing, '2025-02-01T09:00Z')
  .movedTo(STATUS.done, '2025-03-03T09:00Z')
  .build();

/** A no-go: Reviewing 01-06 → Analyzing 01-10 → Done 01-24 (never committed). */
const noGo = anEpic('NOGO-1')
  .created('2025-01-02T09:00Z', STATUS.funnel)
  .movedTo(STATUS.reviewing, '2025-01-06T09:00Z')
  .movedTo(STATUS.analyzing, '2025-01-10T09:00Z')
  .movedTo(STATUS.done, '2025-01-24T09:00Z')
  .build();

describe('segment flow time', () => {
  it.each<[string, FlowSegment | undefined, number]>([
    ['commitment → Done by default: 02-01 → 03-03', undefined, 30],
    ['Reviewing → Portfolio Backlog: 01-06 → 01-20', { from: 'Reviewing', to: 'Portfolio Backlog' }, 14],
    ['Reviewing → Done: 01-06 → 03-03', { from: 'Reviewing', to: 'Done' }, 56],
    ['Analyzing → Implementing: 01-10 → 02-01', { from: 'Analyzing', to: 'Implementing' }, 22],
  ])('should measure %s', (_name, segment, days) => {
    const epic = toFlowEpic(buildTimeline(implemented, config), 'UTC', 'exclude');
    expect(flowTimeDays(epic, config, segment === undefined ? {} : { segment })).toBe(days);
  });

  it('should add one day when inclusive, for a segment too', () => {
    const epic = toFlowEpic(buildTimeline(implemented, config), 'UTC');
    expect(flowTimeDays(epic, config, { inclusive: true, segment: { from: 'Reviewing', to: 'Analyzing' } })).toBe(5);
  });

  it('should give null when the epic has not reached the segment end', () => {
    const open = anEpic().created('2025-01-02T09:00Z').movedTo(STATUS.reviewing, '2025-01-06T09:00Z').build();
    const epic = toFlowEpic(buildTimeline(open, config), 'UTC');
    expect(flowTimeDays(epic, config, { segment: { from: 'Reviewing', to: 'Analyzing' } })).toBeNull();
  });

  it.each([
    [{ from: 'Done', to: 'Reviewing' }, ['The segment must run forward: "Done" comes at or after "Reviewing".']],
    [{ from: 'Build', to: 'Done' }, ['The segment start "Build" is not one of the states.']],
    [{ from: 'Reviewing', to: 'Done' }, []],
  ])('should report the problems of segment %j', (segment, problems) => {
    expect(segmentProblems(segment, config)).toEqual(problems);
  });
});

describe('skippedCommitment', () => {
  it('should mark an epic done without ever being committed, and not one that was', () => {
    expect(buildTimeline(noGo, config).doneWithoutCommitment).toBe(true);
    expect(buildTimeline(implemented, config).doneWithoutCommitment).toBe(false);
  });

  it('should mark an epic pulled back out of Implementing before it went to Done (its commitment was undone)', () => {
    // Implementing 01-10, back to Portfolio Backlog 01-20 (clears Implementing), Done 01-30: not implemented after all.
    const pulledBack = anEpic()
      .created('2025-01-02T09:00Z', STATUS.backlog)
      .movedTo(STATUS.implementing, '2025-01-10T09:00Z')
      .movedTo(STATUS.backlog, '2025-01-20T09:00Z')
      .movedTo(STATUS.done, '2025-01-30T09:00Z')
      .build();
    expect(buildTimeline(pulledBack, config).doneWithoutCommitment).toBe(true);
  });

  it('should give the no-go a 0-day flow time (its commitment date borrowed from Done) with backfill', () => {
    const epic = toFlowEpic(buildTimeline(noGo, config), 'UTC', 'backfill');
    expect(epic.closedWithoutImplementation).toBeUndefined();
    expect(epic.stateDates['Implementing']).toBe('2025-01-24');
    expect(flowTimeDays(epic, config)).toBe(0);
  });

  it('should give the no-go no flow time from the commitment on with exclude, but keep its early segments', () => {
    const epic = toFlowEpic(buildTimeline(noGo, config), 'UTC', 'exclude');
    expect(epic.closedWithoutImplementation).toBe(true);
    expect(flowTimeDays(epic, config)).toBeNull();
    expect(flowTimeDays(epic, config, { segment: { from: 'Reviewing', to: 'Done' } })).toBeNull();
    // Reviewing 01-06 → Analyzing 01-10 happened.
    expect(flowTimeDays(epic, config, { segment: { from: 'Reviewing', to: 'Analyzing' } })).toBe(4);
  });

  it.each([
    // January: the no-go (01-24); March: IMP-1 (03-03). February: nothing.
    ['exclude' as const, [0, 0, 1], [1, 0, 0]],
    ['backfill' as const, [1, 0, 1], [0, 0, 0]],
  ])('should count velocity per month with %s', (policy, counts, closed) => {
    const epics = [implemented, noGo].map((history) => toFlowEpic(buildTimeline(history, config), 'UTC', policy));
    const run = velocityRun(epics, config, 'month', '2025-03-31');
    expect(run.series.map((period) => period.count)).toEqual(counts);
    expect(run.series.map((period) => period.closedWithoutImplementation)).toEqual(closed);
  });
});
