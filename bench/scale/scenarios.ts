/**
 * One scale scenario measured once set up: what it costs in Jira requests (from the demo Jira's
 * own log of calls), KVS read and write units (the metered store), wall time and peak memory.
 * Runs either in the bench's process (tests) or in a child process of its own (the bench), where
 * the peak is the process's own maximum resident set: nothing else ran in it.
 */
import { performance } from 'node:perf_hooks';
import type { KvsMeterReading } from '../../src/adapters/local/meteredStore';
import type { Result } from '../../src/contract/result';
import { createResolverHandler } from '../../src/resolvers/handler';
import { createIssueUpdated } from '../../src/triggers/issueUpdated';
import { demoUser } from '../../preview/demo-jira';
import { runColdSync } from './coldSync';
import { naiveBoard } from './naiveBoard';
import { createScaleRuntime } from './runtime';
import type { ScaleRuntime } from './runtime';

/**
 * 'board-after-event' / 'flow-after-event': one issue-updated event (not measured), then the page
 * load that applies it (measured); for Flow, also the load that cannot use the remembered answer.
 */
export const SCALE_SCENARIOS = ['cold-sync', 'warm-board', 'warm-wsjf', 'warm-flow', 'panel-open', 'issue-updated', 'board-after-event', 'flow-after-event', 'naive-board'] as const;
export type ScaleScenario = (typeof SCALE_SCENARIOS)[number];

/** What the Kanban asks on open (static/global-page/kanban: Done within the last 30 days). */
export const BOARD_PAYLOAD = { doneWithinDays: 30 };
/** What the WSJF page asks on open (static/global-page/wsjf/WsjfPage.tsx TO_PULL_ONLY, no drafts). */
export const WSJF_PAYLOAD = { include: { inProgress: false, done: false } };
/** What the Flow page asks on open (static/global-page/flow/query.ts EMPTY_QUERY → metricsInput): its one request, the opening forecasts with it. */
export const FLOW_PAYLOAD = { period: 'month', filters: {}, forecasts: { withinDays: 90, items: 10, filters: {} } };
/**
 * The resolvers the issue panel calls when it opens (static/issue-panel): EpicPanel's epic/panel,
 * whose one answer every section renders (WSJF, flow, score changes, business case, key results).
 * epic/wsjf/get is called only after a save met a conflict, so it is not part of an open.
 */
export const PANEL_FUNCTIONS = ['epic/panel'] as const;

/** Counts the demo Jira's calls: in process from its log, from a child over its control port. */
export interface JiraCallLog {
  /** Calls so far. */
  count(): Promise<number>;
  /** Calls from index `from` on, by endpoint ("GET /rest/api/3/issue/{issue}"). */
  byEndpointSince(from: number): Promise<Record<string, number>>;
}

export interface ScenarioInput {
  readonly scenario: ScaleScenario;
  readonly jiraUrl: string;
  /** The file store's folder for this size: the cold sync fills it, the other scenarios read it. */
  readonly dataDir: string;
  /** The in-scope epic the panel opens and the event names. */
  readonly epic: { readonly id: string; readonly key: string };
  /** Untimed runs before the measured ones (a fresh process JITs on its first call). */
  readonly warmups: number;
  readonly runs: number;
  /** 'process': the process's own maximum RSS (a child running only this); 'sampled': RSS sampled during the runs. */
  readonly peak: 'process' | 'sampled';
}

export interface ScenarioFigures {
  readonly jiraRequests: number;
  readonly jiraByEndpoint: Record<string, number>;
  readonly kvsReadUnits: number;
  readonly kvsWriteUnits: number;
  readonly kvsByOperation: KvsMeterReading['byOperation'] | null;
  /** Median of the measured runs. */
  readonly wallMs: number;
  readonly wallMsRuns: readonly number[];
  readonly peakRssMiB: number;
  /** Bytes of JSON the resolver answered (the warm page loads); null for the others. */
  readonly answerBytes: number | null;
}

/** Scenarios that change what they measure when repeated: run once, without warm-up. */
const ONCE: ReadonlySet<ScaleScenario> = new Set(['cold-sync']);

/** Bytes of JSON the resolver answered (what a page downloads). */
async function callResolver(app: ScaleRuntime, functionKey: string, payload: unknown): Promise<number> {
  const handler = createResolverHandler(app.runtime);
  const result = (await handler({ call: { functionKey, payload }, context: {} as never }, { principal: { accountId: demoUser('rte').accountId } })) as Result<unknown>;
  if (!result.ok) throw new Error(`${functionKey} failed: ${result.error.code}: ${result.error.message}`);
  return Buffer.byteLength(JSON.stringify(result));
}

/** What a run does first without being measured (the event a board after an event applies). */
function unmeasuredStep(input: ScenarioInput, app: ScaleRuntime | null): (() => Promise<unknown>) | null {
  if (input.scenario !== 'board-after-event' && input.scenario !== 'flow-after-event') return null;
  const trigger = createIssueUpdated(needApp(app).runtime);
  return () => trigger({ issue: { id: input.epic.id, key: input.epic.key } });
}

function scenarioBody(input: ScenarioInput, app: ScaleRuntime | null): () => Promise<unknown> {
  const issueKey = input.epic.key;
  switch (input.scenario) {
    case 'naive-board':
      return () => naiveBoard(input.jiraUrl);
    case 'cold-sync':
      return () => runColdSync(needApp(app).runtime);
    case 'warm-board':
    case 'board-after-event':
      return () => callResolver(needApp(app), 'portfolio/board', BOARD_PAYLOAD);
    case 'warm-wsjf':
      return () => callResolver(needApp(app), 'portfolio/wsjf', WSJF_PAYLOAD);
    case 'warm-flow':
    case 'flow-after-event':
      return () => callResolver(needApp(app), 'flow/metrics', FLOW_PAYLOAD);
    case 'panel-open':
      // One after the other: on Forge each is an invocation of its own, so the peak that matters
      // is the largest one's, not the three's together; the wall time is their sum.
      return async () => {
        for (const functionKey of PANEL_FUNCTIONS) await callResolver(needApp(app), functionKey, { issueKey });
        return null;
      };
    case 'issue-updated': {
      const trigger = createIssueUpdated(needApp(app).runtime);
      return () => trigger({ issue: { id: input.epic.id, key: input.epic.key } });
    }
  }
}

function needApp(app: ScaleRuntime | null): ScaleRuntime {
  if (app === null) throw new Error('this scenario needs the app runtime');
  return app;
}

const MIB = 1_048_576;

/** Samples RSS every few ms: catches most of an in-process peak (the event loop must turn). */
function rssSampler(): { stop(): number } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 5);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage.rss());
    },
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export async function measureScenario(input: ScenarioInput, jira: JiraCallLog): Promise<ScenarioFigures> {
  const app = input.scenario === 'naive-board' ? null : createScaleRuntime({ jiraUrl: input.jiraUrl, dataDir: input.dataDir });
  const body = scenarioBody(input, app);
  const before = unmeasuredStep(input, app);
  const once = ONCE.has(input.scenario);
  for (let i = 0; i < (once ? 0 : input.warmups); i++) {
    await before?.();
    await body();
  }
  const sampler = rssSampler();
  const wallMsRuns: number[] = [];
  let last: Omit<ScenarioFigures, 'wallMs' | 'wallMsRuns' | 'peakRssMiB'> | undefined;
  for (let i = 0; i < (once ? 1 : Math.max(1, input.runs)); i++) {
    await before?.();
    app?.meter.reset();
    const firstCall = await jira.count();
    const started = performance.now();
    const answer = await body();
    wallMsRuns.push(performance.now() - started);
    const byEndpoint = await jira.byEndpointSince(firstCall);
    const reading = app?.meter.reading();
    last = {
      jiraRequests: Object.values(byEndpoint).reduce((sum, n) => sum + n, 0),
      jiraByEndpoint: byEndpoint,
      kvsReadUnits: reading?.readUnits ?? 0,
      kvsWriteUnits: reading?.writeUnits ?? 0,
      kvsByOperation: reading?.byOperation ?? null,
      answerBytes: typeof answer === 'number' ? answer : null,
    };
  }
  const sampledPeak = sampler.stop();
  const trouble = app?.logEntries.find((entry) => entry.level !== 'info');
  if (trouble !== undefined) throw new Error(`${input.scenario} logged "${trouble.message}": ${JSON.stringify(trouble.data ?? {})}`);
  // maxRSS is in KiB on every platform Node reports it for.
  const peakBytes = input.peak === 'process' ? process.resourceUsage().maxRSS * 1024 : sampledPeak;
  return { ...(last as NonNullable<typeof last>), wallMs: median(wallMsRuns), wallMsRuns, peakRssMiB: Math.round((peakBytes / MIB) * 10) / 10 };
}
