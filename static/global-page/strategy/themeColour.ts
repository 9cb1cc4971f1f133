/** A theme's colour name → its design tokens (so dark mode works): one mapping for the whole page. */
import { token } from '@atlaskit/tokens';
import type { ThemeColour } from '../../../src/contract/documents';

const BAR: Record<ThemeColour, string> = {
  blue: token('color.background.accent.blue.bolder'),
  green: token('color.background.accent.green.bolder'),
  orange: token('color.background.accent.orange.bolder'),
  purple: token('color.background.accent.purple.bolder'),
  red: token('color.background.accent.red.bolder'),
  teal: token('color.background.accent.teal.bolder'),
  yellow: token('color.background.accent.yellow.bolder'),
  magenta: token('color.background.accent.magenta.bolder'),
  gray: token('color.background.accent.gray.bolder'),
};

export function themeBarColour(colour: ThemeColour | null): string {
  return colour === null ? token('color.background.accent.gray.subtle') : BAR[colour];
}
