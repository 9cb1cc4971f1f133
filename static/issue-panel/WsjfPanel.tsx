/**
 * The epic's WSJF: its components, cost of delay, score and rank in the portfolio, and a form to
 * change the components (keyboard: Tab through the selects, Enter or the Save button submits).
 */
import { useState, type FormEvent } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import { showFlag } from '@forge/bridge';
import type { ResolverOutput } from '../../src/contract/resolvers';
import { FigureTile } from '../shared/FigureTile';
import { formatScore, NONE } from '../shared/format';
import { invoke, type ResolverCallError } from '../shared/invoke';
import { SelectField } from '../shared/Field';
import { ErrorMessage, Loaded } from '../shared/states';
import { asCallError, useResolver } from '../shared/useResolver';
import { COMPONENT_FIELDS, componentsOf, draftOf, type WsjfDraft } from './draft';

type EpicWsjf = ResolverOutput<'epic/wsjf/get'>;

function WsjfForm({ wsjf, onSaved, onReload }: { wsjf: EpicWsjf; onSaved: (saved: EpicWsjf) => void; onReload: () => void }) {
  const [draft, setDraft] = useState<WsjfDraft>(() => draftOf(wsjf));
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<ResolverCallError | null>(null);
  const options = [{ value: '', label: 'Not set' }, ...wsjf.scale.map((value) => ({ value: String(value), label: String(value) }))];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!wsjf.canEdit || saving) return;
    setSaving(true);
    setFailure(null);
    try {
      const saved = await invoke('epic/wsjf/save', { issueKey: wsjf.issueKey, components: componentsOf(draft), version: wsjf.version });
      // The saved answer has a new version, so the form remounts with it as its draft.
      onSaved(saved);
      showFlag({
        id: `wsjf-saved-${saved.issueKey}`,
        title: 'WSJF saved',
        description:
          saved.wsjfScore === null
            ? `${saved.issueKey} is unscored until every component is set.`
            : `${saved.issueKey}: WSJF ${formatScore(saved.wsjfScore)}, rank ${saved.rank ?? NONE} of ${saved.rankedCount}.`,
        type: 'success',
        isAutoDismiss: true,
      });
    } catch (error) {
      setFailure(asCallError(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} aria-label={`WSJF of ${wsjf.issueKey}`}>
      <Stack space="space.200">
        {failure !== null && (
          <ErrorMessage error={failure} onRetry={failure.code === 'conflict' ? onReload : undefined} retryLabel="Load their values" />
        )}
        {!wsjf.canEdit && (
          <SectionMessage appearance="information" title="View only">
            <Text as="p">Changing the WSJF of {wsjf.issueKey} needs the Edit issues permission in its project.</Text>
          </SectionMessage>
        )}
        <Inline space="space.200" shouldWrap>
          {COMPONENT_FIELDS.map((field) => (
            <SelectField
              key={field.key}
              label={field.label}
              value={draft[field.key]}
              options={options}
              disabled={!wsjf.canEdit || saving}
              testId={`wsjf-${field.key}`}
              onChange={(value) => setDraft((current) => ({ ...current, [field.key]: value }))}
            />
          ))}
        </Inline>
        {wsjf.canEdit && (
          <Inline space="space.100" alignBlock="center">
            <Button type="submit" appearance="primary" isLoading={saving} testId="wsjf-save">
              Save WSJF
            </Button>
            <Text size="small" color="color.text.subtlest">
              Cost of delay = business value + time criticality + RR | OE; WSJF = cost of delay ÷ job size.
            </Text>
          </Inline>
        )}
      </Stack>
    </form>
  );
}

function WsjfView({ wsjf, onSaved, onReload }: { wsjf: EpicWsjf; onSaved: (saved: EpicWsjf) => void; onReload: () => void }) {
  return (
    <Stack space="space.300">
      <Stack space="space.100">
        <Inline space="space.100" alignBlock="center">
          <Heading size="small" as="h2">
            {`${wsjf.issueKey} · ${wsjf.summary}`}
          </Heading>
          {wsjf.theme !== null && <Lozenge appearance="new">{wsjf.theme}</Lozenge>}
        </Inline>
        <Inline space="space.200" shouldWrap>
          <FigureTile label="WSJF" value={formatScore(wsjf.wsjfScore)} testId="wsjf-score" />
          <FigureTile label="Portfolio rank" value={wsjf.rank === null ? 'Unranked' : `${wsjf.rank} of ${wsjf.rankedCount}`} testId="wsjf-rank" />
          <FigureTile label="Cost of delay" value={formatScore(wsjf.costOfDelay)} testId="wsjf-cost-of-delay" />
        </Inline>
        {wsjf.wsjfScore === null && (
          <Text color="color.text.subtle">Unscored: set all four components (job size above 0) to give this epic a WSJF and a rank.</Text>
        )}
      </Stack>
      {/* A new key remounts the form with the saved values as its draft. */}
      <WsjfForm key={`${wsjf.issueKey}@${wsjf.version ?? 0}`} wsjf={wsjf} onSaved={onSaved} onReload={onReload} />
    </Stack>
  );
}

export function WsjfPanel({ issueKey }: { issueKey: string }) {
  const { state, reload, replace } = useResolver('epic/wsjf/get', { issueKey });
  return (
    <Loaded state={state} what={`the WSJF of ${issueKey}`} onRetry={reload}>
      {(wsjf) => <WsjfView wsjf={wsjf} onSaved={replace} onReload={reload} />}
    </Loaded>
  );
}
