import { daysBetween, toLocalDate } from '../../../src/domain/calendar';
import { mappingByName, type PortfolioConfig } from '../../../src/domain/states';
import { buildTimeline, historyUntil, type Timeline } from '../../../src/domain/timeline';
import { anEpic, at, epicHistory, safeConfig, STATUS } from '../../builders/history';

/** State dates as ISO strings, so expectations read as the instants written in the test. */
function isoDates(timeline: Timeline): Record<string, string | null> {
  return Object.fromEntries(
    Object.entries(timeline.stateEnteredAt).map(([state, millis]) => [state, millis === null ? null : new Date(millis).toISOString()]),
  );
}

function isoSpans(timeline: Timeline): [string, string, string | null][] {
  return timeline.spans.map((s) => [s.state, new Date(s.from).toISOString(), s.to === null ? null : new Date(s.to).toISOString()]);
}

const config = safeConfig();
const D1 = '2025-01-06T09:00:00.000Z';
const D2 = '2025-01-07T09:00:00.000Z';
const D3 = '2025-01-08T09:00:00.000Z';
const D4 = '2025-01-09T09:00:00.000Z';
const D5 = '2025-01-10T09:00:00.000Z';
const D6 = '2025-01-13T09:00:00.000Z';

describe('buildTimeline', () => {
  describe('state dates', () => {
    it('should date only the created state when the epic never changed status', () => {
      const timeline = buildTimeline(epicHistory({ key: 'E-1', createdAt: at(D1), currentStatusId: STATUS.funnel }), config);
      expect(timeline.key).toBe('E-1');
      expect(timeline.currentState).toBe('Funnel');
      expect(isoDates(timeline)).toEqual({
        Funnel: D1, Reviewing: null, Analyzing: null, 'Portfolio Backlog': null, Implementing: null, Done: null,
      });
      expect(isoSpans(timeline)).toEqual([['Funnel', D1, null]]);
      expect(timeline.flaggedSpans).toEqual([]);
      expect(timeline.unmappedStatuses).toEqual([]);
    });

    it('should give every earlier state the created instant when the epic was created straight into Implementing', () => {
      const timeline = buildTimeline(epicHistory({ createdAt: at(D1), currentStatusId: STATUS.implementing }), config);
      expect(timeline.currentState).toBe('Implementing');
      expect(isoDates(timeline)).toEqual({
        Funnel: D1, Reviewing: D1, Analyzing: D1, 'Portfolio Backlog': D1, Implementing: D1, Done: null,
      });
      expect(isoSpans(timeline)).toEqual([['Implementing', D1, null]]);
    });

    it('should start in the status the first change moved from when the epic has changes', () => {
      const history = anEpic().created(D1, STATUS.analyzing).movedTo(STATUS.done, D2).build();
      const timeline = buildTimeline(history, config);
      expect(isoDates(timeline)).toEqual({
        Funnel: D1, Reviewing: D1, Analyzing: D1, 'Portfolio Backlog': D2, Implementing: D2, Done: D2,
      });
      expect(isoSpans(timeline)).toEqual([['Analyzing', D1, D2], ['Done', D2, null]]);
    });

    // Each row: the statuses the epic moved to on D2, D3, … (created on D1 in Funnel) → its state dates.
    it.each<[string, string[], Record<string, string | null>]>([
      ['every state in order', [STATUS.reviewing, STATUS.analyzing, STATUS.backlog, STATUS.implementing, STATUS.done],
        { Funnel: D1, Reviewing: D2, Analyzing: D3, 'Portfolio Backlog': D4, Implementing: D5, Done: D6 }],
      ['skipped states taking the next later date', [STATUS.analyzing, STATUS.implementing],
        { Funnel: D1, Reviewing: D2, Analyzing: D2, 'Portfolio Backlog': D3, Implementing: D3, Done: null }],
      ['a backward move clearing the later dates', [STATUS.reviewing, STATUS.analyzing, STATUS.backlog, STATUS.reviewing],
        { Funnel: D1, Reviewing: D2, Analyzing: null, 'Portfolio Backlog': null, Implementing: null, Done: null }],
      ['a later state re-entered after a backward move', [STATUS.reviewing, STATUS.analyzing, STATUS.reviewing, STATUS.analyzing],
        { Funnel: D1, Reviewing: D2, Analyzing: D5, 'Portfolio Backlog': null, Implementing: null, Done: null }],
      ['a move back into a state it had skipped', [STATUS.implementing, STATUS.reviewing],
        { Funnel: D1, Reviewing: D3, Analyzing: null, 'Portfolio Backlog': null, Implementing: null, Done: null }],
      ['a reopen after Done losing the Done date', [STATUS.implementing, STATUS.done, STATUS.implementing],
        { Funnel: D1, Reviewing: D2, Analyzing: D2, 'Portfolio Backlog': D2, Implementing: D2, Done: null }],
      ['a reopen after Done and done again', [STATUS.implementing, STATUS.done, STATUS.implementing, STATUS.done],
        { Funnel: D1, Reviewing: D2, Analyzing: D2, 'Portfolio Backlog': D2, Implementing: D2, Done: D5 }],
      ['a move back to Funnel clearing everything else', [STATUS.implementing, STATUS.funnel],
        { Funnel: D1, Reviewing: null, Analyzing: null, 'Portfolio Backlog': null, Implementing: null, Done: null }],
    ])('should date the states for %s', (_name, moves, expected) => {
      const builder = anEpic().created(D1, STATUS.funnel);
      const days = [D2, D3, D4, D5, D6];
      moves.forEach((statusId, i) => builder.movedTo(statusId, days[i] as string));
      expect(isoDates(buildTimeline(builder.build(), config))).toEqual(expected);
    });

    it('should keep each state span in order when the epic reopens after Done', () => {
      const history = anEpic().created(D1).movedTo(STATUS.implementing, D2).movedTo(STATUS.done, D3)
        .movedTo(STATUS.implementing, D4).movedTo(STATUS.done, D5).build();
      const timeline = buildTimeline(history, config);
      expect(timeline.currentState).toBe('Done');
      expect(isoSpans(timeline)).toEqual([
        ['Funnel', D1, D2], ['Implementing', D2, D3], ['Done', D3, D4], ['Implementing', D4, D5], ['Done', D5, null],
      ]);
    });
  });

  describe('time of day and zones', () => {
    it('should keep every instant when the epic moves several times on one day', () => {
      const history = anEpic().created('2025-01-06T09:00:00Z')
        .movedTo(STATUS.reviewing, '2025-01-06T10:00:00Z')
        .movedTo(STATUS.analyzing, '2025-01-06T10:30:00Z')
        .movedTo(STATUS.backlog, '2025-01-06T16:45:00Z').build();
      const timeline = buildTimeline(history, config);
      expect(timeline.stateEnteredAt).toMatchObject({
        Funnel: at('2025-01-06T09:00:00Z'),
        Reviewing: at('2025-01-06T10:00:00Z'),
        Analyzing: at('2025-01-06T10:30:00Z'),
        'Portfolio Backlog': at('2025-01-06T16:45:00Z'),
      });
      expect(isoSpans(timeline)).toEqual([
        ['Funnel', '2025-01-06T09:00:00.000Z', '2025-01-06T10:00:00.000Z'],
        ['Reviewing', '2025-01-06T10:00:00.000Z', '2025-01-06T10:30:00.000Z'],
        ['Analyzing', '2025-01-06T10:30:00.000Z', '2025-01-06T16:45:00.000Z'],
        ['Portfolio Backlog', '2025-01-06T16:45:00.000Z', null],
      ]);
    });

    it('should land on the right Berlin dates when the epic moves across the spring DST change', () => {
      // Berlin leaves CET (+01:00) for CEST (+02:00) at 02:00 on 2025-03-30: the local day is 23 h long.
      const history = anEpic().created('2025-03-28T12:00:00+01:00', STATUS.backlog)
        .movedTo(STATUS.implementing, '2025-03-30T00:30:00+01:00') // = 2025-03-29T23:30Z
        .movedTo(STATUS.done, '2025-03-31T00:30:00+02:00') // = 2025-03-30T22:30Z, 23 h later
        .build();
      const { stateEnteredAt } = buildTimeline(history, config);
      const committed = stateEnteredAt.Implementing as number;
      const done = stateEnteredAt.Done as number;
      expect(done - committed).toBe(23 * 3_600_000);
      expect([toLocalDate(committed, 'Europe/Berlin'), toLocalDate(done, 'Europe/Berlin')]).toEqual(['2025-03-30', '2025-03-31']);
      expect([toLocalDate(committed, 'UTC'), toLocalDate(done, 'UTC')]).toEqual(['2025-03-29', '2025-03-30']);
      expect(daysBetween(toLocalDate(committed, 'Europe/Berlin'), toLocalDate(done, 'Europe/Berlin'))).toBe(1);
    });
  });

  describe('status mapping', () => {
    it('should map by status id when a status was renamed in history', () => {
      // Status 77 was called "In Progress" when the epic moved through it; today it is "Implementing".
      // The changelog's names are not used: the id alone decides the state.
      const current = [{ id: '71', name: 'Idea' }, { id: '77', name: 'implementing' }, { id: '79', name: 'Closed' }];
      const mapping = { ...mappingByName(['Idea', 'Implementing', 'Done'], current), '79': 'Done' };
      const renamedConfig: PortfolioConfig = { states: ['Idea', 'Implementing', 'Done'], commitment: 'Implementing', active: ['Implementing'], mapping };
      const history = anEpic().created(D1, '71').movedTo('77', D2).movedTo('79', D3).build();
      const timeline = buildTimeline(history, renamedConfig);
      expect(isoDates(timeline)).toEqual({ Idea: D1, Implementing: D2, Done: D3 });
      expect(timeline.unmappedStatuses).toEqual([]);
    });

    it('should keep one span when the epic moves between two statuses mapped to the same state', () => {
      const twoForImplementing = safeConfig({ mapping: { ...safeConfig().mapping, '51': 'Implementing' } });
      const history = anEpic().created(D1).movedTo(STATUS.implementing, D2).movedTo('51', D3).movedTo(STATUS.done, D4).build();
      const timeline = buildTimeline(history, twoForImplementing);
      expect(isoSpans(timeline)).toEqual([['Funnel', D1, D2], ['Implementing', D2, D4], ['Done', D4, null]]);
      expect(timeline.stateEnteredAt.Implementing).toBe(at(D2));
    });

    it('should change nothing and report the status once when an unmapped status comes in the middle', () => {
      const history = anEpic().created(D1).movedTo(STATUS.reviewing, D2).movedTo(STATUS.onHold, D3)
        .movedTo(STATUS.reviewing, D4).movedTo(STATUS.onHold, D5).build();
      const timeline = buildTimeline(history, config);
      expect(timeline.currentState).toBe('Reviewing');
      expect(isoDates(timeline)).toMatchObject({ Funnel: D1, Reviewing: D2, Analyzing: null });
      expect(isoSpans(timeline)).toEqual([['Funnel', D1, D2], ['Reviewing', D2, null]]);
      expect(timeline.unmappedStatuses).toEqual([STATUS.onHold]);
    });

    it('should start the spans at the first mapped status when the epic was created in an unmapped status', () => {
      const history = anEpic().created(D1, STATUS.onHold).movedTo('98', D2).movedTo(STATUS.analyzing, D3).build();
      const timeline = buildTimeline(history, config);
      expect(timeline.currentState).toBe('Analyzing');
      expect(isoDates(timeline)).toMatchObject({ Funnel: D3, Reviewing: D3, Analyzing: D3, 'Portfolio Backlog': null });
      expect(isoSpans(timeline)).toEqual([['Analyzing', D3, null]]);
      expect(timeline.unmappedStatuses).toEqual([STATUS.onHold, '98']);
    });

    it('should have no current state, no dates and no spans when no status ever mapped', () => {
      const timeline = buildTimeline(epicHistory({ currentStatusId: STATUS.onHold }), config);
      expect(timeline.currentState).toBeNull();
      expect(Object.values(timeline.stateEnteredAt)).toEqual([null, null, null, null, null, null]);
      expect(timeline.spans).toEqual([]);
      expect(timeline.unmappedStatuses).toEqual([STATUS.onHold]);
    });

    it('should treat a status mapped to a name that is not a state as unmapped', () => {
      const staleMapping = safeConfig({ mapping: { ...safeConfig().mapping, [STATUS.onHold]: 'Parked' } });
      const history = anEpic().created(D1).movedTo(STATUS.onHold, D2).build();
      const timeline = buildTimeline(history, staleMapping);
      expect(timeline.currentState).toBe('Funnel');
      expect(timeline.unmappedStatuses).toEqual([STATUS.onHold]);
    });

    it('should follow the configured states when an admin renamed and dropped states', () => {
      const custom: PortfolioConfig = {
        states: ['Idea', 'Ready', 'Building', 'Shipped'],
        commitment: 'Building',
        active: ['Building'],
        mapping: { a: 'Idea', b: 'Ready', c: 'Building', d: 'Shipped' },
      };
      const history = anEpic().created(D1, 'a').movedTo('c', D2).movedTo('b', D3).movedTo('d', D4).build();
      expect(isoDates(buildTimeline(history, custom))).toEqual({ Idea: D1, Ready: D3, Building: D4, Shipped: D4 });
    });
  });

  describe('ordering', () => {
    it('should replay the changes by time when they are given out of order', () => {
      const ordered = anEpic().created(D1).movedTo(STATUS.reviewing, D2).movedTo(STATUS.implementing, D3)
        .movedTo(STATUS.analyzing, D4).movedTo(STATUS.done, D5).build();
      const shuffled = { ...ordered, statusChanges: [3, 0, 2, 1].map((i) => ordered.statusChanges[i]!) };
      const timeline = buildTimeline(shuffled, config);
      expect(timeline).toEqual(buildTimeline(ordered, config));
      expect(isoDates(timeline)).toEqual({
        Funnel: D1, Reviewing: D2, Analyzing: D4, 'Portfolio Backlog': D5, Implementing: D5, Done: D5,
      });
      expect(isoSpans(timeline)).toEqual([
        ['Funnel', D1, D2], ['Reviewing', D2, D3], ['Implementing', D3, D4], ['Analyzing', D4, D5], ['Done', D5, null],
      ]);
    });

    it('should take the starting status from the earliest change when the changes are out of order', () => {
      const history = epicHistory({
        createdAt: at(D1),
        currentStatusId: STATUS.implementing,
        statusChanges: [
          { at: at(D3), fromStatusId: STATUS.analyzing, toStatusId: STATUS.implementing },
          { at: at(D2), fromStatusId: STATUS.reviewing, toStatusId: STATUS.analyzing },
        ],
      });
      const timeline = buildTimeline(history, config);
      expect(isoSpans(timeline)).toEqual([['Reviewing', D1, D2], ['Analyzing', D2, D3], ['Implementing', D3, null]]);
      expect(isoDates(timeline)).toMatchObject({ Funnel: D1, Reviewing: D1, Analyzing: D2, Implementing: D3 });
    });

    it('should apply changes at the same instant in the order given when they tie', () => {
      const forward = anEpic().created(D1).movedTo(STATUS.reviewing, D2).movedTo(STATUS.analyzing, D2).build();
      const timeline = buildTimeline(forward, config);
      expect(timeline.currentState).toBe('Analyzing');
      expect(isoDates(timeline)).toMatchObject({ Reviewing: D2, Analyzing: D2 });
      expect(isoSpans(timeline)).toEqual([['Funnel', D1, D2], ['Analyzing', D2, null]]);

      const [first, second] = forward.statusChanges;
      const swapped = buildTimeline({ ...forward, statusChanges: [second!, first!] }, config);
      expect(swapped.currentState).toBe('Reviewing');
    });

    it('should leave no trace when the epic moves forward and back at the same instant', () => {
      const history = anEpic().created(D1).movedTo(STATUS.reviewing, D2).movedTo(STATUS.funnel, D2).build();
      const timeline = buildTimeline(history, config);
      expect(isoSpans(timeline)).toEqual([['Funnel', D1, null]]);
      expect(timeline.stateEnteredAt.Reviewing).toBeNull();
    });

    it('should count a change stamped before creation as at creation when clocks disagree', () => {
      const history = anEpic().created(D2).movedTo(STATUS.reviewing, D1).build();
      const timeline = buildTimeline(history, config);
      expect(isoDates(timeline)).toMatchObject({ Funnel: D2, Reviewing: D2 });
      expect(isoSpans(timeline)).toEqual([['Reviewing', D2, null]]);
    });

    it('should start in the first target when the first change has no from-status', () => {
      const history = epicHistory({
        createdAt: at(D1),
        currentStatusId: STATUS.analyzing,
        statusChanges: [
          { at: at(D2), fromStatusId: null, toStatusId: STATUS.reviewing },
          { at: at(D3), fromStatusId: STATUS.reviewing, toStatusId: STATUS.analyzing },
        ],
      });
      const timeline = buildTimeline(history, config);
      expect(isoSpans(timeline)).toEqual([['Reviewing', D1, D3], ['Analyzing', D3, null]]);
    });
  });

  describe('flagged spans', () => {
    it('should ignore a repeated flag and leave the last span open when the epic is still flagged', () => {
      const history = anEpic().created(D1).flagged(D2).flagged(D3).unflagged(D4).flagged(D5).build();
      expect(buildTimeline(history, config).flaggedSpans).toEqual([
        { from: at(D2), to: at(D4) },
        { from: at(D5), to: null },
      ]);
    });

    it('should sort the flag changes when they are given out of order', () => {
      const history = anEpic().created(D1).flagged(D4).unflagged(D5).flagged(D2).unflagged(D3).build();
      expect(buildTimeline(history, config).flaggedSpans).toEqual([
        { from: at(D2), to: at(D3) },
        { from: at(D4), to: at(D5) },
      ]);
    });

    it('should count the epic flagged since creation when the first flag change clears it', () => {
      const history = anEpic().created(D1).unflagged(D3).unflagged(D4).build();
      expect(buildTimeline(history, config).flaggedSpans).toEqual([{ from: at(D1), to: at(D3) }]);
    });
  });
});

describe('historyUntil', () => {
  // Created D1 in the backlog; Implementing D3, Done D5; flagged D2..D4.
  const epic = anEpic('E-1').created(D1, STATUS.backlog).movedTo(STATUS.implementing, D3).movedTo(STATUS.done, D5).flagged(D2).unflagged(D4).build();

  it.each<[string, string, string, number, number]>([
    // end, what, current status then, status changes kept, flag changes kept
    [D5, 'the Done move at the end is not yet made', STATUS.implementing, 1, 2],
    [D4, 'the unflag at the end is not yet made', STATUS.implementing, 1, 1],
    ['2025-01-08T08:59:59.999Z', 'the end is just before the first move', STATUS.backlog, 0, 1],
    ['2025-01-06T09:00:00.001Z', 'the end is just after creation', STATUS.backlog, 0, 0],
  ])('should keep only earlier changes when the end is %s (%s)', (end, _what, current, statusChanges, flagChanges) => {
    const past = historyUntil(epic, at(end));
    expect([past?.currentStatusId, past?.statusChanges.length, past?.flagChanges.length]).toEqual([current, statusChanges, flagChanges]);
    expect(past?.createdAt).toBe(epic.createdAt);
  });

  it('should return the same history when every change is before the end', () => {
    expect(historyUntil(epic, at(D6))).toBe(epic);
  });

  it.each([
    ['at the end', D1],
    ['after the end', D2],
  ])('should give null when the epic was created %s', (_what, created) => {
    expect(historyUntil(anEpic().created(created).build(), at(D1))).toBeNull();
  });

  it('should take the status of creation from the earliest change when the changes come out of order', () => {
    const shuffled = { ...epic, statusChanges: [...epic.statusChanges].reverse() };
    expect(historyUntil(shuffled, at(D2))?.currentStatusId).toBe(STATUS.backlog);
    expect(historyUntil(shuffled, at(D4))?.currentStatusId).toBe(STATUS.implementing);
  });

  it('should start in the first target when nothing is kept and the first change has no from-status', () => {
    const history = epicHistory({
      createdAt: at(D1),
      currentStatusId: STATUS.analyzing,
      statusChanges: [{ at: at(D2), fromStatusId: null, toStatusId: STATUS.reviewing }],
    });
    expect(historyUntil(history, at(D2))?.currentStatusId).toBe(STATUS.reviewing);
  });

  it('should take the last given of equal instants when two kept changes share the latest instant', () => {
    const history = epicHistory({
      createdAt: at(D1),
      currentStatusId: STATUS.done,
      statusChanges: [
        { at: at(D2), fromStatusId: STATUS.funnel, toStatusId: STATUS.reviewing },
        { at: at(D2), fromStatusId: STATUS.reviewing, toStatusId: STATUS.analyzing },
        { at: at(D4), fromStatusId: STATUS.analyzing, toStatusId: STATUS.done },
      ],
    });
    const past = historyUntil(history, at(D3));
    expect(past?.currentStatusId).toBe(STATUS.analyzing);
    expect(past && buildTimeline(past, config).currentState).toBe('Analyzing');
  });
});
