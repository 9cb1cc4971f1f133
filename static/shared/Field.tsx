/** A labelled native <select> in the design tokens (the installed Atlaskit set has no select). */
import { useId, type CSSProperties } from 'react';
import { Stack } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';

const labelStyle: CSSProperties = { font: token('font.body.small'), fontWeight: token('font.weight.semibold'), color: token('color.text.subtle') };
const selectStyle: CSSProperties = {
  font: token('font.body'),
  color: token('color.text'),
  backgroundColor: token('color.background.input'),
  border: `${token('border.width')} solid ${token('color.border.input')}`,
  borderRadius: token('radius.medium'),
  padding: `${token('space.075')} ${token('space.100')}`,
  minWidth: '10rem',
};

export interface SelectOption {
  readonly value: string;
  readonly label: string;
}

export function SelectField({
  label,
  value,
  options,
  disabled,
  onChange,
  testId,
}: {
  label: string;
  value: string;
  options: readonly SelectOption[];
  disabled?: boolean;
  onChange: (value: string) => void;
  testId?: string;
}) {
  const id = useId();
  return (
    <Stack space="space.050">
      <label htmlFor={id} style={labelStyle}>
        {label}
      </label>
      <select id={id} value={value} disabled={disabled} onChange={(event) => onChange(event.target.value)} style={selectStyle} data-testid={testId}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Stack>
  );
}
