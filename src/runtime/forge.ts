/** The runtime on Forge: `@forge/api` for Jira (asUser/asApp), `@forge/kvs` for storage. */
import { forgeJiraActors } from '../adapters/forge/jira';
import { createForgeQueue } from '../adapters/forge/queue';
import { jiraClientOptionsFor } from '../adapters/jira/client';
import { createJiraMeter } from '../adapters/jira/meter';
import { createForgeStore } from '../adapters/forge/store';
import { consoleLog, systemClock } from './runtime';
import type { Runtime } from './runtime';

export function forgeRuntime(): Runtime {
  // asUser() reads the caller from the invocation itself, so one pair of actors serves every request.
  // Resolvers (a caller) wait briefly for Jira's rate limits; triggers and consumers (none) wait long.
  const jiraMeter = createJiraMeter();
  const interactive = forgeJiraActors({ ...jiraClientOptionsFor('interactive'), meter: jiraMeter });
  const background = forgeJiraActors({ ...jiraClientOptionsFor('background'), meter: jiraMeter });
  return {
    jira: (context) => (context.accountId === undefined ? background : interactive),
    store: createForgeStore(),
    queue: createForgeQueue(),
    clock: systemClock,
    log: consoleLog(),
    jiraMeter,
  };
}
