/**
 * The flow metrics report over a set of epic histories, as of a date: state dates, flow time, age,
 * efficiency per epic; CFD, weekly velocity, flow-time statistics, load and set efficiency.
 * Every number is decided in src/domain; this file only composes.
 */
import type { FlowReport, FlowReportEpic } from '../contract/flowReport';
import { dayNumber, toLocalDate } from '../domain/calendar';
import type { EpochMillis, LocalDate } from '../domain/calendar';
import {
  ageDays,
  cumulativeFlow,
  flowEfficiency,
  flowEfficiencyOfSet,
  flowTimeDays,
  flowVelocity,
  loadByState,
  loadInProgress,
  toFlowEpic,
} from '../domain/flow';
import type { EpicEfficiency, FlowEpic } from '../domain/flow';
import { doneState } from '../domain/states';
import type { PortfolioConfig } from '../domain/states';
import { mean, percentiles as percentilesOf } from '../domain/stats';
import { buildTimeline } from '../domain/timeline';
import type { EpicHistory, Timeline } from '../domain/timeline';

export interface FlowReportSettings {
  readonly config: PortfolioConfig;
  /** IANA zone in which instants become calendar dates. */
  readonly timeZone: string;
  /** Count both ends of flow time and age (+1 day). */
  readonly inclusive: boolean;
  /** Flow-time percentiles to report, 0..100. */
  readonly percentiles: readonly number[];
}

/**
 * The history as it stood at the end of `asOf` (in `timeZone`): changes on later dates are
 * dropped and the current status becomes the one the epic was in then. Null for an epic created
 * after `asOf`: it did not exist yet. This makes a report "as of" a past date reproduce what it
 * showed on that date, rather than mixing later moves into past counts.
 */
export function historyAsOf(history: EpicHistory, asOf: LocalDate, timeZone: string): EpicHistory | null {
  const onOrBefore = onOrBeforeDate(asOf, timeZone);
  if (!onOrBefore(history.createdAt)) return null;
  const statusChanges = history.statusChanges.filter((change) => onOrBefore(change.at));
  if (statusChanges.length === history.statusChanges.length && history.flagChanges.every((change) => onOrBefore(change.at))) return history;
  const chronological = [...history.statusChanges].sort((a, b) => a.at - b.at);
  const kept = [...statusChanges].sort((a, b) => a.at - b.at);
  // With no change kept, the epic was still in the status its first change moved it from.
  const currentStatusId = kept.at(-1)?.toStatusId ?? chronological[0]?.fromStatusId ?? chronological[0]?.toStatusId ?? history.currentStatusId;
  return { ...history, currentStatusId, statusChanges, flagChanges: history.flagChanges.filter((change) => onOrBefore(change.at)) };
}

const MS_PER_HOUR = 3_600_000;

/**
 * Whether an instant falls on or before `date` in `timeZone`. Zone offsets lie within −12 h..+14 h,
 * so only instants within that margin of the date's end need the (slower) Intl conversion.
 */
function onOrBeforeDate(date: LocalDate, timeZone: string): (at: EpochMillis) => boolean {
  const endUtc = (dayNumber(date) + 1) * 24 * MS_PER_HOUR;
  return (at) => (at < endUtc - 14 * MS_PER_HOUR ? true : at >= endUtc + 12 * MS_PER_HOUR ? false : toLocalDate(at, timeZone) <= date);
}

export interface EpicFlow {
  readonly timeline: Timeline;
  readonly flowEpic: FlowEpic;
}

/** Timelines and calendar state dates of the epics that existed at `asOf`, in input order. */
export function epicFlowsAsOf(histories: readonly EpicHistory[], settings: FlowReportSettings, asOf: LocalDate): EpicFlow[] {
  const flows: EpicFlow[] = [];
  for (const history of histories) {
    const past = historyAsOf(history, asOf, settings.timeZone);
    if (past === null) continue;
    const timeline = buildTimeline(past, settings.config);
    flows.push({ timeline, flowEpic: toFlowEpic(timeline, settings.timeZone) });
  }
  return flows;
}

/** Done dates on or before `asOf`: the samples of throughput forecasts. */
export function doneDatesAsOf(histories: readonly EpicHistory[], settings: FlowReportSettings, asOf: LocalDate): LocalDate[] {
  const done = doneState(settings.config);
  return epicFlowsAsOf(histories, settings, asOf)
    .map(({ flowEpic }) => flowEpic.stateDates[done] ?? null)
    .filter((date): date is LocalDate => date !== null);
}

export function buildFlowReport(histories: readonly EpicHistory[], settings: FlowReportSettings, asOf: LocalDate): FlowReport {
  const { config, inclusive } = settings;
  const flows = epicFlowsAsOf(histories, settings, asOf);
  const flowEpics = flows.map((flow) => flow.flowEpic);

  const efficiencies: EpicEfficiency[] = [];
  const epics: FlowReportEpic[] = flows.map(({ timeline, flowEpic }) => {
    const efficiency = flowEfficiency(timeline, config);
    if (efficiency !== null) efficiencies.push(efficiency);
    return {
      key: timeline.key,
      state: timeline.currentState,
      // Spelled out per configured state so every epic lists the same states in the same order.
      stateDates: Object.fromEntries(config.states.map((state) => [state, flowEpic.stateDates[state] ?? null])),
      flowTimeDays: flowTimeDays(flowEpic, config, { inclusive }),
      ageDays: ageDays(flowEpic, config, asOf, { inclusive }),
      efficiency: efficiency?.efficiency ?? null,
      unmappedStatuses: [...timeline.unmappedStatuses],
    };
  });

  const cfd = cumulativeFlow(flowEpics, config, asOf);
  // Velocity spans the same days as the CFD, so weeks before the first Done show as zero.
  const velocity = cfd.length === 0 ? [] : flowVelocity(flowEpics, config, 'week', asOf, cfd[0]?.date);
  const flowTimes = epics.map((epic) => epic.flowTimeDays).filter((days): days is number => days !== null);

  return {
    asOf,
    epics,
    cfd: cfd.map((row) => ({ date: row.date, counts: { ...row.counts } })),
    velocity,
    flowTime: { count: flowTimes.length, mean: mean(flowTimes), percentiles: percentilesOf(flowTimes, settings.percentiles) },
    load: { inProgress: loadInProgress(cfd, config).at(-1)?.count ?? 0, byState: loadByState(flowEpics, config) },
    efficiency: flowEfficiencyOfSet(efficiencies),
  };
}
