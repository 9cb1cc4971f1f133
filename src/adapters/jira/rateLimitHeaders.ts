/**
 * Jira Cloud's rate-limit headers, read leniently: a header that is absent, repeated or odd is
 * ignored, never an exception. Sources (Dec 2026):
 * - developer.atlassian.com/cloud/jira/platform/rate-limiting: `Retry-After` (seconds),
 *   `X-RateLimit-Limit`, `X-RateLimit-Remaining`, `X-RateLimit-Reset` (ISO 8601, `yyyy-MM-ddTHH:mmZ`),
 *   `X-RateLimit-NearLimit: true`, and the points-based hourly quota in the IETF draft's structured
 *   form, sent as `Beta-RateLimit-Policy: "tenant-app-quota";q=100100;w=3600` and
 *   `Beta-RateLimit: "tenant-app-quota";r=17842;t=2107` (q = points per window, w = window s,
 *   r = points remaining, t = s until reset); `X-Beta-RateLimit-Reset` (ISO 8601).
 * - developer.atlassian.com/cloud/jira/platform/build-an-app-that-respects-rate-limits:
 *   `RateLimit-Reason` says which limit answered (jira-burst-based, jira-per-issue-on-write,
 *   jira-quota-tenant-based, jira-quota-global-based); it is also seen as `X-Beta-RateLimit-Reason`,
 *   and as `jira-cost-based` with cost units in `X-RateLimit-*` (Atlassian community, June 2026).
 * The unprefixed `RateLimit-Policy` / `RateLimit` (the draft's final names) are read the same way.
 */
import { z } from 'zod';
import { parseRetryAfterMs } from './retry';

export interface HeaderSource {
  get(name: string): string | null;
}

/** One bucket as Jira reports it: what it holds, what is left, and when it refills. */
export interface RateLimitBucket {
  readonly limit: number | undefined;
  readonly remaining: number;
  /** Epoch ms when the bucket refills, when Jira says. */
  readonly resetAtMs: number | undefined;
  /** The policy's name (`tenant-app-quota`), when Jira names it. */
  readonly policy?: string;
}

export interface RateLimitReading {
  readonly retryAfterMs?: number;
  /** The points-based hourly quota (`Beta-RateLimit` / `RateLimit`). */
  readonly quota?: RateLimitBucket;
  /** The request-count bucket (`X-RateLimit-*`). */
  readonly requests?: RateLimitBucket;
  readonly reason?: string;
  readonly nearLimit?: boolean;
}

const countSchema = z.coerce.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

function count(text: string | null | undefined): number | undefined {
  if (text === null || text === undefined || !/^\s*\d+(\.0+)?\s*$/.test(text)) return undefined;
  const parsed = countSchema.safeParse(text.trim());
  return parsed.success ? parsed.data : undefined;
}

/** The first of several names that is present (headers are case-insensitive already). */
function first(headers: HeaderSource, ...names: string[]): string | null {
  for (const name of names) {
    const value = headers.get(name);
    if (value !== null && value.trim() !== '') return value;
  }
  return null;
}

/**
 * A reset time: ISO 8601 (Jira's `2026-03-26T16:00Z`), or epoch seconds, or seconds from now
 * when the number is too small to be an epoch. Undefined when unreadable.
 */
export function parseResetMs(text: string | null, nowMs: number): number | undefined {
  if (text === null) return undefined;
  const trimmed = text.trim();
  const seconds = count(trimmed);
  if (seconds !== undefined) return seconds > 1_000_000_000 ? seconds * 1000 : nowMs + seconds * 1000;
  if (!/^\d{4}-\d{2}-\d{2}T/.test(trimmed)) return undefined;
  const ms = Date.parse(trimmed);
  return Number.isNaN(ms) ? undefined : ms;
}

interface StructuredItem {
  readonly name: string | undefined;
  readonly params: ReadonlyMap<string, string>;
}

/**
 * `"tenant-app-quota";q=100100;w=3600, "burst";q=10;w=1` → items with their parameters. Quotes
 * and case are forgiven; an item without parameters is kept (it carries nothing).
 */
function structuredItems(text: string | null): StructuredItem[] {
  if (text === null) return [];
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const [head, ...rest] = part.split(';').map((piece) => piece.trim());
      const params = new Map<string, string>();
      for (const piece of rest) {
        const eq = piece.indexOf('=');
        if (eq > 0) params.set(piece.slice(0, eq).trim().toLowerCase(), piece.slice(eq + 1).trim().replace(/^"|"$/g, ''));
      }
      // The draft's older form has no name: `limit=100, remaining=50, reset=30`.
      const name = head !== undefined && !head.includes('=') ? head.replace(/^"|"$/g, '') : undefined;
      if (head !== undefined && head.includes('=')) {
        const eq = head.indexOf('=');
        params.set(head.slice(0, eq).trim().toLowerCase(), head.slice(eq + 1).trim());
      }
      return { name, params };
    });
}

/** The quota from `RateLimit-Policy` + `RateLimit` (Beta- prefixed or not); the tightest item wins. */
function readQuota(headers: HeaderSource, nowMs: number): RateLimitBucket | undefined {
  const policies = structuredItems(first(headers, 'Beta-RateLimit-Policy', 'RateLimit-Policy'));
  const states = structuredItems(first(headers, 'Beta-RateLimit', 'RateLimit'));
  let tightest: RateLimitBucket | undefined;
  for (const state of states) {
    const remaining = count(state.params.get('r') ?? state.params.get('remaining'));
    if (remaining === undefined) continue;
    const policy = policies.find((candidate) => candidate.name === state.name) ?? (policies.length === 1 ? policies[0] : undefined);
    const limit = count(policy?.params.get('q') ?? state.params.get('limit'));
    const secondsLeft = count(state.params.get('t') ?? state.params.get('reset'));
    const resetAtMs = secondsLeft !== undefined ? nowMs + secondsLeft * 1000 : parseResetMs(first(headers, 'X-Beta-RateLimit-Reset'), nowMs);
    const bucket: RateLimitBucket = { limit, remaining, resetAtMs, ...(state.name === undefined ? {} : { policy: state.name }) };
    if (tightest === undefined || share(bucket) < share(tightest)) tightest = bucket;
  }
  return tightest;
}

/** The fraction left (1 when the limit is unknown: nothing to compare against). */
export function share(bucket: RateLimitBucket): number {
  if (bucket.limit === undefined || bucket.limit <= 0) return bucket.remaining > 0 ? 1 : 0;
  return Math.min(1, bucket.remaining / bucket.limit);
}

function readRequests(headers: HeaderSource, nowMs: number): RateLimitBucket | undefined {
  const remaining = count(headers.get('X-RateLimit-Remaining'));
  if (remaining === undefined) return undefined;
  return { limit: count(headers.get('X-RateLimit-Limit')), remaining, resetAtMs: parseResetMs(headers.get('X-RateLimit-Reset'), nowMs) };
}

export function readRateLimitHeaders(headers: HeaderSource, nowMs: number): RateLimitReading {
  const retryAfterMs = parseRetryAfterMs(headers.get('Retry-After'), nowMs);
  const reason = first(headers, 'RateLimit-Reason', 'X-RateLimit-Reason', 'X-Beta-RateLimit-Reason')?.trim();
  let quota = readQuota(headers, nowMs);
  let requests = readRequests(headers, nowMs);
  // Cost-based limits (API-token traffic: `RateLimit-Reason: jira-cost-based`, X-RateLimit-Limit
  // 300000 an hour) count cost units in the X-RateLimit-* headers: read them as the quota.
  if (quota === undefined && requests !== undefined && reason !== undefined && /cost|quota/i.test(reason)) {
    quota = requests;
    requests = undefined;
  }
  const nearLimitText = first(headers, 'X-RateLimit-NearLimit', 'X-Beta-RateLimit-NearLimit');
  return {
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(quota === undefined ? {} : { quota }),
    ...(requests === undefined ? {} : { requests }),
    ...(reason === undefined || reason === '' ? {} : { reason: reason.slice(0, 80) }),
    ...(nearLimitText === null ? {} : { nearLimit: nearLimitText.trim().toLowerCase() === 'true' }),
  };
}
