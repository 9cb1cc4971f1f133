/**
 * Moving cards: by drag and drop and by "Move to…", both through `epic/transition`. A card shows
 * in its new column while the move is pending; a refusal puts it back and a flag says why; a
 * column at its WIP limit asks for confirmation first. Every step is announced to screen readers.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { showFlag } from '@forge/bridge';
import { announce } from '@atlaskit/pragmatic-drag-and-drop-live-region';
import { monitorForElements } from '@atlaskit/pragmatic-drag-and-drop/element/adapter';
import { invoke } from '../../shared/invoke';
import { asCallError } from '../../shared/useResolver';
import { applyMovedCard, type Board, type BoardCard } from './boardState';
import { isDraggedEpic } from './dragData';

export interface WipConfirmation {
  readonly card: BoardCard;
  readonly toState: string;
  readonly message: string;
}

export interface Moves {
  /** Card key → the state it is moving to, while the server has not answered. */
  readonly pending: ReadonlyMap<string, string>;
  readonly confirmation: WipConfirmation | null;
  move(card: BoardCard, toState: string): void;
  confirm(): void;
  cancel(): void;
}

let flagCounter = 0;

export function useMoves(board: Board, replace: (board: Board) => void): Moves {
  const [pending, setPending] = useState<ReadonlyMap<string, string>>(new Map());
  const [confirmation, setConfirmation] = useState<WipConfirmation | null>(null);
  // The latest board, for callbacks that must stay stable (memoised cards, the drop monitor).
  const boardRef = useRef(board);
  boardRef.current = board;

  const settle = useCallback((key: string) => {
    setPending((current) => {
      const next = new Map(current);
      next.delete(key);
      return next;
    });
  }, []);

  const send = useCallback(
    (card: BoardCard, toState: string, overWipLimit: boolean) => {
      setPending((current) => new Map(current).set(card.key, toState));
      announce(`Moving ${card.key} to ${toState}.`);
      invoke('epic/transition', { issueKey: card.key, toState, ...(overWipLimit ? { overWipLimit: true } : {}) }).then(
        (moved) => {
          replace(applyMovedCard(boardRef.current, moved, card.state));
          settle(card.key);
          announce(`${card.key} moved to ${moved.state}.`);
        },
        (error: unknown) => {
          const failure = asCallError(error);
          if (failure.code === 'conflict' && !overWipLimit) {
            // The column is at its WIP limit: the card waits where it would go while the user decides.
            setConfirmation({ card, toState, message: failure.message });
            announce(`${failure.message}`);
            return;
          }
          settle(card.key);
          announce(`${card.key} was not moved and is back in ${card.state}. ${failure.message}`);
          flagCounter += 1;
          void showFlag({
            id: `lpm-move-${flagCounter}`,
            type: 'error',
            title: `${card.key} was not moved`,
            description: failure.message,
            isAutoDismiss: false,
          });
        },
      );
    },
    [replace, settle],
  );

  const move = useCallback((card: BoardCard, toState: string) => send(card, toState, false), [send]);

  const confirm = useCallback(() => {
    if (confirmation === null) return;
    setConfirmation(null);
    send(confirmation.card, confirmation.toState, true);
  }, [confirmation, send]);

  const cancel = useCallback(() => {
    if (confirmation === null) return;
    setConfirmation(null);
    settle(confirmation.card.key);
    announce(`${confirmation.card.key} stays in ${confirmation.card.state}.`);
  }, [confirmation, settle]);

  useEffect(
    () =>
      monitorForElements({
        canMonitor: ({ source }) => isDraggedEpic(source.data),
        onDragStart: ({ source }) => {
          if (isDraggedEpic(source.data)) announce(`Picked up ${source.data.key} from ${source.data.state}.`);
        },
        onDrop: ({ source, location }) => {
          if (!isDraggedEpic(source.data)) return;
          const target = location.current.dropTargets[0];
          const toState = target?.data.state;
          const card = boardRef.current.cards.find((candidate) => candidate.key === source.data.key);
          if (typeof toState !== 'string' || card === undefined || toState === card.state) {
            announce(`${source.data.key} dropped back in ${source.data.state}.`);
            return;
          }
          move(card, toState);
        },
      }),
    [move],
  );

  return { pending, confirmation, move, confirm, cancel };
}
