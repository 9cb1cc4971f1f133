/**
 * Everything the Flow page draws, over the epics its filters keep, for its date range and segment:
 * every number is decided in src/domain; this file picks the epics and composes the series.
 */
import type { FlowCharts, FlowFilters } from '../contract/flowReport';
import { NO_THEME_ID } from '../contract/flowReport';
import { addDays, dayNumber } from '../domain/calendar';
import type { LocalDate, PeriodKind } from '../domain/calendar';
import { agingWip, cumulativeFlow, excludedFromSegment, flowDistribution, flowTimeDays, inProgressAsOf, completedByPeriod } from '../domain/flow';
import type { FlowSegment } from '../domain/flow';
import { isActiveTime, segmentEfficiency, segmentEfficiencyOfSet } from '../domain/flowEfficiency';
import type { ActivitySplit, SegmentEfficiency } from '../domain/flowEfficiency';
import { predictabilityByPeriod } from '../domain/flowPredictability';
import { velocityRun } from '../domain/flowVelocity';
import { doneState, stateForStatus } from '../domain/states';
import { histogram, percentile } from '../domain/stats';
import { InvalidInputError } from '../errors';
import type { FlowReport } from '../contract/flowReport';
import type { EpicFlow } from './flowReport';
import type { FlowPortfolio, FlowSourceEpic } from './flowSource';

const DAY_MS = 86_400_000;
/** The range shown when none is asked for: the year up to the as-of date. */
export const DEFAULT_RANGE_DAYS = 365;
/** The longest range a request may ask for (CFD rows are days). */
export const MAX_RANGE_DAYS = 3 * 366;
const NO_THEME = 'No theme';

/** The epics the filters keep (a list left out keeps all). */
export function filterEpics<E extends Pick<FlowSourceEpic, 'theme' | 'valueStream' | 'workType'>>(epics: readonly E[], filters: FlowFilters = {}): E[] {
  const { themes, valueStreams, workTypes } = filters;
  return epics.filter(
    (epic) =>
      (themes === undefined || themes.includes(epic.theme?.id ?? NO_THEME_ID)) &&
      (valueStreams === undefined || valueStreams.includes(epic.valueStream.id)) &&
      (workTypes === undefined || workTypes.includes(epic.workType)),
  );
}

/** The date range: default the year up to asOf; never past asOf; refused when reversed or too long. */
export function rangeOf(filters: FlowFilters = {}, asOf: LocalDate): { from: LocalDate; to: LocalDate } {
  const to = filters.to === undefined || filters.to > asOf ? asOf : filters.to;
  const from = filters.from ?? addDays(to, 1 - DEFAULT_RANGE_DAYS);
  if (from > to) throw new InvalidInputError(`filters.from (${from}) is after the range's end (${to})`);
  if (dayNumber(to) - dayNumber(from) + 1 > MAX_RANGE_DAYS) throw new InvalidInputError(`the date range may span at most ${MAX_RANGE_DAYS} days`);
  return { from, to };
}

const days = (ms: number) => ms / DAY_MS;
/**
 * Per-epic figures to the hundredth of a day (about 15 minutes; the page shows tenths, its CSV
 * these): full doubles made the per-epic list 357 KB of a 724 KB answer at 5,000 epics, and
 * compressed badly (54 KB of the remembered answer's 95).
 */
const hundredthsOfDays = (ms: number) => Math.round((ms / DAY_MS) * 100) / 100;

export interface ChartsInput {
  readonly snapshot: FlowPortfolio;
  /** The filtered epics as of asOf. */
  readonly flows: readonly EpicFlow<FlowSourceEpic>[];
  /** The report's figures over the same flows. */
  readonly report: Pick<FlowReport, 'load' | 'flowTime'>;
  readonly asOf: LocalDate;
  readonly period: PeriodKind;
  readonly segment: FlowSegment;
  readonly filters: FlowFilters;
  readonly percentiles: readonly number[];
  /** Epics counted in every aggregate but listed nowhere (see flowScope.ts); none when left out. */
  readonly isHidden?: (epic: FlowSourceEpic) => boolean;
}

export function flowCharts(input: ChartsInput): FlowCharts {
  const { snapshot, flows, report, asOf, period, segment, percentiles } = input;
  const { config, settings } = snapshot;
  const range = rangeOf(input.filters, asOf);
  const inRange = (date: LocalDate | null): date is LocalDate => date !== null && date >= range.from && date <= range.to;
  const done = doneState(config);
  const flowEpics = flows.map((flow) => flow.flowEpic);
  const inclusive = settings.inclusiveFlowTime;
  const isHidden = input.isHidden ?? (() => false);
  // Per-epic lists (dots, rows) name only these; aggregates count every flow.
  const listedKeys = new Set(flows.filter(({ epic }) => !isHidden(epic)).map(({ epic }) => epic.key));

  const themeTargets: Record<string, number> = {};
  for (const theme of snapshot.themes) if (theme.targetAllocation !== null) themeTargets[theme.name] = theme.targetAllocation;
  const distributionOf = (epics: readonly FlowSourceEpic[]) => {
    const nameOf = new Map(epics.map((epic) => [epic.valueStream.id, epic.valueStream.name]));
    return {
      theme: flowDistribution(epics.map((epic) => epic.theme?.name ?? NO_THEME), themeTargets),
      workType: flowDistribution(epics.map((epic) => epic.workType)),
      valueStream: flowDistribution(epics.map((epic) => epic.valueStream.id)).map((row) => ({ ...row, category: nameOf.get(row.category) ?? row.category })),
    };
  };

  // Flow time over the segment, for the epics that finished it within the range.
  const points = flows.flatMap(({ epic, flowEpic }) => {
    const end = flowEpic.stateDates[segment.to] ?? null;
    const time = flowTimeDays(flowEpic, config, { inclusive, segment });
    return time !== null && inRange(end) ? [{ key: epic.key, summary: epic.summary, end, days: time }] : [];
  });
  const pointDays = points.map((point) => point.days);
  const listedPoints = points.filter((point) => listedKeys.has(point.key));

  // Efficiency over the same segment and epics.
  const efficiencies: SegmentEfficiency[] = [];
  for (const flow of flows) {
    const { flowEpic } = flow;
    if (!inRange(flowEpic.stateDates[segment.to] ?? null)) continue;
    // Read only here: a flow may build its timeline on each read (flowReport.ts).
    const item = segmentEfficiency(flow.timeline, config, { segment, statusActivity: settings.statusActivity, excluded: excludedFromSegment(flowEpic, segment, config) });
    if (item !== null) efficiencies.push(item);
  }
  const set = segmentEfficiencyOfSet(efficiencies);
  const summaryOf = new Map(flows.map(({ epic }) => [epic.key, epic.summary]));
  const kindOfState = (state: string | null) => (isActiveTime(config, state, null) ? 'active' : 'waiting') as 'active' | 'waiting';

  const completedInRange = flows.filter(({ flowEpic }) => flowEpic.closedWithoutImplementation !== true && inRange(flowEpic.stateDates[done] ?? null)).map(({ epic }) => epic);
  const dated = flows.map(({ epic, flowEpic }) => ({ ...flowEpic, epic }));

  return {
    asOf,
    range,
    period,
    segment,
    states: [...config.states],
    commitment: config.commitment,
    skippedCommitment: settings.skippedCommitment,
    epicCount: flows.length,
    hiddenCount: flows.length - listedKeys.size,
    filterOptions: {
      themes: [...snapshot.themes.map((theme) => ({ id: theme.id, name: theme.name })), { id: NO_THEME_ID, name: NO_THEME }],
      valueStreams: uniqueStreams(snapshot.epics),
      workTypes: [
        { id: 'business', name: 'Business' },
        { id: 'enabler', name: 'Enabler' },
      ],
    },
    velocity: velocityRun(flowEpics, config, period, range.to, range.from),
    closedWithoutImplementation: flows
      .filter(({ epic, flowEpic }) => listedKeys.has(epic.key) && flowEpic.closedWithoutImplementation === true && inRange(flowEpic.stateDates[done] ?? null))
      .map(({ epic, flowEpic }) => ({ key: epic.key, summary: epic.summary, done: flowEpic.stateDates[done] as LocalDate })),
    flowTime: {
      count: points.length,
      percentiles: percentiles.map((p) => ({ percentile: p, days: percentile(pointDays, p) })),
      points: listedPoints,
      histogram: histogram(pointDays),
    },
    cfd: cumulativeFlow(flowEpics, config, range.to, range.from),
    load: {
      inProgress: report.load.inProgress,
      byState: config.states.map((state) => {
        const count = report.load.byState[state] ?? 0;
        const wipLimit = settings.wipLimits[state] ?? null;
        return { state, count, wipLimit, overLimit: wipLimit !== null && count > wipLimit };
      }),
    },
    aging: agingWip(flowEpics, config, asOf, report.flowTime.percentiles, { inclusive })
      .filter((item) => listedKeys.has(item.key))
      .map((item) => ({ ...item, summary: summaryOf.get(item.key) ?? '' })),
    distribution: {
      inProgress: distributionOf(flows.filter(({ flowEpic }) => inProgressAsOf(flowEpic, config, asOf)).map(({ epic }) => epic)),
      completed: distributionOf(completedInRange),
      completedByPeriod: completedByPeriod(dated, config, period, range.to, range.from).map(({ start, epics }) => ({ start, ...distributionOf(epics.map((item) => item.epic)) })),
    },
    efficiency: {
      portfolio: set.efficiency,
      activeDays: days(set.activeMs),
      waitingDays: days(set.flowMs - set.activeMs),
      flaggedDays: days(set.flaggedMs),
      byState: config.states
        .filter((state) => Object.hasOwn(set.byState, state))
        .map((state) => ({ state, kind: kindOfState(state), ...splitDays(set.byState[state] as ActivitySplit) })),
      byStatus: Object.entries(set.byStatus)
        .map(([statusId, split]) => {
          const state = stateForStatus(config, statusId);
          const overridden = Object.hasOwn(settings.statusActivity, statusId);
          const kind = overridden ? (settings.statusActivity[statusId] as 'active' | 'waiting') : kindOfState(state);
          return { statusId, name: snapshot.statusNames.get(statusId) ?? statusId, state, kind, overridden, ...splitDays(split) };
        })
        .sort((a, b) => b.activeDays + b.waitingDays - (a.activeDays + a.waitingDays)),
      epics: efficiencies.filter((item) => listedKeys.has(item.key)).map((item) => ({
        key: item.key,
        summary: summaryOf.get(item.key) ?? '',
        efficiency: item.efficiency === null ? null : Math.round(item.efficiency * 10_000) / 10_000,
        activeDays: hundredthsOfDays(item.activeMs),
        flowDays: hundredthsOfDays(item.flowMs),
        flaggedDays: hundredthsOfDays(item.flaggedMs),
      })),
    },
    predictability: {
      period: 'quarter',
      series: predictabilityByPeriod(
        flows.map(({ epic, flowEpic }) => ({
          key: epic.key,
          businessValue: epic.wsjf.components.userBusinessValue,
          committed: flowEpic.closedWithoutImplementation === true ? null : (flowEpic.stateDates[config.commitment] ?? null),
          done: flowEpic.stateDates[done] ?? null,
        })),
        'quarter',
        range.from,
        range.to,
      ),
    },
  };
}

function splitDays(split: ActivitySplit): { activeDays: number; waitingDays: number } {
  return { activeDays: days(split.activeMs), waitingDays: days(split.waitingMs) };
}

function uniqueStreams(epics: readonly FlowSourceEpic[]): { id: string; name: string }[] {
  const byId = new Map<string, string>();
  for (const epic of epics) if (!byId.has(epic.valueStream.id)) byId.set(epic.valueStream.id, epic.valueStream.name);
  return [...byId.entries()].map(([id, name]) => ({ id, name })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
