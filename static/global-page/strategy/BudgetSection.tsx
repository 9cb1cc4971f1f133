/**
 * Lean budgets of the quarter per value stream: budget, forecast (committed epics' forecast cost),
 * actual spend month by month, what remains, warnings over budget; and the guardrails: capacity
 * allocation by investment type against targets, and the approval threshold. Managers edit; a
 * conflicting save keeps everything typed so it can be saved again over the newer version.
 */
import { useState, type FormEvent } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import type { Guardrails } from '../../../src/contract/documents';
import type { StrategyOverview } from '../../../src/contract/strategy';
import { AmountField, amountText, formatMoney, parseAmount, TextField } from '../../shared/BusinessCaseEditorFields';
import { SelectField } from '../../shared/Field';
import { formatShare } from '../../shared/format';
import { invoke, type ResolverCallError } from '../../shared/invoke';
import { EmptyState, ErrorMessage } from '../../shared/states';
import { DataTable } from '../../shared/table';
import { asCallError } from '../../shared/useResolver';
import { ShareFigure } from './ShareFigure';
import { token } from '@atlaskit/tokens';

type Budget = StrategyOverview['budget'];
type Line = Budget['lines'][number];

function Warnings({ line }: { line: Line }) {
  return (
    <Inline space="space.050" shouldWrap>
      {line.forecastOverBudget && <Lozenge appearance="moved">Forecast over budget</Lozenge>}
      {line.actualOverBudget && <Lozenge appearance="removed" isBold>Spend over budget</Lozenge>}
      {!line.forecastOverBudget && !line.actualOverBudget && <Lozenge appearance="success">Within budget</Lozenge>}
    </Inline>
  );
}

/** Every configured value stream, then any stream known only from lines (an unclaimed project). */
function streamsOf(overview: StrategyOverview): { id: string; name: string }[] {
  const known = new Set(overview.valueStreams.map((stream) => stream.id));
  return [
    ...overview.valueStreams,
    ...overview.budget.lines.filter((line) => !known.has(line.valueStreamId)).map((line) => ({ id: line.valueStreamId, name: line.valueStream })),
  ];
}

function BudgetTable({ overview, drafts, setDraft }: { overview: StrategyOverview; drafts: Record<string, string> | null; setDraft: (id: string, value: string) => void }) {
  const { budget, currency } = overview;
  const lineOf = (id: string) => budget.lines.find((line) => line.valueStreamId === id);
  const rows = streamsOf(overview).map((stream) => ({ stream, line: lineOf(stream.id) }));
  const spendOf = (line: Line | undefined, month: string) => line?.spend.find((entry) => entry.month === month);
  return (
    <DataTable
      caption={`Value stream budgets for ${budget.period}`}
      rowKey={(row) => row.stream.id}
      rows={rows}
      columns={[
        { title: 'Value stream', render: (row) => <Text weight="semibold">{row.stream.name}</Text> },
        {
          title: 'Budget',
          numeric: true,
          render: (row) =>
            drafts === null ? (
              formatMoney(row.line?.budget ?? 0, currency)
            ) : (
              <AmountField label={`Budget of ${row.stream.name}`} value={drafts[row.stream.id] ?? amountText(row.line?.budget ?? null)} onChange={(value) => setDraft(row.stream.id, value)} testId={`budget-${row.stream.id}`} />
            ),
        },
        { title: 'Forecast', numeric: true, render: (row) => formatMoney(row.line?.forecast ?? 0, currency) },
        ...budget.months.map((month) => ({
          title: month,
          numeric: true,
          render: (row: { line: Line | undefined }) => {
            const entry = spendOf(row.line, month);
            return entry === undefined ? (
              <Text color="color.text.subtlest">—</Text>
            ) : (
              <span title={entry.note}>
                {formatMoney(entry.amount, currency)}
                {entry.note !== '' && (
                  <span style={{ display: 'block', font: token('font.body.small'), color: token('color.text.subtle') }}>{entry.note}</span>
                )}
              </span>
            );
          },
        })),
        { title: 'Actual', numeric: true, render: (row) => formatMoney(row.line?.actualSpend ?? 0, currency) },
        {
          title: 'Remaining',
          numeric: true,
          render: (row) => <Text color={(row.line?.remaining ?? 0) < 0 ? 'color.text.danger' : 'color.text'}>{formatMoney(row.line?.remaining ?? 0, currency)}</Text>,
        },
        { title: 'Status', render: (row) => (row.line === undefined ? <Lozenge>No budget</Lozenge> : <Warnings line={row.line} />) },
      ]}
    />
  );
}

function SpendForm({ overview, onSaved }: { overview: StrategyOverview; onSaved: () => void }) {
  const streams = streamsOf(overview);
  const [stream, setStream] = useState(streams[0]?.id ?? '');
  const [month, setMonth] = useState(overview.budget.months[0] ?? '');
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ResolverCallError | string | null>(null);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const value = parseAmount(amount);
    if (value === null || Number.isNaN(value)) return setFailure('Enter the amount spent, a number.');
    setBusy(true);
    setFailure(null);
    try {
      await invoke('budgets/spend/save', { period: overview.budget.period, valueStreamId: stream, month, amount: value, note, version: overview.budget.version });
      setAmount('');
      setNote('');
      onSaved();
    } catch (error) {
      setFailure(asCallError(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(event) => void save(event)} aria-label="Actual spend of a month">
      <Stack space="space.100">
        {typeof failure === 'string' ? <SectionMessage appearance="error"><Text as="p">{failure}</Text></SectionMessage> : null}
        {failure !== null && typeof failure !== 'string' ? <ErrorMessage error={failure} onRetry={failure.code === 'conflict' ? onSaved : undefined} retryLabel="Load the latest" /> : null}
        <Inline space="space.150" alignBlock="end" shouldWrap>
          <SelectField label="Value stream" value={stream} options={streams.map((s) => ({ value: s.id, label: s.name }))} onChange={setStream} testId="spend-stream" />
          <SelectField label="Month" value={month} options={overview.budget.months.map((m) => ({ value: m, label: m }))} onChange={setMonth} testId="spend-month" />
          <AmountField label={`Spent (${overview.currency})`} value={amount} onChange={setAmount} testId="spend-amount" />
          <TextField label="Note" value={note} onChange={setNote} testId="spend-note" width="16rem" />
          <Button type="submit" isLoading={busy} testId="spend-save">
            Save spend
          </Button>
        </Inline>
      </Stack>
    </form>
  );
}

function Allocation({ overview }: { overview: StrategyOverview }) {
  const { allocation, tolerance } = overview.budget;
  const breaches = allocation.filter((row) => row.withinTolerance === false);
  return (
    <Stack space="space.150" testId="allocation">
      {breaches.length > 0 && (
        <SectionMessage appearance="warning" title="Guardrail breached: capacity allocation" testId="allocation-breach">
          <Text as="p">
            {breaches.map((row) => `${row.name} is at ${formatShare(row.share)} of open forecast cost against a target of ${formatShare(row.target)} (±${Math.round(tolerance * 100)} pts)`).join('; ')}.
          </Text>
        </SectionMessage>
      )}
      <ShareFigure
        caption="Capacity allocation by investment type vs target"
        measure="Open forecast cost"
        bars={allocation.map((row) => ({
          id: row.investmentType,
          label: row.name,
          share: row.share,
          target: row.target,
          offTarget: row.withinTolerance === false,
          colour: row.withinTolerance === false ? token('color.background.danger.bold') : token('color.background.accent.teal.bolder'),
        }))}
        testId="allocation-figure"
      />
    </Stack>
  );
}

function GuardrailsEditor({ overview, onSaved }: { overview: StrategyOverview; onSaved: () => void }) {
  const { guardrails, version } = overview.guardrails;
  const [targets, setTargets] = useState<Record<string, string>>(() =>
    Object.fromEntries(guardrails.investmentTypes.map((type) => [type.id, type.target === null ? '' : String(Math.round(type.target * 1000) / 10)])),
  );
  const [tolerance, setTolerance] = useState(String(Math.round(guardrails.tolerance * 1000) / 10));
  const [threshold, setThreshold] = useState(amountText(guardrails.approvalThreshold));
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ResolverCallError | string | null>(null);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const percent = (text: string) => (text.trim() === '' ? null : Number(text) / 100);
    const next: Guardrails = {
      ...guardrails,
      investmentTypes: guardrails.investmentTypes.map((type) => ({ ...type, target: percent(targets[type.id] ?? '') })),
      tolerance: percent(tolerance) ?? 0,
      approvalThreshold: parseAmount(threshold),
    };
    if (next.investmentTypes.some((type) => type.target !== null && !(type.target >= 0 && type.target <= 1)) || !(next.tolerance >= 0 && next.tolerance <= 1))
      return setFailure('Targets and tolerance are percentages from 0 to 100.');
    if (Number.isNaN(next.approvalThreshold)) return setFailure('The approval threshold must be a number (or empty for none).');
    setBusy(true);
    setFailure(null);
    try {
      await invoke('guardrails/save', { guardrails: next, version });
      onSaved();
    } catch (error) {
      setFailure(asCallError(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(event) => void save(event)} aria-label="Guardrails">
      <Stack space="space.100">
        {typeof failure === 'string' ? <SectionMessage appearance="error"><Text as="p">{failure}</Text></SectionMessage> : null}
        {failure !== null && typeof failure !== 'string' ? <ErrorMessage error={failure} /> : null}
        <Inline space="space.150" alignBlock="end" shouldWrap>
          {guardrails.investmentTypes.map((type) => (
            <AmountField key={type.id} label={`${type.name} target %`} value={targets[type.id] ?? ''} onChange={(value) => setTargets((current) => ({ ...current, [type.id]: value }))} width="7rem" testId={`guardrail-${type.id}`} />
          ))}
          <AmountField label="Tolerance ± pts" value={tolerance} onChange={setTolerance} width="7rem" testId="guardrail-tolerance" />
          <AmountField label={`Approval threshold (${overview.currency})`} value={threshold} onChange={setThreshold} width="10rem" testId="guardrail-threshold" />
          <Button type="submit" isLoading={busy} testId="guardrails-save">
            Save guardrails
          </Button>
        </Inline>
      </Stack>
    </form>
  );
}

export function BudgetSection({ overview, onChanged }: { overview: StrategyOverview; onChanged: () => void }) {
  const { budget } = overview;
  // Only the budgets typed live here, apart from the loaded data: a reload after a conflict keeps
  // them and shows the newer values of everything else.
  const [drafts, setDrafts] = useState<Record<string, string> | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ResolverCallError | string | null>(null);
  const [editGuardrails, setEditGuardrails] = useState(false);
  const threshold = overview.guardrails.guardrails.approvalThreshold;

  const save = async () => {
    if (drafts === null) return;
    const lines = streamsOf(overview).flatMap(({ id: valueStreamId }) => {
      const saved = budget.lines.find((line) => line.valueStreamId === valueStreamId)?.budget ?? null;
      const amount = parseAmount(drafts[valueStreamId] ?? amountText(saved));
      return amount === null ? [] : [{ valueStreamId, budget: amount }];
    });
    if (lines.some((line) => Number.isNaN(line.budget))) return setFailure('Each budget must be a number (or empty for none).');
    setBusy(true);
    setFailure(null);
    try {
      await invoke('budgets/save', { period: budget.period, lines, version: budget.version });
      setDrafts(null);
      onChanged();
    } catch (error) {
      setFailure(asCallError(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack space="space.200" testId="budget-section">
      <Inline spread="space-between" alignBlock="center" shouldWrap>
        <Stack space="space.050">
          <Heading size="medium" as="h2">
            {`Value stream budgets · ${budget.period}`}
          </Heading>
          <Text size="small" color="color.text.subtle">
            Forecast = forecast cost of committed epics in progress; remaining = budget − actual spend.
          </Text>
        </Stack>
        {overview.canManage && drafts === null && (
          <Button onClick={() => setDrafts({})} testId="budgets-edit">
            Edit budgets
          </Button>
        )}
      </Inline>
      {typeof failure === 'string' ? <SectionMessage appearance="error"><Text as="p">{failure}</Text></SectionMessage> : null}
      {failure !== null && typeof failure !== 'string' ? (
        <ErrorMessage
          error={failure}
          onRetry={failure.code === 'conflict' ? () => { setFailure(null); onChanged(); } : undefined}
          retryLabel="Load their version (keeps what you typed)"
        />
      ) : null}
      {streamsOf(overview).length === 0 ? (
        <EmptyState title="No value streams yet">A portfolio manager groups Jira projects into value streams; each then gets a budget per quarter.</EmptyState>
      ) : (
        <BudgetTable overview={overview} drafts={drafts} setDraft={(id, value) => setDrafts((current) => ({ ...(current ?? {}), [id]: value }))} />
      )}
      {drafts !== null && (
        <Inline space="space.100">
          <Button appearance="primary" isLoading={busy} onClick={() => void save()} testId="budgets-save">
            Save budgets
          </Button>
          <Button appearance="subtle" onClick={() => { setDrafts(null); setFailure(null); }}>
            Cancel
          </Button>
        </Inline>
      )}
      {overview.canManage && <SpendForm overview={overview} onSaved={onChanged} />}
      {budget.unestimated.length > 0 && (
        <Text size="small" color="color.text.subtle">{`Committed epics without a forecast cost (counted as 0): ${budget.unestimated.join(', ')}`}</Text>
      )}
      <Inline spread="space-between" alignBlock="center" shouldWrap>
        <Stack space="space.050">
          <Heading size="small" as="h3">
            Guardrails
          </Heading>
          <Text size="small" color="color.text.subtle">
            {threshold === null
              ? 'No approval threshold: epics may be committed without a go decision.'
              : `Epics forecast above ${formatMoney(threshold, overview.currency)} need a go decision on their business case before commitment.`}
          </Text>
        </Stack>
        {overview.canManage && (
          <Button isSelected={editGuardrails} onClick={() => setEditGuardrails((value) => !value)} testId="guardrails-edit">
            Edit guardrails
          </Button>
        )}
      </Inline>
      {editGuardrails && (
        <GuardrailsEditor
          overview={overview}
          onSaved={() => {
            setEditGuardrails(false);
            onChanged();
          }}
        />
      )}
      <Allocation overview={overview} />
      {budget.approvalsNeeded.length > 0 && (
        <Text size="small" color="color.text.subtle" testId="approvals-needed">
          {`Waiting for a go decision before commitment: ${budget.approvalsNeeded.map((entry) => `${entry.key} (${formatMoney(entry.forecastCost, overview.currency)})`).join(', ')}`}
        </Text>
      )}
    </Stack>
  );
}
