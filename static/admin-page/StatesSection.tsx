/**
 * The portfolio's states in order (SAFe's by default; the last is Done): rename, add, remove,
 * reorder; the commitment state; active or waiting for flow efficiency; WIP limits.
 */
import Button, { IconButton } from '@atlaskit/button/new';
import ArrowDownIcon from '@atlaskit/icon/core/arrow-down';
import ArrowUpIcon from '@atlaskit/icon/core/arrow-up';
import DeleteIcon from '@atlaskit/icon/core/delete';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import { DataTable } from '../shared/table';
import { Section } from './Section';
import { addState, moveState, removeState, renameState, setActive, setWipLimit, type Settings } from './settingsEdit';

export function StatesSection({ settings, onChange, disabled }: { settings: Settings; onChange: (next: Settings) => void; disabled: boolean }) {
  const last = settings.states.length - 1;
  const rows = settings.states.map((state, index) => ({ state, index }));
  return (
    <Section
      title="States and WIP limits"
      intro="The portfolio Kanban's columns, in order; the last is Done. Flow time starts at the commitment state; time in active states counts as work for flow efficiency."
      testId="settings-states"
    >
      <DataTable
        caption="Portfolio states"
        rowKey={(row) => String(row.index)}
        rows={rows}
        columns={[
          { title: '#', numeric: true, render: (row) => row.index + 1 },
          {
            title: 'State',
            render: (row) => (
              <Textfield
                aria-label={`Name of state ${row.index + 1}`}
                value={row.state}
                isCompact
                isDisabled={disabled}
                onChange={(event) => onChange(renameState(settings, row.index, event.currentTarget.value))}
              />
            ),
          },
          {
            title: 'Commitment',
            render: (row) =>
              row.index === last ? (
                <Text color="color.text.subtlest">Done</Text>
              ) : (
                <input
                  type="radio"
                  name="commitment"
                  aria-label={`${row.state} is the commitment state`}
                  checked={settings.commitment === row.state}
                  disabled={disabled}
                  onChange={() => onChange({ ...settings, commitment: row.state })}
                />
              ),
          },
          {
            title: 'Time counts as',
            render: (row) =>
              row.index === last ? (
                <Text color="color.text.subtlest">—</Text>
              ) : row.index < settings.states.indexOf(settings.commitment) ? (
                <Text color="color.text.subtlest">Before commitment</Text>
              ) : (
                <label>
                  <input
                    type="checkbox"
                    checked={settings.active.includes(row.state)}
                    disabled={disabled}
                    onChange={(event) => onChange(setActive(settings, row.state, event.currentTarget.checked))}
                  />{' '}
                  {settings.active.includes(row.state) ? 'Active' : 'Waiting'}
                </label>
              ),
          },
          {
            title: 'WIP limit',
            render: (row) =>
              row.index === last ? (
                <Text color="color.text.subtlest">—</Text>
              ) : (
                <Textfield
                  aria-label={`WIP limit of ${row.state}`}
                  type="number"
                  min={1}
                  width={96}
                  isCompact
                  placeholder="No limit"
                  isDisabled={disabled}
                  value={settings.wipLimits[row.state] === undefined ? '' : String(settings.wipLimits[row.state])}
                  onChange={(event) => {
                    const text = event.currentTarget.value;
                    onChange(setWipLimit(settings, row.state, text === '' ? null : Math.max(1, Math.round(Number(text)))));
                  }}
                />
              ),
          },
          {
            title: 'Order',
            render: (row) => (
              <Inline space="space.050">
                <IconButton
                  icon={ArrowUpIcon}
                  label={`Move ${row.state} up`}
                  spacing="compact"
                  isDisabled={disabled || row.index === 0 || row.index === last}
                  onClick={() => onChange(moveState(settings, row.index, -1))}
                />
                <IconButton
                  icon={ArrowDownIcon}
                  label={`Move ${row.state} down`}
                  spacing="compact"
                  isDisabled={disabled || row.index >= last - 1}
                  onClick={() => onChange(moveState(settings, row.index, 1))}
                />
                <IconButton
                  icon={DeleteIcon}
                  label={`Remove ${row.state}`}
                  spacing="compact"
                  isDisabled={disabled || row.index === last || settings.commitment === row.state || settings.states.length <= 2}
                  onClick={() => onChange(removeState(settings, row.index))}
                />
              </Inline>
            ),
          },
        ]}
      />
      <Stack space="space.050">
        <Inline>
          <Button onClick={() => onChange(addState(settings))} isDisabled={disabled || settings.states.length >= 20}>
            Add a state
          </Button>
        </Inline>
        <Text size="small" color="color.text.subtlest">
          Removing a state unmaps its statuses; the commitment state and Done cannot be removed.
        </Text>
      </Stack>
    </Section>
  );
}
