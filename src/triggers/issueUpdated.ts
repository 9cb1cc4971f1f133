/**
 * `avi:jira:updated:issue` (fires for every issue on the site): re-read that epic into the cache
 * (app actor) when it is in scope. An issue out of scope costs one search and no cache read.
 */
import { z } from 'zod';
import type { Runtime } from '../runtime/runtime';
import { refreshEpic } from '../services/portfolio/refresh';

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
    const deps = { app: runtime.jira({}).app, store: runtime.store, clock: runtime.clock, log: runtime.log };
    const outcome = await refreshEpic(deps, { id, key });
    runtime.log.info('epic cache updated from event', { key, outcome });
  };
}
