/**
 * The Jira client against Jira's rate limits: the headers read leniently, requests spaced out
 * before the hourly points quota is gone, 429s waited out or refused fast by what the client is
 * for, and the limit's scope (quota, one endpoint's burst, one issue's writes) respected.
 * Fake clock throughout: `sleeps` is what the client would have waited.
 */
import fc from 'fast-check';
import { BACKGROUND_BUDGET, INTERACTIVE_BUDGET } from '../../src/adapters/jira/budget';
import { createJiraClient, jiraClientOptionsFor } from '../../src/adapters/jira/client';
import { readRateLimitHeaders } from '../../src/adapters/jira/rateLimitHeaders';
import { JiraUnavailableError } from '../../src/errors';
import { fixture, instantTiming, jiraResponse, pathOf, scriptedTransport, type Answer } from '../fixtures/jira/fakes';

const NOW_MS = Date.UTC(2026, 11, 1, 15, 25, 0);
const headersOf = (record: Record<string, string>) => jiraResponse(200, '', record).headers;

describe('readRateLimitHeaders', () => {
  it("should read the points quota when Jira sends Beta-RateLimit-Policy and Beta-RateLimit as in Atlassian's example", () => {
    const reading = readRateLimitHeaders(
      headersOf({
        'Beta-RateLimit-Policy': '"tenant-app-quota";q=100100;w=3600',
        'Beta-RateLimit': '"tenant-app-quota";r=17842;t=2107',
        'X-Beta-RateLimit-Reason': 'jira-quota-tenant-based',
        'X-Beta-RateLimit-NearLimit': 'true',
        'X-RateLimit-Limit': '350',
        'X-RateLimit-Remaining': '349',
      }),
      NOW_MS,
    );
    expect(reading).toEqual({
      quota: { limit: 100100, remaining: 17842, resetAtMs: NOW_MS + 2_107_000, policy: 'tenant-app-quota' },
      requests: { limit: 350, remaining: 349, resetAtMs: undefined },
      reason: 'jira-quota-tenant-based',
      nearLimit: true,
    });
  });

  it('should read Retry-After, RateLimit-Reason and an ISO X-RateLimit-Reset when Jira answers 429', () => {
    const reading = readRateLimitHeaders(
      headersOf({ 'Retry-After': '30', 'RateLimit-Reason': 'jira-burst-based', 'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '2026-12-01T15:26Z' }),
      NOW_MS,
    );
    expect(reading).toEqual({ retryAfterMs: 30_000, requests: { limit: 100, remaining: 0, resetAtMs: Date.UTC(2026, 11, 1, 15, 26) }, reason: 'jira-burst-based' });
  });

  it('should read X-RateLimit-* as the hourly quota when the reason says the limit is cost-based', () => {
    const reading = readRateLimitHeaders(
      headersOf({ 'RateLimit-Reason': 'jira-cost-based', 'X-RateLimit-Limit': '300000', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '2026-12-01T16:00Z' }),
      NOW_MS,
    );
    expect(reading).toEqual({ quota: { limit: 300000, remaining: 0, resetAtMs: Date.UTC(2026, 11, 1, 16, 0) }, reason: 'jira-cost-based' });
  });

  it('should read the unprefixed RateLimit headers and keep the tightest of several policies', () => {
    const reading = readRateLimitHeaders(
      headersOf({ 'RateLimit-Policy': '"hourly";q=1000;w=3600, "burst";q=10;w=1', RateLimit: '"hourly";r=900;t=600, "burst";r=1;t=1' }),
      NOW_MS,
    );
    expect(reading.quota).toEqual({ limit: 10, remaining: 1, resetAtMs: NOW_MS + 1000, policy: 'burst' });
  });

  it.each([
    ['Beta-RateLimit', '"tenant-app-quota";r=-5;t=10'],
    ['Beta-RateLimit', '"tenant-app-quota";r=abc'],
    ['Beta-RateLimit', ';;;,,,=='],
    ['X-RateLimit-Remaining', '1e9'],
    ['X-RateLimit-Remaining', ''],
    ['Retry-After', 'soon'],
  ])('should ignore %s: %j rather than guess', (name, value) => {
    const reading = readRateLimitHeaders(headersOf({ [name]: value }), NOW_MS);
    expect(reading).toEqual({});
  });

  it('should never throw whatever the rate-limit headers hold', () => {
    const names = ['Retry-After', 'Beta-RateLimit-Policy', 'Beta-RateLimit', 'RateLimit', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset', 'RateLimit-Reason'];
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...names), fc.string({ maxLength: 60 })), (headers) => {
        const reading = readRateLimitHeaders(headersOf(headers), NOW_MS);
        for (const bucket of [reading.quota, reading.requests]) if (bucket) expect(bucket.remaining).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

/** An answer to GET /myself (2 points: base + the one user) carrying the given rate-limit headers. */
const myself = (headers: Record<string, string> = {}, status = 200): Answer => jiraResponse(status, status === 200 ? fixture('myself') : '{"errorMessages":["Rate limit exceeded."],"errors":{}}', headers);
const quotaLeft = (remaining: number, secondsToReset: number) => ({
  'Beta-RateLimit-Policy': '"tenant-app-quota";q=1000;w=3600',
  'Beta-RateLimit': `"tenant-app-quota";r=${remaining};t=${secondsToReset}`,
});

function clientWith(use: 'interactive' | 'background', ...answers: Answer[]) {
  const { transport, requests } = scriptedTransport(...answers);
  const timing = instantTiming({ startMs: NOW_MS });
  const jira = createJiraClient(transport, { ...jiraClientOptionsFor(use), timing });
  return { jira, requests, sleeps: timing.sleeps, timing };
}

describe('the client pacing itself', () => {
  it('should not wait at all when more than a fifth of the quota is left', async () => {
    const { jira, sleeps } = clientWith('interactive', myself(quotaLeft(600, 1800)));
    for (let i = 0; i < 5; i++) await jira.getMyself();
    expect(sleeps).toEqual([]);
  });

  it('should space requests so the points left last to the reset when less than a fifth is left', async () => {
    // 100 of 1000 points left, 100 s to the reset, 2 points a request: one request every 2 s.
    const { jira, requests, sleeps } = clientWith('interactive', myself(quotaLeft(100, 100)));
    for (let i = 0; i < 4; i++) await jira.getMyself();
    expect(requests).toHaveLength(4);
    // The first request has no reading yet; the second takes the first slot at once.
    expect(sleeps).toEqual([2000, 2000]);
  });

  it('should wait for the reset and then send when the quota is used up and the reset is near', async () => {
    const { jira, requests, sleeps } = clientWith('interactive', myself(quotaLeft(0, 3)), myself(quotaLeft(1000, 3600)));
    await jira.getMyself();
    await jira.getMyself();
    expect(sleeps).toEqual([3000]);
    expect(requests).toHaveLength(2);
  });

  it('should not send and say until when when the quota is used up for longer than a resolver may wait', async () => {
    const { jira, requests } = clientWith('interactive', myself(quotaLeft(0, 1800)));
    await jira.getMyself();
    const refused = jira.getMyself();
    await expect(refused).rejects.toThrow(JiraUnavailableError);
    await expect(refused).rejects.toMatchObject({
      code: 'jira_unavailable',
      status: 429,
      message: expect.stringMatching(/^GET \/rest\/api\/3\/myself: not sent: Jira's hourly points quota for the app is used up until 2026-12-01T15:55:00.000Z \(1800 s\), longer than the 5 s/),
      pageMessage: 'Jira’s rate limit for Lean Portfolio is used up until 15:55 UTC. Try again after that; if it keeps happening, tell your Jira admin.',
    });
    expect(requests).toHaveLength(1);
  });
});

describe('the client after a 429', () => {
  const rateLimited = (retryAfter: string, reason = 'jira-quota-tenant-based') => myself({ 'Retry-After': retryAfter, 'RateLimit-Reason': reason }, 429);

  it('should wait out a long Retry-After and recover when it runs in the background', async () => {
    const { jira, requests, sleeps } = clientWith('background', rateLimited('60'), myself());
    await expect(jira.getMyself()).resolves.toMatchObject({ accountId: expect.any(String) });
    expect(sleeps).toEqual([60_000]);
    expect(requests).toHaveLength(2);
  });

  it('should fail at once, saying until when, when a resolver would wait longer than it may', async () => {
    const { jira, requests, sleeps } = clientWith('interactive', rateLimited('600'), myself());
    await expect(jira.getMyself()).rejects.toMatchObject({
      status: 429,
      message: expect.stringContaining('Jira asked to wait 600.0 s, longer than the 5.0 s this request may wait'),
      pageMessage: 'Jira’s rate limit for Lean Portfolio is used up until 15:35 UTC. Try again after that; if it keeps happening, tell your Jira admin.',
    });
    expect(sleeps).toEqual([]);
    expect(requests).toHaveLength(1);
  });

  it('should hold back every other request until the Retry-After ends when the quota answered 429', async () => {
    const { jira, requests } = clientWith('interactive', rateLimited('60'), myself());
    await jira.getMyself().catch(() => undefined);
    await expect(jira.getFields()).rejects.toMatchObject({ status: 429, message: expect.stringContaining('GET /rest/api/3/field: not sent: Jira asked the app to wait (jira-quota-tenant-based)') });
    expect(requests.map(pathOf)).toEqual(['/rest/api/3/myself']);
  });

  it('should hold back only that endpoint when its burst limit answered 429', async () => {
    const { jira, requests } = clientWith('interactive', rateLimited('60', 'jira-burst-based'), jiraResponse(200, fixture('project-search')));
    await jira.getMyself().catch(() => undefined);
    await jira.getProjects();
    await expect(jira.getMyself()).rejects.toMatchObject({ status: 429 });
    expect(requests.map(pathOf)).toEqual(['/rest/api/3/myself', '/rest/api/3/project/search']);
  });

  it('should wait for the quota reset when a 429 has no Retry-After', async () => {
    const { jira, sleeps } = clientWith('background', myself({ ...quotaLeft(0, 4) }, 429), myself());
    await jira.getMyself();
    expect(sleeps).toEqual([4000]);
  });

  it('should wait briefly for a resolver and long for a background sync, by default', () => {
    expect(INTERACTIVE_BUDGET.maxWaitMs).toBeLessThan(25_000 / 4);
    expect(BACKGROUND_BUDGET.maxWaitMs).toBeGreaterThanOrEqual(60_000);
  });
});
