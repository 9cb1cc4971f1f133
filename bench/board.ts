/**
 * Scenario 3, the board load through the real resolver: the demo Jira on 127.0.0.1 with the
 * seeded portfolio, the preview's runtime (Jira over HTTP) with an in-memory store, and
 * `portfolio/board` called the way Forge calls it. Per load: wall time and the REST calls it made,
 * by endpoint (from the demo Jira's own log of calls).
 */
import { createMemoryStore } from '../src/adapters/local/memoryStore';
import type { Result } from '../src/contract/result';
import { createResolverHandler } from '../src/resolvers/handler';
import { DEFAULT_CACHE_FRESH_MS } from '../src/runtime/runtime';
import { demoUser, ISSUE_TYPE_IDS, startDemoJira } from '../preview/demo-jira';
import type { DemoJiraCall, DemoUserName, RunningDemoJira } from '../preview/demo-jira';
import { createPreviewRuntime } from '../preview/runtime';
import { demoActors } from '../preview/users';
import { recordingLog } from '../src/runtime/recordingLog';
import { BENCH_NOW, demoPortfolio } from './portfolio';
import { spreadOf, timeAsync } from './timing';
import type { RunPlan, Spread } from './timing';

/**
 * The loads of one sequence, in the order they run against one store; `advanceMs` moves the clock
 * before a load (the last one just past the cache's freshness: an incremental refresh).
 */
export const BOARD_LOADS: readonly { name: string; actor: DemoUserName; advanceMs: number }[] = [
  { name: 'cold: empty store', actor: 'rte', advanceMs: 0 },
  { name: 'warm: second call', actor: 'rte', advanceMs: 0 },
  { name: 'member, after RTE warmed it', actor: 'member', advanceMs: 0 },
  { name: `cache older than ${DEFAULT_CACHE_FRESH_MS / 1000} s`, actor: 'rte', advanceMs: DEFAULT_CACHE_FRESH_MS + 1_000 },
];

export interface BoardLoadFigures {
  readonly load: string;
  readonly actor: DemoUserName;
  readonly ms: Spread;
  readonly cards: number;
  /** Size of the result as JSON: Forge refuses invoke responses over 5 MB. */
  readonly responseBytes: number;
  readonly restCalls: number;
  /** "GET /rest/api/3/myself" → count; issue ids and keys in paths read `{issue}`. */
  readonly callsByEndpoint: Readonly<Record<string, number>>;
  /** False when the calls differed between runs (they should not: same data, same clock). */
  readonly sameCallsEveryRun: boolean;
}

export interface BoardFigures {
  readonly epics: number;
  /** Delay the demo Jira adds to every answer, to stand in for a real site's round trip. */
  readonly jiraLatencyMs: number;
  readonly loads: readonly BoardLoadFigures[];
}

function endpointOf(call: DemoJiraCall): string {
  return `${call.method} ${call.path.replace(/\/issue\/[^/]+/, '/issue/{issue}')}`;
}

function countByEndpoint(calls: readonly DemoJiraCall[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const call of calls) counts[endpointOf(call)] = (counts[endpointOf(call)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
}

interface LoadRun {
  readonly ms: number;
  readonly cards: number;
  readonly responseBytes: number;
  readonly calls: Record<string, number>;
}

/** One sequence of the loads against a fresh store: what a new installation sees on first use. */
async function runSequence(jira: RunningDemoJira, clock: { now: number }): Promise<LoadRun[]> {
  clock.now = BENCH_NOW;
  // The preview's runtime, with a store that starts empty and a clock the bench moves.
  const log = recordingLog();
  const runtime = createPreviewRuntime({ jiraBaseUrl: jira.url, actors: demoActors(), store: createMemoryStore(), clock: { now: () => clock.now }, log });
  const handler = createResolverHandler(runtime);
  const runs: LoadRun[] = [];
  for (const load of BOARD_LOADS) {
    clock.now += load.advanceMs;
    const firstCall = jira.calls.length;
    const { ms, result } = await timeAsync(
      () =>
        handler(
          { call: { functionKey: 'portfolio/board', payload: {} }, context: {} as never },
          { principal: { accountId: demoUser(load.actor).accountId } },
        ) as Promise<Result<{ cards: unknown[] }>>,
    );
    if (!result.ok) throw new Error(`portfolio/board as ${load.actor} (${load.name}) failed: ${result.error.code}: ${result.error.message}`);
    runs.push({ ms, cards: result.data.cards.length, responseBytes: Buffer.byteLength(JSON.stringify(result)), calls: countByEndpoint(jira.calls.slice(firstCall)) });
  }
  // A warning means a load took a path the figures do not describe (a retry, an unreadable cache).
  const trouble = log.entries.find((entry) => entry.level !== 'info');
  if (trouble !== undefined) throw new Error(`the board loads logged "${trouble.message}": ${JSON.stringify(trouble.data ?? {})}`);
  return runs;
}

export async function benchBoard(epicCount: number, plan: RunPlan, jiraLatencyMs = 0): Promise<BoardFigures> {
  const data = demoPortfolio(epicCount);
  // One clock for the app and the demo Jira, so "updated in the last N minutes" agrees on both sides.
  const clock = { now: BENCH_NOW };
  const jira = await startDemoJira({ data, latencyMs: jiraLatencyMs, faults: { rate: 0 }, now: () => clock.now });
  try {
    for (let i = 0; i < plan.warmups; i++) await runSequence(jira, clock);
    const sequences: LoadRun[][] = [];
    for (let i = 0; i < plan.runs; i++) sequences.push(await runSequence(jira, clock));
    const loads = BOARD_LOADS.map((load, index): BoardLoadFigures => {
      const runs = sequences.map((sequence) => sequence[index] as LoadRun);
      const last = runs[runs.length - 1] as LoadRun;
      return {
        load: load.name,
        actor: load.actor,
        ms: spreadOf(runs.map((run) => run.ms)),
        cards: last.cards,
        responseBytes: last.responseBytes,
        restCalls: Object.values(last.calls).reduce((sum, n) => sum + n, 0),
        callsByEndpoint: last.calls,
        sameCallsEveryRun: runs.every((run) => JSON.stringify(run.calls) === JSON.stringify(last.calls)),
      };
    });
    return { epics: data.issues.filter((issue) => issue.issueTypeId === ISSUE_TYPE_IDS.epic).length, jiraLatencyMs, loads };
  } finally {
    await jira.close();
  }
}
