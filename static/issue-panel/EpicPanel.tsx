/**
 * The epic panel: loads epic/panel once (one request for every section) and lays out the sections of ./sections.tsx, each in a
 * collapsible PanelSection. An issue that is not a portfolio epic (the panel shows on every type
 * at Epic level or above) or outside the scope gets a sentence saying so.
 */
import { useCallback } from 'react';
import { Stack, Text } from '@atlaskit/primitives';
import { Code } from '../shared/Code';
import { invoke } from '../shared/invoke';
import { EmptyState, Loaded } from '../shared/states';
import { SyncBanner } from '../shared/SyncBanner';
import { useResolver } from '../shared/useResolver';
import { PanelSection } from './PanelSection';
import { PANEL_SECTIONS, type EpicOverview } from './sections';

function Sections({ issueKey, overview, refresh }: { issueKey: string; overview: EpicOverview; refresh: () => Promise<void> }) {
  const context = { issueKey, overview, refresh };
  return (
    <Stack space="space.050">
      {/* The issue view already shows the key and summary: the panel names only what Jira does not. */}
      <Text size="small" color="color.text.subtle">
        {overview.wsjf.theme === null ? 'No strategic theme' : `Theme: ${overview.wsjf.theme}`}
      </Text>
      {PANEL_SECTIONS.map(({ id, title, Component, summary, defaultOpen }) => (
        <PanelSection key={id} title={title} summary={summary?.(context)} defaultOpen={defaultOpen} testId={`panel-section-${id}`}>
          <Component {...context} />
        </PanelSection>
      ))}
    </Stack>
  );
}

export function EpicPanel({ issueKey }: { issueKey: string }) {
  const { state, reload, replace } = useResolver('epic/panel', { issueKey });
  // In the background: a failed refresh leaves what is shown (the save itself already succeeded).
  const refresh = useCallback(() => invoke('epic/panel', { issueKey }).then(replace, () => undefined), [issueKey, replace]);
  return (
    <Stack space="space.100">
      <SyncBanner onSynced={reload} />
      <Loaded state={state} what={`the epic ${issueKey}`} onRetry={reload}>
      {(overview) => {
        if (overview.kind === 'not-portfolio-epic') {
          return (
            <EmptyState title="Not a portfolio epic">
              {`${issueKey} is a ${overview.issueType}. Lean Portfolio scores and tracks ${overview.expected}; a Jira administrator can change that in the app's settings.`}
            </EmptyState>
          );
        }
        if (overview.kind === 'out-of-scope') {
          return (
            <EmptyState title="Not in the portfolio">
              {issueKey} is not selected by the portfolio's scope <Code>{overview.scopeJql}</Code>. A Jira administrator can widen the scope in the app's
              settings.
            </EmptyState>
          );
        }
        return <Sections issueKey={issueKey} overview={overview} refresh={refresh} />;
      }}
      </Loaded>
    </Stack>
  );
}
