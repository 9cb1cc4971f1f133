/**
 * Strategy, OKRs and Flow: for now each names its resolver and summarises its data. Their full
 * pages (editing themes and OKRs, charts for the flow metrics) come with later issues.
 */
import type { ReactNode } from 'react';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import { Code } from '../shared/Code';
import { formatDays, formatShare, quarterOf } from '../shared/format';
import { EmptyState, Loaded } from '../shared/states';
import { DataTable } from '../shared/table';
import { useResolver } from '../shared/useResolver';

const tileStyles = xcss({
  backgroundColor: 'elevation.surface.raised',
  boxShadow: 'elevation.shadow.raised',
  borderRadius: 'radius.medium',
  padding: 'space.200',
  minWidth: '160px',
});

function Source({ keys }: { keys: readonly string[] }) {
  return (
    <Text size="small" color="color.text.subtlest">
      Data from {keys.map((key, index) => (
        <span key={key}>
          {index > 0 && ' and '}
          <Code>{key}</Code>
        </span>
      ))}
      . The full page comes in a later release.
    </Text>
  );
}

function Metric({ label, value }: { label: string; value: ReactNode }) {
  return (
    <Box xcss={tileStyles}>
      <Stack space="space.050">
        <Text size="small" color="color.text.subtle">
          {label}
        </Text>
        <Text size="large" weight="bold">
          {value}
        </Text>
      </Stack>
    </Box>
  );
}

export function StrategySummary() {
  const themes = useResolver('themes/list', {});
  const streams = useResolver('valueStreams/list', {});
  return (
    <Stack space="space.300">
      <Loaded state={themes.state} what="strategic themes" onRetry={themes.reload}>
        {({ themes: list }) =>
          list.length === 0 ? (
            <EmptyState title="No strategic themes yet">
              A portfolio manager defines the themes (each with a Jira label and a target share of the portfolio); epics carrying a theme's
              label then count towards it.
            </EmptyState>
          ) : (
            <DataTable
              caption="Strategic themes"
              rowKey={(theme) => theme.id}
              rows={list}
              columns={[
                { title: 'Theme', render: (theme) => theme.name },
                { title: 'Label', render: (theme) => <Code>{theme.label}</Code> },
                { title: 'Target share', numeric: true, render: (theme) => formatShare(theme.targetAllocation) },
              ]}
            />
          )
        }
      </Loaded>
      <Loaded state={streams.state} what="value streams" onRetry={streams.reload}>
        {({ valueStreams }) =>
          valueStreams.length === 0 ? (
            <EmptyState title="No value streams yet">A portfolio manager groups Jira projects into value streams for budgets and flow distribution.</EmptyState>
          ) : (
            <Inline space="space.200" shouldWrap>
              {valueStreams.map((stream) => (
                <Metric key={stream.id} label={stream.name} value={stream.projectKeys.join(', ') || '—'} />
              ))}
            </Inline>
          )
        }
      </Loaded>
      <Source keys={['themes/list', 'valueStreams/list']} />
    </Stack>
  );
}

export function OkrSummary() {
  const period = quarterOf(new Date());
  const { state, reload } = useResolver('okrs/list', { period });
  return (
    <Stack space="space.300">
      <Loaded state={state} what="OKRs" onRetry={reload}>
        {({ objectives }) =>
          objectives.length === 0 ? (
            <EmptyState title={`No OKRs for ${period}`}>
              A portfolio manager sets this quarter's objectives and key results; their progress is then measured from each key result's
              baseline towards its target.
            </EmptyState>
          ) : (
            <DataTable
              caption={`Objectives for ${period}`}
              rowKey={(objective) => objective.id}
              rows={objectives}
              columns={[
                { title: 'Objective', render: (objective) => objective.title },
                { title: 'Key results', numeric: true, render: (objective) => objective.keyResults.length },
                { title: 'Progress', numeric: true, render: (objective) => formatShare(objective.progress) },
              ]}
            />
          )
        }
      </Loaded>
      <Source keys={['okrs/list']} />
    </Stack>
  );
}

export function FlowSummary() {
  const { state, reload } = useResolver('flow/metrics', {});
  return (
    <Stack space="space.300">
      <Loaded state={state} what="flow metrics" onRetry={reload}>
        {({ report, velocity }) => {
          if (report.epics.length === 0) {
            return (
              <EmptyState title="No flow data yet">
                Flow metrics need epics in the portfolio's scope with status history. Check the scope JQL and the status mapping in the Lean
                Portfolio settings.
              </EmptyState>
            );
          }
          const recent = velocity.series.slice(-8);
          return (
            <Stack space="space.200">
              <Inline space="space.200" shouldWrap>
                <Metric label="Epics" value={report.epics.length} />
                <Metric label="Done (with a flow time)" value={report.flowTime.count} />
                {Object.entries(report.flowTime.percentiles).map(([percentile, days]) => (
                  <Metric key={percentile} label={`Flow time, ${percentile}th percentile`} value={formatDays(days)} />
                ))}
                <Metric label="In progress (load)" value={report.load.inProgress} />
                <Metric label="Flow efficiency" value={formatShare(report.efficiency)} />
              </Inline>
              <Text color="color.text.subtle">
                Velocity per {velocity.period}, last {recent.length}:{' '}
                {recent.map((point) => (
                  <Box as="span" key={point.start} paddingInlineEnd="space.050">
                    <Lozenge>{`${point.start}: ${point.count}`}</Lozenge>
                  </Box>
                ))}
              </Text>
            </Stack>
          );
        }}
      </Loaded>
      <Source keys={['flow/metrics']} />
    </Stack>
  );
}
