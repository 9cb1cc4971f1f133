/**
 * Labelled native inputs in the design tokens (text, number, multi-line), used by the business case
 * editor and the Strategy page. Native elements keep them keyboard- and screen-reader-friendly.
 */
import { useId, type CSSProperties } from 'react';
import { Stack } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';

const labelStyle: CSSProperties = { font: token('font.body.small'), fontWeight: token('font.weight.semibold'), color: token('color.text.subtle') };
export const inputStyle: CSSProperties = {
  font: token('font.body'),
  color: token('color.text'),
  backgroundColor: token('color.background.input'),
  border: `${token('border.width')} solid ${token('color.border.input')}`,
  borderRadius: token('radius.medium'),
  padding: `${token('space.075')} ${token('space.100')}`,
  boxSizing: 'border-box',
  width: '100%',
};

interface FieldProps {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly disabled?: boolean;
  readonly testId?: string;
  readonly placeholder?: string;
  readonly hint?: string;
}

function Hint({ id, hint }: { id: string; hint?: string }) {
  if (hint === undefined) return null;
  return (
    <span id={id} style={{ font: token('font.body.small'), color: token('color.text.subtlest') }}>
      {hint}
    </span>
  );
}

export function TextField({ label, value, onChange, disabled, testId, placeholder, hint, width }: FieldProps & { width?: string }) {
  const id = useId();
  return (
    <Stack space="space.050">
      <label htmlFor={id} style={labelStyle}>
        {label}
      </label>
      <input
        id={id}
        type="text"
        value={value}
        disabled={disabled}
        placeholder={placeholder}
        aria-describedby={hint === undefined ? undefined : `${id}-hint`}
        onChange={(event) => onChange(event.target.value)}
        style={{ ...inputStyle, ...(width === undefined ? {} : { width }) }}
        data-testid={testId}
      />
      <Hint id={`${id}-hint`} hint={hint} />
    </Stack>
  );
}

/** Amounts as typed (text), so a half-typed number is not lost; parsed by the caller. */
export function AmountField({ label, value, onChange, disabled, testId, hint, width = '9rem' }: FieldProps & { width?: string }) {
  const id = useId();
  return (
    <Stack space="space.050">
      <label htmlFor={id} style={labelStyle}>
        {label}
      </label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        value={value}
        disabled={disabled}
        aria-describedby={hint === undefined ? undefined : `${id}-hint`}
        onChange={(event) => onChange(event.target.value)}
        style={{ ...inputStyle, width, textAlign: 'right' }}
        data-testid={testId}
      />
      <Hint id={`${id}-hint`} hint={hint} />
    </Stack>
  );
}

export function TextAreaField({ label, value, onChange, disabled, testId, placeholder, hint, rows = 3 }: FieldProps & { rows?: number }) {
  const id = useId();
  return (
    <Stack space="space.050">
      <label htmlFor={id} style={labelStyle}>
        {label}
      </label>
      <textarea
        id={id}
        rows={rows}
        value={value}
        disabled={disabled}
        placeholder={placeholder}
        aria-describedby={hint === undefined ? undefined : `${id}-hint`}
        onChange={(event) => onChange(event.target.value)}
        style={{ ...inputStyle, resize: 'vertical' }}
        data-testid={testId}
      />
      <Hint id={`${id}-hint`} hint={hint} />
    </Stack>
  );
}

/** "1 234.50", "1,234.5" and "" read as numbers (or null when empty); anything else is NaN. */
export function parseAmount(text: string): number | null {
  const cleaned = text.replace(/[\s,]/g, '');
  if (cleaned === '') return null;
  return /^\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : Number.NaN;
}

export function amountText(value: number | null): string {
  return value === null ? '' : String(value);
}

/** Whole amounts in the portfolio's currency: "€250,000". */
export function formatMoney(value: number | null | undefined, currency: string): string {
  if (value === null || value === undefined) return '—';
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency, maximumFractionDigits: 0 }).format(value);
  } catch {
    return `${Math.round(value).toLocaleString('en')} ${currency}`;
  }
}
