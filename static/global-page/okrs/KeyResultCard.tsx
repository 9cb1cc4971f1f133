/**
 * One key result: baseline → target, current value, progress and confidence, the progress line and
 * check-in trail, the linked epics with state and WSJF, a check-in form (owner and managers) and a
 * link form (anyone who may edit the epic; Jira decides on save).
 */
import { useState, type FormEvent } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import type { ResolverOutput } from '../../../src/contract/resolvers';
import { downloadCsv, toCsv } from '../../shared/csv';
import { SelectField } from '../../shared/Field';
import { formatScore, formatShare, NONE } from '../../shared/format';
import { invoke, type ResolverCallError } from '../../shared/invoke';
import { IssueLink } from '../../shared/IssueLink';
import { ErrorMessage } from '../../shared/states';
import { StateLozenge } from '../../shared/StateLozenge';
import { DataTable } from '../../shared/table';
import { asCallError } from '../../shared/useResolver';
import { numberOf, TextInput } from './fields';
import { ProgressLine } from './ProgressLine';

export type OkrsView = ResolverOutput<'okrs/list'>;
export type ObjectiveView = OkrsView['objectives'][number];
export type KeyResultView = ObjectiveView['keyResults'][number];
type Confidence = KeyResultView['confidence'];

const cardStyles = xcss({
  borderColor: 'color.border',
  borderStyle: 'solid',
  borderWidth: 'border.width',
  borderRadius: 'radius.medium',
  padding: 'space.150',
});

export function formatConfidence(confidence: Confidence): string {
  if (confidence === null) return NONE;
  return typeof confidence === 'number' ? `${confidence}/10` : confidence;
}

const withUnit = (value: number | null, unit: string) => (value === null ? NONE : `${formatScore(value)}${unit ? ` ${unit}` : ''}`);
const formatDate = (at: number) => new Date(at).toISOString().slice(0, 10);

function confidenceOptions(scale: OkrsView['confidenceScale']) {
  return scale === '0-10'
    ? Array.from({ length: 11 }, (_unused, value) => ({ value: String(value), label: String(value) }))
    : ['low', 'medium', 'high'].map((value) => ({ value, label: value }));
}

/** Runs a resolver call for a form: busy while it runs, the error kept to show. */
function useAction(onDone: (view: OkrsView) => void) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ResolverCallError | null>(null);
  const run = async (call: () => Promise<OkrsView>): Promise<boolean> => {
    setBusy(true);
    setFailure(null);
    try {
      onDone(await call());
      return true;
    } catch (error) {
      setFailure(asCallError(error));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, failure, run };
}

function CheckInForm({ view, objective, keyResult, onChanged, onReload, onClose }: CardProps & { onClose: () => void }) {
  const [value, setValue] = useState('');
  const [confidence, setConfidence] = useState(view.confidenceScale === '0-10' ? '5' : 'medium');
  const [note, setNote] = useState('');
  const { busy, failure, run } = useAction(onChanged);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const number = numberOf(value);
    if (number === null || busy) return;
    const ok = await run(() =>
      invoke('okrs/checkin', {
        period: view.period,
        objectiveId: objective.id,
        keyResultId: keyResult.id,
        value: number,
        confidence: view.confidenceScale === '0-10' ? Number(confidence) : (confidence as 'low' | 'medium' | 'high'),
        note,
        version: keyResult.checkInVersion,
      }),
    );
    if (ok) onClose();
  };
  return (
    <form onSubmit={(event) => void submit(event)} aria-label={`Check in on ${keyResult.title}`}>
      <Stack space="space.100">
        {failure !== null && <ErrorMessage error={failure} onRetry={failure.code === 'conflict' ? onReload : undefined} retryLabel="Load the latest" />}
        <Inline space="space.150" alignBlock="end" shouldWrap>
          <TextInput label={`New value${keyResult.unit ? ` (${keyResult.unit})` : ''}`} type="number" value={value} onChange={setValue} required width={120} />
          <SelectField label="Confidence" value={confidence} options={confidenceOptions(view.confidenceScale)} onChange={setConfidence} />
          <Box xcss={xcss({ flexGrow: 1, minWidth: '200px' })}>
            <TextInput label="Note" value={note} onChange={setNote} placeholder="What moved it, what is in the way" />
          </Box>
          <Button type="submit" appearance="primary" isDisabled={busy || numberOf(value) === null}>
            Check in
          </Button>
          <Button appearance="subtle" onClick={onClose}>
            Cancel
          </Button>
        </Inline>
      </Stack>
    </form>
  );
}

function LinkForm({ view, objective, keyResult, onChanged, onClose }: CardProps & { onClose: () => void }) {
  const [keys, setKeys] = useState('');
  const { busy, failure, run } = useAction(onChanged);
  const issueKeys = keys
    .split(/[\s,]+/)
    .map((key) => key.trim().toUpperCase())
    .filter((key) => key !== '');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (issueKeys.length === 0 || busy) return;
    const ok = await run(() => invoke('okrs/link', { period: view.period, objectiveId: objective.id, keyResultId: keyResult.id, issueKeys, linked: true }));
    if (ok) onClose();
  };
  return (
    <form onSubmit={(event) => void submit(event)} aria-label={`Link epics to ${keyResult.title}`}>
      <Stack space="space.100">
        {failure !== null && <ErrorMessage error={failure} />}
        <Inline space="space.150" alignBlock="end">
          <TextInput label="Link epics (keys)" value={keys} onChange={setKeys} placeholder="PAY-12, MOB-3" width={220} />
          <Button type="submit" appearance="primary" isDisabled={busy || issueKeys.length === 0}>
            Link
          </Button>
          <Button appearance="subtle" onClick={onClose}>
            Cancel
          </Button>
        </Inline>
      </Stack>
    </form>
  );
}

function LinkedEpics({ view, objective, keyResult, onChanged }: CardProps) {
  const { busy, failure, run } = useAction(onChanged);
  if (keyResult.epics.length === 0) return <Text color="color.text.subtle">No epics linked yet: link the epics that should move this key result.</Text>;
  return (
    <Stack space="space.100">
      {failure !== null && <ErrorMessage error={failure} />}
      <DataTable
        caption={`Epics linked to ${keyResult.title}`}
        rowKey={(epic) => epic.key}
        rows={keyResult.epics}
        columns={[
          { title: 'Epic', render: (epic) => <IssueLink issueKey={epic.key} /> },
          { title: 'Summary', render: (epic) => epic.summary },
          { title: 'State', render: (epic) => <StateLozenge state={epic.state} portfolio={view} /> },
          { title: 'WSJF', numeric: true, render: (epic) => formatScore(epic.wsjfScore) },
          {
            title: 'Link',
            render: (epic) => (
              <Button
                appearance="subtle"
                spacing="compact"
                isDisabled={busy}
                onClick={() => void run(() => invoke('okrs/link', { period: view.period, objectiveId: objective.id, keyResultId: keyResult.id, issueKeys: [epic.key], linked: false }))}
                aria-label={`Unlink ${epic.key}`}
              >
                Unlink
              </Button>
            ),
          },
        ]}
      />
    </Stack>
  );
}

function CheckInTrail({ view, keyResult }: { view: OkrsView; keyResult: KeyResultView }) {
  if (keyResult.checkIns.length === 0) return null;
  const rows = [...keyResult.checkIns].reverse();
  const csv = () =>
    toCsv(
      ['date', 'by', 'value', 'unit', 'confidence', 'note'],
      keyResult.checkIns.map((checkIn) => [formatDate(checkIn.at), checkIn.by.displayName, checkIn.value, keyResult.unit, formatConfidence(checkIn.confidence), checkIn.note]),
    );
  return (
    <details>
      <summary>
        <Text size="small">{`Check-in trail (${keyResult.checkIns.length})`}</Text>
      </summary>
      <Stack space="space.100">
        <DataTable
          caption={`Check-ins on ${keyResult.title}`}
          rowKey={(checkIn) => String(checkIn.at)}
          rows={rows}
          columns={[
            { title: 'Date', render: (checkIn) => formatDate(checkIn.at) },
            { title: 'By', render: (checkIn) => checkIn.by.displayName || checkIn.by.accountId },
            { title: 'Value', numeric: true, render: (checkIn) => withUnit(checkIn.value, keyResult.unit) },
            { title: 'Progress', numeric: true, render: (checkIn) => formatShare(progressOf(keyResult, checkIn.value)) },
            { title: 'Confidence', render: (checkIn) => formatConfidence(checkIn.confidence) },
            { title: 'Note', render: (checkIn) => checkIn.note || NONE },
          ]}
        />
        <Box>
          <Button appearance="subtle" spacing="compact" onClick={() => downloadCsv(`check-ins-${view.period}-${keyResult.id}.csv`, csv())}>
            Download CSV
          </Button>
        </Box>
      </Stack>
    </details>
  );
}

/** The design's formula, for the trail's rows (the server gives it for the current value). */
function progressOf(keyResult: KeyResultView, value: number): number | null {
  if (keyResult.target === keyResult.baseline) return null;
  return Math.min(1, Math.max(0, (value - keyResult.baseline) / (keyResult.target - keyResult.baseline)));
}

interface CardProps {
  view: OkrsView;
  objective: ObjectiveView;
  keyResult: KeyResultView;
  onChanged: (view: OkrsView) => void;
  onReload: () => void;
}

export function KeyResultCard(props: CardProps) {
  const { view, keyResult } = props;
  // One form at a time, opened on demand: the page stays a report first.
  const [form, setForm] = useState<'none' | 'check-in' | 'link'>('none');
  const close = () => setForm('none');
  const lowerIsBetter = keyResult.target < keyResult.baseline;
  return (
    <Box xcss={cardStyles} testId={`key-result-${keyResult.id}`}>
      <Stack space="space.150">
        <Inline spread="space-between" alignBlock="start" shouldWrap space="space.200">
          <Stack space="space.050">
            <Text weight="semibold">{keyResult.title}</Text>
            <Text size="small" color="color.text.subtle">
              {`${keyResult.metric ? `${keyResult.metric} · ` : ''}${withUnit(keyResult.baseline, keyResult.unit)} → ${withUnit(keyResult.target, keyResult.unit)} (${lowerIsBetter ? 'lower' : 'higher'} is better) · owner ${keyResult.owner?.displayName || 'none'}`}
            </Text>
            <Inline space="space.150" alignBlock="center">
              <Text>{`Now ${withUnit(keyResult.current, keyResult.unit)}`}</Text>
              <Lozenge appearance={keyResult.progress === 1 ? 'success' : 'inprogress'} isBold testId="key-result-progress">
                {`${formatShare(keyResult.progress)} progress`}
              </Lozenge>
              <Text size="small" color="color.text.subtle">{`Confidence ${formatConfidence(keyResult.confidence)}`}</Text>
            </Inline>
          </Stack>
          <ProgressLine points={keyResult.progressLine} from={view.quarterStart} to={view.quarterEnd} label={`Progress of ${keyResult.title}`} />
        </Inline>
        {keyResult.outputsDeliveredOutcomeNotReached && (
          <SectionMessage appearance="warning" title="Outputs delivered, outcome not reached" testId="callout-outputs-delivered">
            <Text as="p">Every epic linked to this key result is done, yet it is below its target. Check what else moves it, or rethink the bet.</Text>
          </SectionMessage>
        )}
        <LinkedEpics {...props} />
        {form === 'link' && <LinkForm {...props} onClose={close} />}
        {form === 'check-in' && <CheckInForm {...props} onClose={close} />}
        <Inline space="space.100" alignBlock="center">
          {form === 'none' && keyResult.canCheckIn && (
            <Button spacing="compact" onClick={() => setForm('check-in')}>
              New check-in
            </Button>
          )}
          {form === 'none' && (
            <Button spacing="compact" appearance="subtle" onClick={() => setForm('link')}>
              Link epics
            </Button>
          )}
        </Inline>
        <CheckInTrail view={view} keyResult={keyResult} />
      </Stack>
    </Box>
  );
}
