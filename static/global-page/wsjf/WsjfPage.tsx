/**
 * The WSJF page: the ranking of the epics still to be pulled (in progress and done on request),
 * unscored epics apart with what they lack, and a scoring session: edit many epics column by
 * column, see the live rank, "Save all" in one call (portfolio/wsjf/saveMany). What the user
 * typed stays in the page until it is saved or they discard it.
 */
import { useEffect, useMemo, useState } from 'react';
import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import Heading from '@atlaskit/heading';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import { MAX_WSJF_KEEP_KEYS, MAX_WSJF_SAVE_ENTRIES } from '../../../src/contract/resolvers';
import type { ResolverInput } from '../../../src/contract/resolvers';
import { downloadCsv, toCsv } from '../../shared/csv';
import { invoke } from '../../shared/invoke';
import type { ResolverCallError } from '../../shared/invoke';
import { EmptyState, ErrorMessage, Loaded } from '../../shared/states';
import { asCallError, useResolver } from '../../shared/useResolver';
import { wsjfColumns } from './columns';
import type { ColumnContext, WsjfColumn } from './columns';
import { loadDrafts, storeDrafts } from './draftStorage';
import { ScoreInput } from './ScoreInput';
import { SaveOutcomes } from './SaveOutcomes';
import {
  COMPONENT_LABELS,
  DEFAULT_SORT,
  draftFrom,
  draftsAfterSave,
  isShown,
  keepMine,
  saveBatches,
  sessionRows,
  smallestAboveOne,
  sortRows,
} from './session';
import type { ComponentName, Draft, Drafts, Ranking, SaveOutcome, SessionRow, Sort, StateFilter } from './session';
import { WsjfTable } from './WsjfTable';

const RANKED_COLUMNS = wsjfColumns({ unscored: false });
const UNSCORED_COLUMNS = wsjfColumns({ unscored: true });
/** The page opens on the epics still to be pulled (bench/scale/scenarios.ts WSJF_PAYLOAD mirrors it). */
const TO_PULL_ONLY: StateFilter = { inProgress: false, done: false };

type RankingRequest = ResolverInput<'portfolio/wsjf'> & { include: StateFilter };

/** Asks for the epics `filter` shows, and the drafted ones whatever their state, so "Save all" still sends them. */
function rankingRequest(include: StateFilter, drafts: Drafts): RankingRequest {
  const keep = [...drafts.keys()].slice(0, MAX_WSJF_KEEP_KEYS);
  return keep.length === 0 ? { include } : { include, keep };
}

/** Rows in `order` (the keys as last sorted) while a session is open, so rows do not jump under the cursor. */
function inOrder(rows: readonly SessionRow[], order: readonly string[] | null, sort: Sort, states: readonly string[]): SessionRow[] {
  const sorted = sortRows(rows, sort, states);
  if (order === null) return sorted;
  const position = new Map(order.map((key, index) => [key, index]));
  const known = sorted.filter((row) => position.has(row.epic.key)).sort((a, b) => (position.get(a.epic.key) ?? 0) - (position.get(b.epic.key) ?? 0));
  return [...known, ...sorted.filter((row) => !position.has(row.epic.key))];
}

function csvOf(tables: readonly { columns: readonly WsjfColumn[]; rows: readonly SessionRow[] }[]): string {
  // One header for both tables: the unscored table's columns (the ranked ones plus "Missing").
  return toCsv(
    UNSCORED_COLUMNS.map((column) => column.title),
    tables.flatMap(({ rows }) => rows.map((row) => UNSCORED_COLUMNS.map((column) => column.csv(row)))),
  );
}

interface SessionProps {
  readonly ranking: Ranking;
  readonly filter: StateFilter;
  /** A reload for a new filter is under way; what was loaded stays shown meanwhile. */
  readonly updating: boolean;
  readonly onFilter: (request: RankingRequest) => void;
  readonly onSaved: (next: Ranking) => void;
}

function Session({ ranking, filter, updating, onFilter, onSaved }: SessionProps) {
  // Drafts typed before a reload come back, with the session open.
  const [drafts, setDrafts] = useState<ReadonlyMap<string, Draft>>(loadDrafts);
  const [editing, setEditing] = useState(() => drafts.size > 0);
  useEffect(() => storeDrafts(drafts), [drafts]);
  const [sort, setSort] = useState<Sort>(DEFAULT_SORT);
  const [frozenOrder, setFrozenOrder] = useState<readonly string[] | null>(null);
  const [outcomes, setOutcomes] = useState<readonly SaveOutcome[]>([]);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<ResolverCallError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const rows = useMemo(() => sessionRows(ranking, drafts), [ranking, drafts]);
  const shown = rows.filter((row) => isShown(row, filter, ranking));
  // Apart by what is saved (not by the draft), so a row does not change tables while it is typed in.
  const ranked = inOrder(
    shown.filter((row) => row.epic.wsjfScore !== null),
    frozenOrder,
    sort,
    ranking.states,
  );
  // By rank, unscored epics tie (no rank) and fall back to key order; one scored in this session ranks first.
  const unscored = inOrder(
    shown.filter((row) => row.epic.wsjfScore === null),
    frozenOrder,
    sort,
    ranking.states,
  );
  const changedCount = rows.filter((row) => row.changed).length;
  const invalidRows = rows.filter((row) => row.invalid.length > 0);
  const hints = editing ? smallestAboveOne(shown) : {};
  const highlighted = new Set(outcomes.filter((outcome) => outcome.status !== 'saved').map((outcome) => outcome.issueKey));

  const freezeIfEditing = (nextSort: Sort, nextEditing = editing) =>
    setFrozenOrder(nextEditing ? sortRows(rows, nextSort, ranking.states).map((row) => row.epic.key) : null);

  const changeSort = (next: Sort) => {
    setSort(next);
    freezeIfEditing(next);
  };

  const setText = (row: SessionRow, name: ComponentName, text: string) => {
    setDrafts((current) => {
      const next = new Map(current);
      const draft = current.get(row.epic.key) ?? draftFrom(row.epic);
      next.set(row.epic.key, { ...draft, text: { ...draft.text, [name]: text } });
      return next;
    });
  };

  const discard = (issueKey: string) => {
    setDrafts((current) => {
      const next = new Map(current);
      next.delete(issueKey);
      return next;
    });
    setOutcomes((current) => current.filter((outcome) => outcome.issueKey !== issueKey));
  };

  const context: ColumnContext = {
    ranking,
    editing,
    input: (row, name) => (
      <ScoreInput
        issueKey={row.epic.key}
        name={name}
        label={COMPONENT_LABELS[name]}
        value={row.draft?.text[name] ?? (row.components[name] === null ? '' : String(row.components[name]))}
        invalid={row.invalid.includes(name)}
        changed={row.draft !== undefined && row.components[name] !== row.epic[name]}
        scale={ranking.scale}
        onChange={(text) => setText(row, name, text)}
      />
    ),
  };

  async function saveAll() {
    setSaving(true);
    setSaveError(null);
    setNotice(null);
    const answered: SaveOutcome[] = [];
    try {
      for (const entries of saveBatches(rows, MAX_WSJF_SAVE_ENTRIES)) {
        const { results } = await invoke('portfolio/wsjf/saveMany', { entries });
        answered.push(...results);
      }
    } catch (error) {
      setSaveError(asCallError(error));
    }
    // Whatever happened, the drafts not saved stay; the saved ones come back in the reloaded ranking.
    let reloaded: Ranking | null = null;
    try {
      const saved = new Set(answered.filter((outcome) => outcome.status === 'saved').map((outcome) => outcome.issueKey));
      reloaded = await invoke('portfolio/wsjf', rankingRequest(filter, new Map([...drafts].filter(([key]) => !saved.has(key)))));
    } catch (error) {
      setSaveError(asCallError(error));
    }
    const saved = answered.filter((outcome) => outcome.status === 'saved').length;
    const remaining = draftsAfterSave(drafts, reloaded === null ? [] : answered);
    setDrafts(remaining);
    setOutcomes(answered.filter((outcome) => outcome.status !== 'saved'));
    if (saved > 0) setNotice(`Saved ${saved} ${saved === 1 ? 'epic' : 'epics'}.`);
    if (reloaded !== null) onSaved(reloaded);
    const stillEditing = remaining.size > 0;
    setEditing(stillEditing);
    setSort(DEFAULT_SORT);
    setFrozenOrder(null);
    setSaving(false);
  }

  const exportCsv = () => downloadCsv('wsjf-ranking.csv', csvOf([{ columns: RANKED_COLUMNS, rows: ranked }, { columns: UNSCORED_COLUMNS, rows: unscored }]));

  const epicCount = ranking.epicCount ?? ranking.epics.length;
  if (epicCount === 0) {
    return (
      <EmptyState title="No epics to rank">
        No epic you can see is in the portfolio's scope. Ask a Jira admin to check the scope JQL in the Lean Portfolio settings.
      </EmptyState>
    );
  }

  const scoredShown = shown.filter((row) => row.epic.wsjfScore !== null).length;
  return (
    <Stack space="space.200">
      <Text color="color.text.subtle">
        {scoredShown} of {shown.length} epics shown are scored; ranks are among all {epicCount} epics you can see. WSJF = (business value
        + time criticality + risk reduction | opportunity enablement) ÷ job size, on the scale {ranking.scale.join(', ')}.
      </Text>
      <Inline space="space.200" alignBlock="center" shouldWrap spread="space-between">
        <Inline space="space.200" alignBlock="center" shouldWrap>
          <Text weight="medium">Epics still to be pulled, and</Text>
          <Checkbox
            label="in progress"
            isChecked={filter.inProgress}
            onChange={(event) => onFilter(rankingRequest({ ...filter, inProgress: event.target.checked }, drafts))}
          />
          <Checkbox label="done" isChecked={filter.done} onChange={(event) => onFilter(rankingRequest({ ...filter, done: event.target.checked }, drafts))} />
          {updating && (
            <Text size="small" color="color.text.subtlest" testId="wsjf-updating">
              Updating…
            </Text>
          )}
        </Inline>
        <Inline space="space.100" alignBlock="center" shouldWrap>
          {editing ? (
            <>
              <Button appearance="primary" onClick={() => void saveAll()} isDisabled={changedCount === 0 || invalidRows.length > 0} isLoading={saving}>
                {`Save all (${changedCount})`}
              </Button>
              <Button onClick={() => freezeIfEditing(sort)}>Re-sort by new values</Button>
              <Button
                appearance="subtle"
                onClick={() => {
                  setDrafts(new Map());
                  setOutcomes([]);
                  setEditing(false);
                  setFrozenOrder(null);
                }}
              >
                {drafts.size > 0 ? 'Discard changes' : 'Stop scoring'}
              </Button>
            </>
          ) : (
            <Button
              appearance="primary"
              onClick={() => {
                setEditing(true);
                setNotice(null);
                freezeIfEditing(sort, true);
              }}
            >
              Start scoring session
            </Button>
          )}
          <Button onClick={exportCsv}>Export CSV</Button>
        </Inline>
      </Inline>
      {notice !== null && (
        <SectionMessage appearance="success" testId="wsjf-saved">
          <Text as="p">{notice}</Text>
        </SectionMessage>
      )}
      {saveError !== null && <ErrorMessage error={saveError} />}
      <SaveOutcomes
        outcomes={outcomes}
        rowOf={(issueKey) => rows.find((row) => row.epic.key === issueKey)}
        onKeepMine={(outcome) => {
          setDrafts((current) => keepMine(current, outcome.issueKey, outcome.current.version));
          setOutcomes((current) => current.filter((other) => other.issueKey !== outcome.issueKey));
        }}
        onDiscard={discard}
      />
      {editing && (
        <SectionMessage appearance="information" title="Scoring session" testId="wsjf-session-hint">
          <Stack space="space.100">
            <Text as="p">
              Score one column at a time: find the smallest epic in the column and give it 1, then score the others relative to it, on the scale{' '}
              {ranking.scale.join(', ')}. Enter or ↓ moves down the column, ↑ up. Ranks update as you type; “Re-sort by new values” reorders the rows.
              Nothing is saved until “Save all”.
            </Text>
            {(Object.entries(hints) as [ComponentName, number][]).map(([name, smallest]) => (
              <Text as="p" key={name} color="color.text.warning">
                {COMPONENT_LABELS[name]}: the smallest value shown is {smallest}; the smallest item in a column should be 1.
              </Text>
            ))}
            {invalidRows.length > 0 && (
              <Text as="p" color="color.text.danger">
                Not on the scale: {invalidRows.map((row) => `${row.epic.key} (${row.invalid.map((name) => COMPONENT_LABELS[name]).join(', ')})`).join('; ')}.
              </Text>
            )}
          </Stack>
        </SectionMessage>
      )}
      <WsjfTable
        label="Epics ranked by WSJF"
        columns={RANKED_COLUMNS}
        rows={ranked}
        sort={sort}
        onSort={changeSort}
        context={context}
        highlighted={highlighted}
        testId="wsjf-ranked"
        emptyView={<Text>No scored epic is shown. Include epics in progress or done, or start a scoring session.</Text>}
      />
      <Heading size="small" as="h2">
        {`Unscored epics (${unscored.length})`}
      </Heading>
      {unscored.length === 0 ? (
        <Text color="color.text.subtle">Every epic shown has a WSJF score.</Text>
      ) : (
        <WsjfTable
          label="Unscored epics and what they lack"
          columns={UNSCORED_COLUMNS}
          rows={unscored}
          sort={sort}
          onSort={changeSort}
          context={context}
          highlighted={highlighted}
          testId="wsjf-unscored"
        />
      )}
    </Stack>
  );
}

export function WsjfPage() {
  const [request, setRequest] = useState<RankingRequest>(() => rankingRequest(TO_PULL_ONLY, loadDrafts()));
  const { state, reload, replace } = useResolver('portfolio/wsjf', request);
  // The last answer stays on screen (and the session open) while a filter change reloads.
  const [last, setLast] = useState<Ranking | null>(null);
  useEffect(() => {
    if (state.status === 'ready') setLast(state.data);
  }, [state]);
  const ranking = state.status === 'ready' ? state.data : last;
  if (ranking === null) {
    return (
      <Loaded state={state} what="the WSJF ranking" onRetry={reload}>
        {() => null}
      </Loaded>
    );
  }
  return (
    <Stack space="space.200">
      {state.status === 'error' && <ErrorMessage error={state.error} onRetry={reload} />}
      <Session ranking={ranking} filter={request.include} updating={state.status === 'loading'} onFilter={setRequest} onSaved={replace} />
    </Stack>
  );
}
