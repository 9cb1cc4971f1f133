/** The Kanban page's pure parts: the view in the URL, filtering, and a move applied to the board. */
import { applyMovedCard, countText, limitStatus, withPendingMoves, type Board, type BoardCard } from '../../../static/global-page/kanban/boardState';
import { boardViewSearch, describeFilters, filterChoices, matchesFilters, NO_FILTERS, NO_THEME, parseBoardView } from '../../../static/global-page/kanban/filters';

function card(overrides: Partial<BoardCard> = {}): BoardCard {
  return {
    key: 'PAY-1',
    summary: 'Launch instant payouts',
    projectKey: 'PAY',
    state: 'Funnel',
    theme: 'Growth',
    valueStream: 'Payments',
    workType: 'business',
    wsjfScore: 4,
    rank: 1,
    ageDays: null,
    daysInState: 3,
    flagged: false,
    needsApproval: false,
    staleScore: false,
    ...overrides,
  };
}

function board(cards: BoardCard[], limits: Record<string, number | null> = { Funnel: null, Reviewing: 2, Done: null }): Board {
  const columns = Object.entries(limits).map(([state, wipLimit]) => {
    const count = cards.filter((candidate) => candidate.state === state).length;
    return { state, wipLimit, count, hiddenCount: 0, overLimit: wipLimit !== null && count > wipLimit, atLimit: wipLimit !== null && count >= wipLimit };
  });
  return {
    asOf: '2026-11-16',
    commitment: 'Reviewing',
    columns,
    cards,
    done: { withinDays: 30, olderCount: 0 },
    totals: { includesHidden: false, hiddenCount: 0, rankedCount: cards.length },
    staleScoreDays: 90,
    unmappedEpicKeys: [],
    unmappedStatuses: [],
  };
}

describe('the view in the URL', () => {
  it.each([
    ['', { filters: NO_FILTERS, done: 30 }, ''],
    ['?theme=Growth&stream=Payments&type=enabler&q=wallet', { filters: { theme: 'Growth', valueStream: 'Payments', workType: 'enabler', text: 'wallet' }, done: 30 }, '?theme=Growth&stream=Payments&type=enabler&q=wallet'],
    ['?done=all', { filters: NO_FILTERS, done: null }, '?done=all'],
    ['?done=90', { filters: NO_FILTERS, done: 90 }, '?done=90'],
    ['?done=7&type=epic', { filters: NO_FILTERS, done: 30 }, ''],
  ])('should read %p as a view and write it back as %p when the URL names it', (search, view, written) => {
    expect(parseBoardView(search)).toEqual(view);
    expect(boardViewSearch(parseBoardView(search))).toBe(written);
  });
});

describe('filters', () => {
  const cards = [
    card({ key: 'PAY-1' }),
    card({ key: 'PLT-2', theme: null, valueStream: 'Platform', workType: 'enabler', summary: 'Upgrade Kubernetes' }),
    card({ key: 'MOB-3', theme: 'Compliance', valueStream: 'Mobile Experience' }),
  ];
  it.each([
    [{ ...NO_FILTERS, theme: NO_THEME }, ['PLT-2']],
    [{ ...NO_FILTERS, valueStream: 'Payments' }, ['PAY-1']],
    [{ ...NO_FILTERS, workType: 'enabler' as const }, ['PLT-2']],
    [{ ...NO_FILTERS, text: 'kubern' }, ['PLT-2']],
    [{ ...NO_FILTERS, text: 'mob-3' }, ['MOB-3']],
    [{ ...NO_FILTERS, theme: 'Growth', workType: 'enabler' as const }, []],
  ])('should keep the matching cards when the filter is %p', (filters, keys) => {
    expect(cards.filter((candidate) => matchesFilters(candidate, filters)).map((candidate) => candidate.key)).toEqual(keys);
  });

  it('should offer the values on the cards, sorted, with "(no theme)" last', () => {
    expect(filterChoices(cards)).toEqual({ themes: ['Compliance', 'Growth', NO_THEME], valueStreams: ['Mobile Experience', 'Payments', 'Platform'] });
  });

  it('should describe the active filters in words', () => {
    expect(describeFilters({ theme: 'Growth', valueStream: null, workType: 'enabler', text: ' wallet ' })).toBe('theme Growth, enablers, "wallet"');
  });
});

describe('a move applied to the board', () => {
  it('should move the card, shift both counts and mark the target full when it reaches its limit', () => {
    const before = board([card({ key: 'PAY-1', rank: 2 }), card({ key: 'PAY-2', state: 'Reviewing', rank: 1 }), card({ key: 'PAY-3', rank: null, wsjfScore: null })]);
    const after = applyMovedCard(before, card({ key: 'PAY-1', rank: 2, state: 'Reviewing', daysInState: 0 }), 'Funnel');
    expect(after.columns.map((column) => [column.state, column.count, column.atLimit, column.overLimit])).toEqual([
      ['Funnel', 1, false, false],
      ['Reviewing', 2, true, false],
      ['Done', 0, false, false],
    ]);
    expect(after.cards.map((candidate) => [candidate.key, candidate.state])).toEqual([
      ['PAY-2', 'Reviewing'],
      ['PAY-1', 'Reviewing'],
      ['PAY-3', 'Funnel'],
    ]);
  });

  it('should show pending moves in their target column without changing the board', () => {
    const cards = [card({ key: 'PAY-1' }), card({ key: 'PAY-2' })];
    expect(withPendingMoves(cards, new Map([['PAY-2', 'Done']])).map((candidate) => candidate.state)).toEqual(['Funnel', 'Done']);
    expect(cards[1]?.state).toBe('Funnel');
  });

  it.each([
    [{ count: 3, wipLimit: null }, '3', null],
    [{ count: 7, wipLimit: 8 }, '7 / 8', null],
    [{ count: 8, wipLimit: 8, atLimit: true }, '8 / 8', 'At WIP limit'],
    [{ count: 10, wipLimit: 8, atLimit: true, overLimit: true }, '10 / 8', 'Over WIP limit by 2'],
  ])('should write %p as %p and say %p', (column, text, status) => {
    const full = { state: 'Implementing', hiddenCount: 0, atLimit: false, overLimit: false, ...column };
    expect(countText(full.count, full.wipLimit)).toBe(text);
    expect(limitStatus(full)).toBe(status);
  });
});
