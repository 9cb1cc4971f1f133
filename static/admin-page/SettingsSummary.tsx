/** The portfolio settings, read-only: scope, states, status mapping, WIP limits and the rest. */
import type { ReactNode } from 'react';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import type { ResolverOutput } from '../../src/contract/resolvers';
import { Code } from '../shared/Code';
import { NONE } from '../shared/format';
import { Loaded } from '../shared/states';
import { StateLozenge } from '../shared/StateLozenge';
import { DataTable } from '../shared/table';
import { useResolver } from '../shared/useResolver';

type Settings = ResolverOutput<'settings/get'>;
type Statuses = ResolverOutput<'admin/statuses'>;

const sectionStyles = xcss({
  borderColor: 'color.border',
  borderStyle: 'solid',
  borderWidth: 'border.width',
  borderRadius: 'radius.large',
  padding: 'space.200',
  backgroundColor: 'elevation.surface',
});

function Section({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <Box xcss={sectionStyles} testId={testId}>
      <Stack space="space.150">
        <Heading size="small" as="h2">
          {title}
        </Heading>
        {children}
      </Stack>
    </Box>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Inline space="space.100" alignBlock="baseline" shouldWrap>
      <Box xcss={xcss({ minWidth: '14rem' })}>
        <Text weight="semibold" color="color.text.subtle">
          {label}
        </Text>
      </Box>
      <Text>{children}</Text>
    </Inline>
  );
}

type TimeKind = Settings['stateTimeKinds'][string];
const TIME_KIND_TEXT: Record<TimeKind, string> = { active: 'Active', waiting: 'Waiting', outside: 'Outside flow time' };

/** How the back end counts time in a state for flow efficiency (the rule is the domain's stateTimeKind). */
function timeKindText(kind: TimeKind | undefined): string {
  return kind === undefined ? NONE : TIME_KIND_TEXT[kind];
}

function StatesTable({ settings, stateTimeKinds }: Pick<Settings, 'settings' | 'stateTimeKinds'>) {
  const portfolio = { states: settings.states, commitment: settings.commitment };
  return (
    <DataTable
      caption="Portfolio states"
      rowKey={(state) => state}
      rows={settings.states}
      columns={[
        { title: '#', numeric: true, render: (state) => settings.states.indexOf(state) + 1 },
        { title: 'State', render: (state) => <StateLozenge state={state} portfolio={portfolio} /> },
        { title: 'Commitment point', render: (state) => (state === settings.commitment ? 'Yes — flow time starts here' : '') },
        { title: 'Time counts as', render: (state) => timeKindText(stateTimeKinds[state]) },
        { title: 'WIP limit', numeric: true, render: (state) => settings.wipLimits[state] ?? 'No limit' },
      ]}
    />
  );
}

function MappingTable({ statuses }: { statuses: Statuses }) {
  return (
    <Stack space="space.100">
      <Text color="color.text.subtle">
        {statuses.mappingByName
          ? 'No explicit mapping is saved: each status maps to the state with the same name.'
          : 'Statuses map to states by status id, as saved.'}
      </Text>
      <DataTable
        caption="Status mapping"
        rowKey={(status) => status.id}
        rows={statuses.statuses}
        columns={[
          { title: 'Jira status', render: (status) => status.name },
          { title: 'Status id', render: (status) => <Code>{status.id}</Code> },
          { title: 'Category', render: (status) => status.category ?? NONE },
          { title: 'Portfolio state', render: (status) => (status.state === null ? <Lozenge appearance="removed">Unmapped</Lozenge> : status.state) },
        ]}
      />
    </Stack>
  );
}

function SettingsView({ saved, statuses, onRetryStatuses }: { saved: Settings; statuses: ReturnType<typeof useResolver<'admin/statuses'>>; onRetryStatuses: () => void }) {
  const { settings } = saved;
  return (
    <Stack space="space.300">
      <SectionMessage appearance={saved.version === null ? 'information' : 'success'} title={saved.version === null ? 'Default settings' : `Saved settings, version ${saved.version}`}>
        <Text as="p">
          {saved.version === null
            ? 'Nothing has been saved yet, so the app uses these defaults.'
            : 'These are the saved settings every page of the app uses.'}{' '}
          This page is read-only for now; editing arrives in a later release.
        </Text>
      </SectionMessage>
      <Section title="Scope" testId="settings-scope">
        <Row label="Epics in the portfolio">
          <Code>{settings.scopeJql}</Code>
        </Row>
        <Row label="Time zone">{settings.timeZone}</Row>
        <Row label="Flow time counts both ends">{settings.inclusiveFlowTime ? 'Yes (+1 day)' : 'No'}</Row>
      </Section>
      <Section title="Portfolio states and WIP limits" testId="settings-states">
        <StatesTable settings={settings} stateTimeKinds={saved.stateTimeKinds} />
      </Section>
      <Section title="Status mapping" testId="settings-mapping">
        <Loaded state={statuses.state} what="Jira statuses" onRetry={onRetryStatuses}>
          {(data) => <MappingTable statuses={data} />}
        </Loaded>
      </Section>
      <Section title="Scoring and forecasting" testId="settings-other">
        <Row label="WSJF scale">{settings.wsjfScale.join(', ')}</Row>
        <Row label="Enabler labels">{settings.enablerLabels.length === 0 ? NONE : settings.enablerLabels.join(', ')}</Row>
        <Row label="Flow-time percentiles">{settings.flowPercentiles.map((p) => `${p}th`).join(', ')}</Row>
        <Row label="Forecast window">{`${settings.forecastWindowDays} days`}</Row>
        <Row label="Portfolio managers group">{settings.portfolioManagersGroup}</Row>
      </Section>
    </Stack>
  );
}

export function SettingsSummary() {
  const settings = useResolver('settings/get', {});
  const statuses = useResolver('admin/statuses', {});
  return (
    <Loaded state={settings.state} what="the settings" onRetry={settings.reload}>
      {(saved) => <SettingsView saved={saved} statuses={statuses} onRetryStatuses={statuses.reload} />}
    </Loaded>
  );
}
