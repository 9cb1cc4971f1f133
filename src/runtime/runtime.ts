/**
 * What the back end runs on: the Jira actors for a request, a store, a clock and a log. Forge
 * composes it from the Forge adapters (./forge.ts); the preview and the tests compose their own.
 */
import type { JiraMeter } from '../adapters/jira/meter';
import type { Clock, JiraActors, Log, QueuePort, StorePort } from '../ports';

/** The parts of a resolver's or trigger's context the runtime needs. */
export interface ResolverContext {
  /** The caller's Atlassian account id; absent in triggers (the app acts alone). */
  readonly accountId?: string;
  readonly [key: string]: unknown;
}

export interface Runtime {
  /** Jira as the caller (`user`) and as the app (`app`). Triggers use `app` only. */
  jira(context: ResolverContext): JiraActors;
  readonly store: StorePort;
  /** Where long work (a cold sync in steps) goes; its consumer is src/triggers/syncConsumer.ts. */
  readonly queue: QueuePort;
  readonly clock: Clock;
  readonly log: Log;
  /**
   * How long the epic cache is served without asking Jira what changed (ms). The issue-updated
   * trigger keeps it current on Forge; default 60 s.
   */
  readonly cacheFreshMs?: number;
  /** Counts the Jira requests of both actors (calls and estimated points by endpoint), when metered. */
  readonly jiraMeter?: JiraMeter;
}

export const DEFAULT_CACHE_FRESH_MS = 60_000;

/** Logs as one JSON line per event (Forge's log viewer and the preview console both read it). */
export function consoleLog(): Log {
  const write = (level: 'info' | 'warn' | 'error') => (message: string, data?: Record<string, unknown>) =>
    console[level](JSON.stringify({ level, message, ...data }));
  return { info: write('info'), warn: write('warn'), error: write('error') };
}

export const systemClock: Clock = { now: () => Date.now() };
