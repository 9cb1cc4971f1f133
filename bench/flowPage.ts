/**
 * Scenario 4, the Flow page's resolvers warm: the demo Jira with the seeded portfolio, the preview's
 * runtime with an in-memory store, one call to fill the cache, then `flow/metrics` (default range,
 * all charts) and `flow/forecast` with the ranked backlog timed as the page calls them.
 */
import { createMemoryStore } from '../src/adapters/local/memoryStore';
import type { Result } from '../src/contract/result';
import { createResolverHandler } from '../src/resolvers/handler';
import { recordingLog } from '../src/runtime/recordingLog';
import { demoUser, ISSUE_TYPE_IDS, startDemoJira } from '../preview/demo-jira';
import { createPreviewRuntime } from '../preview/runtime';
import { demoActors } from '../preview/users';
import { BENCH_NOW, demoPortfolio } from './portfolio';
import { spreadOf, timeAsync } from './timing';
import type { RunPlan, Spread } from './timing';

export interface FlowPageFigures {
  readonly epics: number;
  /** Warm (cache filled), as the RTE. */
  readonly metricsMs: Spread;
  readonly metricsBytes: number;
  readonly forecastWithBacklogMs: Spread;
}

export async function benchFlowPage(epicCount: number, plan: RunPlan): Promise<FlowPageFigures> {
  const data = demoPortfolio(epicCount);
  const jira = await startDemoJira({ data, latencyMs: 0, faults: { rate: 0 }, now: () => BENCH_NOW });
  try {
    const runtime = createPreviewRuntime({ jiraBaseUrl: jira.url, actors: demoActors(), store: createMemoryStore(), clock: { now: () => BENCH_NOW }, log: recordingLog() });
    const handler = createResolverHandler(runtime);
    const call = async (functionKey: string, payload: unknown) => {
      const result = (await handler({ call: { functionKey, payload }, context: {} as never }, { principal: { accountId: demoUser('rte').accountId } })) as Result<unknown>;
      if (!result.ok) throw new Error(`${functionKey} failed: ${result.error.code}: ${result.error.message}`);
      return result;
    };
    const metricsPayload = { period: 'month', filters: {} };
    const forecastPayload = { by: '2027-03-01', backlog: true, filters: {} };
    for (let i = 0; i < Math.max(1, plan.warmups); i++) {
      await call('flow/metrics', metricsPayload);
      await call('flow/forecast', forecastPayload);
    }
    const metrics: number[] = [];
    const forecast: number[] = [];
    let bytes = 0;
    for (let i = 0; i < plan.runs; i++) {
      const timed = await timeAsync(() => call('flow/metrics', metricsPayload));
      metrics.push(timed.ms);
      bytes = Buffer.byteLength(JSON.stringify(timed.result));
      forecast.push((await timeAsync(() => call('flow/forecast', forecastPayload))).ms);
    }
    return {
      epics: data.issues.filter((issue) => issue.issueTypeId === ISSUE_TYPE_IDS.epic).length,
      metricsMs: spreadOf(metrics),
      metricsBytes: bytes,
      forecastWithBacklogMs: spreadOf(forecast),
    };
  } finally {
    await jira.close();
  }
}

export function renderFlowPage(figures: readonly FlowPageFigures[]): string {
  const ms = (spread: Spread) => `${spread.median.toFixed(0)} ms (${spread.min.toFixed(0)}–${spread.max.toFixed(0)})`;
  const lines = ['Flow page resolvers, warm (median of runs, min–max):'];
  for (const f of figures)
    lines.push(`  ${f.epics} epics: flow/metrics ${ms(f.metricsMs)}, ${(f.metricsBytes / 1024).toFixed(0)} KiB; flow/forecast with the ranked backlog ${ms(f.forecastWithBacklogMs)}`);
  return lines.join('\n');
}
