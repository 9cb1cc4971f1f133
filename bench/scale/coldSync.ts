/**
 * The cold sync the scale bench measures, behind one function so the scenario does not care how
 * it runs: the background sync as Forge runs it, started the way the scheduled trigger starts it
 * and carried step by step through the runtime's (in-process) queue, to completion.
 */
import type { PreviewRuntime } from '../../preview/runtime';
import { scopeWhere } from '../../src/services/portfolio/jql';
import { loadSettings } from '../../src/services/settings';
import { startColdSync } from '../../src/services/sync/coldSync';
import { syncDepsOf } from '../../src/triggers/syncConsumer';
import { loadSyncState } from '../../src/services/sync/state';

export async function runColdSync(runtime: PreviewRuntime): Promise<void> {
  const { settings } = await loadSettings(runtime.store);
  const deps = syncDepsOf(runtime);
  await startColdSync(deps, scopeWhere(settings.scopeJql), 'first-load');
  await runtime.queue.idle();
  const state = (await loadSyncState(runtime.store))?.state;
  if (state?.status !== 'done') throw new Error(`the cold sync did not complete: ${state?.status ?? 'no state'} ${state?.lastError ?? ''}`);
}
