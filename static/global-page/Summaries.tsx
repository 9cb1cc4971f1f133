/**
 * Strategy, OKRs and Flow: for now each names its resolver and summarises its data. Their full
 * pages (editing themes and OKRs, charts for the flow metrics) come with later issues.
 */
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import { Code } from '../shared/Code';
import { FigureTile } from '../shared/FigureTile';
import { formatDays, formatShare, NONE } from '../shared/format';
import { EmptyState, Loaded } from '../shared/states';
import { DataTable } from '../shared/table';
import { useResolver } from '../shared/useResolver';

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
                <FigureTile key={stream.id} label={stream.name} value={stream.projectKeys.join(', ') || NONE} />
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
  // No period: the resolver answers the current quarter in the portfolio's time zone.
  const { state, reload } = useResolver('okrs/list', {});
  return (
    <Stack space="space.300">
      <Loaded state={state} what="OKRs" onRetry={reload}>
        {({ period, objectives }) =>
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
                <FigureTile label="Epics" value={report.epics.length} />
                <FigureTile label="Done (with a flow time)" value={report.flowTime.count} />
                {Object.entries(report.flowTime.percentiles).map(([percentile, days]) => (
                  <FigureTile key={percentile} label={`Flow time, ${percentile}th percentile`} value={formatDays(days)} />
                ))}
                <FigureTile label="In progress (load)" value={report.load.inProgress} />
                <FigureTile label="Flow efficiency" value={formatShare(report.efficiency)} />
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
