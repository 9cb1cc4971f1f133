/**
 * The global page: Jira's sidebar lists the sub-pages (manifest `pages`) and changes the URL; the
 * app follows it through `view.createHistory()`. The same sub-pages are tabs here, so the page
 * also works where the sidebar is collapsed.
 */
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import type { ComponentType, LazyExoticComponent } from 'react';
import type { History } from 'history';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Box, Inline, Stack } from '@atlaskit/primitives';
import { view } from '@forge/bridge';
import { Loading } from '../shared/states';
import { SyncBanner } from '../shared/SyncBanner';
import { SUB_PAGES, subPageOf, type SubPageRoute } from './routes';

/** Each sub-page is its own chunk, loaded when it opens: the Kanban does not pay for the Flow charts. */
const CONTENT: Record<SubPageRoute, LazyExoticComponent<ComponentType>> = {
  '/kanban': lazy(() => import('./kanban/Kanban').then((module) => ({ default: module.Kanban }))),
  '/wsjf': lazy(() => import('./wsjf/WsjfPage').then((module) => ({ default: module.WsjfPage }))),
  '/strategy': lazy(() => import('./strategy/StrategyPage').then((module) => ({ default: module.StrategyPage }))),
  '/okrs': lazy(() => import('./okrs/OkrsPage').then((module) => ({ default: module.OkrsPage }))),
  '/flow': lazy(() => import('./flow/FlowPage').then((module) => ({ default: module.FlowPage }))),
  '/review': lazy(() => import('./review/ReviewPage').then((module) => ({ default: module.ReviewPage }))),
};

export function GlobalPage() {
  const [history, setHistory] = useState<History | null>(null);
  const [route, setRoute] = useState<SubPageRoute | null>(null);
  // Bumped when a background sync completes: the sub-page mounts again and reads the full portfolio.
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);

  useEffect(() => {
    let unlisten: (() => void) | undefined;
    let current = true;
    view.createHistory().then(
      (created) => {
        if (!current) return;
        setHistory(created);
        setRoute(subPageOf(created.location.pathname));
        unlisten = created.listen((location) => setRoute(subPageOf(location.pathname)));
      },
      // Without a host history (never in Jira) the tabs still work, locally.
      () => current && setRoute('/kanban'),
    );
    return () => {
      current = false;
      unlisten?.();
    };
  }, []);

  const go = (next: SubPageRoute) => {
    if (history === null) setRoute(next);
    else history.push(next);
  };
  const title = SUB_PAGES.find((page) => page.route === route)?.title ?? 'Lean Portfolio';
  const Content = route === null ? null : CONTENT[route];

  return (
    <Box padding="space.300">
      <Stack space="space.300">
        <Stack space="space.150">
          <Heading size="large" as="h1">
            {`Lean Portfolio · ${title}`}
          </Heading>
          <nav aria-label="Lean Portfolio pages">
            <Inline space="space.050">
              {SUB_PAGES.map((page) => (
                <Button
                  key={page.route}
                  appearance="subtle"
                  isSelected={page.route === route}
                  aria-current={page.route === route ? 'page' : undefined}
                  onClick={() => go(page.route)}
                >
                  {page.title}
                </Button>
              ))}
            </Inline>
          </nav>
        </Stack>
        <SyncBanner onSynced={reload} />
        {Content !== null && (
          <Suspense fallback={<Loading what="the page" />}>
            <Content key={generation} />
          </Suspense>
        )}
      </Stack>
    </Box>
  );
}
