/**
 * Strategic themes: each theme's share of the work in progress, of completed work and of forecast
 * cost against its target (gap highlighted), its epics by state; managers edit the themes and
 * assign epics to a theme in bulk (the theme's Jira label, added as them).
 */
import { useMemo, useState, type FormEvent } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { THEME_COLOURS, type Theme, type ThemeColour } from '../../../src/contract/documents';
import type { StrategyOverview } from '../../../src/contract/strategy';
import { AmountField, formatMoney, TextField } from '../../shared/BusinessCaseEditorFields';
import { SelectField } from '../../shared/Field';
import { formatShare } from '../../shared/format';
import { invoke, type ResolverCallError } from '../../shared/invoke';
import { EmptyState, ErrorMessage } from '../../shared/states';
import { raisedSurfaceStyles } from '../../shared/surface';
import { DataTable } from '../../shared/table';
import { asCallError } from '../../shared/useResolver';
import { ShareFigure } from './ShareFigure';
import { themeBarColour } from './themeColour';

type ShareRow = StrategyOverview['themes']['shares'][number];
type Measure = ShareRow['inProgress'];

function GapCell({ measure }: { measure: Measure }) {
  if (measure.share === null) return <Text color="color.text.subtlest">—</Text>;
  if (measure.gap === null) return <Text>{formatShare(measure.share)}</Text>;
  const sign = measure.gap > 0 ? '+' : '';
  // One line: the share, then its gap to the target (red beyond the tolerance).
  return (
    <span style={{ whiteSpace: 'nowrap', display: 'inline-flex', gap: token('space.050'), alignItems: 'center' }}>
      <Text>{formatShare(measure.share)}</Text>
      <Lozenge appearance={measure.offTarget ? 'removed' : 'success'} maxWidth="none">{`${sign}${Math.round(measure.gap * 100)} pts`}</Lozenge>
    </span>
  );
}

function Swatch({ colour }: { colour: ThemeColour | null }) {
  return <span aria-hidden style={{ display: 'inline-block', width: 12, height: 12, borderRadius: 3, background: themeBarColour(colour), marginInlineEnd: 6, verticalAlign: 'middle' }} />;
}

function ThemeShares({ overview }: { overview: StrategyOverview }) {
  const { list, shares } = overview.themes;
  const themeOf = (id: string | null) => list.find((theme) => theme.id === id) ?? null;
  const name = (row: ShareRow) => themeOf(row.themeId)?.name ?? 'No theme';
  const bars = (pick: (row: ShareRow) => Measure) =>
    shares.map((row) => ({
      id: row.themeId ?? '-',
      label: name(row),
      share: pick(row).share,
      target: row.target,
      offTarget: pick(row).offTarget,
      colour: themeBarColour(themeOf(row.themeId)?.colour ?? null),
    }));
  return (
    <Stack space="space.200">
      <DataTable
        caption="Strategic themes: actual share against target"
        rowKey={(row) => row.themeId ?? '-'}
        rows={shares}
        columns={[
          {
            title: 'Theme',
            render: (row) => (
              <Stack space="space.025">
                <span>
                  <Swatch colour={themeOf(row.themeId)?.colour ?? null} />
                  <Text weight="semibold">{name(row)}</Text> {!row.active && <Lozenge>Not active this quarter</Lozenge>}
                </span>
                {themeOf(row.themeId)?.description ? (
                  <Text size="small" color="color.text.subtle">
                    {themeOf(row.themeId)?.description}
                  </Text>
                ) : null}
              </Stack>
            ),
          },
          { title: 'Target', numeric: true, render: (row) => formatShare(row.target) },
          { title: 'In progress', numeric: true, render: (row) => <GapCell measure={row.inProgress} /> },
          { title: 'Completed', numeric: true, render: (row) => <GapCell measure={row.completed} /> },
          { title: 'Forecast cost', numeric: true, render: (row) => <GapCell measure={row.forecastCost} /> },
          {
            title: 'Epics by state',
            render: (row) => (
              <Text size="small" color="color.text.subtle">
                {overview.states
                  .filter((state) => (row.byState[state] ?? 0) > 0)
                  .map((state) => `${state} ${row.byState[state]}`)
                  .join(' · ') || '—'}
              </Text>
            ),
          },
        ]}
      />
      <Inline space="space.400" shouldWrap>
        <Box xcss={raisedSurfaceStyles} padding="space.200" style={{ flex: '1 1 420px' }}>
          <ShareFigure caption="Share of epics in progress vs target" measure="In progress" bars={bars((row) => row.inProgress)} testId="theme-share-in-progress" />
        </Box>
        <Box xcss={raisedSurfaceStyles} padding="space.200" style={{ flex: '1 1 420px' }}>
          <ShareFigure caption="Share of forecast cost vs target" measure="Forecast cost" bars={bars((row) => row.forecastCost)} testId="theme-share-cost" />
        </Box>
      </Inline>
    </Stack>
  );
}

interface ThemeDraft {
  id: string;
  name: string;
  label: string;
  colour: ThemeColour;
  target: string;
  quarters: string;
  description: string;
}

const draftOf = (theme: Theme): ThemeDraft => ({
  id: theme.id,
  name: theme.name,
  label: theme.label,
  colour: theme.colour,
  target: theme.targetAllocation === null ? '' : String(Math.round(theme.targetAllocation * 1000) / 10),
  quarters: theme.activeQuarters.join(', '),
  description: theme.description,
});

function themeOfDraft(draft: ThemeDraft): Theme | string {
  const target = draft.target.trim() === '' ? null : Number(draft.target) / 100;
  if (target !== null && !(target >= 0 && target <= 1)) return `The target of "${draft.name}" must be a percentage from 0 to 100.`;
  const quarters = draft.quarters.split(/[\s,]+/).filter((quarter) => quarter !== '');
  if (quarters.some((quarter) => !/^\d{4}-Q[1-4]$/.test(quarter))) return `Active quarters of "${draft.name}" look like 2026-Q4, separated by commas.`;
  const id = draft.id === '' ? draft.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'theme' : draft.id;
  return { id, name: draft.name, label: draft.label, colour: draft.colour, targetAllocation: target, activeQuarters: quarters, description: draft.description };
}

function ThemeEditor({ overview, onSaved }: { overview: StrategyOverview; onSaved: () => void }) {
  const [drafts, setDrafts] = useState<ThemeDraft[]>(() => overview.themes.list.map(draftOf));
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ResolverCallError | string | null>(null);
  const update = (index: number, patch: Partial<ThemeDraft>) => setDrafts((current) => current.map((draft, i) => (i === index ? { ...draft, ...patch } : draft)));
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const themes = drafts.map(themeOfDraft);
    const problem = themes.find((theme): theme is string => typeof theme === 'string');
    if (problem !== undefined) return setFailure(problem);
    setBusy(true);
    setFailure(null);
    try {
      await invoke('themes/save', { themes: themes as Theme[], version: overview.themes.version });
      onSaved();
    } catch (error) {
      setFailure(asCallError(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(event) => void save(event)} aria-label="Edit strategic themes">
      <Stack space="space.200">
        {typeof failure === 'string' ? <SectionMessage appearance="error" title="Check the themes"><Text as="p">{failure}</Text></SectionMessage> : null}
        {failure !== null && typeof failure !== 'string' ? <ErrorMessage error={failure} /> : null}
        {drafts.map((draft, index) => (
          <Inline key={index} space="space.150" alignBlock="end" shouldWrap testId="theme-row">
            <TextField label="Name" value={draft.name} onChange={(name) => update(index, { name })} testId="theme-name" width="12rem" />
            <TextField label="Jira label" value={draft.label} onChange={(label) => update(index, { label })} testId="theme-label" width="11rem" />
            <SelectField label="Colour" value={draft.colour} options={THEME_COLOURS.map((colour) => ({ value: colour, label: colour }))} onChange={(colour) => update(index, { colour: colour as ThemeColour })} />
            <AmountField label="Target %" value={draft.target} onChange={(target) => update(index, { target })} testId="theme-target" width="6rem" />
            <TextField label="Active quarters" value={draft.quarters} placeholder="all" onChange={(quarters) => update(index, { quarters })} width="11rem" />
            <TextField label="Description" value={draft.description} onChange={(description) => update(index, { description })} width="18rem" />
            <Button appearance="subtle" onClick={() => setDrafts((current) => current.filter((_draft, i) => i !== index))}>
              Remove
            </Button>
          </Inline>
        ))}
        <Inline space="space.100">
          <Button onClick={() => setDrafts((current) => [...current, { id: '', name: '', label: '', colour: 'purple', target: '', quarters: '', description: '' }])} testId="theme-add">
            Add theme
          </Button>
          <Button type="submit" appearance="primary" isLoading={busy} testId="themes-save">
            Save themes
          </Button>
        </Inline>
      </Stack>
    </form>
  );
}

function AssignPanel({ overview, onAssigned }: { overview: StrategyOverview; onAssigned: () => void }) {
  const [themeId, setThemeId] = useState(overview.themes.list[0]?.id ?? '');
  const [filter, setFilter] = useState('');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [failure, setFailure] = useState<ResolverCallError | null>(null);
  const themeName = (id: string | null) => overview.themes.list.find((theme) => theme.id === id)?.name ?? 'No theme';
  const shown = useMemo(() => {
    const text = filter.trim().toLowerCase();
    const open = overview.epics.filter((epic) => epic.state !== overview.states.at(-1));
    return (text === '' ? open : open.filter((epic) => `${epic.key} ${epic.summary}`.toLowerCase().includes(text))).slice(0, 50);
  }, [filter, overview]);
  const toggle = (key: string) =>
    setChosen((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else if (next.size < 50) next.add(key);
      return next;
    });
  const assign = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const answer = await invoke('themes/assign', { themeId, issueKeys: [...chosen] });
      const assigned = answer.results.filter((result) => result.outcome === 'assigned').length;
      const refused = answer.results.filter((result) => result.outcome === 'forbidden').map((result) => result.issueKey);
      setOutcome(`${assigned} assigned to ${themeName(themeId)}${refused.length > 0 ? `; not allowed: ${refused.join(', ')}` : ''}.`);
      setChosen(new Set());
      onAssigned();
    } catch (error) {
      setFailure(asCallError(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack space="space.150">
      {failure !== null && <ErrorMessage error={failure} />}
      {outcome !== null && (
        <SectionMessage appearance="success" testId="assign-outcome">
          <Text as="p">{outcome}</Text>
        </SectionMessage>
      )}
      <Inline space="space.200" alignBlock="end" shouldWrap>
        <SelectField label="Theme" value={themeId} options={overview.themes.list.map((theme) => ({ value: theme.id, label: theme.name }))} onChange={setThemeId} testId="assign-theme" />
        <TextField label="Find open epics" value={filter} onChange={setFilter} testId="assign-filter" width="16rem" />
        <Button appearance="primary" isDisabled={chosen.size === 0 || themeId === ''} isLoading={busy} onClick={() => void assign()} testId="assign-submit">
          {`Assign ${chosen.size} epic${chosen.size === 1 ? '' : 's'}`}
        </Button>
      </Inline>
      <div style={{ maxHeight: '240px', overflowY: 'auto', border: `${token('border.width')} solid ${token('color.border')}`, borderRadius: token('radius.medium'), padding: token('space.100') }}>
        <Stack space="space.050">
          {shown.map((epic) => (
            <label key={epic.key} style={{ display: 'flex', gap: token('space.100'), alignItems: 'center', font: token('font.body') }}>
              <input type="checkbox" checked={chosen.has(epic.key)} onChange={() => toggle(epic.key)} data-testid={`assign-${epic.key}`} />
              <span style={{ fontWeight: token('font.weight.semibold') }}>{epic.key}</span>
              <span>{epic.summary}</span>
              <span style={{ color: token('color.text.subtle') }}>({themeName(epic.themeId)})</span>
            </label>
          ))}
        </Stack>
      </div>
    </Stack>
  );
}

export function ThemesSection({ overview, onChanged }: { overview: StrategyOverview; onChanged: () => void }) {
  const [mode, setMode] = useState<'view' | 'edit' | 'assign'>('view');
  const totalCost = overview.themes.shares.reduce((sum, row) => sum + row.forecastCost.amount, 0);
  return (
    <Stack space="space.200" testId="themes-section">
      <Inline spread="space-between" alignBlock="center" shouldWrap>
        <Stack space="space.050">
          <Heading size="medium" as="h2">
            Strategic themes
          </Heading>
          <Text size="small" color="color.text.subtle">
            {`Open forecast cost ${formatMoney(totalCost, overview.currency)} · gaps beyond ±${Math.round(overview.guardrails.guardrails.tolerance * 100)} pts are flagged`}
          </Text>
        </Stack>
        {overview.canManage && (
          <Inline space="space.100">
            <Button isSelected={mode === 'assign'} onClick={() => setMode(mode === 'assign' ? 'view' : 'assign')} testId="themes-assign">
              Assign epics
            </Button>
            <Button isSelected={mode === 'edit'} onClick={() => setMode(mode === 'edit' ? 'view' : 'edit')} testId="themes-edit">
              Edit themes
            </Button>
          </Inline>
        )}
      </Inline>
      {mode === 'edit' && (
        <ThemeEditor
          overview={overview}
          onSaved={() => {
            setMode('view');
            onChanged();
          }}
        />
      )}
      {mode === 'assign' && <AssignPanel overview={overview} onAssigned={onChanged} />}
      {overview.themes.list.length === 0 ? (
        <EmptyState title="No strategic themes yet">
          {overview.canManage
            ? 'Add themes with “Edit themes”: each has a Jira label and a target share; epics carrying the label count towards it.'
            : 'A portfolio manager defines the themes (each with a Jira label and a target share of the portfolio).'}
        </EmptyState>
      ) : (
        <ThemeShares overview={overview} />
      )}
    </Stack>
  );
}
