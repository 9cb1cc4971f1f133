/**
 * A portfolio manager's form for one objective and its key results. Saving sends the whole quarter
 * (`okrs/save`, naming the version read), so an edit someone else saved first is a conflict, never
 * lost.
 */
import { useState, type FormEvent } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import type { ResolverInput } from '../../../src/contract/resolvers';
import { SelectField } from '../../shared/Field';
import { invoke } from '../../shared/invoke';
import { raisedSurfaceStyles } from '../../shared/surface';
import { ErrorMessage } from '../../shared/states';
import { asCallError } from '../../shared/useResolver';
import type { ResolverCallError } from '../../shared/invoke';
import { numberOf, TextInput } from './fields';
import type { ObjectiveView, OkrsView } from './KeyResultCard';

type ObjectiveInput = ResolverInput<'okrs/save'>['objectives'][number];
type KeyResultInput = ObjectiveInput['keyResults'][number];
type Person = { accountId: string; displayName: string };

interface KeyResultDraft {
  id: string;
  title: string;
  metric: string;
  unit: string;
  baseline: string;
  target: string;
  current: string;
  weight: string;
  ownerId: string;
  /** Kept as they were: the editor does not change them. */
  confidence: KeyResultInput['confidence'];
}

const editorStyles = xcss({ padding: 'space.200' });
const rowStyles = xcss({ borderBlockStartColor: 'color.border', borderBlockStartStyle: 'solid', borderBlockStartWidth: 'border.width', paddingBlockStart: 'space.150' });

/** A readable id: the title's words, and a short suffix so two alike titles differ. */
function newId(title: string): string {
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'item';
  return `${slug}-${Math.random().toString(36).slice(2, 6)}`;
}

const text = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(value));

function draftOf(keyResult: ObjectiveView['keyResults'][number]): KeyResultDraft {
  return {
    id: keyResult.id,
    title: keyResult.title,
    metric: keyResult.metric,
    unit: keyResult.unit,
    baseline: text(keyResult.baseline),
    target: text(keyResult.target),
    current: text(keyResult.current),
    weight: text(keyResult.weight),
    ownerId: keyResult.owner?.accountId ?? '',
    confidence: keyResult.confidence,
  };
}

const emptyDraft = (): KeyResultDraft => ({ id: '', title: '', metric: '', unit: '', baseline: '', target: '', current: '', weight: '', ownerId: '', confidence: null });

/** The objectives as stored (the view adds progress, links and check-ins). */
export function objectiveInputOf(objective: ObjectiveView): ObjectiveInput {
  return {
    id: objective.id,
    title: objective.title,
    themeId: objective.themeId,
    keyResults: objective.keyResults.map((keyResult) => ({
      id: keyResult.id,
      title: keyResult.title,
      metric: keyResult.metric,
      baseline: keyResult.baseline,
      target: keyResult.target,
      current: keyResult.current,
      ...(keyResult.weight === undefined ? {} : { weight: keyResult.weight }),
      unit: keyResult.unit,
      owner: keyResult.owner,
      confidence: keyResult.confidence,
    })),
  };
}

/** The viewer and everyone who owns or checked in on a key result this quarter. */
function knownPeople(view: OkrsView): Person[] {
  const people = new Map<string, Person>([[view.viewer.accountId, view.viewer]]);
  for (const objective of view.objectives)
    for (const keyResult of objective.keyResults) {
      if (keyResult.owner) people.set(keyResult.owner.accountId, keyResult.owner);
      for (const checkIn of keyResult.checkIns) if (!people.has(checkIn.by.accountId)) people.set(checkIn.by.accountId, checkIn.by);
    }
  return [...people.values()];
}

function problemsOf(title: string, drafts: readonly KeyResultDraft[]): string[] {
  const problems: string[] = [];
  if (title.trim() === '') problems.push('Give the objective a title.');
  if (drafts.length === 0) problems.push('Add at least one key result.');
  drafts.forEach((draft, index) => {
    const name = draft.title.trim() || `Key result ${index + 1}`;
    if (draft.title.trim() === '') problems.push(`${name} needs a title.`);
    const baseline = numberOf(draft.baseline);
    const target = numberOf(draft.target);
    if (baseline === null || target === null) problems.push(`${name} needs a baseline and a target.`);
    else if (baseline === target) problems.push(`${name}: the target must differ from the baseline.`);
  });
  return problems;
}

export function ObjectiveEditor({ view, objective, onSaved, onCancel }: { view: OkrsView; objective: ObjectiveView | null; onSaved: (view: OkrsView) => void; onCancel: () => void }) {
  const [title, setTitle] = useState(objective?.title ?? '');
  const [themeId, setThemeId] = useState(objective?.themeId ?? '');
  const [drafts, setDrafts] = useState<KeyResultDraft[]>(() => (objective ? objective.keyResults.map(draftOf) : [emptyDraft()]));
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<ResolverCallError | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const people = knownPeople(view);

  const update = (index: number, change: Partial<KeyResultDraft>) => setDrafts((current) => current.map((draft, at) => (at === index ? { ...draft, ...change } : draft)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = problemsOf(title, drafts);
    setProblems(found);
    if (found.length > 0 || saving) return;
    const edited: ObjectiveInput = {
      id: objective?.id ?? newId(title),
      title: title.trim(),
      themeId: themeId === '' ? null : themeId,
      keyResults: drafts.map((draft) => {
        const weight = numberOf(draft.weight);
        const owner = people.find((person) => person.accountId === draft.ownerId) ?? null;
        return {
          id: draft.id || newId(draft.title),
          title: draft.title.trim(),
          metric: draft.metric.trim(),
          unit: draft.unit.trim(),
          baseline: numberOf(draft.baseline) ?? 0,
          target: numberOf(draft.target) ?? 0,
          current: numberOf(draft.current),
          ...(weight === null ? {} : { weight }),
          owner,
          confidence: draft.confidence,
        };
      }),
    };
    const others = view.objectives.map(objectiveInputOf);
    const objectives = objective === null ? [...others, edited] : others.map((candidate) => (candidate.id === objective.id ? edited : candidate));
    setSaving(true);
    setFailure(null);
    try {
      onSaved(await invoke('okrs/save', { period: view.period, objectives, version: view.version }));
    } catch (error) {
      setFailure(asCallError(error));
    } finally {
      setSaving(false);
    }
  };

  const ownerOptions = [{ value: '', label: 'Nobody yet' }, ...people.map((person) => ({ value: person.accountId, label: person.displayName || person.accountId }))];
  const themeOptions = [{ value: '', label: 'No theme' }, ...view.themes.map((theme) => ({ value: theme.id, label: theme.name }))];

  return (
    <Box xcss={[raisedSurfaceStyles, editorStyles]} testId="objective-editor">
      <form onSubmit={(event) => void submit(event)} aria-label={objective ? `Edit objective ${objective.title}` : 'New objective'}>
        <Stack space="space.200">
          <Heading size="small" as="h3">
            {objective ? 'Edit objective' : `New objective for ${view.period}`}
          </Heading>
          {failure !== null && <ErrorMessage error={failure} />}
          {problems.length > 0 && (
            <Stack space="space.050" testId="editor-problems">
              {problems.map((problem) => (
                <Text key={problem} color="color.text.danger">
                  {problem}
                </Text>
              ))}
            </Stack>
          )}
          <Inline space="space.200" alignBlock="end" shouldWrap>
            <Box xcss={xcss({ minWidth: '320px', flexGrow: 1 })}>
              <TextInput label="Objective" value={title} onChange={setTitle} required />
            </Box>
            <SelectField label="Strategic theme" value={themeId} options={themeOptions} onChange={setThemeId} />
          </Inline>
          {drafts.map((draft, index) => (
            <Box key={index} xcss={rowStyles}>
              <Stack space="space.100">
                <Inline space="space.150" alignBlock="end" shouldWrap>
                  <Box xcss={xcss({ minWidth: '240px', flexGrow: 1 })}>
                    <TextInput label={`Key result ${index + 1}`} value={draft.title} onChange={(value) => update(index, { title: value })} required />
                  </Box>
                  <TextInput label="Metric" value={draft.metric} onChange={(value) => update(index, { metric: value })} width={200} />
                  <TextInput label="Unit" value={draft.unit} onChange={(value) => update(index, { unit: value })} width={80} />
                </Inline>
                <Inline space="space.150" alignBlock="end" shouldWrap>
                  <TextInput label="Baseline" type="number" value={draft.baseline} onChange={(value) => update(index, { baseline: value })} required width={110} />
                  <TextInput label="Target" type="number" value={draft.target} onChange={(value) => update(index, { target: value })} required width={110} />
                  <TextInput label="Current" type="number" value={draft.current} onChange={(value) => update(index, { current: value })} width={110} />
                  <TextInput label="Weight" type="number" value={draft.weight} onChange={(value) => update(index, { weight: value })} placeholder="1" width={80} />
                  <SelectField label="Owner" value={draft.ownerId} options={ownerOptions} onChange={(value) => update(index, { ownerId: value })} />
                  <Button appearance="subtle" onClick={() => setDrafts((current) => current.filter((_draft, at) => at !== index))} aria-label={`Remove key result ${index + 1}`}>
                    Remove
                  </Button>
                </Inline>
              </Stack>
            </Box>
          ))}
          <Inline space="space.100">
            <Button onClick={() => setDrafts((current) => [...current, emptyDraft()])}>Add key result</Button>
          </Inline>
          <Inline space="space.100">
            <Button type="submit" appearance="primary" isDisabled={saving}>
              Save objective
            </Button>
            <Button appearance="subtle" onClick={onCancel}>
              Cancel
            </Button>
          </Inline>
          <Text size="small" color="color.text.subtle">
            Lower is better when the target is below the baseline. Progress = (current − baseline) ÷ (target − baseline), from 0% to 100%.
          </Text>
        </Stack>
      </form>
    </Box>
  );
}
