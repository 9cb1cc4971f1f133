/**
 * What a use case runs with: the caller's Jira actors, the store, time and a log, plus a
 * per-request memo so one request reads the settings or builds the snapshot once.
 */
import type { Clock, JiraActors, Log, QueuePort, StorePort } from '../ports';

export interface ServiceContext {
  readonly jira: JiraActors;
  readonly store: StorePort;
  /**
   * The background queue a cold sync runs on. Absent only in one-shot contexts (unit tests that
   * build a context by hand): there a cold cache is built inline, as nothing else would build it.
   */
  readonly queue?: QueuePort;
  readonly clock: Clock;
  readonly log: Log;
  /** The caller; empty in triggers. Recorded in the change history. */
  readonly accountId: string;
  /** How long the epic cache is served without asking Jira what changed (ms). */
  readonly cacheFreshMs: number;
  /** Computes `key` once per request. */
  memo<T>(key: string, compute: () => Promise<T>): Promise<T>;
}

export function createServiceContext(parts: Omit<ServiceContext, 'memo'>): ServiceContext {
  const memos = new Map<string, Promise<unknown>>();
  return {
    ...parts,
    memo<T>(key: string, compute: () => Promise<T>): Promise<T> {
      let pending = memos.get(key) as Promise<T> | undefined;
      if (!pending) {
        pending = compute();
        memos.set(key, pending);
        // A failed computation is not remembered: a retry in the same request may succeed.
        pending.catch(() => memos.delete(key));
      }
      return pending;
    },
  };
}
