/** The review's "what changed" assembly, with every line and count worked out by hand. */
import { categoryOfEntry, whatChanged } from '../../../src/domain/review';
import type { ReviewEntry, ReviewEpic, WhatChangedInput } from '../../../src/domain/review';
import { defaultPortfolioConfig } from '../../../src/domain/states';

// Status ids 1..6 are SAFe's states in order; 7 (On Hold) maps to none.
const CONFIG = defaultPortfolioConfig({ '1': 'Funnel', '2': 'Reviewing', '3': 'Analyzing', '4': 'Portfolio Backlog', '5': 'Implementing', '6': 'Done' });
const NAMES: Record<string, string> = { '7': 'On Hold' };
const WINDOW = { from: 1_000, to: 10_000 };
const UNSCORED = { userBusinessValue: null, timeCriticality: null, riskReductionOpportunityEnablement: null, jobSize: null };

function anEpic(overrides: Partial<ReviewEpic> = {}): ReviewEpic {
  return { key: 'PAY-1', summary: 'Instant payouts', createdAt: 0, statusChanges: [], wsjf: UNSCORED, ...overrides };
}

function anEntry(overrides: Partial<ReviewEntry> = {}): ReviewEntry {
  return { at: 2_000, action: 'budgets/save', subject: { kind: 'budget', key: '2026-Q4' }, summary: 'Budget 2026-Q4 saved', changes: [], ...overrides };
}

function run(overrides: Partial<WhatChangedInput>) {
  return whatChanged({ epics: [], entries: [], config: CONFIG, window: WINDOW, statusName: (id) => NAMES[id] ?? id, ...overrides });
}

describe('whatChanged', () => {
  it('should list a move inside the window and count it as leaving one state and entering the next', () => {
    const epic = anEpic({
      statusChanges: [
        { at: 500, fromStatusId: '2', toStatusId: '3' }, // before the window: not listed, not counted
        { at: 3_000, fromStatusId: '3', toStatusId: '4' },
      ],
    });
    const result = run({ epics: [epic] });
    expect(result.lines).toEqual([
      { at: 3_000, category: 'state', title: 'Instant payouts', summary: 'Analyzing → Portfolio Backlog', epicKey: 'PAY-1', document: null, fromState: 'Analyzing', toState: 'Portfolio Backlog' },
    ]);
    expect(result.states.filter((row) => row.entered + row.left > 0)).toEqual([
      { state: 'Analyzing', entered: 0, left: 1 },
      { state: 'Portfolio Backlog', entered: 1, left: 0 },
    ]);
  });

  it('should list an epic created inside the window as new, and not one created before', () => {
    const result = run({ epics: [anEpic({ key: 'PAY-2', summary: 'Wallet', createdAt: 4_000 }), anEpic({ createdAt: 999 })] });
    expect(result.lines.map((line) => [line.category, line.epicKey, line.summary])).toEqual([['new-epic', 'PAY-2', 'New epic']]);
  });

  it('should call a move out of the mapped flow, and a close without commitment, dropped; a close after implementing a move', () => {
    const onHold = anEpic({ key: 'PAY-1', statusChanges: [{ at: 2_000, fromStatusId: '3', toStatusId: '7' }] });
    const rejected = anEpic({ key: 'PAY-2', statusChanges: [{ at: 500, fromStatusId: '1', toStatusId: '2' }, { at: 3_000, fromStatusId: '2', toStatusId: '6' }] });
    const delivered = anEpic({ key: 'PAY-3', statusChanges: [{ at: 500, fromStatusId: '4', toStatusId: '5' }, { at: 4_000, fromStatusId: '5', toStatusId: '6' }] });
    const result = run({ epics: [onHold, rejected, delivered] });
    expect(result.lines.map((line) => [line.epicKey, line.category, line.summary])).toEqual([
      ['PAY-3', 'state', 'Implementing → Done'],
      ['PAY-2', 'dropped', 'Closed without implementation: Reviewing → Done'],
      ['PAY-1', 'dropped', 'Left the portfolio flow: Analyzing → On Hold'],
    ]);
    // Analyzing, Reviewing, Implementing each left once; Done entered twice; On Hold is no state.
    expect(result.states).toEqual([
      { state: 'Funnel', entered: 0, left: 0 },
      { state: 'Reviewing', entered: 0, left: 1 },
      { state: 'Analyzing', entered: 0, left: 1 },
      { state: 'Portfolio Backlog', entered: 0, left: 0 },
      { state: 'Implementing', entered: 0, left: 1 },
      { state: 'Done', entered: 2, left: 0 },
    ]);
  });

  it('should list every recorded change by its kind, including kinds it does not know, and leave out those outside the window', () => {
    const entries = [
      anEntry({ at: 5_000 }),
      anEntry({ at: 6_000, action: 'okrs/checkin', subject: { kind: 'okrs', key: '2026-Q4' }, summary: 'Check-in on "Payout time": 26 → 20' }),
      anEntry({ at: 7_000, action: 'epic/businessCase/decide', subject: { kind: 'epic', key: 'PAY-1' }, summary: 'Go' }),
      anEntry({ at: 8_000, action: 'guardrails/save', subject: { kind: 'guardrails', key: '2026-Q4' }, summary: 'Guardrails changed' }),
      anEntry({ at: 500, summary: 'too early' }),
      anEntry({ at: 10_000, summary: 'at the end: outside' }),
    ];
    const result = run({ epics: [anEpic()], entries });
    expect(result.lines.map((line) => [line.category, line.title, line.epicKey, line.document])).toEqual([
      ['guardrails', '2026-Q4', null, { kind: 'guardrails', key: '2026-Q4' }],
      ['epic/businessCase/decide', 'Instant payouts', 'PAY-1', null],
      ['okr-checkin', '2026-Q4', null, { kind: 'okrs', key: '2026-Q4' }],
      ['budget', '2026-Q4', null, { kind: 'budget', key: '2026-Q4' }],
    ]);
  });

  it('should report re-rankings in the top N from the WSJF changes recorded in the window', () => {
    // Now: A (8+5+3)/2 = 8, B (5+5+2)/2 = 6, C (3+3+3)/3 = 3 → A 1, B 2, C 3.
    // Before B's job size went 8 → 2, B was 12/8 = 1.5 → A 1, C 2, B 3.
    const epics = [
      anEpic({ key: 'PAY-1', summary: 'A', wsjf: { userBusinessValue: 8, timeCriticality: 5, riskReductionOpportunityEnablement: 3, jobSize: 2 } }),
      anEpic({ key: 'PAY-2', summary: 'B', wsjf: { userBusinessValue: 5, timeCriticality: 5, riskReductionOpportunityEnablement: 2, jobSize: 2 } }),
      anEpic({ key: 'PAY-3', summary: 'C', wsjf: { userBusinessValue: 3, timeCriticality: 3, riskReductionOpportunityEnablement: 3, jobSize: 3 } }),
    ];
    const wsjfEntry = anEntry({
      at: 4_000,
      action: 'epic/wsjf/save',
      subject: { kind: 'epic', key: 'PAY-2' },
      summary: 'PAY-2: WSJF 1.5 → 6',
      changes: [{ field: 'jobSize', from: 8, to: 2 }],
    });
    const result = run({ epics, entries: [wsjfEntry], topN: 2 });
    expect(result.rankChanges).toEqual([
      { key: 'PAY-2', from: 3, to: 2 },
      { key: 'PAY-3', from: 2, to: 3 },
    ]);
    expect(result.lines.map((line) => [line.epicKey, line.category, line.summary])).toEqual([
      ['PAY-2', 'rank', 'Entered the top 2: #3 → #2'],
      ['PAY-2', 'wsjf', 'PAY-2: WSJF 1.5 → 6'],
      ['PAY-3', 'rank', 'Left the top 2: #2 → #3'],
    ]);
  });

  it('should report no re-ranking when no WSJF changed and no epic was created in the window', () => {
    const epics = [anEpic({ wsjf: { userBusinessValue: 8, timeCriticality: 5, riskReductionOpportunityEnablement: 3, jobSize: 2 } })];
    expect(run({ epics }).rankChanges).toEqual([]);
  });

  it('should give an empty review when nothing happened', () => {
    const result = run({});
    expect(result.lines).toEqual([]);
    expect(result.states.every((row) => row.entered === 0 && row.left === 0)).toBe(true);
  });
});

describe('categoryOfEntry', () => {
  it.each([
    ['epic/wsjf/save', 'epic', 'wsjf'],
    ['okrs/link', 'epic', 'okr-link'],
    ['okrs/save', 'okrs', 'okrs'],
    ['settings/save', 'settings', 'settings'],
    ['epic/businessCase/save', 'epic', 'epic/businessCase'],
  ])('should group %s about a %s as %s', (action, kind, category) => {
    expect(categoryOfEntry({ action, subject: { kind, key: 'x' } })).toBe(category);
  });
});
