/**
 * One WSJF component: a labelled native select on the configured scale with its one-line
 * explanation under it. Enter in the select saves the form (a native select does not submit).
 */
import { useId, type CSSProperties, type KeyboardEvent } from 'react';
import { Stack } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';

const labelStyle: CSSProperties = { font: token('font.body.small'), fontWeight: token('font.weight.semibold'), color: token('color.text.subtle') };
const hintStyle: CSSProperties = { font: token('font.body.small'), color: token('color.text.subtlest'), margin: 0 };
const selectStyle: CSSProperties = {
  font: token('font.body'),
  color: token('color.text'),
  backgroundColor: token('color.background.input'),
  border: `${token('border.width')} solid ${token('color.border.input')}`,
  borderRadius: token('radius.medium'),
  padding: `${token('space.050')} ${token('space.100')}`,
  width: '100%',
};

export function ScaleSelect({
  name,
  label,
  explanation,
  value,
  scale,
  disabled,
  onChange,
}: {
  name: string;
  label: string;
  explanation: string;
  value: string;
  scale: readonly number[];
  disabled: boolean;
  onChange: (value: string) => void;
}) {
  const id = useId();
  const submitOnEnter = (event: KeyboardEvent<HTMLSelectElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    event.currentTarget.form?.requestSubmit();
  };
  return (
    <Stack space="space.050">
      <label htmlFor={id} style={labelStyle}>
        {label}
      </label>
      <select
        id={id}
        name={name}
        value={value}
        disabled={disabled}
        aria-describedby={`${id}-hint`}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={submitOnEnter}
        style={selectStyle}
        data-testid={`wsjf-${name}`}
      >
        <option value="">Not set</option>
        {scale.map((option) => (
          <option key={option} value={String(option)}>
            {option}
          </option>
        ))}
      </select>
      <p id={`${id}-hint`} style={hintStyle}>
        {explanation}
      </p>
    </Stack>
  );
}
