/**
 * Portfolio states: an ordered list ending in Done, with one commitment point, and the mapping of
 * Jira status ids onto states. Statuses map by id, never by name: a renamed status keeps its id.
 */
export const SAFE_STATES = ['Funnel', 'Reviewing', 'Analyzing', 'Portfolio Backlog', 'Implementing', 'Done'] as const;

export interface PortfolioConfig {
  /** Ordered states; the last one is Done. */
  readonly states: readonly string[];
  /** The state where work is committed (flow time starts). */
  readonly commitment: string;
  /** States whose time counts as active for flow efficiency; the rest are waiting. */
  readonly active: readonly string[];
  /** Jira status id → state name. Statuses not in the map are unmapped. */
  readonly mapping: Readonly<Record<string, string>>;
}

export interface StatusRef {
  readonly id: string;
  readonly name: string;
}

/** The states from `commitment` up to, not including, Done (the last); none when `commitment` is not a state. */
export function defaultActiveStates(states: readonly string[], commitment: string): string[] {
  const index = states.indexOf(commitment);
  return index < 0 ? [] : states.slice(index, -1);
}

/** SAFe's states, committed at Implementing; active = defaultActiveStates. */
export function defaultPortfolioConfig(mapping: Record<string, string> = {}): PortfolioConfig {
  const states = [...SAFE_STATES];
  const commitment = 'Implementing';
  return { states, commitment, active: defaultActiveStates(states, commitment), mapping: { ...mapping } };
}

/** The last state; an empty config has none (''), which validation reports. */
export function doneState(config: PortfolioConfig): string {
  return config.states[config.states.length - 1] ?? '';
}

/** Position of `state` in the ordered states, −1 when it is not one. */
export function stateIndex(config: PortfolioConfig, state: string): number {
  return config.states.indexOf(state);
}

/** The state a status id maps to, or null when unmapped (or mapped to a name that is not a state). */
export function stateForStatus(config: PortfolioConfig, statusId: string): string | null {
  if (!Object.hasOwn(config.mapping, statusId)) return null;
  const state = config.mapping[statusId];
  return state !== undefined && stateIndex(config, state) >= 0 ? state : null;
}

/** Every problem with a config, as a sentence an admin can act on. Empty when valid. */
export function validatePortfolioConfig(config: PortfolioConfig): string[] {
  const problems: string[] = [];
  const { states } = config;
  if (states.length < 2) problems.push(`A portfolio needs at least 2 states (the last is Done); it has ${states.length}.`);

  const seen = new Set<string>();
  const reported = new Set<string>();
  for (const state of states) {
    const folded = state.toLowerCase();
    if (seen.has(folded) && !reported.has(folded)) {
      problems.push(`State "${state}" appears more than once (names are compared ignoring case).`);
      reported.add(folded);
    }
    seen.add(folded);
  }

  const isState = (name: string) => states.includes(name);
  if (!isState(config.commitment)) problems.push(`The commitment state "${config.commitment}" is not one of the states.`);
  else if (states.length > 0 && config.commitment === doneState(config))
    problems.push(`The commitment state "${config.commitment}" cannot be Done (the last state).`);

  for (const state of config.active)
    if (!isState(state)) problems.push(`The active state "${state}" is not one of the states.`);

  for (const [statusId, state] of Object.entries(config.mapping))
    if (!isState(state)) problems.push(`Status ${statusId} maps to "${state}", which is not one of the states.`);

  return problems;
}

/**
 * The default mapping: each status whose name equals a state's name, ignoring case, maps to that
 * state (spelled as the state is). Other statuses stay unmapped.
 */
export function mappingByName(states: readonly string[], statuses: readonly StatusRef[]): Record<string, string> {
  const stateByFolded = new Map<string, string>();
  for (const state of states) if (!stateByFolded.has(state.toLowerCase())) stateByFolded.set(state.toLowerCase(), state);
  const mapping: Record<string, string> = {};
  for (const status of statuses) {
    const state = stateByFolded.get(status.name.toLowerCase());
    if (state !== undefined) mapping[status.id] = state;
  }
  return mapping;
}

/**
 * How time in a state counts for flow efficiency. Flow time runs from the commitment point up to,
 * not including, Done: time there is `active` when the admin marked the state active, else
 * `waiting`. Time before commitment, in Done, or in a name that is not a state is `outside`.
 */
export type StateTimeKind = 'active' | 'waiting' | 'outside';

export function stateTimeKind(config: PortfolioConfig, state: string): StateTimeKind {
  const index = stateIndex(config, state);
  const commitmentIndex = stateIndex(config, config.commitment);
  const inFlowTime = index >= 0 && commitmentIndex >= 0 && index >= commitmentIndex && index < config.states.length - 1;
  if (!inFlowTime) return 'outside';
  return config.active.includes(state) ? 'active' : 'waiting';
}

/** Where an epic is in the flow, as the WSJF ranking filters it. */
export type WorkStage = 'toPull' | 'inProgress' | 'done';

/**
 * Before the commitment state (or in no state) → still to be pulled; the last state (Done) → done;
 * from the commitment state up to before Done → in progress.
 */
export function workStage(state: string | null, states: readonly string[], commitment: string): WorkStage {
  const index = state === null ? -1 : states.indexOf(state);
  const commitmentIndex = states.indexOf(commitment);
  if (index === -1 || index < commitmentIndex) return 'toPull';
  return index === states.length - 1 ? 'done' : 'inProgress';
}

/** Which stages beyond "still to be pulled" (always included) a list asks for. */
export interface StageFilter {
  readonly inProgress: boolean;
  readonly done: boolean;
}

export function isStageIncluded(stage: WorkStage, include: StageFilter): boolean {
  return stage === 'toPull' || (stage === 'inProgress' && include.inProgress) || (stage === 'done' && include.done);
}
