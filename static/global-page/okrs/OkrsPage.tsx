/**
 * The OKRs sub-page: a quarter's objectives under their themes, each with its progress (the domain's
 * weighted mean of its key results) and the "no work in flight" call-out; each key result with its
 * trail, progress line and linked epics. Managers add and edit objectives here.
 */
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { formatShare } from '../../shared/format';
import { EmptyState, Loaded } from '../../shared/states';
import { raisedSurfaceStyles } from '../../shared/surface';
import { useResolver } from '../../shared/useResolver';
import { KeyResultCard, type ObjectiveView, type OkrsView } from './KeyResultCard';
import { ObjectiveEditor } from './ObjectiveEditor';
import { shiftQuarter } from './quarters';

const objectiveStyles = xcss({ padding: 'space.200' });
const barTrack = xcss({ backgroundColor: 'color.background.neutral', borderRadius: 'radius.small', height: '8px', width: '160px', overflow: 'hidden' });

function ProgressBar({ progress, label }: { progress: number | null; label: string }) {
  const share = Math.round((progress ?? 0) * 100);
  return (
    <Inline space="space.100" alignBlock="center">
      <Box xcss={barTrack} aria-hidden="true">
        <div style={{ width: `${share}%`, height: '100%', background: token('color.background.success.bold') }} />
      </Box>
      <Text weight="bold" testId="objective-progress">
        <span aria-label={`${label}: ${formatShare(progress)}`}>{formatShare(progress)}</span>
      </Text>
    </Inline>
  );
}

function ObjectiveCard({
  view,
  objective,
  onChanged,
  onReload,
  onEdit,
}: {
  view: OkrsView;
  objective: ObjectiveView;
  onChanged: (view: OkrsView) => void;
  onReload: () => void;
  onEdit: () => void;
}) {
  return (
    <Box xcss={[raisedSurfaceStyles, objectiveStyles]} testId={`objective-${objective.id}`}>
      <Stack space="space.200">
        <Inline spread="space-between" alignBlock="center" shouldWrap space="space.200">
          <Stack space="space.050">
            <Inline space="space.100" alignBlock="center">
              <Heading size="small" as="h3">
                {objective.title}
              </Heading>
              {objective.themeName !== null && <Lozenge appearance="new">{objective.themeName}</Lozenge>}
            </Inline>
            <Text size="small" color="color.text.subtle">
              {`${objective.keyResults.length} key results · progress is their ${objective.keyResults.some((keyResult) => keyResult.weight !== undefined) ? 'weighted ' : ''}mean`}
            </Text>
          </Stack>
          <Inline space="space.200" alignBlock="center">
            <ProgressBar progress={objective.progress} label={`Progress of ${objective.title}`} />
            {view.canManage && (
              <Button appearance="subtle" onClick={onEdit} aria-label={`Edit ${objective.title}`}>
                Edit
              </Button>
            )}
          </Inline>
        </Inline>
        {objective.noWorkInFlight && (
          <SectionMessage appearance="warning" title="No work in flight toward it" testId="callout-no-work-in-flight">
            <Text as="p">No epic linked to this objective's key results is being implemented. Link the epics that move it, or pull one into implementation.</Text>
          </SectionMessage>
        )}
        {objective.keyResults.map((keyResult) => (
          <KeyResultCard key={keyResult.id} view={view} objective={objective} keyResult={keyResult} onChanged={onChanged} onReload={onReload} />
        ))}
      </Stack>
    </Box>
  );
}

function QuarterView({ view, onChanged, onReload, onPeriod }: { view: OkrsView; onChanged: (view: OkrsView) => void; onReload: () => void; onPeriod: (period: string) => void }) {
  // null: no editor open; 'new': a new objective; else the id of the objective being edited.
  const [editing, setEditing] = useState<string | null>(null);
  const saved = (next: OkrsView) => {
    setEditing(null);
    onChanged(next);
  };
  const editedObjective = view.objectives.find((objective) => objective.id === editing) ?? null;
  return (
    <Stack space="space.300">
      <Inline spread="space-between" alignBlock="center" shouldWrap>
        <Inline space="space.100" alignBlock="center">
          <Button appearance="subtle" onClick={() => onPeriod(shiftQuarter(view.period, -1))} aria-label="Previous quarter">
            ←
          </Button>
          <Heading size="medium" as="h2">
            {`Objectives for ${view.period}`}
          </Heading>
          <Button appearance="subtle" onClick={() => onPeriod(shiftQuarter(view.period, 1))} aria-label="Next quarter">
            →
          </Button>
        </Inline>
        {view.canManage && editing === null && (
          <Button appearance="primary" onClick={() => setEditing('new')}>
            Add objective
          </Button>
        )}
      </Inline>
      {editing !== null && <ObjectiveEditor key={editing} view={view} objective={editedObjective} onSaved={saved} onCancel={() => setEditing(null)} />}
      {view.objectives.length === 0 && editing === null && (
        <EmptyState title={`No OKRs for ${view.period}`}>
          {view.canManage
            ? 'Add this quarter’s objectives, each under a strategic theme, with key results that measure them; then link the epics that should move them.'
            : 'A portfolio manager sets this quarter’s objectives and key results; their progress is then measured from each key result’s baseline towards its target.'}
        </EmptyState>
      )}
      {view.objectives.map((objective) => (
        <ObjectiveCard key={objective.id} view={view} objective={objective} onChanged={onChanged} onReload={onReload} onEdit={() => setEditing(objective.id)} />
      ))}
    </Stack>
  );
}

export function OkrsPage() {
  // No period at first: the resolver answers the current quarter in the portfolio's time zone.
  const [period, setPeriod] = useState<string | undefined>(undefined);
  const { state, reload, replace } = useResolver('okrs/list', period === undefined ? {} : { period });
  return (
    <Loaded state={state} what="OKRs" onRetry={reload}>
      {(view) => <QuarterView view={view} onChanged={replace} onReload={reload} onPeriod={setPeriod} />}
    </Loaded>
  );
}
