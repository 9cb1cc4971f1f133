/** Who changed the epic's WSJF and when, newest first (from the app's change history). */
import { Stack, Text } from '@atlaskit/primitives';
import type { PanelSectionContext } from './sections';

function when(at: number): string {
  return new Date(at).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

export function changesSummary({ overview }: PanelSectionContext): string {
  const latest = overview.changes[0];
  return latest === undefined ? 'No changes recorded' : `Last ${when(latest.at)}`;
}

export function ChangesSection({ overview }: PanelSectionContext) {
  if (overview.changes.length === 0) {
    return <Text color="color.text.subtle">Nobody has changed this score in Lean Portfolio yet. Saves show here with who and when.</Text>;
  }
  return (
    <Stack as="ol" space="space.100" testId="score-changes">
      {overview.changes.map((change) => (
        <li key={`${change.at}-${change.accountId}`} style={{ listStyle: 'none' }}>
          <Text weight="semibold">{change.byYou ? 'You' : change.accountId}</Text>{' '}
          <Text color="color.text.subtle">{when(change.at)}</Text>
          <br />
          <Text>{change.summary}</Text>
        </li>
      ))}
    </Stack>
  );
}
