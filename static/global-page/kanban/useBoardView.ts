/**
 * The board's filters and Done window, read from and written to the global page's URL through the
 * host's history (view.createHistory), so a view can be shared and survives a reload.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { History } from 'history';
import { view as bridgeView } from '@forge/bridge';
import { boardViewSearch, parseBoardView, type BoardView } from './filters';

const ROUTE = '/kanban';

/** Null until the host's history has answered (the first load then asks for the right Done window). */
export function useBoardView(): { view: BoardView | null; setView: (next: BoardView) => void } {
  const history = useRef<History | null>(null);
  const [view, setViewState] = useState<BoardView | null>(null);

  useEffect(() => {
    let current = true;
    bridgeView.createHistory().then(
      (created) => {
        if (!current) return;
        history.current = created;
        setViewState(parseBoardView(created.location.search));
      },
      // Outside a host (never in Jira) the view still works, without the URL.
      () => current && setViewState(parseBoardView('')),
    );
    return () => {
      current = false;
    };
  }, []);

  const setView = useCallback((next: BoardView) => {
    setViewState(next);
    // Replace, not push: typing a filter must not fill the back button with every keystroke.
    history.current?.replace(`${ROUTE}${boardViewSearch(next)}`);
  }, []);

  return { view, setView };
}
