/**
 * One portfolio state: its count against its WIP limit (in words and a token colour, never colour
 * alone), the epics in rank order, and a drop target for dragged cards. A long column (Funnel,
 * Done) scrolls inside itself and renders its first cards until asked for all.
 */
import { useEffect, useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import { dropTargetForElements } from '@atlaskit/pragmatic-drag-and-drop/element/adapter';
import { StateLozenge, type PortfolioStates } from '../../shared/StateLozenge';
import { countText, limitStatus, type BoardCard, type BoardColumn as Column } from './boardState';
import { isDraggedEpic } from './dragData';
import { EpicCard } from './EpicCard';

const columnStyles = xcss({
  flex: '1 1 0',
  minWidth: '0',
  backgroundColor: 'elevation.surface.sunken',
  borderRadius: 'radius.large',
  padding: 'space.075',
  borderWidth: 'border.width',
  borderStyle: 'solid',
  borderColor: 'color.border.disabled',
});
const fullStyles = xcss({ borderColor: 'color.border.warning', backgroundColor: 'color.background.warning' });
const overStyles = xcss({ borderColor: 'color.border.danger', backgroundColor: 'color.background.danger' });
const dropStyles = xcss({ borderColor: 'color.border.selected', backgroundColor: 'color.background.selected' });
const cardListStyles = xcss({ maxHeight: '68vh', overflowY: 'auto', paddingBlockEnd: 'space.050' });

/** Cards rendered before "Show all": keeps a column of hundreds quick to draw. */
const CARDS_SHOWN = 30;

export interface BoardColumnProps {
  readonly column: Column;
  readonly cards: readonly BoardCard[];
  readonly portfolio: PortfolioStates;
  /** The count of the column's epics that match the active filter; null without a filter. */
  readonly filteredCount: number | null;
  readonly rankedCount: number;
  readonly staleScoreDays: number;
  readonly pendingKeys: ReadonlySet<string>;
  /** Done only: the finished epics older than the window, and the control that shows them. */
  readonly doneControl?: React.ReactNode;
  onMove(card: BoardCard, toState: string): void;
}

function countLabel(column: Column): string {
  const limit = column.wipLimit === null ? 'no WIP limit' : `WIP limit ${column.wipLimit}`;
  const hidden = column.hiddenCount > 0 ? `, ${column.hiddenCount} not visible to you` : '';
  return `${column.count} epics, ${limit}${hidden}`;
}

export function BoardColumn(props: BoardColumnProps) {
  const { column, cards, portfolio, filteredCount, onMove } = props;
  const ref = useRef<HTMLDivElement | null>(null);
  const [isOver, setIsOver] = useState(false);
  const [expanded, setExpanded] = useState(false);

  useEffect(() => {
    const element = ref.current;
    if (element === null) return undefined;
    return dropTargetForElements({
      element,
      getData: () => ({ state: column.state }),
      canDrop: ({ source }) => isDraggedEpic(source.data) && source.data.state !== column.state,
      onDragEnter: () => setIsOver(true),
      onDragLeave: () => setIsOver(false),
      onDrop: () => setIsOver(false),
    });
  }, [column.state]);

  const status = limitStatus(column);
  const shown = expanded ? cards : cards.slice(0, CARDS_SHOWN);
  return (
    <Box
      ref={ref}
      xcss={[columnStyles, column.atLimit && fullStyles, column.overLimit && overStyles, isOver && dropStyles]}
      testId={`kanban-column-${column.state}`}
      role="region"
      aria-label={`${column.state} column`}
    >
      <Stack space="space.075">
        <Box paddingInline="space.050" paddingBlockStart="space.050">
          <Stack space="space.025">
            <Inline spread="space-between" alignBlock="center" space="space.050">
              <StateLozenge state={column.state} portfolio={portfolio} />
              <Text size="small" weight="bold" color={column.overLimit ? 'color.text.danger' : column.atLimit ? 'color.text.warning' : 'color.text.subtle'}>
                <span aria-label={countLabel(column)} data-testid="column-count">
                  {countText(column.count, column.wipLimit)}
                </span>
              </Text>
            </Inline>
            {status !== null && (
              <Text size="small" weight="medium" color={column.overLimit ? 'color.text.danger' : 'color.text.warning'} testId="column-limit-status">
                {status}
              </Text>
            )}
            {column.hiddenCount > 0 && (
              <Text size="small" color="color.text.subtlest">
                {column.hiddenCount} not visible to you
              </Text>
            )}
            {filteredCount !== null && (
              <Text size="small" color="color.text.subtle" testId="column-filtered-count">
                {filteredCount} match the filter
              </Text>
            )}
          </Stack>
        </Box>
        <Box xcss={cardListStyles}>
          <Stack space="space.075">
            {shown.map((card) => (
              <EpicCard
                key={card.key}
                card={card}
                states={portfolio.states}
                rankedCount={props.rankedCount}
                pending={props.pendingKeys.has(card.key)}
                staleScoreDays={props.staleScoreDays}
                onMove={onMove}
              />
            ))}
            {shown.length < cards.length && (
              <Button appearance="subtle" shouldFitContainer onClick={() => setExpanded(true)}>
                {`Show all ${cards.length}`}
              </Button>
            )}
            {cards.length === 0 && (
              <Box padding="space.100">
                <Text size="small" color="color.text.subtlest">
                  {filteredCount === null ? 'No epics' : 'No epics match'}
                </Text>
              </Box>
            )}
          </Stack>
        </Box>
        {props.doneControl}
      </Stack>
    </Box>
  );
}
