/**
 * Bounded retries for Jira requests. Pure apart from the injected timing (clock, sleep, random),
 * so the rules are tested without waiting: 429/503 wait what `Retry-After` says; other retryable
 * answers and network errors back off exponentially with full jitter; no wait is started that
 * would end past the time budget, and every try is recorded so a failure can say what was tried.
 */
import { errorMessage } from '../../errors';

export interface RetryPolicy {
  /** Tries in all, the first one included. */
  readonly maxAttempts: number;
  /** Time from the first try after which no wait may end (resolvers have 25 s in all). */
  readonly budgetMs: number;
  /** Backoff window before the first retry; it doubles for each further retry. */
  readonly baseDelayMs: number;
  /** Largest backoff window. */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, budgetMs: 20_000, baseDelayMs: 500, maxDelayMs: 8_000 };

export interface RetryTiming {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Uniform in [0, 1). */
  random(): number;
}

export const realRetryTiming: RetryTiming = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: () => Math.random(),
};

/** Statuses worth another try: rate limiting and transient server trouble. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);
/** Statuses whose `Retry-After` header we obey. */
const RETRY_AFTER_STATUSES: ReadonlySet<number> = new Set([429, 503]);

/** `Retry-After` as a wait in ms: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfterMs(header: string | null, nowMs: number): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // A bare number that is not delta-seconds (e.g. "-1") must not be read as a date by Date.parse.
  if (/^[-+\d.]+$/.test(text)) return undefined;
  const dateMs = Date.parse(text);
  if (Number.isNaN(dateMs)) return undefined;
  return Math.max(0, dateMs - nowMs);
}

/** The full-jitter window before retry number `retryIndex` (0 for the first retry). */
export function backoffWindowMs(retryIndex: number, policy: RetryPolicy): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryIndex);
}

export interface AttemptRecord {
  readonly attempt: number;
  /** The HTTP status, or `undefined` for a network error. */
  readonly status: number | undefined;
  readonly errorMessage?: string;
  /** A 2xx whose body was cut off or is not JSON: tried again like a 5xx. */
  readonly incomplete?: boolean;
  /** The wait that followed this try, if another try followed. */
  waitMs?: number;
  waitReason?: 'retry-after' | 'backoff';
}

export type RetryOutcome<R> =
  | { readonly kind: 'response'; readonly response: R; readonly attempts: readonly AttemptRecord[]; readonly gaveUp?: string }
  | { readonly kind: 'network-error'; readonly error: unknown; readonly attempts: readonly AttemptRecord[]; readonly gaveUp: string };

export interface RetryRules<R = unknown> {
  readonly policy: RetryPolicy;
  readonly timing: RetryTiming;
  /** Whether this status may be tried again (non-idempotent requests narrow it to 429). */
  readonly retryStatus: (status: number) => boolean;
  /** Whether a try that got no answer may be repeated (not when it may have taken effect). */
  readonly retryNetworkErrors: boolean;
  /**
   * Whether an answer is incomplete (a 2xx whose body was cut off or is not the JSON asked for):
   * it is tried again like a 5xx, within the same tries and time budget. None are by default.
   */
  readonly incomplete?: (response: R) => boolean;
  /**
   * The wait Jira asks for before a 429/503 is tried again; `Retry-After` by default. The client
   * passes its budget's reading (Retry-After, else the rate-limit reset).
   */
  readonly waitHint?: (response: R) => number | undefined;
  /** The longest single wait for Jira (a resolver's is short): a longer one gives up at once. */
  readonly maxWaitMs?: number;
  /** Errors that end the tries at once and are thrown as they are (the budget refusing to send). */
  readonly rethrow?: (error: unknown) => boolean;
}

interface ResponseLike {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
}

/**
 * Sends until an answer is final: not retryable, or out of tries, or out of time. Returns the last
 * answer (the caller turns a non-2xx into an error) or the last network error, with the record.
 */
export async function withRetries<R extends ResponseLike>(send: () => Promise<R>, rules: RetryRules<R>): Promise<RetryOutcome<R>> {
  const { policy, timing } = rules;
  const startMs = timing.now();
  const attempts: AttemptRecord[] = [];
  for (let attempt = 1; ; attempt += 1) {
    let response: R | undefined;
    let error: unknown;
    try {
      response = await send();
    } catch (caught) {
      if (rules.rethrow?.(caught) === true) throw caught;
      error = caught;
    }
    const incomplete = response !== undefined && rules.incomplete?.(response) === true;
    const record: AttemptRecord =
      response === undefined
        ? { attempt, status: undefined, errorMessage: errorMessage(error) }
        : { attempt, status: response.status, ...(incomplete ? { incomplete } : {}) };
    attempts.push(record);
    const finish = (gaveUp: string | undefined): RetryOutcome<R> =>
      response === undefined
        ? { kind: 'network-error', error, attempts, gaveUp: gaveUp ?? 'not retried' }
        : { kind: 'response', response, attempts, ...(gaveUp === undefined ? {} : { gaveUp }) };

    const retryable = response === undefined ? rules.retryNetworkErrors : incomplete || rules.retryStatus(response.status);
    if (!retryable) return finish(response === undefined ? 'a request that may have taken effect is not repeated' : undefined);
    if (attempt >= policy.maxAttempts) return finish(`gave up after ${attempt} attempts`);

    const retryAfterMs =
      response !== undefined && RETRY_AFTER_STATUSES.has(response.status)
        ? (rules.waitHint ?? ((answer: R) => parseRetryAfterMs(answer.headers.get('Retry-After'), timing.now())))(response)
        : undefined;
    const waitMs = retryAfterMs ?? Math.floor(timing.random() * backoffWindowMs(attempt - 1, policy));
    if (retryAfterMs !== undefined && rules.maxWaitMs !== undefined && retryAfterMs > rules.maxWaitMs) {
      return finish(`Jira asked to wait ${formatMs(retryAfterMs)}, longer than the ${formatMs(rules.maxWaitMs)} this request may wait`);
    }
    const elapsedMs = timing.now() - startMs;
    if (elapsedMs + waitMs > policy.budgetMs) {
      const source = retryAfterMs === undefined ? 'backoff' : 'Retry-After';
      return finish(`the next wait (${source} ${formatMs(waitMs)}) would end past the ${formatMs(policy.budgetMs)} budget, ${formatMs(elapsedMs)} already used`);
    }
    record.waitMs = waitMs;
    record.waitReason = retryAfterMs === undefined ? 'backoff' : 'retry-after';
    await timing.sleep(waitMs);
  }
}

/** "503, waited 1.2 s (Retry-After); 503, waited 0.4 s (backoff); 503" — for error messages. */
export function describeAttempts(attempts: readonly AttemptRecord[]): string {
  return attempts
    .map((record) => {
      const outcome =
        record.status === undefined
          ? `network error (${record.errorMessage ?? 'unknown'})`
          : `${record.status}${record.incomplete === true ? ' with an incomplete body' : ''}`;
      if (record.waitMs === undefined) return outcome;
      return `${outcome}, waited ${formatMs(record.waitMs)} (${record.waitReason === 'retry-after' ? 'Retry-After' : 'backoff'})`;
    })
    .join('; ');
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}
