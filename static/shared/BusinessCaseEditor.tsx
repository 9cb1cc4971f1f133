/**
 * An epic's lean business case: the SAFe epic hypothesis statement, business outcomes, leading
 * indicators, the MVP and its cost, the forecast total cost and the investment type, saved by whoever
 * may edit the epic; and the go / no-go / persevere / pivot decision, taken by portfolio managers
 * (who and when are stamped by the server). Used by the Strategy page's drawer and the issue panel.
 */
import { useState, type FormEvent } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import type { BusinessCase, DecisionKind } from '../../src/contract/documents';
import type { BusinessCaseView } from '../../src/contract/strategy';
import { AmountField, amountText, formatMoney, parseAmount, TextAreaField, TextField } from './BusinessCaseEditorFields';
import { SelectField } from './Field';
import { invoke, type ResolverCallError } from './invoke';
import { ErrorMessage, Loaded } from './states';
import { asCallError, useResolver } from './useResolver';

const HYPOTHESIS_FIELDS: readonly { key: keyof BusinessCase['hypothesis']; label: string; placeholder: string }[] = [
  { key: 'forCustomers', label: 'For', placeholder: 'customers' },
  { key: 'who', label: 'who', placeholder: 'do something' },
  { key: 'solution', label: 'the', placeholder: 'solution' },
  { key: 'isA', label: 'is a', placeholder: 'something (the how)' },
  { key: 'that', label: 'that', placeholder: 'provides this value' },
  { key: 'unlike', label: 'unlike', placeholder: 'competitor, current or no solution' },
  { key: 'ourSolution', label: 'our solution', placeholder: 'does something better (the why)' },
];

const DECISION_LABELS: Record<DecisionKind, string> = { go: 'Go', 'no-go': 'No-go', persevere: 'Persevere', pivot: 'Pivot' };
const DECISION_APPEARANCE: Record<DecisionKind, 'success' | 'removed' | 'inprogress' | 'moved'> = {
  go: 'success',
  'no-go': 'removed',
  persevere: 'inprogress',
  pivot: 'moved',
};

export function DecisionLozenge({ decision }: { decision: DecisionKind | null }) {
  if (decision === null) return <Lozenge>No decision</Lozenge>;
  return (
    <Lozenge appearance={DECISION_APPEARANCE[decision]} isBold>
      {DECISION_LABELS[decision]}
    </Lozenge>
  );
}

interface Draft {
  hypothesis: BusinessCase['hypothesis'];
  businessOutcomes: string;
  leadingIndicators: string;
  mvp: string;
  mvpCost: string;
  forecastCost: string;
  investmentType: string;
}

function draftOf(value: BusinessCase): Draft {
  return {
    hypothesis: { ...value.hypothesis },
    businessOutcomes: value.businessOutcomes.join('\n'),
    leadingIndicators: value.leadingIndicators.join('\n'),
    mvp: value.mvp,
    mvpCost: amountText(value.mvpCost),
    forecastCost: amountText(value.forecastCost),
    investmentType: value.investmentType ?? '',
  };
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .slice(0, 10);

/** The case to send, or the problem that stops it. */
function caseOf(draft: Draft): BusinessCase | string {
  const mvpCost = parseAmount(draft.mvpCost);
  const forecastCost = parseAmount(draft.forecastCost);
  if (Number.isNaN(mvpCost)) return 'The MVP cost must be a number (or empty).';
  if (Number.isNaN(forecastCost)) return 'The forecast total cost must be a number (or empty).';
  return {
    hypothesis: draft.hypothesis,
    businessOutcomes: lines(draft.businessOutcomes),
    leadingIndicators: lines(draft.leadingIndicators),
    mvp: draft.mvp,
    mvpCost,
    forecastCost,
    investmentType: draft.investmentType === '' ? null : draft.investmentType,
  };
}

function GateMessage({ view }: { view: BusinessCaseView }) {
  if (view.threshold === null) return null;
  return view.gate.allowed ? (
    <Text size="small" color="color.text.subtle" testId="case-gate">
      May be committed: approval threshold {formatMoney(view.threshold, view.currency)}.
    </Text>
  ) : (
    <SectionMessage appearance="warning" title="Needs a go decision before commitment" testId="case-gate">
      <Text as="p">{view.gate.reason}</Text>
    </SectionMessage>
  );
}

function DecisionForm({ view, onSaved }: { view: BusinessCaseView; onSaved: (next: BusinessCaseView) => void }) {
  const [decision, setDecision] = useState<DecisionKind>('go');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ResolverCallError | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      onSaved(await invoke('epic/case/decide', { issueKey: view.issueKey, decision, note, version: view.version }));
      setNote('');
    } catch (error) {
      setFailure(asCallError(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(event) => void submit(event)} aria-label={`Decision on ${view.issueKey}`}>
      <Stack space="space.100">
        {failure !== null && <ErrorMessage error={failure} />}
        <Inline space="space.200" alignBlock="end" shouldWrap>
          <SelectField
            label="Decision"
            value={decision}
            options={(Object.keys(DECISION_LABELS) as DecisionKind[]).map((value) => ({ value, label: DECISION_LABELS[value] }))}
            onChange={(value) => setDecision(value as DecisionKind)}
            testId="case-decision"
          />
          <TextField label="Note" value={note} onChange={setNote} testId="case-decision-note" width="20rem" />
          <Button type="submit" appearance="primary" isLoading={busy} testId="case-decide">
            Record decision
          </Button>
        </Inline>
      </Stack>
    </form>
  );
}

function CaseForm({ view, onSaved, onReload }: { view: BusinessCaseView; onSaved: (next: BusinessCaseView) => void; onReload: () => void }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(view.case));
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ResolverCallError | string | null>(null);
  const readOnly = !view.canEdit;
  const set = <K extends keyof Draft>(key: K) => (value: Draft[K]) => setDraft((current) => ({ ...current, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (readOnly) return;
    const value = caseOf(draft);
    if (typeof value === 'string') {
      setFailure(value);
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      onSaved(await invoke('epic/case/save', { issueKey: view.issueKey, case: value, version: view.version }));
    } catch (error) {
      setFailure(asCallError(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} aria-label={`Business case of ${view.issueKey}`}>
      <Stack space="space.200">
        {typeof failure === 'string' && (
          <SectionMessage appearance="error" title="Check the case">
            <Text as="p">{failure}</Text>
          </SectionMessage>
        )}
        {failure !== null && typeof failure !== 'string' && (
          // On a conflict the form keeps what was typed: load theirs, then save again.
          <ErrorMessage error={failure} onRetry={failure.code === 'conflict' ? onReload : undefined} retryLabel="Load their version" />
        )}
        <Stack space="space.100">
          <Heading size="xsmall" as="h4">
            Epic hypothesis statement
          </Heading>
          <Inline space="space.150" shouldWrap>
            {HYPOTHESIS_FIELDS.map((field) => (
              <div key={field.key} style={{ flex: '1 1 14rem' }}>
                <TextField
                  label={field.label}
                  value={draft.hypothesis[field.key]}
                  placeholder={field.placeholder}
                  disabled={readOnly}
                  testId={`case-${field.key}`}
                  onChange={(value) => setDraft((current) => ({ ...current, hypothesis: { ...current.hypothesis, [field.key]: value } }))}
                />
              </div>
            ))}
          </Inline>
        </Stack>
        <Inline space="space.200" shouldWrap>
          <div style={{ flex: '1 1 18rem' }}>
            <TextAreaField label="Business outcomes" hint="One per line" value={draft.businessOutcomes} onChange={set('businessOutcomes')} disabled={readOnly} testId="case-outcomes" />
          </div>
          <div style={{ flex: '1 1 18rem' }}>
            <TextAreaField label="Leading indicators" hint="One per line" value={draft.leadingIndicators} onChange={set('leadingIndicators')} disabled={readOnly} testId="case-indicators" />
          </div>
        </Inline>
        <TextAreaField label="MVP" value={draft.mvp} onChange={set('mvp')} disabled={readOnly} rows={2} testId="case-mvp" />
        <Inline space="space.200" alignBlock="end" shouldWrap>
          <AmountField label={`MVP cost (${view.currency})`} value={draft.mvpCost} onChange={set('mvpCost')} disabled={readOnly} testId="case-mvp-cost" />
          <AmountField label={`Forecast total cost (${view.currency})`} value={draft.forecastCost} onChange={set('forecastCost')} disabled={readOnly} testId="case-forecast-cost" />
          <SelectField
            label="Investment type"
            value={draft.investmentType}
            disabled={readOnly}
            options={[{ value: '', label: 'From the epic’s labels' }, ...view.investmentTypes.map((type) => ({ value: type.id, label: type.name }))]}
            onChange={set('investmentType')}
            testId="case-investment-type"
          />
          {!readOnly && (
            <Button type="submit" appearance="primary" isLoading={busy} testId="case-save">
              Save business case
            </Button>
          )}
        </Inline>
      </Stack>
    </form>
  );
}

export function BusinessCaseView({ view, onChange, onReload }: { view: BusinessCaseView; onChange: (next: BusinessCaseView) => void; onReload: () => void }) {
  return (
    <Stack space="space.200" testId="business-case">
      <Inline space="space.100" alignBlock="center" shouldWrap>
        <DecisionLozenge decision={view.decision?.decision ?? null} />
        {view.decision !== null && (
          <Text size="small" color="color.text.subtle">
            {`${DECISION_LABELS[view.decision.decision]} by ${view.decision.accountId} on ${new Date(view.decision.at).toISOString().slice(0, 10)}${view.decision.note === '' ? '' : `: “${view.decision.note}”`}`}
          </Text>
        )}
        {view.migratedFrom !== null && <Lozenge appearance="moved">{`From the ${view.migratedFrom} budget`}</Lozenge>}
      </Inline>
      <GateMessage view={view} />
      {!view.canEdit && (
        <SectionMessage appearance="information" title="Read only">
          <Text as="p">Changing the business case of {view.issueKey} needs the Edit issues permission in its project.</Text>
        </SectionMessage>
      )}
      {/* A new version remounts the form with the saved values as its draft. */}
      <CaseForm key={`${view.issueKey}:${view.version ?? 0}`} view={view} onSaved={onChange} onReload={onReload} />
      {view.canDecide && <DecisionForm view={view} onSaved={onChange} />}
    </Stack>
  );
}

/** Loads and edits the business case of one epic; `withHeading` off where a section already names it (the issue panel). */
export function BusinessCaseEditor({ issueKey, withHeading = true }: { issueKey: string; withHeading?: boolean }) {
  const { state, reload, replace } = useResolver('epic/case/get', { issueKey });
  return (
    <Stack space="space.150" testId="business-case">
      {withHeading && (
        <Heading size="small" as="h3">
          Lean business case
        </Heading>
      )}
      <Loaded state={state} what="the business case" onRetry={reload}>
        {(view) => <BusinessCaseView view={view} onChange={replace} onReload={reload} />}
      </Loaded>
    </Stack>
  );
}
