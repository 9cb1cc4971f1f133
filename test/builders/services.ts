/**
 * A back end for resolver tests: the real resolver handler on the preview's runtime, reading the
 * REAL demo Jira (HTTP, on a free port) with the demo users' credentials, and storing in memory.
 * A settable clock drives both the app and the demo Jira (relative JQL dates, transitions).
 */
import type { IncomingMessage } from 'node:http';
import { createMemoryStore } from '../../src/adapters/local/memoryStore';
import type { ResolverInput, ResolverKey, ResolverOutput } from '../../src/contract/resolvers';
import type { Result } from '../../src/contract/result';
import type { StorePort } from '../../src/ports';
import { createResolverHandler } from '../../src/resolvers/handler';
import type { ResolverHandler } from '../../src/resolvers/handler';
import { recordingLog } from '../../src/runtime/recordingLog';
import { ISSUE_TYPE_IDS, demoUser, generatePortfolio, startDemoJira } from '../../preview/demo-jira';
import type { DemoJiraCall, DemoUserName, FaultOptions, RunningDemoJira } from '../../preview/demo-jira';
import { createPreviewRuntime } from '../../preview/runtime';
import type { PreviewRuntime } from '../../preview/runtime';
import { startColdSync } from '../../src/services/sync/coldSync';
import { syncDepsOf } from '../../src/triggers/syncConsumer';
import { scopeWhere } from '../../src/services/portfolio/jql';
import { loadSettings } from '../../src/services/settings';
import { demoActors } from '../../preview/users';

/** 2026-11-16T09:00Z, a Monday. */
export const TEST_NOW = Date.UTC(2026, 10, 16, 9, 0, 0);
const DEMO_SEED = 7;
const DEMO_EPICS = 150;

export type TestUser = Exclude<DemoUserName, 'app'>;

export interface SettableClock {
  now(): number;
  set(at: number): void;
  advance(ms: number): void;
}

function settableClock(start = TEST_NOW): SettableClock {
  let at = start;
  return { now: () => at, set: (next) => void (at = next), advance: (ms) => void (at += ms) };
}


/** Counts the store's writes: "changes nothing" means none. */
export function countingStore(inner: StorePort): StorePort & { writes: string[] } {
  const writes: string[] = [];
  return {
    writes,
    get: (collection, key) => inner.get(collection, key),
    getMany: (collection, keys) => inner.getMany(collection, keys),
    list: (collection, options) => inner.list(collection, options),
    getValue: (key) => inner.getValue(key),
    put: (collection, key, value, expectedVersion) => {
      writes.push(`put ${collection}/${key}`);
      return inner.put(collection, key, value, expectedVersion);
    },
    putAll: (list) => {
      for (const write of list) writes.push(`put ${write.collection}/${write.key}`);
      return inner.putAll(list);
    },
    delete: (collection, key, expectedVersion) => {
      writes.push(`delete ${collection}/${key}`);
      return inner.delete(collection, key, expectedVersion);
    },
    setValue: (key, value) => {
      writes.push(`setValue ${key}`);
      return inner.setValue(key, value);
    },
    deleteValue: (key) => {
      writes.push(`deleteValue ${key}`);
      return inner.deleteValue(key);
    },
  };
}

export interface TestBackend {
  readonly demo: RunningDemoJira;
  readonly store: StorePort & { writes: string[] };
  readonly clock: SettableClock;
  readonly log: ReturnType<typeof recordingLog>;
  readonly runtime: PreviewRuntime;
  readonly handler: ResolverHandler;
  /** Calls the handler the way Forge does: the caller's account id in the second argument. */
  call<K extends ResolverKey>(user: TestUser, key: K, payload?: ResolverInput<K>): Promise<Result<ResolverOutput<K>>>;
  /** Like `call` with a payload of any shape (for invalid input). */
  callRaw(user: TestUser, key: string, payload: unknown): Promise<Result<unknown>>;
  /** Calls to the demo Jira since `mark()`. */
  callsSince(mark: number): DemoJiraCall[];
  mark(): number;
  close(): Promise<void>;
}

export interface TestBackendOptions {
  readonly epics?: number;
  readonly seed?: number;
  readonly cacheFreshMs?: number;
  readonly store?: StorePort;
  /** Faults the demo Jira injects (none by default). */
  readonly faults?: FaultOptions;
  /** True for a request that gets no fault (once a test turns the faults off, or another actor's). */
  readonly skipFaults?: (request: IncomingMessage) => boolean;
  /**
   * True: no sync has run yet (a first install). Default: the background sync has completed, as on
   * an installed site, and the store's write log starts empty.
   */
  readonly cold?: boolean;
  /** The demo Jira's search sees writes this late unless reconciled (eventual consistency; default never). */
  readonly searchLagMs?: number;
}

export async function startTestBackend(options: TestBackendOptions = {}): Promise<TestBackend> {
  const clock = settableClock();
  const data = generatePortfolio({ seed: options.seed ?? DEMO_SEED, epics: options.epics ?? DEMO_EPICS, now: TEST_NOW });
  const demo = await startDemoJira({ data, now: () => clock.now(), latencyMs: 0, faults: options.faults ?? { rate: 0 }, ...(options.skipFaults === undefined ? {} : { skipFaults: options.skipFaults }), ...(options.searchLagMs === undefined ? {} : { searchLagMs: options.searchLagMs }) });
  const store = countingStore(options.store ?? createMemoryStore());
  const log = recordingLog();
  // One try per request: a fault the test injects is seen, not retried away.
  const runtime = createPreviewRuntime({
    jiraBaseUrl: demo.url,
    actors: demoActors(),
    store,
    clock,
    log,
    retry: { maxAttempts: 1 },
    queueMsPerDelaySecond: 0,
    ...(options.cacheFreshMs === undefined ? {} : { cacheFreshMs: options.cacheFreshMs }),
  });
  if (options.cold !== true) {
    await syncToCompletion(runtime);
    store.writes.length = 0;
  }
  const handler = createResolverHandler(runtime);
  const callRaw = (user: TestUser, key: string, payload: unknown) =>
    handler({ call: { functionKey: key, payload }, context: {} }, { principal: { accountId: demoUser(user).accountId } }) as Promise<Result<unknown>>;
  return {
    demo,
    store,
    clock,
    log,
    runtime,
    handler,
    call: (user, key, payload) => callRaw(user, key, payload ?? {}) as never,
    callRaw,
    mark: () => demo.calls.length,
    callsSince: (mark) => demo.calls.slice(mark),
    close: () => demo.close(),
  };
}

/** Runs a cold sync of the stored settings' scope through the runtime's queue, to the end. */
export async function syncToCompletion(runtime: PreviewRuntime): Promise<void> {
  const { settings } = await loadSettings(runtime.store);
  const deps = syncDepsOf(runtime);
  await startColdSync(deps, scopeWhere(settings.scopeJql), 'first-load');
  await runtime.queue.idle();
}

/** The data of an ok result; fails the test with the error otherwise. */
export function dataOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.data;
}

/** Every issue key mentioned anywhere in a value. */
export function issueKeysIn(value: unknown): string[] {
  return [...new Set(JSON.stringify(value).match(/\b[A-Z][A-Z0-9_]*-\d+\b/g) ?? [])];
}

/** Keys of the demo portfolio's epics in a project, in id order. */
export function demoEpicKeys(backend: TestBackend, projectKey: string): string[] {
  const project = backend.demo.data.projects.find((candidate) => candidate.key === projectKey);
  return backend.demo.data.issues
    .filter((issue) => issue.issueTypeId === ISSUE_TYPE_IDS.epic && issue.projectId === project?.id)
    .map((issue) => issue.key);
}
