/**
 * The flow metrics report over a set of epics, as of a date: state dates, flow time, age,
 * efficiency per epic; CFD, weekly velocity, flow-time statistics, load and set efficiency.
 * Every number is decided in src/domain; this file only composes.
 */
import type { FlowReport, FlowReportEpic } from '../contract/flowReport';
import { endOfLocalDay } from '../domain/calendar';
import type { LocalDate } from '../domain/calendar';
import {
  ageDays,
  cumulativeFlow,
  flowEfficiency,
  flowEfficiencyOfSet,
  flowTimeDays,
  flowVelocity,
  loadByState,
  loadInProgressOn,
  toFlowEpic,
} from '../domain/flow';
import type { EpicEfficiency, FlowEpic, SkippedCommitmentPolicy } from '../domain/flow';
import { doneState } from '../domain/states';
import type { PortfolioConfig } from '../domain/states';
import { mean, percentiles as percentilesOf } from '../domain/stats';
import { buildTimeline, historyUntil } from '../domain/timeline';
import type { EpicHistory, Timeline } from '../domain/timeline';

/** What turns histories into timelines and calendar state dates. */
export interface TimelineSettings {
  readonly config: PortfolioConfig;
  /** IANA zone in which instants become calendar dates. */
  readonly timeZone: string;
  /** How an epic done without passing the commitment state counts (settings.skippedCommitment). */
  readonly skippedCommitment: SkippedCommitmentPolicy;
}

export interface FlowReportSettings extends TimelineSettings {
  /** Count both ends of flow time and age (+1 day). */
  readonly inclusive: boolean;
  /** Flow-time percentiles to report, 0..100. */
  readonly percentiles: readonly number[];
}

/**
 * An epic's history, with the timeline and state dates the caller already built from all of it
 * (with the same settings), if any: those are reused when the as-of date cuts nothing off.
 */
export interface EpicFlowSource {
  readonly history: EpicHistory;
  readonly timeline?: Timeline;
  readonly flow?: FlowEpic;
}

/** One epic as it stood at the end of the as-of date. */
export interface EpicFlow<T extends EpicFlowSource = EpicFlowSource> {
  readonly epic: T;
  /**
   * Built again on each read when the source had none built (a getter): the state dates are all
   * most figures need, and every epic's timeline held at once was most of a request's memory
   * (2.5 KB an epic: over 50 MB at 20,000 epics). Read it once per use, and only where needed.
   */
  readonly timeline: Timeline;
  readonly flowEpic: FlowEpic;
}

/**
 * The epics that existed at the end of `asOf` (in `timeZone`), in input order, each with the
 * timeline and state dates of its history up to then: changes on later dates are left out, so a
 * report "as of" a past date reproduces what it showed on that date.
 */
export function epicFlowsAsOf<T extends EpicFlowSource>(epics: readonly T[], settings: TimelineSettings, asOf: LocalDate): EpicFlow<T>[] {
  const end = endOfLocalDay(asOf, settings.timeZone);
  const flows: EpicFlow<T>[] = [];
  for (const epic of epics) {
    // Read once: a history may be decoded on each read (flowSource.ts), and then is never the same object.
    const history = epic.history;
    const past = historyUntil(history, end);
    if (past === null) continue;
    if (epic.timeline && epic.flow && past === history) {
      flows.push({ epic, timeline: epic.timeline, flowEpic: withPolicy(epic.flow, epic.timeline, settings.skippedCommitment) });
      continue;
    }
    const timeline = buildTimeline(past, settings.config);
    const flowEpic = toFlowEpic(timeline, settings.timeZone, settings.skippedCommitment);
    if (epic.timeline !== undefined) flows.push({ epic, timeline, flowEpic });
    else flows.push(rebuiltOnRead(epic, flowEpic, end, settings.config));
  }
  return flows;
}

/** A flow whose timeline is built from the epic's history on each read (pure: the same every time). */
function rebuiltOnRead<T extends EpicFlowSource>(epic: T, flowEpic: FlowEpic, end: number, config: PortfolioConfig): EpicFlow<T> {
  return {
    epic,
    flowEpic,
    get timeline() {
      return buildTimeline(historyUntil(epic.history, end) as EpicHistory, config);
    },
  };
}

/** A FlowEpic the caller built without the policy, marked as toFlowEpic would have marked it. */
function withPolicy(flow: FlowEpic, timeline: Timeline, policy: SkippedCommitmentPolicy): FlowEpic {
  const excluded = policy === 'exclude' && timeline.doneWithoutCommitment === true;
  if (excluded === (flow.closedWithoutImplementation === true)) return flow;
  if (excluded) return { ...flow, closedWithoutImplementation: true };
  return { key: flow.key, stateDates: flow.stateDates };
}

/**
 * Done dates of the flows (all on or before their as-of date): the samples of throughput forecasts.
 * Epics closed without implementation are not throughput (they are left out, as from velocity).
 */
export function doneDatesOf(flows: readonly EpicFlow[], config: PortfolioConfig): LocalDate[] {
  const done = doneState(config);
  return flows
    .filter(({ flowEpic }) => flowEpic.closedWithoutImplementation !== true)
    .map(({ flowEpic }) => flowEpic.stateDates[done] ?? null)
    .filter((date): date is LocalDate => date !== null);
}

/** Done dates on or before `asOf`, from bare histories. */
export function doneDatesAsOf(histories: readonly EpicHistory[], settings: TimelineSettings, asOf: LocalDate): LocalDate[] {
  return doneDatesOf(epicFlowsAsOf(histories.map((history) => ({ history })), settings, asOf), settings.config);
}

/** The report over flows already cut at `asOf` (see epicFlowsAsOf). */
export function flowReportOf(flows: readonly EpicFlow[], settings: FlowReportSettings, asOf: LocalDate): FlowReport {
  const { config, inclusive } = settings;
  const flowEpics = flows.map((flow) => flow.flowEpic);

  const efficiencies: EpicEfficiency[] = [];
  const epics: FlowReportEpic[] = flows.map(({ timeline, flowEpic }) => {
    const excluded = flowEpic.closedWithoutImplementation === true;
    const efficiency = excluded ? null : flowEfficiency(timeline, config);
    if (efficiency !== null) efficiencies.push(efficiency);
    return {
      key: timeline.key,
      state: timeline.currentState,
      // A timeline dates every configured state, in order, so every epic lists the same states.
      stateDates: flowEpic.stateDates,
      flowTimeDays: flowTimeDays(flowEpic, config, { inclusive }),
      ageDays: ageDays(flowEpic, config, asOf, { inclusive }),
      efficiency: efficiency?.efficiency ?? null,
      unmappedStatuses: [...timeline.unmappedStatuses],
      closedWithoutImplementation: excluded,
    };
  });

  const cfd = cumulativeFlow(flowEpics, config, asOf);
  const lastRow = cfd.at(-1);
  // Velocity spans the same days as the CFD, so weeks before the first Done show as zero.
  const velocity = lastRow === undefined ? [] : flowVelocity(flowEpics, config, 'week', asOf, cfd[0]?.date);
  const flowTimes = epics.map((epic) => epic.flowTimeDays).filter((days): days is number => days !== null);

  return {
    asOf,
    epics,
    cfd,
    velocity,
    flowTime: { count: flowTimes.length, mean: mean(flowTimes), percentiles: percentilesOf(flowTimes, settings.percentiles) },
    load: { inProgress: lastRow === undefined ? 0 : loadInProgressOn(lastRow, config), byState: loadByState(flowEpics, config) },
    efficiency: flowEfficiencyOfSet(efficiencies),
    closedWithoutImplementation: epics.filter((epic) => epic.closedWithoutImplementation).length,
  };
}

/** The report over bare histories (the CLI's case). */
export function buildFlowReport(histories: readonly EpicHistory[], settings: FlowReportSettings, asOf: LocalDate): FlowReport {
  return flowReportOf(
    epicFlowsAsOf(
      histories.map((history) => ({ history })),
      settings,
      asOf,
    ),
    settings,
    asOf,
  );
}
