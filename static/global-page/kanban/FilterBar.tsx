/** Filters by theme, value stream, work type and text; each change is kept in the page URL. */
import Button from '@atlaskit/button/new';
import { Box, Inline, xcss } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import { ChoiceMenu, type Choice } from './ChoiceMenu';
import { isFiltered, NO_FILTERS, type BoardFilters } from './filters';

const WORK_TYPES: readonly Choice<BoardFilters['workType']>[] = [
  { value: null, label: 'All' },
  { value: 'business', label: 'Business' },
  { value: 'enabler', label: 'Enabler' },
];

const textStyles = xcss({ width: '240px' });

export interface FilterBarProps {
  readonly filters: BoardFilters;
  readonly themes: readonly string[];
  readonly valueStreams: readonly string[];
  onChange(filters: BoardFilters): void;
}

export function FilterBar({ filters, themes, valueStreams, onChange }: FilterBarProps) {
  return (
    <Inline space="space.100" alignBlock="center" shouldWrap role="search" aria-label="Filter the board">
      <ChoiceMenu
        label="Theme"
        testId="filter-theme"
        value={filters.theme}
        choices={[{ value: null, label: 'All' }, ...themes.map((theme) => ({ value: theme, label: theme }))]}
        onChange={(theme) => onChange({ ...filters, theme })}
      />
      <ChoiceMenu
        label="Value stream"
        testId="filter-stream"
        value={filters.valueStream}
        choices={[{ value: null, label: 'All' }, ...valueStreams.map((stream) => ({ value: stream, label: stream }))]}
        onChange={(valueStream) => onChange({ ...filters, valueStream })}
      />
      <ChoiceMenu
        label="Work type"
        testId="filter-type"
        value={filters.workType}
        choices={WORK_TYPES}
        onChange={(workType) => onChange({ ...filters, workType })}
      />
      <Box xcss={textStyles}>
        <Textfield
          isCompact
          aria-label="Filter by key or summary"
          placeholder="Key or summary"
          value={filters.text}
          maxLength={200}
          onChange={(event) => onChange({ ...filters, text: event.currentTarget.value })}
          testId="filter-text"
        />
      </Box>
      {isFiltered(filters) && (
        <Button appearance="subtle" onClick={() => onChange(NO_FILTERS)}>
          Clear filters
        </Button>
      )}
    </Inline>
  );
}
