/** A labelled single choice in a dropdown ("Theme: Growth ▾"), keyboard-usable like every ADS menu. */
import DropdownMenu, { DropdownItemRadio, DropdownItemRadioGroup } from '@atlaskit/dropdown-menu';

export interface Choice<T> {
  readonly value: T;
  readonly label: string;
}

export interface ChoiceMenuProps<T> {
  readonly label: string;
  readonly choices: readonly Choice<T>[];
  readonly value: T;
  readonly testId: string;
  onChange(value: T): void;
}

export function ChoiceMenu<T>({ label, choices, value, testId, onChange }: ChoiceMenuProps<T>) {
  const selected = choices.find((choice) => choice.value === value) ?? choices[0];
  return (
    <DropdownMenu trigger={`${label}: ${selected?.label ?? ''}`} testId={testId} spacing="compact" shouldRenderToParent>
      <DropdownItemRadioGroup id={`${testId}-choices`} title={label}>
        {choices.map((choice) => (
          <DropdownItemRadio key={choice.label} id={choice.label} isSelected={choice.value === value} onClick={() => onChange(choice.value)}>
            {choice.label}
          </DropdownItemRadio>
        ))}
      </DropdownItemRadioGroup>
    </DropdownMenu>
  );
}
