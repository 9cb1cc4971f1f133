/**
 * What the last "Save all" could not save, epic by epic: a conflict shows the values saved since
 * beside the user's own (which stay in the table), with a choice; a refusal says why.
 */
import Button from '@atlaskit/button/new';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import { COMPONENT_NAMES } from '../../../src/domain/wsjf';
import type { WsjfComponents } from '../../../src/domain/wsjf';
import { formatScore } from '../../shared/format';
import { COMPONENT_LABELS } from './session';
import type { SaveOutcome, SessionRow } from './session';

type Conflict = Extract<SaveOutcome, { status: 'conflict' }>;
type Refusal = Exclude<SaveOutcome, { status: 'saved' | 'conflict' }>;

function valuesText(components: WsjfComponents, wsjf: number | null): string {
  const parts = COMPONENT_NAMES.map((name) => `${COMPONENT_LABELS[name]} ${formatScore(components[name])}`);
  return `${parts.join(' · ')} → WSJF ${formatScore(wsjf)}`;
}

function ConflictItem({ outcome, row, onKeepMine, onUseTheirs }: { outcome: Conflict; row: SessionRow | undefined; onKeepMine: () => void; onUseTheirs: () => void }) {
  return (
    <Stack space="space.050" testId={`wsjf-conflict-${outcome.issueKey}`}>
      <Text weight="bold">{outcome.issueKey}: someone else saved a score since you loaded it.</Text>
      <Text>Saved since (version {outcome.current.version ?? '—'}): {valuesText(outcome.current, outcome.current.wsjfScore)}</Text>
      {row !== undefined && <Text>Yours (still in the table): {valuesText(row.components, row.wsjfScore)}</Text>}
      <Inline space="space.100">
        <Button onClick={onKeepMine}>Keep mine (replace theirs on the next save)</Button>
        <Button appearance="subtle" onClick={onUseTheirs}>
          Use theirs
        </Button>
      </Inline>
    </Stack>
  );
}

export function SaveOutcomes({
  outcomes,
  rowOf,
  onKeepMine,
  onDiscard,
}: {
  outcomes: readonly SaveOutcome[];
  rowOf: (issueKey: string) => SessionRow | undefined;
  onKeepMine: (outcome: Conflict) => void;
  onDiscard: (issueKey: string) => void;
}) {
  const conflicts = outcomes.filter((outcome): outcome is Conflict => outcome.status === 'conflict');
  const refusals = outcomes.filter((outcome): outcome is Refusal => outcome.status !== 'saved' && outcome.status !== 'conflict');
  if (conflicts.length === 0 && refusals.length === 0) return null;
  return (
    <Stack space="space.150">
      {conflicts.length > 0 && (
        <SectionMessage appearance="warning" title={`${conflicts.length} ${conflicts.length === 1 ? 'epic was' : 'epics were'} not saved: changed by someone else`} testId="wsjf-conflicts">
          <Stack space="space.200">
            {conflicts.map((outcome) => (
              <ConflictItem
                key={outcome.issueKey}
                outcome={outcome}
                row={rowOf(outcome.issueKey)}
                onKeepMine={() => onKeepMine(outcome)}
                onUseTheirs={() => onDiscard(outcome.issueKey)}
              />
            ))}
          </Stack>
        </SectionMessage>
      )}
      {refusals.length > 0 && (
        <SectionMessage appearance="error" title={`${refusals.length} ${refusals.length === 1 ? 'epic was' : 'epics were'} not saved`} testId="wsjf-refusals">
          <Stack space="space.100">
            {refusals.map((outcome) => (
              <Inline key={outcome.issueKey} space="space.100" alignBlock="center" shouldWrap>
                <Text>
                  <Text weight="bold">{outcome.issueKey}</Text>: {outcome.message}
                </Text>
                <Button appearance="subtle" onClick={() => onDiscard(outcome.issueKey)}>
                  Discard my change
                </Button>
              </Inline>
            ))}
          </Stack>
        </SectionMessage>
      )}
    </Stack>
  );
}
