/** The Flow page's choices: which epics (theme, value stream, work type), which dates, which period and segment. */
import type { CSSProperties } from 'react';
import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import type { FlowCharts } from '../../../src/contract/flowReport';
import { raisedSurfaceStyles } from '../../shared/surface';
import type { FlowQuery, PeriodKind, WorkType } from './query';

const barStyles = xcss({ padding: 'space.200' });
const selectStyle: CSSProperties = {
  font: token('font.body'),
  color: token('color.text'),
  background: token('color.background.input'),
  border: `${token('border.width')} solid ${token('color.border.input')}`,
  borderRadius: token('radius.small'),
  padding: `${token('space.050')} ${token('space.100')}`,
};

function toggled<T>(list: readonly T[], item: T): T[] {
  return list.includes(item) ? list.filter((other) => other !== item) : [...list, item];
}

function Group({ legend, children }: { legend: string; children: React.ReactNode }) {
  return (
    <fieldset style={{ border: 'none', margin: 0, padding: 0, minWidth: 0 }}>
      <legend style={{ padding: 0, marginBottom: token('space.050') }}>
        <Text size="small" weight="medium">
          {legend}
        </Text>
      </legend>
      {children}
    </fieldset>
  );
}

export function FilterBar({ charts, query, onChange }: { charts: FlowCharts; query: FlowQuery; onChange: (next: FlowQuery) => void }) {
  const { filterOptions, states, segment, range } = charts;
  const date = (value: string) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null);
  return (
    <Box xcss={[raisedSurfaceStyles, barStyles]} testId="flow-filters">
      <Stack space="space.200">
        <Inline space="space.400" shouldWrap alignBlock="start">
          <Group legend="Theme">
            <Inline space="space.100" shouldWrap>
              {filterOptions.themes.map((theme) => (
                <Checkbox key={theme.id} label={theme.name} isChecked={query.themes.includes(theme.id)} onChange={() => onChange({ ...query, themes: toggled(query.themes, theme.id) })} />
              ))}
            </Inline>
          </Group>
          <Group legend="Value stream">
            <Inline space="space.100" shouldWrap>
              {filterOptions.valueStreams.map((stream) => (
                <Checkbox
                  key={stream.id}
                  label={stream.name}
                  isChecked={query.valueStreams.includes(stream.id)}
                  onChange={() => onChange({ ...query, valueStreams: toggled(query.valueStreams, stream.id) })}
                />
              ))}
            </Inline>
          </Group>
          <Group legend="Work type">
            <Inline space="space.100">
              {filterOptions.workTypes.map((type) => (
                <Checkbox
                  key={type.id}
                  label={type.name}
                  isChecked={query.workTypes.includes(type.id as WorkType)}
                  onChange={() => onChange({ ...query, workTypes: toggled(query.workTypes, type.id as WorkType) })}
                />
              ))}
            </Inline>
          </Group>
        </Inline>
        <Inline space="space.400" shouldWrap alignBlock="end">
          <Inline space="space.100" alignBlock="end">
            <Box>
              <label htmlFor="lpm-flow-from">
                <Text size="small" weight="medium">From</Text>
              </label>
              <Textfield id="lpm-flow-from" type="date" value={query.from ?? range.from} max={range.to} onChange={(event) => onChange({ ...query, from: date(event.currentTarget.value) })} />
            </Box>
            <Box>
              <label htmlFor="lpm-flow-to">
                <Text size="small" weight="medium">To</Text>
              </label>
              <Textfield id="lpm-flow-to" type="date" value={query.to ?? range.to} max={charts.asOf} onChange={(event) => onChange({ ...query, to: date(event.currentTarget.value) })} />
            </Box>
          </Inline>
          <Group legend="Period">
            <Inline space="space.050">
              {(['week', 'month', 'quarter'] as const).map((period: PeriodKind) => (
                <Button key={period} isSelected={query.period === period} aria-pressed={query.period === period} onClick={() => onChange({ ...query, period })}>
                  {period[0]?.toUpperCase() + period.slice(1)}
                </Button>
              ))}
            </Inline>
          </Group>
          <Inline space="space.100" alignBlock="end">
            <Box>
              <label htmlFor="lpm-flow-start">
                <Text size="small" weight="medium">Flow time from</Text>
              </label>
              <div>
                <select id="lpm-flow-start" style={selectStyle} value={segment.from} onChange={(event) => onChange({ ...query, segmentFrom: event.currentTarget.value, segmentTo: segment.to })}>
                  {states.slice(0, -1).map((state) => (
                    <option key={state} value={state} disabled={states.indexOf(state) >= states.indexOf(segment.to)}>
                      {state}
                    </option>
                  ))}
                </select>
              </div>
            </Box>
            <Box>
              <label htmlFor="lpm-flow-end">
                <Text size="small" weight="medium">to</Text>
              </label>
              <div>
                <select id="lpm-flow-end" style={selectStyle} value={segment.to} onChange={(event) => onChange({ ...query, segmentFrom: segment.from, segmentTo: event.currentTarget.value })}>
                  {states.slice(1).map((state) => (
                    <option key={state} value={state} disabled={states.indexOf(state) <= states.indexOf(segment.from)}>
                      {state}
                    </option>
                  ))}
                </select>
              </div>
            </Box>
          </Inline>
        </Inline>
      </Stack>
    </Box>
  );
}
