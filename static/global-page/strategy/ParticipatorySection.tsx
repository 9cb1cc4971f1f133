/**
 * Participatory budgeting for a quarter: a manager opens a session (total, value streams,
 * participants); each participant splits the total with a rationale, beside last quarter's budgets
 * and actuals; everyone sees the submissions side by side with the median and spread per stream and
 * where they disagree most; the manager adopts the median (or an edited split) as the budgets.
 */
import { useState, type FormEvent } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import type { ParticipatoryView, StrategyOverview } from '../../../src/contract/strategy';
import { AmountField, formatMoney, parseAmount, TextAreaField, TextField } from '../../shared/BusinessCaseEditorFields';
import { invoke, type ResolverCallError } from '../../shared/invoke';
import { EmptyState, ErrorMessage, Loading } from '../../shared/states';
import { DataTable } from '../../shared/table';
import { asCallError } from '../../shared/useResolver';
import { useKeptResolver } from './useKeptResolver';

type Session = NonNullable<ParticipatoryView['session']>;
/** The session as the caller sees it, with who they are. */
type SessionView = ParticipatoryView & { readonly me: string };

/** Amounts typed per stream → numbers, the sum, and whether it is the total. */
function readAllocation(texts: Record<string, string>, streams: readonly { id: string }[], total: number) {
  const allocation: Record<string, number> = {};
  let sum = 0;
  let valid = true;
  for (const stream of streams) {
    const amount = parseAmount(texts[stream.id] ?? '') ?? 0;
    if (Number.isNaN(amount)) valid = false;
    allocation[stream.id] = amount;
    sum += Number.isNaN(amount) ? 0 : amount;
  }
  return { allocation, sum, matches: valid && Math.abs(sum - total) <= 0.005 };
}

function SumLine({ sum, total, currency }: { sum: number; total: number; currency: string }) {
  const left = total - sum;
  return (
    <Text size="small" color={Math.abs(left) <= 0.005 ? 'color.text.success' : 'color.text.warning'} testId="allocation-sum">
      {`Allocated ${formatMoney(sum, currency)} of ${formatMoney(total, currency)}${Math.abs(left) <= 0.005 ? '' : ` (${formatMoney(Math.abs(left), currency)} ${left > 0 ? 'left' : 'too much'})`}`}
    </Text>
  );
}

function OpenForm({ view, overview, onDone }: { view: ParticipatoryView; overview: StrategyOverview; onDone: (next: ParticipatoryView) => void }) {
  const [total, setTotal] = useState('');
  const [streams, setStreams] = useState<ReadonlySet<string>>(new Set(overview.valueStreams.map((stream) => stream.id)));
  const [anyone, setAnyone] = useState(true);
  const [participants, setParticipants] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ResolverCallError | string | null>(null);
  const open = async (event: FormEvent) => {
    event.preventDefault();
    const amount = parseAmount(total);
    if (amount === null || Number.isNaN(amount) || amount < 1) return setFailure('Enter the total to allocate.');
    const ids = participants.split(/[\s,]+/).filter((id) => id !== '');
    if (!anyone && ids.length === 0) return setFailure('Name the participants (account ids), or let anyone take part.');
    setBusy(true);
    setFailure(null);
    try {
      onDone(
        await invoke('participatory/open', {
          period: view.period,
          total: amount,
          valueStreamIds: overview.valueStreams.map((stream) => stream.id).filter((id) => streams.has(id)),
          participants: anyone ? null : ids,
          version: view.version,
        }),
      );
    } catch (error) {
      setFailure(asCallError(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(event) => void open(event)} aria-label="Open a participatory budgeting session">
      <Stack space="space.150">
        {typeof failure === 'string' ? <SectionMessage appearance="error"><Text as="p">{failure}</Text></SectionMessage> : null}
        {failure !== null && typeof failure !== 'string' ? <ErrorMessage error={failure} /> : null}
        <Inline space="space.200" alignBlock="end" shouldWrap>
          <AmountField label={`Total to allocate (${view.currency})`} value={total} onChange={setTotal} testId="session-total" width="12rem" />
          <fieldset style={{ border: 'none', padding: 0, margin: 0 }}>
            <legend style={{ font: token('font.body.small'), color: token('color.text.subtle') }}>Value streams on the table</legend>
            <Inline space="space.150" shouldWrap>
              {overview.valueStreams.map((stream) => (
                <label key={stream.id} style={{ display: 'flex', gap: 4, alignItems: 'center' }}>
                  <input
                    type="checkbox"
                    checked={streams.has(stream.id)}
                    onChange={() =>
                      setStreams((current) => {
                        const next = new Set(current);
                        if (next.has(stream.id)) next.delete(stream.id);
                        else next.add(stream.id);
                        return next;
                      })
                    }
                  />
                  {stream.name}
                </label>
              ))}
            </Inline>
          </fieldset>
        </Inline>
        <Inline space="space.200" alignBlock="end" shouldWrap>
          <label style={{ display: 'flex', gap: 4, alignItems: 'center' }}>
            <input type="checkbox" checked={anyone} onChange={() => setAnyone((value) => !value)} data-testid="session-anyone" />
            Anyone who can open the portfolio may take part
          </label>
          {!anyone && <TextField label="Participants (account ids, comma-separated)" value={participants} onChange={setParticipants} width="24rem" testId="session-participants" />}
          <Button type="submit" appearance="primary" isLoading={busy} testId="session-open">
            Open session
          </Button>
        </Inline>
      </Stack>
    </form>
  );
}

function SubmitForm({ view, session, onDone }: { view: SessionView; session: Session; onDone: (next: ParticipatoryView) => void }) {
  const mine = view.submissions.find((submission) => submission.accountId === view.me);
  const [texts, setTexts] = useState<Record<string, string>>(() =>
    Object.fromEntries(session.valueStreams.map((stream) => [stream.id, mine?.allocation[stream.id] === undefined ? '' : String(mine.allocation[stream.id])])),
  );
  const [rationale, setRationale] = useState(mine?.rationale ?? '');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ResolverCallError | null>(null);
  const { allocation, sum, matches } = readAllocation(texts, session.valueStreams, session.total);
  const previous = (id: string) => view.previous.lines.find((line) => line.valueStreamId === id);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      onDone(await invoke('participatory/submit', { period: view.period, allocation, rationale }));
    } catch (error) {
      setFailure(asCallError(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(event) => void submit(event)} aria-label="Your allocation">
      <Stack space="space.150">
        <Heading size="small" as="h3">
          {mine === undefined ? 'Your allocation' : 'Your allocation (submitted: change and submit again)'}
        </Heading>
        {failure !== null && <ErrorMessage error={failure} />}
        <Inline space="space.200" alignBlock="end" shouldWrap>
          {session.valueStreams.map((stream) => (
            <AmountField
              key={stream.id}
              label={stream.name}
              value={texts[stream.id] ?? ''}
              onChange={(value) => setTexts((current) => ({ ...current, [stream.id]: value }))}
              hint={`${view.previous.period}: ${formatMoney(previous(stream.id)?.budget ?? null, view.currency)} budget, ${formatMoney(previous(stream.id)?.actualSpend ?? null, view.currency)} spent`}
              testId={`submit-${stream.id}`}
              width="11rem"
            />
          ))}
        </Inline>
        <SumLine sum={sum} total={session.total} currency={view.currency} />
        <TextAreaField label="Rationale" value={rationale} onChange={setRationale} rows={2} testId="submit-rationale" />
        <Inline space="space.100">
          <Button type="submit" appearance="primary" isDisabled={!matches} isLoading={busy} testId="submit-allocation">
            Submit allocation
          </Button>
        </Inline>
      </Stack>
    </form>
  );
}

function AdoptForm({ view, session, onDone }: { view: ParticipatoryView; session: Session; onDone: (next: ParticipatoryView) => void }) {
  const [texts, setTexts] = useState<Record<string, string>>(() =>
    Object.fromEntries(session.valueStreams.map((stream) => [stream.id, String(view.medianAllocation[stream.id] ?? 0)])),
  );
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ResolverCallError | null>(null);
  const { allocation, sum, matches } = readAllocation(texts, session.valueStreams, session.total);
  const adopt = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      onDone(await invoke('participatory/adopt', { period: view.period, allocation, version: view.version }));
    } catch (error) {
      setFailure(asCallError(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(event) => void adopt(event)} aria-label="Adopt the allocation">
      <Stack space="space.150">
        <Heading size="small" as="h3">
          Adopt as the {view.period} budgets
        </Heading>
        <Text size="small" color="color.text.subtle">
          Starts from the medians scaled to the total; edit any amount before adopting. The budgets of these value streams are replaced in one step.
        </Text>
        {failure !== null && <ErrorMessage error={failure} />}
        <Inline space="space.200" alignBlock="end" shouldWrap>
          {session.valueStreams.map((stream) => (
            <AmountField key={stream.id} label={stream.name} value={texts[stream.id] ?? ''} onChange={(value) => setTexts((current) => ({ ...current, [stream.id]: value }))} testId={`adopt-${stream.id}`} width="11rem" />
          ))}
          <Button type="submit" appearance="primary" isDisabled={!matches} isLoading={busy} testId="adopt-allocation">
            Adopt allocation
          </Button>
        </Inline>
        <SumLine sum={sum} total={session.total} currency={view.currency} />
      </Stack>
    </form>
  );
}

function SideBySide({ view, session }: { view: ParticipatoryView; session: Session }) {
  const stats = (id: string) => view.statistics.streams.find((row) => row.valueStreamId === id);
  const previous = (id: string) => view.previous.lines.find((line) => line.valueStreamId === id);
  const money = (value: number | null | undefined) => formatMoney(value ?? null, view.currency);
  return (
    <Stack space="space.150" testId="submissions">
      <DataTable
        caption={`Submissions for ${view.period}, side by side`}
        rowKey={(stream) => stream.id}
        rows={session.valueStreams}
        columns={[
          {
            title: 'Value stream',
            render: (stream) => (
              <Inline space="space.050" alignBlock="center" shouldWrap>
                <Text weight="semibold">{stream.name}</Text>
                {view.statistics.mostDisputed === stream.id && (
                  <Lozenge appearance="removed" isBold testId="most-disputed">
                    Most disputed
                  </Lozenge>
                )}
              </Inline>
            ),
          },
          { title: `${view.previous.period} budget`, numeric: true, render: (stream) => money(previous(stream.id)?.budget) },
          { title: `${view.previous.period} actual`, numeric: true, render: (stream) => money(previous(stream.id)?.actualSpend) },
          ...view.submissions.map((submission) => ({
            title: submission.displayName ?? submission.accountId,
            numeric: true,
            render: (stream: { id: string }) => money(submission.allocation[stream.id]),
          })),
          { title: 'Median', numeric: true, render: (stream) => <Text weight="bold">{money(stats(stream.id)?.median)}</Text> },
          { title: 'Range', numeric: true, render: (stream) => (stats(stream.id)?.min == null ? '—' : `${money(stats(stream.id)?.min)} – ${money(stats(stream.id)?.max)}`) },
          { title: 'Spread', numeric: true, render: (stream) => money(stats(stream.id)?.spread) },
        ]}
      />
      {view.submissions.some((submission) => submission.rationale !== '') && (
        <Stack space="space.050">
          {view.submissions
            .filter((submission) => submission.rationale !== '')
            .map((submission) => (
              <Text key={submission.accountId} size="small">
                <Text weight="semibold" size="small">{`${submission.displayName ?? submission.accountId}: `}</Text>
                {submission.rationale}
              </Text>
            ))}
        </Stack>
      )}
    </Stack>
  );
}

export function ParticipatorySection({ overview }: { overview: StrategyOverview }) {
  const { state, replace } = useKeptResolver('participatory/get', { period: overview.period });
  if (state.data === null) return state.error !== null ? <ErrorMessage error={state.error} /> : <Loading what="participatory budgeting" />;
  const view = { ...state.data, me: overview.me };
  const session = view.session;
  return (
    <Stack space="space.200" testId="participatory-section">
      <Stack space="space.050">
        <Heading size="medium" as="h2">
          {`Participatory budgeting · ${view.period}`}
        </Heading>
        <Text size="small" color="color.text.subtle">
          Stakeholders split the quarter’s funding across value streams; the median becomes the budgets when a portfolio manager adopts it.
        </Text>
      </Stack>
      {session === null ? (
        view.canManage ? (
          <OpenForm view={view} overview={overview} onDone={replace} />
        ) : (
          <EmptyState title={`No session for ${view.period}`}>A portfolio manager opens a participatory budgeting session for the quarter and invites participants.</EmptyState>
        )
      ) : (
        <>
          <Inline space="space.100" alignBlock="center" shouldWrap>
            <Lozenge appearance={session.adopted === null ? 'inprogress' : 'success'} isBold>
              {session.adopted === null ? 'Open' : 'Adopted'}
            </Lozenge>
            <Text>{`${formatMoney(session.total, view.currency)} across ${session.valueStreams.length} value streams · ${view.submissions.length} submission${view.submissions.length === 1 ? '' : 's'} · ${session.participants === null ? 'anyone may take part' : `${session.participants.length} invited`}`}</Text>
          </Inline>
          {session.epics.length > 0 && <Text size="small" color="color.text.subtle">{`Epics on the table: ${session.epics.map((epic) => `${epic.key} ${epic.summary}`).join(' · ')}`}</Text>}
          {view.submissions.length === 0 ? (
            <EmptyState title="No submissions yet">Participants submit their split of the total here; the median and spread appear as they come in.</EmptyState>
          ) : (
            <SideBySide view={view} session={session} />
          )}
          {view.canSubmit && <SubmitForm key={view.version ?? 0} view={view} session={session} onDone={replace} />}
          {view.canManage && session.adopted === null && view.submissions.length > 0 && <AdoptForm key={`adopt-${view.version ?? 0}`} view={view} session={session} onDone={replace} />}
        </>
      )}
    </Stack>
  );
}
