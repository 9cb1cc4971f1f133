/**
 * Flow metrics and forecasts over the epics the caller can see: the report the CLI prints (state
 * dates, CFD, flow time, load, efficiency), plus velocity per period, distribution by theme, work
 * type and value stream against the themes' targets, aging WIP, and Monte Carlo forecasts.
 */
import type { ResolverOutput } from '../contract/resolvers';
import { nextPeriodStart } from '../domain/calendar';
import type { LocalDate, PeriodKind } from '../domain/calendar';
import { agingWip, flowDistribution, flowVelocity } from '../domain/flow';
import { dailyThroughput, forecastHowMany, forecastWhen } from '../domain/forecast';
import { doneState } from '../domain/states';
import type { ServiceContext } from './context';
import { buildFlowReport, doneDatesAsOf, epicFlowsAsOf } from './flowReport';
import type { FlowReportSettings } from './flowReport';
import { portfolioSnapshot } from './portfolio/snapshot';
import type { PortfolioSnapshot, SnapshotEpic } from './portfolio/snapshot';

export type FlowMetrics = ResolverOutput<'flow/metrics'>;
export type Forecast = ResolverOutput<'flow/forecast'>;

const NO_THEME = 'No theme';

function reportSettings(snapshot: PortfolioSnapshot, percentiles?: readonly number[]): FlowReportSettings {
  return {
    config: snapshot.config,
    timeZone: snapshot.settings.timeZone,
    inclusive: snapshot.settings.inclusiveFlowTime,
    percentiles: percentiles ?? snapshot.settings.flowPercentiles,
  };
}

type Categorised = Pick<SnapshotEpic, 'theme' | 'workType' | 'valueStream'>;

function distributionOf(epics: readonly Categorised[], themeTargets: Readonly<Record<string, number>>) {
  return {
    theme: flowDistribution(epics.map((epic) => epic.theme?.name ?? NO_THEME), themeTargets),
    workType: flowDistribution(epics.map((epic) => epic.workType)),
    valueStream: flowDistribution(epics.map((epic) => epic.valueStream.name)),
  };
}

export async function flowMetrics(
  ctx: ServiceContext,
  input: { asOf?: LocalDate; percentiles?: number[]; period?: PeriodKind },
): Promise<FlowMetrics> {
  const snapshot = await portfolioSnapshot(ctx);
  const asOf = input.asOf ?? snapshot.today;
  const period = input.period ?? 'month';
  const settings = reportSettings(snapshot, input.percentiles);
  const histories = snapshot.epics.map((epic) => epic.history);
  const report = buildFlowReport(histories, settings, asOf);

  // The same epics as of `asOf`, with their categories: an epic created later did not exist yet.
  const byKey = new Map(snapshot.epics.map((epic) => [epic.key, epic]));
  const flows = epicFlowsAsOf(histories, settings, asOf).map(({ flowEpic }) => ({
    flowEpic,
    epic: byKey.get(flowEpic.key) as SnapshotEpic,
  }));
  const flowEpics = flows.map((flow) => flow.flowEpic);
  const { config } = snapshot;
  const done = doneState(config);
  const inclusive = { inclusive: snapshot.settings.inclusiveFlowTime };

  const velocitySeries = flowVelocity(flowEpics, config, period, asOf);
  const themeTargets: Record<string, number> = {};
  for (const theme of snapshot.themes) if (theme.targetAllocation !== null) themeTargets[theme.name] = theme.targetAllocation;

  const committed = config.commitment;
  const inProgress = flows.filter(({ flowEpic }) => {
    const start = flowEpic.stateDates[committed] ?? null;
    const end = flowEpic.stateDates[done] ?? null;
    return start !== null && start <= asOf && (end === null || end > asOf);
  });
  const completedByPeriod = velocitySeries.map(({ start }) => {
    const end = nextPeriodStart(start, period);
    const completed = flows.filter(({ flowEpic }) => {
      const date = flowEpic.stateDates[done] ?? null;
      return date !== null && date >= start && date < end && date <= asOf;
    });
    return { start, ...distributionOf(completed.map(({ epic }) => epic), themeTargets) };
  });

  return {
    report,
    velocity: { period, series: velocitySeries },
    distribution: { inProgress: distributionOf(inProgress.map(({ epic }) => epic), themeTargets), completedByPeriod },
    aging: agingWip(flowEpics, config, asOf, report.flowTime.percentiles, inclusive),
  };
}

export async function flowForecast(
  ctx: ServiceContext,
  input: { by?: LocalDate; items?: number; windowDays?: number; seed?: number; trials?: number },
): Promise<Forecast> {
  const snapshot = await portfolioSnapshot(ctx);
  const asOf = snapshot.today;
  const windowDays = input.windowDays ?? snapshot.settings.forecastWindowDays;
  const doneDates = doneDatesAsOf(
    snapshot.epics.map((epic) => epic.history),
    reportSettings(snapshot),
    asOf,
  );
  const samples = dailyThroughput(doneDates, asOf, windowDays);
  const options = { seed: input.seed ?? 1, ...(input.trials === undefined ? {} : { trials: input.trials }) };
  const howMany = input.by === undefined ? null : forecastHowMany(samples, asOf, input.by, options);
  const when = input.items === undefined ? null : forecastWhen(samples, asOf, input.items, options);
  return {
    asOf,
    windowDays,
    doneInWindow: samples.reduce((sum, count) => sum + count, 0),
    howMany: howMany && input.by !== undefined ? { by: input.by, ...howMany } : null,
    when: when && input.items !== undefined ? { items: input.items, ...when } : null,
  };
}
