/**
 * portfolio/board: who sees which numbers (settings.portfolioTotalsIncludeHidden), Done limited
 * to recent work, rank order within a column, and the stale-score badge.
 */
import { TEST_NOW, dataOf, demoEpicKeys, issueKeysIn, startTestBackend } from '../builders/services';
import type { TestBackend } from '../builders/services';

const DAY_MS = 86_400_000;
let backend: TestBackend;
beforeAll(async () => {
  backend = await startTestBackend();
});
afterAll(() => backend.close());

async function setIncludeHidden(on: boolean) {
  const current = dataOf(await backend.call('rte', 'settings/get'));
  dataOf(await backend.call('rte', 'settings/save', { settings: { ...current.settings, portfolioTotalsIncludeHidden: on }, version: current.version }));
}

describe('totals over the caller own epics (the default)', () => {
  it('should count and rank the member among the epics they can see when the setting is off', async () => {
    const board = dataOf(await backend.call('member', 'portfolio/board'));
    expect(board.totals).toEqual({ includesHidden: false, hiddenCount: 0, rankedCount: board.cards.filter((card) => card.rank !== null).length });
    expect(board.columns.every((column) => column.hiddenCount === 0)).toBe(true);
    const ranks = board.cards.map((card) => card.rank).filter((rank): rank is number => rank !== null);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks.map((_rank, index) => index + 1));
  });

  it('should order the cards of each column by rank with the unscored last', async () => {
    const board = dataOf(await backend.call('rte', 'portfolio/board'));
    for (const column of board.columns) {
      const cards = board.cards.filter((card) => card.state === column.state);
      const scored = cards.filter((card) => card.rank !== null);
      expect(cards.slice(0, scored.length)).toEqual(scored);
      expect(scored.map((card) => card.rank)).toEqual([...scored.map((card) => card.rank)].sort((a, b) => (a ?? 0) - (b ?? 0)));
    }
  });
});

describe('totals over the whole portfolio', () => {
  beforeAll(() => setIncludeHidden(true));
  afterAll(() => setIncludeHidden(false));

  it('should give the member the same WIP counts and ranks as the RTE, with the hidden count and no DAT detail', async () => {
    const rte = dataOf(await backend.call('rte', 'portfolio/board'));
    const member = dataOf(await backend.call('member', 'portfolio/board'));
    const datCount = demoEpicKeys(backend, 'DAT').length;

    expect(member.totals.includesHidden).toBe(true);
    expect(member.totals.hiddenCount).toBe(datCount);
    expect(rte.totals.hiddenCount).toBe(0);
    expect(member.totals.rankedCount).toBe(rte.totals.rankedCount);
    for (const column of member.columns.slice(0, -1)) {
      const rteColumn = rte.columns.find((candidate) => candidate.state === column.state)!;
      expect([column.state, column.count, column.overLimit]).toEqual([rteColumn.state, rteColumn.count, rteColumn.overLimit]);
      expect(column.hiddenCount).toBe(rte.cards.filter((card) => card.state === column.state && card.projectKey === 'DAT').length);
    }
    const rteRank = new Map(rte.cards.map((card) => [card.key, card.rank]));
    for (const card of member.cards) expect(card.rank).toBe(rteRank.get(card.key));
    expect(issueKeysIn(member).filter((key) => key.startsWith('DAT-'))).toEqual([]);
  });

  it('should rank the member WSJF ranking over the whole portfolio too', async () => {
    const rte = dataOf(await backend.call('rte', 'portfolio/wsjf'));
    const member = dataOf(await backend.call('member', 'portfolio/wsjf'));
    const rteRank = new Map(rte.epics.map((epic) => [epic.key, epic.rank]));
    for (const epic of member.epics) expect(epic.rank).toBe(rteRank.get(epic.key));
    expect(issueKeysIn(member).filter((key) => key.startsWith('DAT-'))).toEqual([]);
  });
});

describe('Done and badges', () => {
  it('should show only the epics finished within the window in Done and count the older ones', async () => {
    const all = dataOf(await backend.call('rte', 'portfolio/board'));
    const recent = dataOf(await backend.call('rte', 'portfolio/board', { doneWithinDays: 30 }));
    const doneAll = all.cards.filter((card) => card.state === 'Done');
    const doneRecent = recent.cards.filter((card) => card.state === 'Done');
    expect(doneRecent.length).toBeLessThan(doneAll.length);
    expect(recent.done).toEqual({ withinDays: 30, olderCount: doneAll.length - doneRecent.length });
    expect(recent.columns.at(-1)?.count).toBe(doneRecent.length);
    expect(doneRecent.every((card) => card.daysInState < 30)).toBe(true);
    expect(recent.cards.filter((card) => card.state !== 'Done')).toEqual(all.cards.filter((card) => card.state !== 'Done'));
  });

  it('should badge a score older than staleScoreDays as stale', async () => {
    const board = dataOf(await backend.call('rte', 'portfolio/board'));
    expect(board.staleScoreDays).toBe(90);
    for (const card of board.cards) {
      const property = backend.demo.data.issues.find((issue) => issue.key === card.key)?.properties['lean-portfolio.wsjf'] as { updatedAt: number } | undefined;
      const stale = card.wsjfScore !== null && property !== undefined && property.updatedAt < TEST_NOW - 90 * DAY_MS;
      expect([card.key, card.staleScore]).toEqual([card.key, stale]);
    }
    expect(board.cards.some((card) => card.staleScore)).toBe(true);
    expect(board.cards.some((card) => card.wsjfScore !== null && !card.staleScore)).toBe(true);
  });
});
