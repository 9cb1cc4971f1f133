/**
 * Scenario 1, the domain at scale: for a portfolio of N epics with 18 months of history, the time
 * and retained heap of building every timeline and of the whole flow report, and the CFD of
 * src/domain/flow.ts against the naive day × state × epic scan on the same input.
 */
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import { cumulativeFlow, toFlowEpic } from '../src/domain/flow';
import { buildTimeline } from '../src/domain/timeline';
import { buildFlowReport } from '../src/services/flowReport';
import { naiveCumulativeFlow } from './naiveCfd';
import { BENCH_TODAY, benchSettings, demoPortfolio, epicHistoriesOf } from './portfolio';
import { compareSync, measureSync } from './timing';
import type { RunPlan, Spread } from './timing';

export interface DomainScaleFigures {
  readonly epics: number;
  readonly statusChanges: number;
  readonly cfdDays: number;
  /** Generating the demo portfolio and reading it into histories, once (setup, not measured). */
  readonly setupMs: number;
  readonly timelines: { readonly ms: Spread; readonly heapGrowthBytes: Spread };
  readonly flowReport: { readonly ms: Spread; readonly heapGrowthBytes: Spread };
  readonly cfd: { readonly oursMs: Spread; readonly naiveMs: Spread; readonly naiveOverOurs: Spread; readonly sameRows: boolean };
}

export function benchDomainScale(epicCount: number, plan: RunPlan): DomainScaleFigures {
  const setupStarted = performance.now();
  const histories = epicHistoriesOf(demoPortfolio(epicCount));
  const setupMs = performance.now() - setupStarted;
  const settings = benchSettings();
  const { config } = settings;

  const timelines = measureSync(() => histories.map((history) => buildTimeline(history, config)), plan);
  const flowReport = measureSync(() => buildFlowReport(histories, settings, BENCH_TODAY), plan);

  const flowEpics = timelines.lastResult.map((timeline) => toFlowEpic(timeline, settings.timeZone));
  const ours = cumulativeFlow(flowEpics, config, BENCH_TODAY);
  const naive = naiveCumulativeFlow(flowEpics, config, BENCH_TODAY);
  const cfd = compareSync(
    () => cumulativeFlow(flowEpics, config, BENCH_TODAY),
    () => naiveCumulativeFlow(flowEpics, config, BENCH_TODAY),
    plan,
  );

  return {
    epics: histories.length,
    statusChanges: histories.reduce((sum, history) => sum + history.statusChanges.length, 0),
    cfdDays: ours.length,
    setupMs,
    timelines: { ms: timelines.ms, heapGrowthBytes: timelines.heapGrowthBytes },
    flowReport: { ms: flowReport.ms, heapGrowthBytes: flowReport.heapGrowthBytes },
    cfd: { oursMs: cfd.fastMs, naiveMs: cfd.slowMs, naiveOverOurs: cfd.ratio, sameRows: isDeepStrictEqual(ours, naive) },
  };
}
