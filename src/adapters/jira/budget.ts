/**
 * The client's side of Jira's rate limits: it reads the limit headers of every answer and paces
 * its own requests so the hourly points quota is not used up before the window resets, instead of
 * running into 429s. One budget per client (per actor); concurrent requests share its slots.
 *
 * - Plenty left (≥ `slowDownBelow` of the quota): no waiting at all.
 * - Little left: requests are spaced so the points left last until the reset: one request every
 *   (time to reset × points per request ÷ points left), each wait capped at `maxWaitMs`.
 * - Nothing left, or a 429 said wait: the request waits for the reset when that is within
 *   `maxWaitMs`; otherwise it is not sent and fails at once with a rate-limited JiraUnavailableError.
 *   A resolver (25 s in all) gets a short `maxWaitMs`, a background sync a long one.
 * A 429 for one endpoint's burst limit holds back that endpoint only; one for a single issue's
 * writes holds back nothing else (the retry waits on its own); any other holds back every request.
 */
import { JiraUnavailableError } from '../../errors';
import { JIRA_PAGE_MESSAGES } from './errors';
import { readRateLimitHeaders, share, type HeaderSource, type RateLimitBucket, type RateLimitReading } from './rateLimitHeaders';
import type { RetryTiming } from './retry';

export interface JiraBudgetPolicy {
  /** Below this share of a bucket left, requests are spaced out over the rest of its window. */
  readonly slowDownBelow: number;
  /** The longest one request waits (a pacing slot, an empty bucket, a Retry-After) before it is refused. */
  readonly maxWaitMs: number;
}

/** For what a person waits on (resolvers have 25 s in all): rather fail fast than sleep a minute. */
export const INTERACTIVE_BUDGET: JiraBudgetPolicy = { slowDownBelow: 0.2, maxWaitMs: 5_000 };
/** For triggers, scheduled refreshes and queue consumers (up to 900 s). */
export const BACKGROUND_BUDGET: JiraBudgetPolicy = { slowDownBelow: 0.2, maxWaitMs: 120_000 };

/** A request the budget did not send: waiting for Jira's limit would take longer than allowed. */
class JiraBudgetRefusal extends JiraUnavailableError {}

export const isBudgetRefusal = (error: unknown): boolean => error instanceof JiraBudgetRefusal;

interface Observed {
  readonly bucket: RateLimitBucket;
  /** Points used since the reading, by our own estimate (the next answer's headers replace it). */
  spentSince: number;
}

export interface JiraBudget {
  /** Waits until the request may go, or throws JiraUnavailableError (429) when that would take too long. */
  beforeRequest(endpoint: string): Promise<void>;
  /** Reads an answer's headers; `points` is the estimate of what the answer cost. */
  observe(endpoint: string, status: number, headers: HeaderSource, points: number): RateLimitReading;
  /** How long to wait before retrying a 429/503 answer: Retry-After, else the bucket's reset. */
  retryWaitMs(headers: HeaderSource): number | undefined;
  /**
   * Until when a 429 holds this endpoint back (epoch ms), when that is more than a minute away
   * (a shorter hold is "wait a minute and try again"); undefined otherwise.
   */
  heldUntilMs(endpoint: string): number | undefined;
  readonly policy: JiraBudgetPolicy;
}

export function createJiraBudget(policy: JiraBudgetPolicy, timing: RetryTiming): JiraBudget {
  let quota: Observed | undefined;
  let requests: Observed | undefined;
  let blockedUntilMs = 0;
  let blockedReason: string | undefined;
  const endpointBlockedUntilMs = new Map<string, number>();
  let nextSlotMs = 0;
  let calls = 0;
  let points = 0;

  const pointsPerCall = (): number => (calls === 0 ? 1 : Math.max(1, points / calls));

  /** The gap between requests that makes this bucket last until its reset; 0 while it has plenty. */
  function spacingMs(observed: Observed | undefined, cost: number, nowMs: number): { gapMs: number; emptyUntilMs?: number } {
    if (observed === undefined) return { gapMs: 0 };
    const { bucket } = observed;
    if (bucket.resetAtMs === undefined || bucket.resetAtMs <= nowMs) return { gapMs: 0 };
    const remaining = bucket.remaining - observed.spentSince;
    const left = { ...bucket, remaining: Math.max(0, remaining) };
    if (share(left) >= policy.slowDownBelow) return { gapMs: 0 };
    if (remaining < 1) return { gapMs: 0, emptyUntilMs: bucket.resetAtMs };
    return { gapMs: ((bucket.resetAtMs - nowMs) * cost) / remaining };
  }

  function refuse(endpoint: string, untilMs: number, what: string): never {
    const until = new Date(untilMs).toISOString();
    throw new JiraBudgetRefusal(
      `${endpoint}: not sent: ${what} until ${until} (${Math.ceil((untilMs - timing.now()) / 1000)} s), longer than the ${Math.round(policy.maxWaitMs / 1000)} s this request may wait`,
      429,
      { pageMessage: JIRA_PAGE_MESSAGES.rateLimitedUntil(untilMs) },
    );
  }

  async function waitUntil(endpoint: string, untilMs: number, what: string): Promise<void> {
    const waitMs = untilMs - timing.now();
    if (waitMs <= 0) return;
    if (waitMs > policy.maxWaitMs) refuse(endpoint, untilMs, what);
    await timing.sleep(waitMs);
  }

  function readingWaitMs(reading: RateLimitReading, nowMs: number): number | undefined {
    if (reading.retryAfterMs !== undefined) return reading.retryAfterMs;
    const resets = [reading.quota, reading.requests]
      .filter((bucket): bucket is RateLimitBucket => bucket !== undefined && bucket.remaining <= 0 && bucket.resetAtMs !== undefined)
      .map((bucket) => (bucket.resetAtMs as number) - nowMs);
    return resets.length === 0 ? undefined : Math.max(0, Math.max(...resets));
  }

  return {
    policy,

    async beforeRequest(endpoint) {
      const blocked = Math.max(blockedUntilMs, endpointBlockedUntilMs.get(endpoint) ?? 0);
      await waitUntil(endpoint, blocked, `Jira asked the app to wait${blockedReason === undefined ? '' : ` (${blockedReason})`}`);
      const nowMs = timing.now();
      const cost = pointsPerCall();
      const fromQuota = spacingMs(quota, cost, nowMs);
      const fromRequests = spacingMs(requests, 1, nowMs);
      const emptyUntilMs = Math.max(fromQuota.emptyUntilMs ?? 0, fromRequests.emptyUntilMs ?? 0);
      if (emptyUntilMs > nowMs) {
        await waitUntil(endpoint, emptyUntilMs, fromQuota.emptyUntilMs !== undefined ? "Jira's hourly points quota for the app is used up" : "Jira's request limit is used up");
        return;
      }
      const gapMs = Math.max(fromQuota.gapMs, fromRequests.gapMs);
      if (gapMs <= 0) return;
      // Concurrent requests take consecutive slots; a slot never waits longer than maxWaitMs.
      const slotMs = Math.max(nowMs, nextSlotMs);
      nextSlotMs = slotMs + gapMs;
      const waitMs = Math.min(slotMs - nowMs, policy.maxWaitMs);
      if (waitMs > 0) await timing.sleep(waitMs);
    },

    observe(endpoint, status, headers, spent) {
      const nowMs = timing.now();
      calls += 1;
      points += spent;
      const reading = readRateLimitHeaders(headers, nowMs);
      if (reading.quota !== undefined) quota = { bucket: reading.quota, spentSince: 0 };
      else if (quota !== undefined) quota.spentSince += spent;
      if (reading.requests !== undefined) requests = { bucket: reading.requests, spentSince: 0 };
      else if (requests !== undefined) requests.spentSince += 1;
      if (status === 429) {
        const untilMs = nowMs + (readingWaitMs(reading, nowMs) ?? 1000);
        if (reading.reason === 'jira-burst-based') endpointBlockedUntilMs.set(endpoint, Math.max(untilMs, endpointBlockedUntilMs.get(endpoint) ?? 0));
        else if (reading.reason !== 'jira-per-issue-on-write' && untilMs > blockedUntilMs) {
          blockedUntilMs = untilMs;
          blockedReason = reading.reason;
        }
      }
      return reading;
    },

    heldUntilMs(endpoint) {
      const untilMs = Math.max(blockedUntilMs, endpointBlockedUntilMs.get(endpoint) ?? 0);
      return untilMs > timing.now() + 60_000 ? untilMs : undefined;
    },

    retryWaitMs(headers) {
      const nowMs = timing.now();
      return readingWaitMs(readRateLimitHeaders(headers, nowMs), nowMs);
    },
  };
}
