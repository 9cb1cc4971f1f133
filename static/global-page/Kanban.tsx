/** The portfolio Kanban: one column per state with its count and WIP limit, epic cards inside. */
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import type { ResolverOutput } from '../../src/contract/resolvers';
import { formatDays, formatScore } from '../shared/format';
import { IssueLink } from '../shared/IssueLink';
import { EmptyState, Loaded } from '../shared/states';
import { StateLozenge, type PortfolioStates } from '../shared/StateLozenge';
import { raisedSurfaceStyles } from '../shared/surface';
import { useResolver } from '../shared/useResolver';

type Board = ResolverOutput<'portfolio/board'>;
type Card = Board['cards'][number];
type Column = Board['columns'][number];

const boardStyles = xcss({ overflowX: 'auto', paddingBlockEnd: 'space.200' });
const columnStyles = xcss({
  width: '272px',
  flexShrink: 0,
  backgroundColor: 'elevation.surface.sunken',
  borderRadius: 'radius.large',
  padding: 'space.100',
  minHeight: '160px',
});
const overLimitStyles = xcss({ backgroundColor: 'color.background.danger' });
const cardStyles = xcss({ padding: 'space.150' });

/** Long columns (Done grows forever) show their first cards until asked for all. */
const CARDS_SHOWN = 20;

function limitText(column: Column): string {
  return column.wipLimit === null ? `${column.count}` : `${column.count} / ${column.wipLimit}`;
}

function EpicCard({ card }: { card: Card }) {
  return (
    <Box xcss={[raisedSurfaceStyles, cardStyles]} testId="epic-card">
      <Stack space="space.100">
        <Text>{card.summary}</Text>
        <Inline space="space.100" alignBlock="center" shouldWrap>
          {card.theme !== null && <Lozenge appearance="new">{card.theme}</Lozenge>}
          {card.workType === 'enabler' && <Lozenge appearance="moved">Enabler</Lozenge>}
          {card.flagged && <Lozenge appearance="removed">Flagged</Lozenge>}
        </Inline>
        <Inline spread="space-between" alignBlock="center">
          <IssueLink issueKey={card.key} />
          <Inline space="space.100" alignBlock="center">
            {card.ageDays !== null && <Text size="small" color="color.text.subtle">{formatDays(card.ageDays)}</Text>}
            <Lozenge appearance={card.wsjfScore === null ? 'default' : 'inprogress'} isBold={card.wsjfScore !== null}>
              {card.wsjfScore === null ? 'Unscored' : `WSJF ${formatScore(card.wsjfScore)}`}
            </Lozenge>
          </Inline>
        </Inline>
      </Stack>
    </Box>
  );
}

function BoardColumn({ column, cards, portfolio }: { column: Column; cards: readonly Card[]; portfolio: PortfolioStates }) {
  const [expanded, setExpanded] = useState(false);
  const shown = expanded ? cards : cards.slice(0, CARDS_SHOWN);
  return (
    <Box xcss={[columnStyles, column.overLimit && overLimitStyles]} testId={`kanban-column-${column.state}`}>
      <Stack space="space.100">
        <Box paddingInline="space.050" paddingBlock="space.050">
          <Inline spread="space-between" alignBlock="center">
            <StateLozenge state={column.state} portfolio={portfolio} />
            <Text size="small" weight="semibold" color={column.overLimit ? 'color.text.danger' : 'color.text.subtle'}>
              <span aria-label={column.wipLimit === null ? `${column.count} epics, no WIP limit` : `${column.count} epics, WIP limit ${column.wipLimit}`}>
                {limitText(column)}
              </span>
            </Text>
          </Inline>
          {column.overLimit && (
            <Text size="small" color="color.text.danger">
              Over the WIP limit
            </Text>
          )}
        </Box>
        {shown.map((card) => (
          <EpicCard key={card.key} card={card} />
        ))}
        {shown.length < cards.length && (
          <Button appearance="subtle" shouldFitContainer onClick={() => setExpanded(true)}>
            {`Show all ${cards.length}`}
          </Button>
        )}
      </Stack>
    </Box>
  );
}

function BoardView({ board }: { board: Board }) {
  // The columns are the states, in order.
  const portfolio: PortfolioStates = { states: board.columns.map((column) => column.state), commitment: board.commitment };
  if (board.cards.length === 0 && board.unmappedEpicKeys.length === 0) {
    return (
      <EmptyState title="No epics in the portfolio">
        No epic you can see matches the portfolio's scope JQL. A Jira admin sets the scope in Jira settings → Apps → Lean Portfolio settings; if
        the epics are in a project you cannot browse, ask for access to it.
      </EmptyState>
    );
  }
  return (
    <Stack space="space.200">
      {board.unmappedEpicKeys.length > 0 && (
        <SectionMessage appearance="warning" title={`${board.unmappedEpicKeys.length} epics are not on the board`}>
          <Text as="p">
            Their status maps to no portfolio state ({board.unmappedStatuses.map((status) => status.name ?? status.id).join(', ')}). Map it in
            the Lean Portfolio settings: {board.unmappedEpicKeys.join(', ')}.
          </Text>
        </SectionMessage>
      )}
      <Box xcss={boardStyles}>
        <Inline space="space.150" alignBlock="start">
          {board.columns.map((column) => (
            <BoardColumn key={column.state} column={column} cards={board.cards.filter((card) => card.state === column.state)} portfolio={portfolio} />
          ))}
        </Inline>
      </Box>
      <Text size="small" color="color.text.subtlest">
        As of {board.asOf} · {board.cards.length} epics
      </Text>
    </Stack>
  );
}

export function Kanban() {
  const { state, reload } = useResolver('portfolio/board', {});
  return (
    <Loaded state={state} what="the portfolio board" onRetry={reload}>
      {(board) => <BoardView board={board} />}
    </Loaded>
  );
}
