/**
 * Opt-in search lag (off by default): Jira's search/jql is eventually consistent, so for a while
 * after a write a search still sees the issue as it was, both for matching the JQL and for the
 * fields it returns, unless the request lists the issue in `reconcileIssues`. With a lag of L ms,
 * search sees each issue as it was L ms ago. Other endpoints (GET issue, changelog, properties)
 * read the issue as it is, as in Jira.
 */
import type { DemoIssue } from './model';

interface PendingWrite {
  readonly at: number;
  /** The issue as it was just before this write. */
  readonly before: DemoIssue;
}

export interface SearchLag {
  /** Call before a write changes `issue` in place: the index keeps the old copy for a while. */
  beforeWrite(issue: DemoIssue, now: number): void;
  /** Whether any issue is seen stale at `now` (search results may not be cached then). */
  hasPending(now: number): boolean;
  /** The issue as search sees it at `now`: as it was `lagMs` ago, or as it is when reconciled. */
  indexed(issue: DemoIssue, now: number, reconciled: ReadonlySet<string>): DemoIssue;
}

export function createSearchLag(lagMs: number): SearchLag {
  /** Per issue id, its writes of the last `lagMs`, oldest first. */
  const pending = new Map<string, PendingWrite[]>();
  const current = (writes: readonly PendingWrite[], now: number) => writes.filter((write) => write.at > now - lagMs);
  return {
    beforeWrite(issue, now) {
      const writes = current(pending.get(issue.id) ?? [], now);
      writes.push({ at: now, before: structuredClone(issue) });
      pending.set(issue.id, writes);
    },
    hasPending(now) {
      for (const [id, writes] of pending) {
        if (current(writes, now).length > 0) return true;
        pending.delete(id);
      }
      return false;
    },
    indexed(issue, now, reconciled) {
      if (reconciled.has(issue.id)) return issue;
      // The first write the index has not caught up with: the issue as it was before it.
      return current(pending.get(issue.id) ?? [], now)[0]?.before ?? issue;
    },
  };
}
