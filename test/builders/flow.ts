/**
 * Builders for flow-metric inputs: a small four-state config, FlowEpics from a few dates, and
 * Timelines written directly (the flow functions take the Timeline type, not a history).
 */
import type { EpochMillis, LocalDate } from '../../src/domain/calendar';
import type { EpicEfficiency, FlowEpic, PlannedEpic } from '../../src/domain/flow';
import type { PortfolioConfig } from '../../src/domain/states';
import type { FlaggedSpan, StateSpan, Timeline } from '../../src/domain/timeline';

export const HOUR_MS = 3_600_000;

/** Funnel → Analyzing → Implementing → Done, committed at Implementing, only Implementing active. */
export function flowConfig(overrides: Partial<PortfolioConfig> = {}): PortfolioConfig {
  return {
    states: ['Funnel', 'Analyzing', 'Implementing', 'Done'],
    commitment: 'Implementing',
    active: ['Implementing'],
    mapping: {},
    ...overrides,
  };
}

/** A FlowEpic with every state of `config` present (null) and the given dates set. */
export function flowEpic(
  key: string,
  dates: Readonly<Record<string, LocalDate | null>> = {},
  config: PortfolioConfig = flowConfig(),
): FlowEpic {
  const stateDates: Record<string, LocalDate | null> = Object.fromEntries(config.states.map((state) => [state, null]));
  return { key, stateDates: { ...stateDates, ...dates } };
}

/** An epic committed on `committed` and done on `done` (earlier states take the commitment date). */
export function doneEpic(key: string, committed: LocalDate, done: LocalDate | null): FlowEpic {
  return flowEpic(key, { Funnel: committed, Analyzing: committed, Implementing: committed, Done: done });
}

export function span(state: string, from: EpochMillis, to: EpochMillis | null): StateSpan {
  return { state, from, to };
}

export function flaggedSpan(from: EpochMillis, to: EpochMillis | null): FlaggedSpan {
  return { from, to };
}

/** A Timeline with every state of `config` not entered, no spans, no flags; override what a test needs. */
export function timeline(overrides: Partial<Timeline> = {}, config: PortfolioConfig = flowConfig()): Timeline {
  return {
    key: 'EPIC-1',
    currentState: null,
    stateEnteredAt: Object.fromEntries(config.states.map((state) => [state, null])),
    spans: [],
    flaggedSpans: [],
    unmappedStatuses: [],
    ...overrides,
  };
}

export function epicEfficiency(overrides: Partial<EpicEfficiency> = {}): EpicEfficiency {
  const item = { key: 'EPIC-1', activeMs: 0, flowMs: 0, ...overrides };
  return { efficiency: item.flowMs === 0 ? null : item.activeMs / item.flowMs, ...item };
}

export function plannedEpic(overrides: Partial<PlannedEpic> = {}): PlannedEpic {
  return { key: 'EPIC-1', businessValue: 1, doneDate: null, ...overrides };
}
