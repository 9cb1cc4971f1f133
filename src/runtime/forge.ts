/** The runtime on Forge: `@forge/api` for Jira (asUser/asApp), `@forge/kvs` for storage. */
import { forgeJiraActors } from '../adapters/forge/jira';
import { createForgeQueue } from '../adapters/forge/queue';
import { createForgeStore } from '../adapters/forge/store';
import { consoleLog, systemClock } from './runtime';
import type { Runtime } from './runtime';

export function forgeRuntime(): Runtime {
  // asUser() reads the caller from the invocation itself, so one pair of actors serves every request.
  const actors = forgeJiraActors();
  return { jira: () => actors, store: createForgeStore(), queue: createForgeQueue(), clock: systemClock, log: consoleLog() };
}
