/**
 * The epic's key results (this quarter): which OKRs this epic is a bet on, with their progress and
 * confidence, and — for anyone who may edit the epic — linking it to another key result or
 * unlinking it. Only the key results are shown, never other epics.
 */
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import type { ResolverOutput } from '../../../src/contract/resolvers';
import { SelectField } from '../../shared/Field';
import { formatShare } from '../../shared/format';
import { invoke, type ResolverCallError } from '../../shared/invoke';
import { ErrorMessage } from '../../shared/states';
import { asCallError } from '../../shared/useResolver';
import type { PanelSectionContext } from '../sections';

type EpicOkrs = Extract<ResolverOutput<'epic/panel'>, { kind: 'epic' }>['keyResults'];
type KeyResult = EpicOkrs['keyResults'][number];

const confidenceText = (confidence: KeyResult['confidence']) =>
  confidence === null ? 'confidence not stated' : `confidence ${typeof confidence === 'number' ? `${confidence}/10` : confidence}`;

function KeyResults({ data, onChanged }: { data: EpicOkrs; onChanged: () => Promise<void> }) {
  const [choice, setChoice] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ResolverCallError | null>(null);
  const linked = data.keyResults.filter((keyResult) => keyResult.linked);
  const unlinked = data.keyResults.filter((keyResult) => !keyResult.linked);
  const idOf = (keyResult: KeyResult) => `${keyResult.objectiveId}/${keyResult.keyResultId}`;

  const link = async (keyResult: KeyResult, on: boolean) => {
    setBusy(true);
    setFailure(null);
    try {
      await invoke('okrs/link', { period: data.period, objectiveId: keyResult.objectiveId, keyResultId: keyResult.keyResultId, issueKeys: [data.issueKey], linked: on });
      setChoice('');
      // Busy until the panel's new answer shows the link.
      await onChanged();
    } catch (error) {
      setFailure(asCallError(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack space="space.150">
      {failure !== null && <ErrorMessage error={failure} />}
      {linked.length === 0 ? (
        <Text color="color.text.subtle">{`Not linked to a key result for ${data.period}.${data.canLink && unlinked.length > 0 ? ' Link it to the outcome it should move.' : ''}`}</Text>
      ) : (
        linked.map((keyResult) => (
          <Inline key={idOf(keyResult)} spread="space-between" alignBlock="center" space="space.100">
            <Stack space="space.025">
              <Text weight="semibold">{keyResult.title}</Text>
              <Text size="small" color="color.text.subtle">{`${keyResult.objectiveTitle} · ${confidenceText(keyResult.confidence)}`}</Text>
            </Stack>
            <Inline space="space.100" alignBlock="center">
              <Lozenge appearance={keyResult.progress === 1 ? 'success' : 'inprogress'}>{formatShare(keyResult.progress)}</Lozenge>
              {data.canLink && (
                <Button appearance="subtle" spacing="compact" isDisabled={busy} onClick={() => void link(keyResult, false)} aria-label={`Unlink from ${keyResult.title}`}>
                  Unlink
                </Button>
              )}
            </Inline>
          </Inline>
        ))
      )}
      {data.canLink && unlinked.length > 0 && (
        <Inline space="space.100" alignBlock="end">
          <SelectField
            label="Link to a key result"
            value={choice}
            options={[{ value: '', label: 'Choose…' }, ...unlinked.map((keyResult) => ({ value: idOf(keyResult), label: `${keyResult.objectiveTitle} — ${keyResult.title}` }))]}
            onChange={setChoice}
          />
          <Button
            isDisabled={busy || choice === ''}
            onClick={() => {
              const keyResult = unlinked.find((candidate) => idOf(candidate) === choice);
              if (keyResult) void link(keyResult, true);
            }}
          >
            Link
          </Button>
        </Inline>
      )}
    </Stack>
  );
}

/** The key results from the panel's answer; a link or unlink re-asks epic/panel. */
export function KeyResultsSection({ overview, refresh }: PanelSectionContext) {
  return (
    <Stack space="space.150" testId="key-results-section">
      <KeyResults data={overview.keyResults} onChanged={refresh} />
    </Stack>
  );
}
