/**
 * The demo Jira's points-based hourly quota, per actor (each demo user, the app included), shaped
 * like Jira Cloud's (developer.atlassian.com/cloud/jira/platform/rate-limiting): every answer says
 * the policy and what is left, in the IETF draft's form Jira sends with the Beta- prefix,
 *   Beta-RateLimit-Policy: "tenant-app-quota";q=<points per window>;w=3600
 *   Beta-RateLimit: "tenant-app-quota";r=<points left>;t=<seconds to the reset>
 * plus `X-Beta-RateLimit-NearLimit: true` under 20 % left. Once the points are gone, requests get
 * 429 with `Retry-After` (seconds to the reset) and `RateLimit-Reason: jira-quota-tenant-based`
 * until the next hour. Cost of an answer, as Jira's page describes it: 1 point per request plus
 * 1 per object returned by a read (issues, change histories, list values); writes cost 1.
 */
import { jiraError, type Reply } from './reply';

export const DEMO_QUOTA_WINDOW_MS = 3_600_000;
/** Generous: a cold sync of 20,000 epics with their histories fits several times over. */
export const DEFAULT_DEMO_POINTS_PER_HOUR = 10_000_000;
const POLICY = 'tenant-app-quota';
const NEAR_LIMIT_SHARE = 0.2;

export interface DemoQuota {
  /** A 429 when the actor's points for this hour are gone, else null (the request may run). */
  refuse(actor: string, now: number): Reply | null;
  /** Charges the answer to the actor and adds the rate-limit headers to it. */
  charge(actor: string, method: string, reply: Reply, now: number): Reply;
}

/** Objects an answer body carries: what a read costs beyond its base point. */
function objectsIn(body: unknown): number {
  if (Array.isArray(body)) return body.length;
  if (typeof body !== 'object' || body === null) return 0;
  const record = body as Record<string, unknown>;
  if (Array.isArray(record['issueChangeLogs'])) {
    return record['issueChangeLogs'].reduce<number>((sum, entry) => sum + ((entry as { changeHistories?: unknown[] }).changeHistories?.length ?? 0), 0);
  }
  for (const key of ['issues', 'values', 'groups', 'transitions', 'queries']) if (Array.isArray(record[key])) return (record[key] as unknown[]).length;
  return 1;
}

export function answerPoints(method: string, reply: Reply): number {
  const read = method === 'GET' || (method === 'POST' && reply.body !== undefined);
  return reply.status >= 200 && reply.status <= 299 && read ? 1 + objectsIn(reply.body) : 1;
}

export function createDemoQuota(pointsPerHour: number): DemoQuota {
  const used = new Map<string, { windowStart: number; points: number }>();
  const windowStartOf = (now: number): number => Math.floor(now / DEMO_QUOTA_WINDOW_MS) * DEMO_QUOTA_WINDOW_MS;
  const usage = (actor: string, now: number): { windowStart: number; points: number } => {
    const windowStart = windowStartOf(now);
    let entry = used.get(actor);
    if (entry === undefined || entry.windowStart !== windowStart) {
      entry = { windowStart, points: 0 };
      used.set(actor, entry);
    }
    return entry;
  };
  const headers = (remaining: number, now: number, windowStart: number): Record<string, string> => ({
    'Beta-RateLimit-Policy': `"${POLICY}";q=${pointsPerHour};w=${DEMO_QUOTA_WINDOW_MS / 1000}`,
    'Beta-RateLimit': `"${POLICY}";r=${remaining};t=${Math.ceil((windowStart + DEMO_QUOTA_WINDOW_MS - now) / 1000)}`,
    ...(remaining < pointsPerHour * NEAR_LIMIT_SHARE ? { 'X-Beta-RateLimit-NearLimit': 'true' } : {}),
  });

  return {
    refuse(actor, now) {
      const entry = usage(actor, now);
      if (entry.points < pointsPerHour) return null;
      const reply = jiraError(429, ['Rate limit exceeded.']);
      return {
        ...reply,
        headers: {
          ...headers(0, now, entry.windowStart),
          'Retry-After': String(Math.ceil((entry.windowStart + DEMO_QUOTA_WINDOW_MS - now) / 1000)),
          'RateLimit-Reason': 'jira-quota-tenant-based',
        },
      };
    },
    charge(actor, method, reply, now) {
      const entry = usage(actor, now);
      if (reply.status !== 429) entry.points += answerPoints(method, reply);
      return { ...reply, headers: { ...headers(Math.max(0, pointsPerHour - entry.points), now, entry.windowStart), ...reply.headers } };
    },
  };
}
