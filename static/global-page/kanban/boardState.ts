/** The board as the page holds it between loads: a move replaces one card and shifts two counts. */
import type { ResolverOutput } from '../../../src/contract/resolvers';

export type Board = ResolverOutput<'portfolio/board'>;
export type BoardCard = Board['cards'][number];
export type BoardColumn = Board['columns'][number];

/** Ranked first (by rank), unscored last by key: the order the server sends. */
function byRank(a: BoardCard, b: BoardCard): number {
  const rank = (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY);
  if (rank !== 0 && !Number.isNaN(rank)) return rank;
  return a.key.localeCompare(b.key, 'en', { numeric: true });
}

function withCount(column: BoardColumn, count: number): BoardColumn {
  const { wipLimit } = column;
  return { ...column, count, overLimit: wipLimit !== null && count > wipLimit, atLimit: wipLimit !== null && count >= wipLimit };
}

/** The board after the server moved `moved` out of `fromState`. */
export function applyMovedCard(board: Board, moved: BoardCard, fromState: string): Board {
  const cards = [...board.cards.filter((card) => card.key !== moved.key), moved].sort(byRank);
  if (fromState === moved.state) return { ...board, cards };
  const columns = board.columns.map((column) => {
    if (column.state === fromState) return withCount(column, Math.max(0, column.count - 1));
    if (column.state === moved.state) return withCount(column, column.count + 1);
    return column;
  });
  return { ...board, cards, columns };
}

/** The cards with pending moves shown where they are going (until the server answers). */
export function withPendingMoves(cards: readonly BoardCard[], pending: ReadonlyMap<string, string>): BoardCard[] {
  if (pending.size === 0) return [...cards];
  return cards.map((card) => {
    const toState = pending.get(card.key);
    return toState === undefined ? card : { ...card, state: toState };
  });
}

/** "8 / 8" or "3" (no limit). */
export function countText(count: number, wipLimit: number | null): string {
  return wipLimit === null ? String(count) : `${count} / ${wipLimit}`;
}

/** The column's load in words (never colour alone). */
export function limitStatus(column: BoardColumn): string | null {
  if (column.wipLimit === null) return null;
  if (column.overLimit) return `Over WIP limit by ${column.count - column.wipLimit}`;
  if (column.atLimit) return 'At WIP limit';
  return null;
}
