/**
 * The preview's Runtime: the same resolvers as on Forge, with Jira over HTTP (the demo Jira or a
 * real site) as the calling user or as the app, and the store in a local folder. The resolver
 * tests and the board bench compose theirs here too, with their own store, clock and log.
 */
import { httpJira } from '../src/adapters/http/jira';
import { jiraClientOptionsFor, type JiraUse } from '../src/adapters/jira/client';
import type { JiraMeter } from '../src/adapters/jira/meter';
import type { RetryPolicy } from '../src/adapters/jira/retry';
import { createFileStore } from '../src/adapters/local/fileStore';
import { createInProcessQueue } from '../src/adapters/local/inProcessQueue';
import type { InProcessQueue } from '../src/adapters/local/inProcessQueue';
import { ForbiddenError } from '../src/errors';
import type { Clock, JiraActors, JiraPort, Log, StorePort } from '../src/ports';
import { consoleLog, systemClock, type ResolverContext, type Runtime } from '../src/runtime/runtime';
import { createSyncConsumer } from '../src/triggers/syncConsumer';
import type { PreviewActors } from './users';

interface PreviewRuntimeParts {
  /** Jira's base URL: the demo Jira's mount or a real site. */
  readonly jiraBaseUrl: string;
  readonly actors: PreviewActors;
  /** Default: the system clock. */
  readonly clock?: Clock;
  /** Default: one JSON line per event on the console. */
  readonly log?: Log;
  /** Retries of every Jira request (tests ask for one try). Default: the client's policy. */
  readonly retry?: Partial<RetryPolicy>;
  /** Default: the resolvers' own (DEFAULT_CACHE_FRESH_MS). */
  readonly cacheFreshMs?: number;
  /** Real ms per second of delay a queue retry asks for: 1000 by default, 0 in tests. */
  readonly queueMsPerDelaySecond?: number;
  /** Counts every Jira request of every actor (the bench and the logs read it). */
  readonly jiraMeter?: JiraMeter;
}

/** The preview's runtime: its queue is in process, so tests can wait for the background work. */
export interface PreviewRuntime extends Runtime {
  readonly queue: InProcessQueue;
}

/** The store: a given one, or a file store in `dataDir`. */
export type PreviewRuntimeOptions = PreviewRuntimeParts & ({ readonly store: StorePort } | { readonly dataDir: string });

export function createPreviewRuntime(options: PreviewRuntimeOptions): PreviewRuntime {
  const ports = new Map<string, JiraPort>();
  // As on Forge: a resolver (a caller) waits briefly for Jira's rate limits, a trigger long.
  const portFor = (use: JiraUse, email: string, apiToken: string): JiraPort => {
    let port = ports.get(`${use}\n${email}`);
    if (port === undefined) {
      const forUse = jiraClientOptionsFor(use);
      port = httpJira({
        baseUrl: options.jiraBaseUrl,
        email,
        apiToken,
        ...forUse,
        ...(options.retry === undefined ? {} : { retry: { ...forUse.retry, ...options.retry } }),
        ...(options.jiraMeter === undefined ? {} : { meter: options.jiraMeter }),
      });
      ports.set(`${use}\n${email}`, port);
    }
    return port;
  };
  const appFor = (use: JiraUse): JiraPort => portFor(use, options.actors.app.email, options.actors.app.apiToken);
  const log = options.log ?? consoleLog();
  // The same consumer Forge runs, fed in process: `npm start` syncs in the background as Forge does.
  const queue = createInProcessQueue({
    ...(options.queueMsPerDelaySecond === undefined ? {} : { msPerDelaySecond: options.queueMsPerDelaySecond }),
    onError: (error, event) => log.error('queue consumer failed', { event: JSON.stringify(event), message: String(error) }),
  });

  const runtime: PreviewRuntime = {
    jira(context: ResolverContext): JiraActors {
      // Triggers have no caller: the app acts alone, as on Forge.
      if (context.accountId === undefined) return { user: appFor('background'), app: appFor('background') };
      const caller = options.actors.users.find((user) => user.accountId === context.accountId);
      // Forge never runs a resolver for an unknown caller; neither does the preview.
      if (caller === undefined) throw new ForbiddenError(`Unknown preview user ${context.accountId}`);
      return { user: portFor('interactive', caller.email, caller.apiToken), app: appFor('interactive') };
    },
    store: 'store' in options ? options.store : createFileStore(options.dataDir),
    queue,
    clock: options.clock ?? systemClock,
    log,
    ...(options.cacheFreshMs === undefined ? {} : { cacheFreshMs: options.cacheFreshMs }),
    ...(options.jiraMeter === undefined ? {} : { jiraMeter: options.jiraMeter }),
  };
  queue.attach(createSyncConsumer(runtime));
  return runtime;
}
