/**
 * One epic on the board: key (opens the issue), summary, theme, value stream, WSJF and rank, days
 * in the current state, badges, and "Move to…" for keyboard and screen-reader users. The whole
 * card can be dragged to another column (pragmatic-drag-and-drop, native HTML5 drag and drop).
 */
import { memo, useEffect, useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import ClockIcon from '@atlaskit/icon/core/clock';
import { token } from '@atlaskit/tokens';
import DropdownMenu, { DropdownItem, DropdownItemGroup } from '@atlaskit/dropdown-menu';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import { draggable } from '@atlaskit/pragmatic-drag-and-drop/element/adapter';
import { formatScore } from '../../shared/format';
import { IssueLink } from '../../shared/IssueLink';
import { raisedSurfaceStyles } from '../../shared/surface';
import type { BoardCard } from './boardState';
import { draggedEpic } from './dragData';

const cardStyles = xcss({
  paddingInline: 'space.100',
  paddingBlock: 'space.075',
  cursor: 'grab',
  borderWidth: 'border.width',
  borderStyle: 'solid',
  borderColor: 'color.border.disabled',
});
const draggingStyles = xcss({ opacity: 0.4 });
const pendingStyles = xcss({ borderColor: 'color.border.information', borderStyle: 'dashed' });
const summaryStyles = xcss({
  display: '-webkit-box',
  overflow: 'hidden',
  // Two lines at most: columns are narrow so all six fit at 1440 px.
  WebkitLineClamp: '2',
  WebkitBoxOrient: 'vertical',
} as Parameters<typeof xcss>[0]);

export interface EpicCardProps {
  readonly card: BoardCard;
  readonly states: readonly string[];
  /** Rank wording: "of 127" or "of 127 (28 not visible to you)" comes from the board. */
  readonly rankedCount: number;
  readonly pending: boolean;
  readonly staleScoreDays: number;
  onMove(card: BoardCard, toState: string): void;
}

function daysText(days: number): string {
  return days === 1 ? '1 day' : `${days} days`;
}

function EpicCardView({ card, states, rankedCount, pending, staleScoreDays, onMove }: EpicCardProps) {
  const ref = useRef<HTMLDivElement | null>(null);
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    const element = ref.current;
    if (element === null || pending) return undefined;
    return draggable({
      element,
      getInitialData: () => draggedEpic(card.key, card.state),
      onDragStart: () => setDragging(true),
      onDrop: () => setDragging(false),
    });
  }, [card.key, card.state, pending]);

  const rank = card.rank === null ? 'Unranked' : `Rank ${card.rank} of ${rankedCount}`;
  return (
    <Box
      ref={ref}
      xcss={[raisedSurfaceStyles, cardStyles, dragging && draggingStyles, pending && pendingStyles]}
      testId="epic-card"
      data-epic-key={card.key}
      aria-busy={pending}
    >
      <Stack space="space.050">
        <Inline spread="space-between" alignBlock="center" space="space.050">
          <IssueLink issueKey={card.key} />
          <Text size="small" color="color.text.subtle">
            <span title={rank} aria-label={`${rank}, WSJF ${formatScore(card.wsjfScore)}`}>
              {card.wsjfScore === null ? 'Unscored' : `WSJF ${formatScore(card.wsjfScore)} · #${card.rank ?? '—'}`}
            </span>
          </Text>
        </Inline>
        <Box xcss={summaryStyles}>
          <Text size="small">{card.summary}</Text>
        </Box>
        <Inline space="space.050" alignBlock="center" shouldWrap>
          {card.theme !== null && <Lozenge appearance="new">{card.theme}</Lozenge>}
          {card.workType === 'enabler' && <Lozenge appearance="moved">Enabler</Lozenge>}
          <Text size="small" color="color.text.subtlest">
            {card.valueStream}
          </Text>
        </Inline>
        {(card.flagged || card.needsApproval || card.staleScore) && (
          <Inline space="space.050" shouldWrap>
            {card.flagged && <Lozenge appearance="removed">Flagged</Lozenge>}
            {card.needsApproval && <Lozenge appearance="removed">Needs approval</Lozenge>}
            {card.staleScore && (
              <span title={`Scored more than ${staleScoreDays} days ago`}>
                <Lozenge appearance="default">Stale score</Lozenge>
              </span>
            )}
          </Inline>
        )}
        <Inline spread="space-between" alignBlock="center">
          <Inline space="space.050" alignBlock="center">
            {!pending && <ClockIcon label="" size="small" color={token('color.icon.subtlest')} />}
            <Text size="small" color="color.text.subtlest">
              <span style={{ whiteSpace: 'nowrap' }} title={`${daysText(card.daysInState)} in ${card.state}`} aria-label={pending ? undefined : `${daysText(card.daysInState)} in ${card.state}`}>
                {pending ? 'Moving…' : daysText(card.daysInState)}
              </span>
            </Text>
          </Inline>
          <DropdownMenu
            spacing="compact"
            placement="bottom-end"
            trigger={({ triggerRef, ...props }) => (
              <Button {...props} ref={triggerRef} spacing="compact" appearance="subtle" isDisabled={pending} aria-label={`Move ${card.key} to…`}>
                Move…
              </Button>
            )}
          >
            <DropdownItemGroup title={`Move ${card.key} to`}>
              {states
                .filter((state) => state !== card.state)
                .map((state) => (
                  <DropdownItem key={state} onClick={() => onMove(card, state)}>
                    {state}
                  </DropdownItem>
                ))}
            </DropdownItemGroup>
          </DropdownMenu>
        </Inline>
      </Stack>
    </Box>
  );
}

/** Re-renders only when its own card changes: a board of hundreds of cards stays responsive. */
export const EpicCard = memo(EpicCardView);
