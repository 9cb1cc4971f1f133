/**
 * Every status the scope's epics use, with its Jira category and how many epics are or were in
 * it, mapped to a state; unmapped ones first, each with the state its category suggests. A status
 * may override its state's active/waiting kind (settings.statusActivity).
 */
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import type { ResolverOutput } from '../../src/contract/resolvers';
import { SelectField } from '../shared/Field';
import { Loaded } from '../shared/states';
import { DataTable } from '../shared/table';
import { useResolver } from '../shared/useResolver';
import { Section } from './Section';
import { mapStatus, setStatusActivity, type Settings } from './settingsEdit';

type MappingRow = ResolverOutput<'admin/mapping'>['statuses'][number];

const CATEGORY_TEXT: Record<string, string> = { new: 'To do', indeterminate: 'In progress', done: 'Done' };

function MappingTable({
  rows,
  nameMapping,
  settings,
  onChange,
  disabled,
}: {
  rows: readonly MappingRow[];
  nameMapping: Readonly<Record<string, string>>;
  settings: Settings;
  onChange: (next: Settings) => void;
  disabled: boolean;
}) {
  const stateOf = (row: MappingRow): string | null => {
    const mapping = settings.mapping ?? nameMapping;
    const state = mapping[row.id];
    return state !== undefined && settings.states.includes(state) ? state : null;
  };
  const stateOptions = [{ value: '', label: 'Unmapped' }, ...settings.states.map((state) => ({ value: state, label: state }))];
  const unmapped = rows.filter((row) => stateOf(row) === null).length;
  return (
    <Stack space="space.100">
      <Text color="color.text.subtle">
        {unmapped === 0
          ? 'Every status the epics use maps to a state.'
          : `${unmapped} status${unmapped === 1 ? '' : 'es'} map${unmapped === 1 ? 's' : ''} to no state: time there extends the state before it.`}
        {settings.mapping === null ? ' No explicit mapping is saved yet: statuses map to the state with the same name.' : ''}
      </Text>
      <DataTable
        caption="Status mapping"
        rowKey={(row) => row.id}
        rows={rows}
        columns={[
          { title: 'Jira status', render: (row) => <Text weight="semibold">{row.name}</Text> },
          { title: 'Category', render: (row) => CATEGORY_TEXT[row.category ?? ''] ?? row.category ?? '—' },
          { title: 'Epics now / ever', numeric: true, render: (row) => `${row.epicsNow} / ${row.epicsEver}` },
          {
            title: 'Portfolio state',
            render: (row) => {
              const state = stateOf(row);
              return (
                <Inline space="space.100" alignBlock="end" shouldWrap>
                  <SelectField
                    label={`State for ${row.name}`}
                    value={state ?? ''}
                    options={stateOptions}
                    disabled={disabled}
                    onChange={(value) => onChange(mapStatus(settings, nameMapping, row.id, value === '' ? null : value))}
                    testId={`mapping-${row.id}`}
                  />
                  {state === null && <Lozenge appearance="removed">Unmapped</Lozenge>}
                  {state === null && row.suggestion !== null && settings.states.includes(row.suggestion) && (
                    <Button spacing="compact" isDisabled={disabled} onClick={() => onChange(mapStatus(settings, nameMapping, row.id, row.suggestion))}>
                      {`Use ${row.suggestion} (from its category)`}
                    </Button>
                  )}
                </Inline>
              );
            },
          },
          {
            title: 'Time counts as',
            render: (row) => (
              <SelectField
                label={`Time in ${row.name}`}
                value={settings.statusActivity[row.id] ?? ''}
                disabled={disabled}
                options={[
                  { value: '', label: "As its state's" },
                  { value: 'active', label: 'Active' },
                  { value: 'waiting', label: 'Waiting' },
                ]}
                onChange={(value) => onChange(setStatusActivity(settings, row.id, value === 'active' || value === 'waiting' ? value : null))}
              />
            ),
          },
        ]}
      />
    </Stack>
  );
}

export function MappingSection({ settings, onChange, disabled }: { settings: Settings; onChange: (next: Settings) => void; disabled: boolean }) {
  const mapping = useResolver('admin/mapping', {});
  // What the name mapping gives every status (not only the used ones): the start of an explicit mapping.
  const statuses = useResolver('admin/statuses', {});
  const nameMapping: Record<string, string> =
    statuses.state.status === 'ready'
      ? Object.fromEntries(statuses.state.data.statuses.flatMap((status) => (status.state === null ? [] : [[status.id, status.state]])))
      : {};
  return (
    <Section title="Status mapping" intro="Which Jira statuses of the epics in scope put an epic in which state." testId="settings-mapping">
      <Loaded state={mapping.state} what="the statuses the epics use" onRetry={mapping.reload}>
        {(data) =>
          data.statuses.length === 0 ? (
            <Text>No epic in scope yet: check the scope JQL above.</Text>
          ) : (
            <MappingTable rows={data.statuses} nameMapping={nameMapping} settings={settings} onChange={onChange} disabled={disabled || statuses.state.status !== 'ready'} />
          )
        }
      </Loaded>
    </Section>
  );
}
