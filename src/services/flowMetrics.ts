/**
 * Flow metrics and forecasts over the epics the caller can see (or the whole portfolio's numbers,
 * when the totals include hidden epics: see flowScope.ts): the report the CLI prints (state
 * dates, CFD, flow time, load, efficiency), plus velocity per period, distribution by theme, work
 * type and value stream against the themes' targets, aging WIP, and Monte Carlo forecasts.
 */
import { flowMetricsOutputSchema } from '../contract/resolvers';
import type { ResolverInput, ResolverOutput } from '../contract/resolvers';
import type { LocalDate, PeriodKind } from '../domain/calendar';
import { completedByPeriod, flowDistribution, flowVelocity, inProgressAsOf } from '../domain/flow';
import { FORECAST_DEFAULTS, dailyThroughput, forecastHowMany, forecastWhen } from '../domain/forecast';
import type { FlowFilters } from '../contract/flowReport';
import { addDays, daysBetween, toLocalDate } from '../domain/calendar';
import { BACKLOG_FORECAST_CONFIDENCE, forecastRankedBacklog } from '../domain/backlogForecast';
import { defaultSegment, segmentProblems } from '../domain/flow';
import type { FlowSegment } from '../domain/flow';
import { backTest, stabilityCheck, weeklyThroughput } from '../domain/forecastEvidence';
import { doneState } from '../domain/states';
import type { PortfolioConfig } from '../domain/states';
import { rankByWsjf } from '../domain/wsjf';
import { byName } from '../domain/names';
import { InvalidInputError } from '../errors';
import type { ServiceContext } from './context';
import { filterEpics, flowCharts } from './flowCharts';
import type { EpicFlow } from './flowReport';
import { doneDatesOf, epicFlowsAsOf, flowReportOf } from './flowReport';
import type { FlowReportSettings } from './flowReport';
import { flowSource } from './flowSource';
import { rememberedAnswer } from './portfolio/answerMemo';
import type { FlowPortfolio, FlowSourceEpic } from './flowSource';
import { asOfProblem, forecastByProblem, forecastHorizonDays, forecastWorkProblem } from './requestBounds';
import { settingsOf } from './settings';

export type FlowMetrics = ResolverOutput<'flow/metrics'>;
type OpeningForecasts = NonNullable<ResolverInput<'flow/metrics'>['forecasts']>;
export type Forecast = ResolverOutput<'flow/forecast'>;

const NO_THEME = 'No theme';
/** The ranked backlog forecast covers this many epics (trials × epics numbers are kept in memory). */
const BACKLOG_LIMIT = 200;

function reportSettings(snapshot: FlowPortfolio, percentiles?: readonly number[]): FlowReportSettings {
  return {
    config: snapshot.config,
    timeZone: snapshot.settings.timeZone,
    inclusive: snapshot.settings.inclusiveFlowTime,
    percentiles: percentiles ?? snapshot.settings.flowPercentiles,
    skippedCommitment: snapshot.settings.skippedCommitment,
  };
}

function checkedSegment(snapshot: FlowPortfolio, segment: FlowSegment | undefined): FlowSegment {
  const chosen = segment ?? defaultSegment(snapshot.config);
  const problem = segmentProblems(chosen, snapshot.config)[0];
  if (problem !== undefined) throw new InvalidInputError(problem);
  return chosen;
}

type Categorised = Pick<FlowSourceEpic, 'theme' | 'workType' | 'valueStream'>;

function distributionOf(epics: readonly Categorised[], themeTargets: Readonly<Record<string, number>>) {
  return {
    theme: flowDistribution(epics.map((epic) => epic.theme?.name ?? NO_THEME), themeTargets),
    workType: flowDistribution(epics.map((epic) => epic.workType)),
    valueStream: valueStreamDistribution(epics),
  };
}

/** Grouped by id, shown by name: two streams may share a name (a named stream and a project's own). */
function valueStreamDistribution(epics: readonly Categorised[]) {
  const nameOf = new Map(epics.map((epic) => [epic.valueStream.id, epic.valueStream.name]));
  return flowDistribution(epics.map((epic) => epic.valueStream.id)).map((row) => ({ ...row, category: nameOf.get(row.category) ?? row.category }));
}

/** Today in the portfolio's time zone, without reading Jira: bounds are checked before any work. */
async function todayOf(ctx: ServiceContext): Promise<LocalDate> {
  const { settings } = await settingsOf(ctx);
  return toLocalDate(ctx.clock.now(), settings.timeZone);
}

function refuseIf(field: string, problem: string | null): void {
  if (problem !== null) throw new InvalidInputError(`${field}: ${problem}`);
}

export async function flowMetrics(
  ctx: ServiceContext,
  input: { asOf?: LocalDate; percentiles?: number[]; period?: PeriodKind; segment?: FlowSegment; filters?: FlowFilters; forecasts?: OpeningForecasts },
): Promise<FlowMetrics> {
  if (input.asOf !== undefined) refuseIf('flow/metrics: asOf', asOfProblem(input.asOf, await todayOf(ctx)));
  // The page's first question, asked by everyone who opens it: remembered until an epic changes.
  return rememberedAnswer(ctx, { name: 'flow/metrics', input, schema: flowMetricsOutputSchema }, () => computedFlowMetrics(ctx, input));
}

/** flow/metrics computed, never remembered (tests compare Flow's sources with it). */
export async function computedFlowMetrics(ctx: ServiceContext, input: Parameters<typeof flowMetrics>[1]): Promise<FlowMetrics> {
  const metrics = await metricsOf(ctx, input);
  return input.forecasts === undefined ? metrics : { ...metrics, forecasts: await openingForecasts(ctx, input.forecasts) };
}

/** The Flow page's two opening forecasts, each asked as the page would ask flow/forecast (the request's Flow source is read once). */
async function openingForecasts(ctx: ServiceContext, { withinDays, items, filters }: OpeningForecasts): Promise<NonNullable<FlowMetrics['forecasts']>> {
  const by = addDays(await todayOf(ctx), withinDays);
  const withFilters = filters === undefined ? {} : { filters };
  const [howMany, when] = await Promise.all([flowForecast(ctx, { by, backlog: true, ...withFilters }), flowForecast(ctx, { items, ...withFilters })]);
  return { by, items, howMany, when };
}

async function metricsOf(ctx: ServiceContext, input: Parameters<typeof flowMetrics>[1]): Promise<FlowMetrics> {
  const { portfolio: snapshot, scope } = await flowSource(ctx);
  const asOf = input.asOf ?? snapshot.today;
  const period = input.period ?? 'month';
  const settings = reportSettings(snapshot, input.percentiles);
  const segment = checkedSegment(snapshot, input.segment);
  const { config } = snapshot;
  // The epics as of `asOf` (one created later did not exist yet), built once for every figure below.
  const flows = epicFlowsAsOf(filterEpics(scope.epics, input.filters), settings, asOf);
  // The page's figures only: no per-epic rows (hidden epics are counted in them, listed nowhere).
  const { asOf: reportAsOf, flowTime, load, efficiency, closedWithoutImplementation } = flowReportOf(flows, settings, asOf);
  const report = { asOf: reportAsOf, flowTime, load, efficiency, closedWithoutImplementation };
  const flowEpics = flows.map((flow) => flow.flowEpic);

  const themeTargets = byName<number>();
  for (const theme of snapshot.themes) if (theme.targetAllocation !== null) themeTargets[theme.name] = theme.targetAllocation;

  const inProgress = flows.filter(({ flowEpic }) => inProgressAsOf(flowEpic, config, asOf)).map(({ epic }) => epic);
  // Each epic's state dates carry the epic along, so the periods hold its categories.
  const dated = flows.map(({ epic, flowEpic }) => ({ ...flowEpic, epic }));
  const completed = completedByPeriod(dated, config, period, asOf).map(({ start, epics }) => ({
    start,
    ...distributionOf(epics.map((done) => done.epic), themeTargets),
  }));

  return {
    report,
    velocity: { period, series: flowVelocity(flowEpics, config, period, asOf) },
    distribution: { inProgress: distributionOf(inProgress, themeTargets), completedByPeriod: completed },
    charts: flowCharts({ snapshot, flows, report, asOf, period, segment, filters: input.filters ?? {}, percentiles: settings.percentiles, isHidden: scope.isHidden }),
  };
}

export async function flowForecast(
  ctx: ServiceContext,
  input: { by?: LocalDate; items?: number; windowDays?: number; seed?: number; trials?: number; filters?: FlowFilters; backlog?: boolean },
): Promise<Forecast> {
  const today = await todayOf(ctx);
  const trials = input.trials ?? FORECAST_DEFAULTS.trials;
  // "How many by" simulates the days up to `by`; "when" up to the horizon at most.
  if (input.by !== undefined) refuseIf('flow/forecast: by', forecastByProblem(input.by, today));
  const simulatedDays = input.by === undefined ? forecastHorizonDays(today) : Math.max(0, daysBetween(today, input.by));
  refuseIf('flow/forecast: trials', forecastWorkProblem(trials, simulatedDays));
  const { portfolio: snapshot, scope } = await flowSource(ctx);
  const asOf = snapshot.today;
  const windowDays = input.windowDays ?? snapshot.settings.forecastWindowDays;
  const flows = epicFlowsAsOf(filterEpics(scope.epics, input.filters), reportSettings(snapshot), asOf);
  const doneDates = doneDatesOf(flows, snapshot.config);
  const samples = dailyThroughput(doneDates, asOf, windowDays);
  const options = { seed: input.seed ?? FORECAST_DEFAULTS.seed, trials, maxDays: forecastHorizonDays(asOf) };
  const howMany = input.by === undefined ? null : forecastHowMany(samples, asOf, input.by, options);
  const when = input.items === undefined ? null : forecastWhen(samples, asOf, input.items, options);
  const doneInWindow = samples.reduce((sum, count) => sum + count, 0);
  return {
    asOf,
    windowDays,
    doneInWindow,
    hiddenCount: flows.filter(({ epic }) => scope.isHidden(epic)).length,
    howMany: howMany && input.by !== undefined ? { by: input.by, ...howMany } : null,
    when: when && input.items !== undefined ? { items: input.items, ...when } : null,
    evidence: {
      window: { start: addDays(asOf, 1 - windowDays), end: asOf, days: windowDays, done: doneInWindow },
      weekly: weeklyThroughput(samples, asOf),
      stability: stabilityCheck(samples),
      backTest: backTest(doneDates, asOf, windowDays, options),
    },
    backlog: input.backlog === true ? backlogForecast(flows, scope.isHidden, snapshot.config, samples, asOf, options) : null,
  };
}

/**
 * Not-done epics in WSJF rank order (scored ones, the first BACKLOG_LIMIT), each with its 85 % date.
 * Hidden epics take their turn in the simulation (an epic ranked below them waits for them) but are
 * not listed; `beyondLimit` and `unscored` count them.
 */
function backlogForecast(
  flows: readonly EpicFlow<FlowSourceEpic>[],
  isHidden: (epic: FlowSourceEpic) => boolean,
  config: PortfolioConfig,
  samples: readonly number[],
  asOf: LocalDate,
  options: { seed: number; trials: number },
) {
  const done = doneState(config);
  const open = flows.filter(({ timeline }) => timeline.currentState !== done);
  const ranked = rankByWsjf(open, ({ epic }) => ({ key: epic.key, ...epic.wsjf.components }));
  const scored = ranked.filter((item) => item.rank !== null);
  const limited = scored.slice(0, BACKLOG_LIMIT);
  const dates = forecastRankedBacklog(samples, asOf, limited.map((item) => item.key), options);
  return {
    confidence: BACKLOG_FORECAST_CONFIDENCE,
    items: limited.flatMap((item, index) =>
      isHidden(item.item.epic)
        ? []
        : [
            {
              key: item.key,
              summary: item.item.epic.summary,
              rank: item.rank as number,
              state: item.item.timeline.currentState,
              days: dates?.[index]?.days ?? null,
              date: dates?.[index]?.date ?? null,
            },
          ],
    ),
    beyondLimit: scored.length - limited.length,
    unscored: ranked.length - scored.length,
  };
}
