/**
 * The epic's own flow: its portfolio state and how long it has been there, the date it entered
 * each state, and its flow time (done) or age (in progress) against the flow-time percentiles of
 * the portfolio epics the user can see.
 */
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { formatDays, NONE } from '../shared/format';
import { StateLozenge } from '../shared/StateLozenge';
import { DataTable } from '../shared/table';
import type { EpicOverview, PanelSectionContext } from './sections';

type Flow = EpicOverview['flow'];

/** "85th percentile" → "within the 85th percentile"; ">95" → "above the 95th percentile". */
function bandText(band: string | null): string | null {
  if (band === null) return null;
  return band.startsWith('>') ? `above the ${band.slice(1)}th percentile` : `within the ${band}th percentile`;
}

function measure(flow: Flow): { label: string; days: number } | null {
  if (flow.flowTimeDays !== null) return { label: 'Flow time', days: flow.flowTimeDays };
  if (flow.ageDays !== null) return { label: 'Age since commitment', days: flow.ageDays };
  return null;
}

export function flowSummary({ overview }: PanelSectionContext): string {
  const { flow } = overview;
  if (flow.state === null) return 'Unmapped status';
  return flow.daysInState === null ? flow.state : `${flow.state} · ${formatDays(flow.daysInState)}`;
}

export function FlowSection({ overview }: PanelSectionContext) {
  const { flow } = overview;
  const states = flow.stateDates.map((row) => row.state);
  const portfolio = { states, commitment: flow.commitment };
  const measured = measure(flow);
  const band = bandText(flow.band);
  return (
    <Stack space="space.150">
      <Inline space="space.100" alignBlock="center" shouldWrap>
        <StateLozenge state={flow.state} portfolio={portfolio} />
        <Text testId="flow-days-in-state">
          {flow.stateSince === null ? 'No state yet' : `since ${flow.stateSince} (${formatDays(flow.daysInState)})`}
        </Text>
      </Inline>
      <Text testId="flow-measure">
        {measured === null
          ? `Not committed yet: flow time starts when the epic enters ${flow.commitment}.`
          : `${measured.label}: ${formatDays(measured.days)}${band === null ? '' : `, ${band}`} of ${flow.sampleSize} finished epics.`}
      </Text>
      {flow.sampleSize > 0 && (
        <Text size="small" color="color.text.subtle">
          {`Portfolio flow time: ${flow.percentiles.map((row) => `${row.percentile}th ${formatDays(row.days)}`).join(' · ')}`}
        </Text>
      )}
      <DataTable
        caption="State dates"
        rowKey={(row) => row.state}
        rows={flow.stateDates}
        columns={[
          { title: 'State', render: (row) => <StateLozenge state={row.state} portfolio={portfolio} /> },
          { title: 'Entered', render: (row) => row.date ?? NONE },
        ]}
      />
    </Stack>
  );
}
