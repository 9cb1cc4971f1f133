import {
  backoffWindowMs,
  DEFAULT_RETRY_POLICY,
  describeAttempts,
  parseRetryAfterMs,
  RETRYABLE_STATUSES,
  withRetries,
  type RetryPolicy,
  type RetryRules,
} from '../../src/adapters/jira/retry';
import type { JiraResponse } from '../../src/adapters/jira/transport';
import { instantTiming, jiraResponse } from '../fixtures/jira/fakes';

const NOW_MS = Date.parse('2026-10-21T07:28:00Z');

describe('parseRetryAfterMs', () => {
  it.each([
    ['5', 5000],
    ['0', 0],
    [' 12 ', 12_000],
    ['1.5', 1500],
    ['Wed, 21 Oct 2026 07:28:10 GMT', 10_000],
    ['Wed, 21 Oct 2026 07:27:00 GMT', 0],
  ])('should wait %j as %i ms when the header is readable', (header, expectedMs) => {
    expect(parseRetryAfterMs(header, NOW_MS)).toBe(expectedMs);
  });

  it.each([[null], ['soon'], ['-1'], ['']])('should give undefined when the header is %j', (header) => {
    expect(parseRetryAfterMs(header, NOW_MS)).toBeUndefined();
  });
});

describe('backoffWindowMs', () => {
  it.each([
    [0, 500],
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [4, 8000],
    [7, 8000],
  ])('should double from 500 ms up to 8 s when retry %i is next', (retryIndex, expectedMs) => {
    expect(backoffWindowMs(retryIndex, DEFAULT_RETRY_POLICY)).toBe(expectedMs);
  });
});

function rulesWith(overrides: Partial<Omit<RetryRules, 'policy'>> & { policy?: Partial<RetryPolicy> } = {}) {
  const timing = instantTiming({ random: 0.5 });
  const rules: RetryRules = {
    timing,
    retryStatus: (status) => RETRYABLE_STATUSES.has(status),
    retryNetworkErrors: true,
    ...overrides,
    policy: { ...DEFAULT_RETRY_POLICY, ...overrides.policy },
  };
  return { rules, sleeps: timing.sleeps };
}

/** A send function answering from the list in order, counting its calls. */
function answers(...list: (JiraResponse | Error)[]) {
  let calls = 0;
  const send = async (): Promise<JiraResponse> => {
    const answer = list[Math.min(calls, list.length - 1)];
    calls += 1;
    if (answer === undefined) throw new Error('no answer');
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { send, calls: () => calls };
}

describe('withRetries', () => {
  it('should send once and not wait when the first answer is 200', async () => {
    const { rules, sleeps } = rulesWith();
    const script = answers(jiraResponse(200, '{}'));
    const outcome = await withRetries(script.send, rules);
    expect(outcome.kind).toBe('response');
    expect(script.calls()).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('should wait what Retry-After says when Jira answers 429', async () => {
    const { rules, sleeps } = rulesWith();
    const script = answers(jiraResponse(429, '', { 'Retry-After': '3' }), jiraResponse(200, '{}'));
    const outcome = await withRetries(script.send, rules);
    expect(outcome.kind === 'response' && outcome.response.status).toBe(200);
    expect(sleeps).toEqual([3000]);
    expect(outcome.attempts).toEqual([{ attempt: 1, status: 429, waitMs: 3000, waitReason: 'retry-after' }, { attempt: 2, status: 200 }]);
  });

  it('should back off with full jitter and stop at maxAttempts when every answer is 503 without Retry-After', async () => {
    const { rules, sleeps } = rulesWith();
    const script = answers(jiraResponse(503));
    const outcome = await withRetries(script.send, rules);
    // random 0.5 of the windows 500, 1000, 2000 ms; no wait after the 4th try.
    expect(sleeps).toEqual([250, 500, 1000]);
    expect(script.calls()).toBe(4);
    expect(outcome.kind === 'response' && outcome.response.status).toBe(503);
    expect(outcome.gaveUp).toBe('gave up after 4 attempts');
  });

  it('should ignore Retry-After and back off when the status is 500', async () => {
    const { rules, sleeps } = rulesWith({ policy: { maxAttempts: 2 } });
    await withRetries(answers(jiraResponse(500, '', { 'Retry-After': '5' })).send, rules);
    expect(sleeps).toEqual([250]);
  });

  it('should not wait at all when Retry-After is longer than the budget', async () => {
    const { rules, sleeps } = rulesWith();
    const script = answers(jiraResponse(429, '', { 'Retry-After': '30' }), jiraResponse(200, '{}'));
    const outcome = await withRetries(script.send, rules);
    expect(sleeps).toEqual([]);
    expect(script.calls()).toBe(1);
    expect(outcome.gaveUp).toBe('the next wait (Retry-After 30.0 s) would end past the 20.0 s budget, 0 ms already used');
  });

  it('should stop before the wait that would pass the budget when waits add up', async () => {
    const { rules, sleeps } = rulesWith({ policy: { budgetMs: 5000 } });
    const script = answers(jiraResponse(429, '', { 'Retry-After': '2' }));
    const outcome = await withRetries(script.send, rules);
    // 2 s + 2 s fit in 5 s; a third 2 s wait would end at 6 s.
    expect(sleeps).toEqual([2000, 2000]);
    expect(script.calls()).toBe(3);
    expect(outcome.gaveUp).toContain('4.0 s already used');
  });

  it('should retry a network error with backoff when the request may be repeated', async () => {
    const { rules, sleeps } = rulesWith();
    const script = answers(new TypeError('fetch failed'), jiraResponse(200, '{}'));
    const outcome = await withRetries(script.send, rules);
    expect(outcome.kind).toBe('response');
    expect(sleeps).toEqual([250]);
    expect(outcome.attempts[0]).toMatchObject({ status: undefined, errorMessage: 'fetch failed' });
  });

  it('should not repeat a network error when the request may have taken effect', async () => {
    const { rules, sleeps } = rulesWith({ retryNetworkErrors: false });
    const script = answers(new TypeError('socket hang up'));
    const outcome = await withRetries(script.send, rules);
    expect(outcome.kind).toBe('network-error');
    expect(script.calls()).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it.each([400, 401, 403, 404, 410])('should return at once when the status is %i', async (status) => {
    const { rules, sleeps } = rulesWith();
    const script = answers(jiraResponse(status));
    await withRetries(script.send, rules);
    expect(script.calls()).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('should not retry 500 when the rules allow only 429', async () => {
    const { rules } = rulesWith({ retryStatus: (status) => status === 429 });
    const script = answers(jiraResponse(500));
    await withRetries(script.send, rules);
    expect(script.calls()).toBe(1);
  });
});

describe('describeAttempts', () => {
  it('should list each try and its wait when several were made', () => {
    expect(
      describeAttempts([
        { attempt: 1, status: 429, waitMs: 2000, waitReason: 'retry-after' },
        { attempt: 2, status: undefined, errorMessage: 'fetch failed', waitMs: 400, waitReason: 'backoff' },
        { attempt: 3, status: 503 },
      ]),
    ).toBe('429, waited 2.0 s (Retry-After); network error (fetch failed), waited 400 ms (backoff); 503');
  });
});
