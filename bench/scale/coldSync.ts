/**
 * The cold sync the scale bench measures, behind one function so the scenario does not care how
 * it runs. Today: the full refresh the scheduled trigger runs (scope search + changelog bulkfetch,
 * the whole epic cache written), inline. The queue-driven background sync replaces this body.
 */
import type { Runtime } from '../../src/runtime/runtime';
import { scopeWhere } from '../../src/services/portfolio/jql';
import { fullRefresh } from '../../src/services/portfolio/refresh';
import { loadSettings } from '../../src/services/settings';

export async function runColdSync(runtime: Runtime): Promise<void> {
  const { settings } = await loadSettings(runtime.store);
  await fullRefresh({ app: runtime.jira({}).app, store: runtime.store, clock: runtime.clock, log: runtime.log }, scopeWhere(settings.scopeJql));
}
