/**
 * The epic panel: loads epic/overview once and lays out the sections of ./sections.tsx, each in a
 * collapsible PanelSection. An issue that is not a portfolio epic (the panel shows on every type
 * at Epic level or above) or outside the scope gets a sentence saying so.
 */
import Heading from '@atlaskit/heading';
import { Stack, Text } from '@atlaskit/primitives';
import { Code } from '../shared/Code';
import { EmptyState, Loaded } from '../shared/states';
import { useResolver } from '../shared/useResolver';
import { PanelSection } from './PanelSection';
import { PANEL_SECTIONS, type EpicOverview } from './sections';

function Sections({ issueKey, overview, reload }: { issueKey: string; overview: EpicOverview; reload: () => void }) {
  const context = { issueKey, overview, reload };
  return (
    <Stack space="space.050">
      <Heading size="xsmall" as="h1">
        {`${issueKey} · ${overview.wsjf.summary}`}
      </Heading>
      {overview.wsjf.theme !== null && <Text size="small" color="color.text.subtle">{`Theme: ${overview.wsjf.theme}`}</Text>}
      {PANEL_SECTIONS.map(({ id, title, Component, summary, defaultOpen }) => (
        <PanelSection key={id} title={title} summary={summary?.(context)} defaultOpen={defaultOpen} testId={`panel-section-${id}`}>
          <Component {...context} />
        </PanelSection>
      ))}
    </Stack>
  );
}

export function EpicPanel({ issueKey }: { issueKey: string }) {
  const { state, reload } = useResolver('epic/overview', { issueKey });
  return (
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
        return <Sections issueKey={issueKey} overview={overview} reload={reload} />;
      }}
    </Loaded>
  );
}
