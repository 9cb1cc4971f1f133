import {
  ageDays,
  agingWip,
  completedByPeriod,
  cumulativeFlow,
  flowDistribution,
  flowEfficiency,
  flowEfficiencyOfSet,
  flowPredictability,
  flowTimeDays,
  flowVelocity,
  inProgressAsOf,
  latestState,
  loadByState,
  loadInProgress,
  loadInProgressOn,
  toFlowEpic,
} from '../../../src/domain/flow';
import type { PeriodKind } from '../../../src/domain/calendar';
import { at } from '../../builders/history';
import {
  HOUR_MS,
  doneEpic,
  epicEfficiency,
  flaggedSpan,
  flowConfig,
  flowEpic,
  plannedEpic,
  span,
  timeline,
} from '../../builders/flow';

const config = flowConfig();

describe('toFlowEpic', () => {
  it.each([
    // Berlin springs forward on 2025-03-30: 23:30Z on the 29th is already the 30th there.
    ['Europe/Berlin', '2025-03-29T23:30:00Z', '2025-03-30'],
    ['UTC', '2025-03-29T23:30:00Z', '2025-03-29'],
    ['America/New_York', '2025-11-03T05:30:00Z', '2025-11-03'],
    ['America/New_York', '2025-11-03T04:30:00Z', '2025-11-02'],
  ])('should date an entry in %s local time when it happened at %s', (timeZone, instant, expected) => {
    const epic = toFlowEpic(timeline({ stateEnteredAt: { Funnel: null, Implementing: at(instant) } }), timeZone);
    expect(epic).toEqual({ key: 'EPIC-1', stateDates: { Funnel: null, Implementing: expected } });
  });
});

describe('flowTimeDays', () => {
  it.each([
    ['a plain span', '2025-01-06', '2025-01-10', false, 4],
    ['a plain span, counting both ends', '2025-01-06', '2025-01-10', true, 5],
    ['done the day it was committed', '2025-01-06', '2025-01-06', false, 0],
    ['done the day it was committed, counting both ends', '2025-01-06', '2025-01-06', true, 1],
    // 2025-03-30 has 23 hours in Europe; calendar days ignore that.
    ['the spring DST change', '2025-03-29', '2025-04-02', false, 4],
    ['the autumn DST change', '2025-10-25', '2025-10-27', false, 2],
    ['a year boundary', '2025-12-30', '2026-01-02', false, 3],
  ])('should count calendar days for %s', (_case, committed, done, inclusive, expected) => {
    expect(flowTimeDays(doneEpic('E-1', committed, done), config, { inclusive })).toBe(expected);
  });

  it.each([
    // Local dates 03-30 → 03-31 (1 day), though UTC dates are 2 apart and 46 hours elapsed.
    ['Europe/Berlin', '2025-03-29T23:30:00Z', '2025-03-31T21:30:00Z', 1],
    ['UTC', '2025-03-29T23:30:00Z', '2025-03-31T21:30:00Z', 2],
    // Local dates 10-31 → 11-03 (3 days) across the fall-back night; 50 hours elapsed.
    ['America/New_York', '2025-11-01T03:30:00Z', '2025-11-03T05:30:00Z', 3],
  ])('should count the days between local dates in %s when committed at %s and done at %s', (timeZone, committed, done, expected) => {
    const epic = toFlowEpic(timeline({ stateEnteredAt: { Implementing: at(committed), Done: at(done) } }), timeZone);
    expect(flowTimeDays(epic, config)).toBe(expected);
  });

  it.each([
    ['not committed and not done', {}],
    ['committed but not done', { Implementing: '2025-01-06' }],
    ['done without a commitment date', { Done: '2025-01-06' }],
  ])('should be null when the epic is %s', (_case, dates) => {
    expect(flowTimeDays(flowEpic('E-1', dates), config)).toBeNull();
    expect(flowTimeDays(flowEpic('E-1', dates), config, { inclusive: true })).toBeNull();
  });

  it('should be null when the epic lacks the state keys entirely', () => {
    expect(flowTimeDays({ key: 'E-1', stateDates: {} }, config)).toBeNull();
  });

  it('should use the configured commitment state when it is not the default', () => {
    const epic = flowEpic('E-1', { Analyzing: '2025-01-02', Implementing: '2025-01-06', Done: '2025-01-10' });
    expect(flowTimeDays(epic, flowConfig({ commitment: 'Analyzing' }))).toBe(8);
  });
});

describe('ageDays', () => {
  it.each([
    ['committed, not done', { Implementing: '2025-01-06' }, '2025-01-10', false, 4],
    ['committed, not done, counting both ends', { Implementing: '2025-01-06' }, '2025-01-10', true, 5],
    ['committed today', { Implementing: '2025-01-10' }, '2025-01-10', false, 0],
    ['done after the as-of date', { Implementing: '2025-01-06', Done: '2025-01-12' }, '2025-01-10', false, 4],
  ])('should be today − commitment when %s', (_case, dates, today, inclusive, expected) => {
    expect(ageDays(flowEpic('E-1', dates), config, today, { inclusive })).toBe(expected);
  });

  it.each([
    ['not committed', { Funnel: '2025-01-01' }],
    ['done', { Implementing: '2025-01-06', Done: '2025-01-08' }],
    ['done on the as-of date', { Implementing: '2025-01-06', Done: '2025-01-10' }],
    ['committed after the as-of date', { Implementing: '2025-01-11' }],
  ])('should be null when the epic is %s', (_case, dates) => {
    expect(ageDays(flowEpic('E-1', dates), config, '2025-01-10')).toBeNull();
  });
});

describe('inProgressAsOf', () => {
  it.each([
    ['committed, not done', { Implementing: '2025-01-06' }, true],
    ['committed on the as-of date', { Implementing: '2025-01-10' }, true],
    ['done after the as-of date', { Implementing: '2025-01-06', Done: '2025-01-11' }, true],
    ['not committed', { Funnel: '2025-01-01' }, false],
    ['done on the as-of date', { Implementing: '2025-01-06', Done: '2025-01-10' }, false],
    ['committed after the as-of date', { Implementing: '2025-01-11' }, false],
  ])('should say whether the epic is in progress on 2025-01-10 when it is %s', (_case, dates, expected) => {
    expect(inProgressAsOf(flowEpic('E-1', dates), config, '2025-01-10')).toBe(expected);
  });
});

describe('latestState', () => {
  it.each([
    ['no dates', {}, null],
    ['only Funnel', { Funnel: '2025-01-01' }, 'Funnel'],
    ['every state', { Funnel: '2025-01-01', Analyzing: '2025-01-02', Implementing: '2025-01-03', Done: '2025-01-04' }, 'Done'],
    ['reopened (Done cleared)', { Funnel: '2025-01-01', Analyzing: '2025-01-02', Implementing: '2025-01-03', Done: null }, 'Implementing'],
  ])('should be the latest dated state when the epic has %s', (_case, dates, expected) => {
    expect(latestState(flowEpic('E-1', dates), config)).toBe(expected);
  });
});

/**
 * A: Funnel 01-01, Analyzing 01-02, Implementing 01-03, Done 01-05.
 * B: Funnel 01-02, skipped Analyzing (takes Implementing's date) 01-04, not done.
 * C: Funnel 01-01, Analyzing and Implementing 01-03, reopened after Done: Done cleared.
 */
const portfolio = [
  flowEpic('A', { Funnel: '2025-01-01', Analyzing: '2025-01-02', Implementing: '2025-01-03', Done: '2025-01-05' }),
  flowEpic('B', { Funnel: '2025-01-02', Analyzing: '2025-01-04', Implementing: '2025-01-04', Done: null }),
  flowEpic('C', { Funnel: '2025-01-01', Analyzing: '2025-01-03', Implementing: '2025-01-03', Done: null }),
];

function row(date: string, funnel: number, analyzing: number, implementing: number, done: number) {
  return { date, counts: { Funnel: funnel, Analyzing: analyzing, Implementing: implementing, Done: done } };
}

describe('cumulativeFlow', () => {
  it('should count, per day and state, the epics that reached the state on or before that day when given a small portfolio', () => {
    expect(cumulativeFlow(portfolio, config, '2025-01-06')).toEqual([
      row('2025-01-01', 2, 0, 0, 0),
      row('2025-01-02', 3, 1, 0, 0),
      row('2025-01-03', 3, 2, 2, 0),
      row('2025-01-04', 3, 3, 3, 0),
      row('2025-01-05', 3, 3, 3, 1),
      row('2025-01-06', 3, 3, 3, 1),
    ]);
  });

  it('should carry earlier dates into the first row when `from` is after the earliest date', () => {
    expect(cumulativeFlow(portfolio, config, '2025-01-05', '2025-01-04')).toEqual([row('2025-01-04', 3, 3, 3, 0), row('2025-01-05', 3, 3, 3, 1)]);
  });

  it('should zero-fill the days before the earliest date when `from` is before it', () => {
    expect(cumulativeFlow(portfolio, config, '2025-01-01', '2024-12-31')).toEqual([row('2024-12-31', 0, 0, 0, 0), row('2025-01-01', 2, 0, 0, 0)]);
  });

  it('should count dates after `to` nowhere when `to` is before them', () => {
    expect(cumulativeFlow(portfolio, config, '2025-01-02')).toEqual([row('2025-01-01', 2, 0, 0, 0), row('2025-01-02', 3, 1, 0, 0)]);
  });

  it.each([
    ['no epics', []],
    ['epics without dates', [flowEpic('E-1'), flowEpic('E-2')]],
  ])('should be empty when there are %s', (_case, epics) => {
    expect(cumulativeFlow(epics, config, '2025-01-06')).toEqual([]);
  });

  it('should be empty when `from` is after `to`', () => {
    expect(cumulativeFlow(portfolio, config, '2025-01-02', '2025-01-03')).toEqual([]);
  });

  it('should ignore states that are not in the config when an epic carries one', () => {
    const epic = { key: 'X', stateDates: { Funnel: '2025-01-01', Archived: '2024-06-01' } };
    expect(cumulativeFlow([epic], config, '2025-01-01')).toEqual([row('2025-01-01', 1, 0, 0, 0)]);
  });
});

describe('loadInProgress', () => {
  it('should be CFD[Implementing] − CFD[Done] per day when given the small portfolio', () => {
    const load = loadInProgress(cumulativeFlow(portfolio, config, '2025-01-06'), config);
    expect(load.map((day) => day.count)).toEqual([0, 0, 2, 3, 2, 2]);
    expect(load[0]).toEqual({ date: '2025-01-01', count: 0 });
  });

  it('should be empty when there are no rows', () => {
    expect(loadInProgress([], config)).toEqual([]);
  });
});

describe('loadInProgressOn', () => {
  it.each([
    ['a row of the small portfolio', row('2025-01-06', 3, 3, 3, 1), 2],
    ['a row with nothing committed', row('2025-01-01', 2, 0, 0, 0), 0],
    ['a row without counts', { date: '2025-01-01', counts: {} }, 0],
  ])('should be CFD[Implementing] − CFD[Done] when given %s', (_case, cfdRow, expected) => {
    expect(loadInProgressOn(cfdRow, config)).toBe(expected);
  });
});

describe('loadByState', () => {
  it('should count epics by latest dated state, the reopened one in Implementing, when given the small portfolio', () => {
    expect(loadByState(portfolio, config)).toEqual({ Funnel: 0, Analyzing: 0, Implementing: 2, Done: 1 });
  });

  it('should zero-fill every state when the portfolio is empty or undated', () => {
    expect(loadByState([], config)).toEqual({ Funnel: 0, Analyzing: 0, Implementing: 0, Done: 0 });
    expect(loadByState([flowEpic('E-1')], config)).toEqual({ Funnel: 0, Analyzing: 0, Implementing: 0, Done: 0 });
  });
});

describe('flowVelocity', () => {
  // Done: Fri 2025-11-14, Wed 12-24, Wed 12-31, Fri 2026-01-02, Wed 01-14; 02-03 is after `to`; one not done.
  const doneEpics = ['2025-11-14', '2025-12-24', '2025-12-31', '2026-01-02', '2026-01-14', '2026-02-03', null].map((done, i) =>
    doneEpic(`E-${i + 1}`, '2025-11-01', done),
  );
  const to = '2026-01-20'; // a Tuesday

  it.each<[PeriodKind, string, [string, number][]]>([
    [
      'week',
      'the first done date',
      [
        ['2025-11-10', 1],
        ['2025-11-17', 0],
        ['2025-11-24', 0],
        ['2025-12-01', 0],
        ['2025-12-08', 0],
        ['2025-12-15', 0],
        ['2025-12-22', 1],
        ['2025-12-29', 2], // the ISO week that spans the new year
        ['2026-01-05', 0],
        ['2026-01-12', 1],
        ['2026-01-19', 0],
      ],
    ],
    [
      'week',
      '2025-12-31',
      [
        ['2025-12-29', 2],
        ['2026-01-05', 0],
        ['2026-01-12', 1],
        ['2026-01-19', 0],
      ],
    ],
    [
      'month',
      'the first done date',
      [
        ['2025-11-01', 1],
        ['2025-12-01', 2],
        ['2026-01-01', 2],
      ],
    ],
    [
      'month',
      '2025-09-15',
      [
        ['2025-09-01', 0],
        ['2025-10-01', 0],
        ['2025-11-01', 1],
        ['2025-12-01', 2],
        ['2026-01-01', 2],
      ],
    ],
    [
      'quarter',
      'the first done date',
      [
        ['2025-10-01', 3],
        ['2026-01-01', 2],
      ],
    ],
  ])('should count epics reaching Done per %s, zero-filled, when starting from %s', (kind, from, expected) => {
    expect(flowVelocity(doneEpics, config, kind, to, from === 'the first done date' ? undefined : from)).toEqual(expected.map(([start, count]) => ({ start, count })));
  });

  it('should not count done dates before the first period when `from` is later than them', () => {
    expect(flowVelocity(doneEpics, config, 'quarter', to, '2026-01-01')).toEqual([{ start: '2026-01-01', count: 2 }]);
  });

  it.each([
    ['no epics', []],
    ['no done epics', [doneEpic('E-1', '2025-01-01', null)]],
    ['only epics done after `to`', [doneEpic('E-1', '2025-01-01', '2026-03-01')]],
  ])('should be empty when there are %s', (_case, epics) => {
    expect(flowVelocity(epics, config, 'week', to)).toEqual([]);
  });

  it('should zero-fill from `from` when no epic is done yet', () => {
    expect(flowVelocity([], config, 'month', '2026-02-10', '2026-01-20')).toEqual([
      { start: '2026-01-01', count: 0 },
      { start: '2026-02-01', count: 0 },
    ]);
  });
});

describe('completedByPeriod', () => {
  // Done: Fri 2025-11-14, Wed 12-24, Wed 12-31, Fri 2026-01-02, Wed 01-14; 02-03 is after `to`; one not done.
  const doneEpics = ['2025-11-14', '2025-12-24', '2025-12-31', '2026-01-02', '2026-01-14', '2026-02-03', null].map((done, i) =>
    doneEpic(`E-${i + 1}`, '2025-11-01', done),
  );
  const keysByPeriod = (periods: { start: string; epics: { key: string }[] }[]) => periods.map(({ start, epics }) => [start, epics.map((epic) => epic.key)]);

  it.each<[PeriodKind, string | undefined, [string, string[]][]]>([
    ['month', undefined, [['2025-11-01', ['E-1']], ['2025-12-01', ['E-2', 'E-3']], ['2026-01-01', ['E-4', 'E-5']]]],
    ['week', '2025-12-31', [['2025-12-29', ['E-3', 'E-4']], ['2026-01-05', []], ['2026-01-12', ['E-5']], ['2026-01-19', []]]],
    ['quarter', '2026-01-01', [['2026-01-01', ['E-4', 'E-5']]]],
  ])('should list the epics done in each %s from %s, in input order, when up to 2026-01-20', (kind, from, expected) => {
    expect(keysByPeriod(completedByPeriod(doneEpics, config, kind, '2026-01-20', from))).toEqual(expected);
  });

  it('should give back the caller\'s items when they carry more than state dates', () => {
    const epics = [{ ...doneEpic('E-1', '2025-11-01', '2025-11-14'), theme: 'Growth' }];
    expect(completedByPeriod(epics, config, 'month', '2025-11-30')[0]?.epics[0]?.theme).toBe('Growth');
  });

  it('should be empty when no epic is done by `to` and no `from` is given', () => {
    expect(completedByPeriod([doneEpic('E-1', '2025-01-01', '2026-03-01')], config, 'week', '2026-01-20')).toEqual([]);
  });
});

describe('flowDistribution', () => {
  it('should give counts, shares and deltas against targets, with a targeted category that has no items', () => {
    const rows = flowDistribution(['Growth', 'Growth', 'Cost', 'Growth', 'Risk'], { Growth: 0.5, Cost: 0.3, Compliance: 0.2 });
    expect(rows.map((r) => [r.category, r.count, r.target])).toEqual([
      ['Growth', 3, 0.5],
      ['Cost', 1, 0.3],
      ['Risk', 1, null],
      ['Compliance', 0, 0.2],
    ]);
    const [growth, cost, risk, compliance] = rows;
    expect(growth?.share).toBeCloseTo(0.6); // 3 / 5
    expect(growth?.delta).toBeCloseTo(0.1); // 0.6 − 0.5
    expect(cost?.share).toBeCloseTo(0.2);
    expect(cost?.delta).toBeCloseTo(-0.1); // 0.2 − 0.3
    expect(risk).toEqual({ category: 'Risk', count: 1, share: 0.2, target: null, delta: null });
    expect(compliance?.share).toBe(0);
    expect(compliance?.delta).toBeCloseTo(-0.2);
  });

  it('should sort equal counts by category when there are no targets', () => {
    expect(flowDistribution(['business', 'enabler', 'enabler', 'business'])).toEqual([
      { category: 'business', count: 2, share: 0.5, target: null, delta: null },
      { category: 'enabler', count: 2, share: 0.5, target: null, delta: null },
    ]);
  });

  it('should list the targets with zero counts and shares when there are no items', () => {
    expect(flowDistribution([], { Growth: 0.6, Cost: 0.4 })).toEqual([
      { category: 'Cost', count: 0, share: 0, target: 0.4, delta: -0.4 },
      { category: 'Growth', count: 0, share: 0, target: 0.6, delta: -0.6 },
    ]);
  });

  it('should be empty when there are neither items nor targets', () => {
    expect(flowDistribution([])).toEqual([]);
  });
});

describe('flowEfficiency', () => {
  const T0 = at('2025-03-03T00:00:00Z');
  const h = (hours: number) => T0 + hours * HOUR_MS;
  const states = ['Funnel', 'Implementing', 'Review', 'Done'];
  const reviewConfig = flowConfig({ states, active: ['Implementing'] });
  const entered = (implementing: number | null, done: number | null) => ({ Funnel: h(0), Implementing: implementing, Review: null, Done: done });

  /**
   * Funnel 0–10h, Implementing (active) 10–50h, Review (waiting) 50–70h, Done from 70h.
   * Flow = 70 − 10 = 60h. Active = 40h − flagged inside it: 20–26h (6h) and 8–12h clipped to 10–12h (2h);
   * the flag 60–65h lies in waiting time and changes nothing. Active = 32h; efficiency 32/60.
   */
  const reviewed = timeline(
    {
      key: 'E-9',
      currentState: 'Done',
      stateEnteredAt: { ...entered(h(10), h(70)), Review: h(50) },
      spans: [span('Funnel', h(0), h(10)), span('Implementing', h(10), h(50)), span('Review', h(50), h(70)), span('Done', h(70), null)],
      flaggedSpans: [flaggedSpan(h(8), h(12)), flaggedSpan(h(20), h(26)), flaggedSpan(h(60), h(65))],
    },
    reviewConfig,
  );

  it('should count active time minus flagged time over the flow time when the epic is done', () => {
    const result = flowEfficiency(reviewed, reviewConfig);
    expect(result).toEqual({ key: 'E-9', activeMs: 32 * HOUR_MS, flowMs: 60 * HOUR_MS, efficiency: expect.any(Number) });
    expect(result?.efficiency).toBeCloseTo(32 / 60);
  });

  it('should count overlapping flags once and an open flag up to Done when flags overlap and one is never cleared', () => {
    const flagged = { ...reviewed, flaggedSpans: [flaggedSpan(h(20), h(26)), flaggedSpan(h(24), h(30)), flaggedSpan(h(45), null)] };
    // Flagged inside active: 20–30h (10h) and 45–50h (5h) → active 40 − 15 = 25h.
    expect(flowEfficiency(flagged, reviewConfig)?.activeMs).toBe(25 * HOUR_MS);
  });

  it('should add up every active span when the epic went back to an active state', () => {
    const back = timeline(
      {
        stateEnteredAt: { ...entered(h(10), h(40)), Review: h(30) },
        spans: [span('Implementing', h(10), h(20)), span('Review', h(20), h(25)), span('Implementing', h(25), h(30)), span('Review', h(30), h(40)), span('Done', h(40), null)],
      },
      reviewConfig,
    );
    // Active 10h + 5h = 15h over 30h.
    expect(flowEfficiency(back, reviewConfig)).toMatchObject({ activeMs: 15 * HOUR_MS, flowMs: 30 * HOUR_MS, efficiency: 0.5 });
  });

  it('should count every active state when more than one is active', () => {
    const twoActive = flowConfig({ states, active: ['Implementing', 'Review'] });
    // Active 10–70h (60h) minus every flag inside it: 2h + 6h + 5h → 47h.
    expect(flowEfficiency(reviewed, twoActive)).toMatchObject({ activeMs: 47 * HOUR_MS, flowMs: 60 * HOUR_MS });
  });

  it.each([
    ['not done', entered(h(10), null)],
    ['reopened (Done cleared)', { ...entered(h(10), null), Review: h(50) }],
    ['done without a commitment instant', entered(null, h(70))],
  ])('should be null when the epic is %s', (_case, stateEnteredAt) => {
    expect(flowEfficiency({ ...reviewed, stateEnteredAt }, reviewConfig)).toBeNull();
  });

  it('should report a null efficiency when committed and done at the same instant', () => {
    const instant = timeline({ stateEnteredAt: entered(h(10), h(10)), spans: [span('Done', h(10), null)] }, reviewConfig);
    expect(flowEfficiency(instant, reviewConfig)).toEqual({ key: 'EPIC-1', activeMs: 0, flowMs: 0, efficiency: null });
  });
});

describe('flowEfficiencyOfSet', () => {
  it('should divide the summed active time by the summed flow time when given several epics', () => {
    const items = [epicEfficiency({ key: 'A', activeMs: 32, flowMs: 60 }), epicEfficiency({ key: 'B', activeMs: 10, flowMs: 20 })];
    expect(flowEfficiencyOfSet(items)).toBeCloseTo(42 / 80); // not the mean of 0.533 and 0.5
  });

  it.each([
    ['empty', []],
    ['only zero flow time', [epicEfficiency({ activeMs: 0, flowMs: 0 })]],
  ])('should be null when the set is %s', (_case, items) => {
    expect(flowEfficiencyOfSet(items)).toBeNull();
  });
});

describe('flowPredictability', () => {
  const q1 = { start: '2025-01-01', end: '2025-03-31' };

  it.each([
    ['one of two equal-value epics done within it', [plannedEpic({ businessValue: 8, doneDate: '2025-02-10' }), plannedEpic({ businessValue: 8 })], 0.5],
    [
      'done on the first and the last day (inclusive)',
      [plannedEpic({ businessValue: 3, doneDate: '2025-01-01' }), plannedEpic({ businessValue: 5, doneDate: '2025-03-31' })],
      1,
    ],
    [
      'done before and after the period',
      [plannedEpic({ businessValue: 3, doneDate: '2024-12-31' }), plannedEpic({ businessValue: 5, doneDate: '2025-04-01' }), plannedEpic({ businessValue: 2, doneDate: '2025-03-01' })],
      0.2, // 2 / (3 + 5 + 2)
    ],
    ['weighted by business value', [plannedEpic({ businessValue: 13, doneDate: '2025-03-01' }), plannedEpic({ businessValue: 7 })], 0.65],
  ])('should weigh done value over planned value when %s', (_case, planned, expected) => {
    expect(flowPredictability(planned, q1)).toBeCloseTo(expected);
  });

  it.each([
    ['nothing is planned', []],
    ['the planned value is 0', [plannedEpic({ businessValue: 0, doneDate: '2025-02-01' })]],
  ])('should be null when %s', (_case, planned) => {
    expect(flowPredictability(planned, q1)).toBeNull();
  });
});

describe('agingWip', () => {
  const percentiles = { '50': 5, '85': 10, '95': 20 };
  const today = '2025-03-31';
  const committedDaysAgo = (key: string, days: number) => {
    const committed = new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
    return flowEpic(key, { Funnel: committed, Analyzing: committed, Implementing: committed });
  };

  it.each([
    [3, '50'],
    [5, '50'], // equal to the 50th percentile does not exceed it
    [6, '85'],
    [10, '85'],
    [11, '95'],
    [20, '95'],
    [21, '>95'],
  ])('should band an epic aged %i days as %s', (days, band) => {
    expect(agingWip([committedDaysAgo('E-1', days)], config, today, percentiles)).toEqual([
      { key: 'E-1', state: 'Implementing', ageDays: days, percentileBand: band },
    ]);
  });

  it('should list only committed, not-done epics, oldest first then by key', () => {
    const epics = [
      committedDaysAgo('B', 4),
      flowEpic('funnel-only', { Funnel: '2025-03-01' }),
      doneEpic('done', '2025-03-01', '2025-03-20'),
      committedDaysAgo('C', 12),
      committedDaysAgo('A', 4),
    ];
    expect(agingWip(epics, config, today, percentiles).map((item) => [item.key, item.ageDays, item.percentileBand])).toEqual([
      ['C', 12, '95'],
      ['A', 4, '50'],
      ['B', 4, '50'],
    ]);
  });

  it('should add a day to the age when inclusive', () => {
    expect(agingWip([committedDaysAgo('E-1', 5)], config, today, percentiles, { inclusive: true })[0]).toMatchObject({ ageDays: 6, percentileBand: '85' });
  });

  it('should skip percentiles without a value and compare keys as numbers', () => {
    const sparse = { '95': 20, '50': null, '9': 2 };
    expect(agingWip([committedDaysAgo('E-1', 1), committedDaysAgo('E-2', 3), committedDaysAgo('E-3', 30)], config, today, sparse).map((i) => i.percentileBand)).toEqual(['>95', '95', '9']);
  });

  it.each([
    ['no percentiles', {}],
    ['only null percentiles (no flow-time sample)', { '50': null, '85': null }],
  ])('should give a null band when there are %s', (_case, given) => {
    expect(agingWip([committedDaysAgo('E-1', 3)], config, today, given)[0]?.percentileBand).toBeNull();
  });

  it('should be empty when the portfolio is empty', () => {
    expect(agingWip([], config, today, percentiles)).toEqual([]);
  });
});

describe('an empty portfolio', () => {
  it('should give empty series and null metrics everywhere', () => {
    expect(cumulativeFlow([], config, '2025-01-31')).toEqual([]);
    expect(loadInProgress(cumulativeFlow([], config, '2025-01-31'), config)).toEqual([]);
    expect(flowVelocity([], config, 'month', '2025-01-31')).toEqual([]);
    expect(flowDistribution([])).toEqual([]);
    expect(flowEfficiencyOfSet([])).toBeNull();
    expect(flowPredictability([], { start: '2025-01-01', end: '2025-01-31' })).toBeNull();
    expect(agingWip([], config, '2025-01-31', {})).toEqual([]);
    expect(flowEfficiency(timeline(), config)).toBeNull();
  });
});
