/** A labelled text or number input in the design system's text field (keyboard and screen reader friendly). */
import { useId, type CSSProperties } from 'react';
import { Stack } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';

const labelStyle: CSSProperties = { font: token('font.body.small'), fontWeight: token('font.weight.semibold'), color: token('color.text.subtle') };

export function TextInput({
  label,
  value,
  onChange,
  type = 'text',
  required,
  placeholder,
  width,
  testId,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'number' | 'date';
  required?: boolean;
  placeholder?: string;
  width?: number | 'small' | 'medium' | 'large' | 'xlarge';
  testId?: string;
}) {
  const id = useId();
  return (
    <Stack space="space.050">
      <label htmlFor={id} style={labelStyle}>
        {label}
        {required === true && <span aria-hidden="true"> *</span>}
      </label>
      <Textfield
        id={id}
        value={value}
        type={type}
        step={type === 'number' ? 'any' : undefined}
        isRequired={required}
        placeholder={placeholder}
        width={width}
        testId={testId}
        onChange={(event) => onChange((event.target as HTMLInputElement).value)}
      />
    </Stack>
  );
}

/** The number a field holds, or null when empty or not a number. */
export function numberOf(text: string): number | null {
  if (text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}
