/**
 * One component of one epic in a scoring session: a small text input (hundreds of them on a
 * page, so a native input styled with tokens rather than a heavier field component). Scoring goes
 * column by column: Enter or ↓ moves to the same column of the next row, ↑ to the previous one.
 */
import type { CSSProperties, KeyboardEvent } from 'react';
import { token } from '@atlaskit/tokens';
import type { ComponentName } from './session';

const baseStyle: CSSProperties = {
  width: '3.5em',
  boxSizing: 'border-box',
  textAlign: 'right',
  font: token('font.body'),
  color: token('color.text'),
  backgroundColor: token('color.background.input'),
  border: `${token('border.width')} solid ${token('color.border.input')}`,
  borderRadius: token('radius.small', '3px'),
  padding: `${token('space.025')} ${token('space.050')}`,
};
const changedStyle: CSSProperties = { borderColor: token('color.border.information'), backgroundColor: token('color.background.information') };
const invalidStyle: CSSProperties = { borderColor: token('color.border.danger'), backgroundColor: token('color.background.danger') };

export const CELL_ATTRIBUTE = 'data-wsjf-cell';

/** Focuses the input of `name` in the row `offset` rows away (in the order the page shows them). */
function moveFocus(from: HTMLInputElement, name: ComponentName, offset: number): void {
  const cells = Array.from(document.querySelectorAll<HTMLInputElement>(`input[${CELL_ATTRIBUTE}="${name}"]`));
  const next = cells[cells.indexOf(from) + offset];
  if (next !== undefined) {
    next.focus();
    next.select();
  }
}

export function ScoreInput({
  issueKey,
  name,
  label,
  value,
  invalid,
  changed,
  scale,
  onChange,
}: {
  issueKey: string;
  name: ComponentName;
  label: string;
  value: string;
  invalid: boolean;
  changed: boolean;
  scale: readonly number[];
  onChange: (text: string) => void;
}) {
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === 'ArrowDown') {
      event.preventDefault();
      moveFocus(event.currentTarget, name, 1);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      moveFocus(event.currentTarget, name, -1);
    }
  };
  return (
    <input
      {...{ [CELL_ATTRIBUTE]: name }}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      aria-label={`${label} of ${issueKey}`}
      aria-invalid={invalid}
      title={invalid ? `Not on the scale ${scale.join(', ')}` : undefined}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      onKeyDown={onKeyDown}
      onFocus={(event) => event.currentTarget.select()}
      style={{ ...baseStyle, ...(changed ? changedStyle : {}), ...(invalid ? invalidStyle : {}) }}
    />
  );
}
