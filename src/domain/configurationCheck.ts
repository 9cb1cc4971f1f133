/**
 * The data-quality report an admin runs after setting the portfolio up: what makes the numbers
 * wrong (unmapped statuses, epics without theme or score, states without a WIP limit, epics that
 * never moved, were created straight into a late state or went backwards again and again).
 */
import { doneState, stateIndex } from './states';
import type { PortfolioConfig } from './states';
import type { StateSpan } from './timeline';

/** Jira's status category keys (`new`, `indeterminate`, `done`) → the state a status of it most likely means. */
export function suggestedState(config: PortfolioConfig, categoryKey: string | null): string | null {
  if (config.states.length === 0) return null;
  if (categoryKey === 'new') return config.states[0] ?? null;
  if (categoryKey === 'indeterminate') return stateIndex(config, config.commitment) >= 0 ? config.commitment : null;
  if (categoryKey === 'done') return doneState(config);
  return null;
}

export interface CheckedEpic {
  readonly key: string;
  readonly hasTheme: boolean;
  readonly scored: boolean;
  readonly statusChangeCount: number;
  /** Chronological spans from creation (the domain timeline's). */
  readonly spans: readonly StateSpan[];
  readonly unmappedStatusIds: readonly string[];
}

export interface CheckFinding {
  readonly id: string;
  readonly severity: 'warning' | 'information';
  readonly title: string;
  readonly detail: string;
  readonly epicKeys: readonly string[];
  /** For findings not about epics (states without a WIP limit): what they are about. */
  readonly subjects?: readonly string[];
}

/** How many times the epic moved to an earlier state than the one it was in. */
export function backwardMoves(spans: readonly StateSpan[], config: PortfolioConfig): number {
  let moves = 0;
  for (let i = 1; i < spans.length; i++) if (stateIndex(config, (spans[i] as StateSpan).state) < stateIndex(config, (spans[i - 1] as StateSpan).state)) moves++;
  return moves;
}

/** Created in the commitment state or later: its earlier state dates are only filled in, never lived. */
export function createdInLateState(spans: readonly StateSpan[], config: PortfolioConfig): boolean {
  const first = spans[0];
  const commitment = stateIndex(config, config.commitment);
  return first !== undefined && commitment >= 0 && stateIndex(config, first.state) >= commitment;
}

export const MAX_BACKWARD_MOVES = 2;

export function configurationFindings(
  epics: readonly CheckedEpic[],
  config: PortfolioConfig,
  wipLimits: Readonly<Record<string, number>>,
  statusName: (id: string) => string,
): CheckFinding[] {
  const findings: CheckFinding[] = [];
  const byUnmappedStatus = new Map<string, string[]>();
  for (const epic of epics) {
    for (const id of epic.unmappedStatusIds) byUnmappedStatus.set(id, [...(byUnmappedStatus.get(id) ?? []), epic.key]);
  }
  for (const [id, keys] of byUnmappedStatus) {
    findings.push({
      id: `unmapped-status-${id}`,
      severity: 'warning',
      title: `Status "${statusName(id)}" maps to no state`,
      detail: `${keys.length} epic${keys.length === 1 ? ' has' : 's have'} been in it; time there extends the state before it. Map it under Status mapping.`,
      epicKeys: keys,
    });
  }
  const rule = (id: string, severity: CheckFinding['severity'], title: string, detail: string, matches: (epic: CheckedEpic) => boolean) => {
    const keys = epics.filter(matches).map((epic) => epic.key);
    if (keys.length > 0) findings.push({ id, severity, title, detail, epicKeys: keys });
  };
  rule('no-theme', 'information', 'Epics with no strategic theme', 'Flow distribution counts them as "No theme".', (epic) => !epic.hasTheme);
  rule('no-score', 'information', 'Epics with no WSJF score', 'They are unranked until all four components are set.', (epic) => !epic.scored);
  const statesWithoutLimit = config.states.slice(0, -1).filter((state) => wipLimits[state] === undefined);
  if (statesWithoutLimit.length > 0) {
    findings.push({
      id: 'no-wip-limit',
      severity: 'information',
      title: `${statesWithoutLimit.length} state${statesWithoutLimit.length === 1 ? ' has' : 's have'} no WIP limit`,
      detail: `${statesWithoutLimit.join(', ')}: the Kanban never warns about too much work there.`,
      epicKeys: [],
      subjects: statesWithoutLimit,
    });
  }
  rule('never-moved', 'information', 'Epics that never moved', 'No status change since they were created.', (epic) => epic.statusChangeCount === 0);
  rule(
    'created-late',
    'warning',
    `Epics created straight into ${config.commitment} or later`,
    'Their earlier state dates are borrowed from later ones: flow time and the CFD start late.',
    (epic) => createdInLateState(epic.spans, config),
  );
  rule(
    'moved-backwards',
    'warning',
    `Epics moved backwards more than ${MAX_BACKWARD_MOVES} times`,
    'Each move back clears the later state dates; check the workflow or how the epic is used.',
    (epic) => backwardMoves(epic.spans, config) > MAX_BACKWARD_MOVES,
  );
  return findings;
}
