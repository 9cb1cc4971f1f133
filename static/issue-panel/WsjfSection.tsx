/**
 * The epic's WSJF: the four components on the configured scale, and, as the user types, the cost
 * of delay, WSJF and rank they would give (with the epics just above and below). Saved as the
 * user; without Edit issues the form is read-only and says why. A save that someone else beat is
 * refused by the server: both values are shown and the user chooses.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import { showFlag } from '@forge/bridge';
import type { ResolverOutput } from '../../src/contract/resolvers';
import { FigureTile } from '../shared/FigureTile';
import { formatScore, NONE } from '../shared/format';
import { invoke, type ResolverCallError } from '../shared/invoke';
import { ErrorMessage } from '../shared/states';
import { DataTable } from '../shared/table';
import { asCallError } from '../shared/useResolver';
import { COMPONENT_FIELDS, componentsOf, draftOf, draftPreview, sameDraft, type WsjfDraft } from './draft';
import { ScaleSelect } from './ScaleSelect';
import type { PanelSectionContext } from './sections';

type EpicWsjf = ResolverOutput<'epic/wsjf/get'>;

const fieldsGrid = xcss({ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(10.5rem, 1fr))', gap: 'space.200' });

function rankText(rank: number | null, count: number): string {
  return rank === null ? 'Unranked' : `${rank} of ${count}`;
}

function ConflictComparison({ mine, theirs }: { mine: WsjfDraft; theirs: EpicWsjf }) {
  const their = draftOf(theirs);
  return (
    <DataTable
      caption="Your values and the values saved in the meantime"
      rowKey={(field) => field.key}
      rows={COMPONENT_FIELDS}
      columns={[
        { title: 'Component', render: (field) => field.label },
        { title: 'Yours', numeric: true, render: (field) => mine[field.key] || NONE },
        { title: 'Saved now', numeric: true, render: (field) => <span data-testid={`theirs-${field.key}`}>{their[field.key] || NONE}</span> },
      ]}
    />
  );
}

export function WsjfSection({ issueKey, overview, refresh }: PanelSectionContext) {
  const [saved, setSaved] = useState<EpicWsjf>(overview.wsjf);
  const [draft, setDraft] = useState<WsjfDraft>(() => draftOf(overview.wsjf));
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<ResolverCallError | null>(null);
  const [theirs, setTheirs] = useState<EpicWsjf | null>(null);
  const focusAfterSave = useRef<HTMLElement | null>(null);
  const preview = useMemo(() => draftPreview(draft, overview.others, issueKey, saved.summary), [draft, overview.others, issueKey, saved.summary]);
  const changed = !sameDraft(draft, draftOf(saved));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!saved.canEdit || saving) return;
    focusAfterSave.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setSaving(true);
    setFailure(null);
    setTheirs(null);
    try {
      const result = await invoke('epic/wsjf/save', { issueKey, components: componentsOf(draft), version: saved.version });
      setSaved(result);
      setDraft(draftOf(result));
      void refresh();
      showFlag({
        id: `wsjf-saved-${result.issueKey}`,
        title: 'WSJF saved',
        description:
          result.wsjfScore === null
            ? `${result.issueKey} is unscored until every component is set.`
            : `${result.issueKey}: WSJF ${formatScore(result.wsjfScore)}, rank ${result.rank ?? NONE} of ${result.rankedCount}.`,
        type: 'success',
        isAutoDismiss: true,
      });
    } catch (error) {
      const callError = asCallError(error);
      setFailure(callError);
      if (callError.code === 'conflict') invoke('epic/wsjf/get', { issueKey }).then(setTheirs, () => undefined);
    } finally {
      setSaving(false);
    }
  };

  // The fields were disabled while saving, which moved focus away: give it back once they are enabled again.
  useEffect(() => {
    if (saving || focusAfterSave.current === null) return;
    focusAfterSave.current.focus();
    focusAfterSave.current = null;
  }, [saving]);

  const takeTheirs = async () => {
    try {
      const latest = theirs ?? (await invoke('epic/wsjf/get', { issueKey }));
      setSaved(latest);
      setDraft(draftOf(latest));
      setFailure(null);
      setTheirs(null);
    } catch (error) {
      setFailure(asCallError(error));
    }
  };
  /** Keep my values, now based on their version: the next save is an informed overwrite. */
  const keepMine = () => {
    if (theirs === null) return;
    setSaved(theirs);
    setFailure(null);
    setTheirs(null);
  };

  return (
    <form onSubmit={(event) => void submit(event)} aria-label={`WSJF of ${issueKey}`}>
      <Stack space="space.200">
        <Inline space="space.150" shouldWrap>
          <FigureTile label="WSJF" value={formatScore(preview.wsjf)} testId="wsjf-score" />
          <FigureTile label="Portfolio rank" value={rankText(preview.rank, preview.rankedCount)} testId="wsjf-rank" />
          <FigureTile label="Cost of delay" value={formatScore(preview.costOfDelay)} testId="wsjf-cost-of-delay" />
        </Inline>
        {changed && (
          <Inline space="space.100" alignBlock="center">
            <Lozenge appearance="moved">Not saved</Lozenge>
            <Text size="small" color="color.text.subtle">
              Saved: WSJF {formatScore(saved.wsjfScore)}, rank {rankText(saved.rank, saved.rankedCount)}.
            </Text>
          </Inline>
        )}
        {preview.wsjf === null && (
          <Text size="small" color="color.text.subtle">
            Unscored: set all four components to give this epic a WSJF and a rank.
          </Text>
        )}
        {failure !== null && (
          <Stack space="space.100">
            <ErrorMessage error={failure} onRetry={failure.code === 'conflict' ? () => void takeTheirs() : undefined} retryLabel="Load their values" />
            {theirs !== null && (
              <Box testId="wsjf-conflict">
                <Stack space="space.100">
                  <ConflictComparison mine={draft} theirs={theirs} />
                  <Inline space="space.100">
                    <Button onClick={keepMine}>Keep mine and review</Button>
                  </Inline>
                </Stack>
              </Box>
            )}
          </Stack>
        )}
        {!saved.canEdit && (
          <SectionMessage appearance="information" title="View only">
            <Text as="p">Changing the WSJF of {issueKey} needs the Edit issues permission in its project.</Text>
          </SectionMessage>
        )}
        <Box xcss={fieldsGrid}>
          {COMPONENT_FIELDS.map((field) => (
            <ScaleSelect
              key={field.key}
              name={field.key}
              label={field.label}
              explanation={field.explanation}
              value={draft[field.key]}
              scale={saved.scale}
              disabled={!saved.canEdit || saving}
              onChange={(value) => setDraft((current) => ({ ...current, [field.key]: value }))}
            />
          ))}
        </Box>
        {saved.canEdit && (
          <Inline space="space.100" alignBlock="center" shouldWrap>
            <Button type="submit" appearance="primary" isLoading={saving} testId="wsjf-save">
              Save WSJF
            </Button>
            <Text size="small" color="color.text.subtlest">
              Enter saves. Cost of delay = value + time criticality + RR | OE; WSJF = cost of delay ÷ job size.
            </Text>
          </Inline>
        )}
        {preview.neighbourhood.length > 0 && (
          <Stack space="space.050">
            <Text size="small" weight="semibold" color="color.text.subtle">
              Where it ranks among the epics you can see
            </Text>
            <DataTable
              caption="Rank neighbours"
              rowKey={(row) => row.key}
              rows={preview.neighbourhood}
              columns={[
                { title: 'Rank', numeric: true, render: (row) => row.rank ?? NONE },
                {
                  title: 'Epic',
                  render: (row) =>
                    row.key === issueKey ? (
                      <Text weight="bold">{`${row.key} (this epic)`}</Text>
                    ) : (
                      <Text>{`${row.key} · ${row.summary}`}</Text>
                    ),
                },
                { title: 'WSJF', numeric: true, render: (row) => formatScore(row.wsjf) },
              ]}
            />
          </Stack>
        )}
      </Stack>
    </form>
  );
}
