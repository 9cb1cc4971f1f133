/**
 * The portfolio Kanban: a column per state with its count against its WIP limit, epic cards in
 * WSJF rank order, filters kept in the URL, and moves by drag and drop or "Move to…" (both through
 * `epic/transition`). All columns share the width, so the whole flow fits a 1440 px screen.
 */
import { lazy, Suspense, useCallback, useMemo } from 'react';
import Button from '@atlaskit/button/new';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import { router } from '@forge/bridge';
import type { PortfolioStates } from '../../shared/StateLozenge';
import { Loaded, Loading } from '../../shared/states';
import { useResolver } from '../../shared/useResolver';
import { BoardColumn } from './BoardColumn';
import { withPendingMoves, type Board, type BoardCard } from './boardState';
import { ChoiceMenu } from './ChoiceMenu';
import { DONE_WINDOWS, describeFilters, filterChoices, isFiltered, matchesFilters, type BoardView, type DoneWindow } from './filters';
import { FilterBar } from './FilterBar';
import { useBoardView } from './useBoardView';
import { useMoves } from './useMoves';

/** Loaded when a move first needs confirmation: most sessions never open it. */
const WipConfirmDialog = lazy(() => import('./WipConfirmDialog').then((module) => ({ default: module.WipConfirmDialog })));

const columnsStyles = xcss({ display: 'flex', gap: 'space.100', alignItems: 'flex-start', width: '100%' });
const ADMIN_PAGE_MODULE_KEY = 'lean-portfolio-settings';

function doneLabel(days: DoneWindow): string {
  return days === null ? 'all' : days === 365 ? '1 year' : `${days} days`;
}

function totalsText(board: Board): string {
  const { totals } = board;
  if (!totals.includesHidden) return 'Counts and ranks are among the epics you can see.';
  const hidden = totals.hiddenCount === 0 ? 'you can see all of them' : `${totals.hiddenCount} not visible to you`;
  return `Counts and ranks are over the whole portfolio (${hidden}).`;
}

function NoEpics() {
  return (
    <SectionMessage
      appearance="information"
      title="No epics in the portfolio"
      testId="empty"
      actions={[
        <Button key="admin" onClick={() => void router.navigate({ target: 'module', moduleKey: ADMIN_PAGE_MODULE_KEY })}>
          Open the Lean Portfolio settings
        </Button>,
      ]}
    >
      <Text as="p">
        No epic you can see matches the portfolio's scope JQL. A Jira admin sets the scope (for example <code>issuetype = Epic ORDER BY key</code>)
        on the Lean Portfolio settings page, in Jira settings → Apps. If the epics are in a project you cannot browse, ask for access to it.
      </Text>
    </SectionMessage>
  );
}

function BoardContent({ board, replace, view, setView }: { board: Board; replace: (board: Board) => void; view: BoardView; setView: (view: BoardView) => void }) {
  const moves = useMoves(board, replace);
  const portfolio: PortfolioStates = useMemo(() => ({ states: board.columns.map((column) => column.state), commitment: board.commitment }), [board]);
  const choices = useMemo(() => filterChoices(board.cards), [board.cards]);
  const filtered = isFiltered(view.filters);
  const shownCards = useMemo(
    () => withPendingMoves(board.cards, moves.pending).filter((card) => matchesFilters(card, view.filters)),
    [board.cards, moves.pending, view.filters],
  );
  const cardsByState = useMemo(() => {
    const byState = new Map<string, BoardCard[]>();
    for (const card of shownCards) byState.set(card.state, [...(byState.get(card.state) ?? []), card]);
    return byState;
  }, [shownCards]);
  const pendingKeys = useMemo(() => new Set(moves.pending.keys()), [moves.pending]);
  const onMove = useCallback((card: BoardCard, toState: string) => moves.move(card, toState), [moves.move]);

  if (board.cards.length === 0 && board.unmappedEpicKeys.length === 0 && board.done.olderCount === 0) return <NoEpics />;
  const done = portfolio.states.at(-1);
  return (
    <Stack space="space.150">
      <FilterBar filters={view.filters} themes={choices.themes} valueStreams={choices.valueStreams} onChange={(filters) => setView({ ...view, filters })} />
      <Inline space="space.100" shouldWrap>
        <Text size="small" color="color.text.subtle" testId="board-totals">
          {totalsText(board)}
        </Text>
        {filtered && (
          <Text size="small" color="color.text.subtle" testId="board-filter-note">
            {`Filtered (${describeFilters(view.filters)}): ${shownCards.length} of ${board.cards.length} epics shown; each column says how many match, and its count against the WIP limit stays the whole column's.`}
          </Text>
        )}
      </Inline>
      {board.unmappedEpicKeys.length > 0 && (
        <SectionMessage appearance="warning" title={`${board.unmappedEpicKeys.length} epics are not on the board`}>
          <Text as="p">
            Their status maps to no portfolio state ({board.unmappedStatuses.map((status) => status.name ?? status.id).join(', ')}). Map it in the Lean
            Portfolio settings: {board.unmappedEpicKeys.join(', ')}.
          </Text>
        </SectionMessage>
      )}
      <Box xcss={columnsStyles} testId="kanban-board">
        {board.columns.map((column) => {
          const cards = cardsByState.get(column.state) ?? [];
          return (
            <BoardColumn
              key={column.state}
              column={column}
              cards={cards}
              portfolio={portfolio}
              filteredCount={filtered ? cards.length : null}
              rankedCount={board.totals.rankedCount}
              staleScoreDays={board.staleScoreDays}
              pendingKeys={pendingKeys}
              onMove={onMove}
              doneControl={
                column.state === done ? (
                  <Stack space="space.050">
                    <ChoiceMenu
                      label="Finished in"
                      testId="done-window"
                      value={view.done}
                      choices={DONE_WINDOWS.map((days) => ({ value: days, label: doneLabel(days) }))}
                      onChange={(days) => setView({ ...view, done: days })}
                    />
                    {board.done.olderCount > 0 && (
                      <Text size="small" color="color.text.subtlest">
                        {`${board.done.olderCount} finished earlier not shown`}
                      </Text>
                    )}
                  </Stack>
                ) : undefined
              }
            />
          );
        })}
      </Box>
      <Text size="small" color="color.text.subtlest">
        {`As of ${board.asOf} · ${board.cards.length} epics on the board · drag a card to another column, or use "Move…" on the card.`}
      </Text>
      {moves.confirmation !== null && (
        <Suspense fallback={null}>
          <WipConfirmDialog moves={moves} />
        </Suspense>
      )}
    </Stack>
  );
}

function BoardLoader({ view, setView }: { view: BoardView; setView: (view: BoardView) => void }) {
  const { state, reload, replace } = useResolver('portfolio/board', view.done === null ? {} : { doneWithinDays: view.done });
  return (
    <Loaded state={state} what="the portfolio board" onRetry={reload}>
      {(board) => <BoardContent board={board} replace={replace} view={view} setView={setView} />}
    </Loaded>
  );
}

export function Kanban() {
  const { view, setView } = useBoardView();
  if (view === null) return <Loading what="the portfolio board" />;
  return <BoardLoader view={view} setView={setView} />;
}
