/**
 * The epics the Flow page's numbers are about: the caller's own (the default), or the whole
 * portfolio when settings.portfolioTotalsIncludeHidden is on (as the Kanban's totals, see
 * portfolio/totals.ts). Hidden epics feed only aggregates: the Flow services keep every per-epic
 * list to the caller's epics (`isHidden`) and send only how many were hidden.
 */
import type { ServiceContext } from './context';
import { hiddenEpics } from './portfolio/totals';
import { cardConfigOf } from './portfolio/cards';
import { categoriesOf, toSnapshotEpic } from './portfolio/snapshot';
import type { PortfolioSnapshot } from './portfolio/snapshot';
import type { FlowSourceEpic } from './flowSource';

/** The value stream a hidden epic counts under when its stream would name a project the caller cannot see. */
export const HIDDEN_STREAM = { id: 'not-visible', name: 'Not visible to you' } as const;

export interface FlowScope {
  /** The caller's epics, then the hidden ones when the totals include them. */
  readonly epics: readonly FlowSourceEpic[];
  readonly includesHidden: boolean;
  /** True for an epic the caller cannot see: it may be counted, never listed. */
  readonly isHidden: (epic: FlowSourceEpic) => boolean;
}

export async function flowScope(ctx: ServiceContext, snapshot: PortfolioSnapshot): Promise<FlowScope> {
  if (!snapshot.settings.portfolioTotalsIncludeHidden) return { epics: snapshot.epics, includesHidden: false, isHidden: () => false };
  const categories = categoriesOf(snapshot);
  // A stream the caller already knows (named in the app, or one of their epics') is no news; any
  // other would be a hidden project's key and name, so those epics share one anonymous stream.
  const knownStreams = new Set([...snapshot.valueStreams.map((stream) => stream.id), ...snapshot.epics.map((epic) => epic.valueStream.id)]);
  const cardConfig = cardConfigOf(snapshot.config, snapshot.settings.timeZone);
  const hidden = (await hiddenEpics(ctx)).map((cached) => {
    const epic = toSnapshotEpic(cached, cardConfig, snapshot.settings, categories);
    return knownStreams.has(epic.valueStream.id) ? epic : { ...epic, valueStream: HIDDEN_STREAM };
  });
  const hiddenSet = new Set<FlowSourceEpic>(hidden);
  return { epics: [...snapshot.epics, ...hidden], includesHidden: true, isHidden: (epic) => hiddenSet.has(epic) };
}
