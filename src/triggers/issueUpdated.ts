/**
 * `avi:jira:updated:issue` (filtered in the manifest to types that can be epics): records the
 * issue's id in the pending-epics set (services/portfolio/pendingEpics.ts), one small value: one
 * read unit and one conditional write, no Jira request and no chunk. The next request that serves
 * cache data re-reads the pending epics as the app (one search for all of them, one bulkfetch),
 * rewrites each touched chunk once, drops ids not in scope, and clears what it applied; so a page
 * never serves an epic older than an event says, and a burst of events costs readers one search.
 */
import { z } from 'zod';
import type { Runtime } from '../runtime/runtime';
import { recordPendingEpic } from '../services/portfolio/pendingEpics';

const issueEventSchema = z.looseObject({
  issue: z.looseObject({ id: z.string(), key: z.string() }),
});

export function createIssueUpdated(runtime: Runtime): (event: unknown) => Promise<void> {
  return async (event) => {
    const parsed = issueEventSchema.safeParse(event);
    if (!parsed.success) {
      runtime.log.warn('issue-updated event without an issue', {});
      return;
    }
    const { id, key } = parsed.data.issue;
    const outcome = await recordPendingEpic({ store: runtime.store, clock: runtime.clock, log: runtime.log }, id);
    runtime.log.info('epic recorded as pending', { key, outcome });
  };
}
