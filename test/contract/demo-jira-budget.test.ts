/**
 * The demo Jira's limits as Jira publishes them (bulkfetch pages up to 10000, reconcileIssues up
 * to 50, an hourly points quota per actor with its headers and 429), and the app's client against
 * them on one fake clock: it slows down before the quota is gone and recovers after a 429.
 */
import { demoAuthorization, demoUser, generatePortfolio, startDemoJira, type RunningDemoJira } from '../../preview/demo-jira';
import { httpJira } from '../../src/adapters/http/jira';
import { jiraClientOptionsFor, type JiraUse } from '../../src/adapters/jira/client';
import { createJiraMeter } from '../../src/adapters/jira/meter';
import type { RetryTiming } from '../../src/adapters/jira/retry';
import { JiraOpenApi } from './support/openapi';

const NOW = Date.UTC(2026, 10, 15, 12, 0, 0);

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly body: Record<string, unknown>;
}

async function post(jira: RunningDemoJira, path: string, body: unknown): Promise<Answer> {
  const response = await fetch(`${jira.url}${path}`, {
    method: 'POST',
    headers: { Authorization: demoAuthorization('rte'), 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: JSON.parse(text) as Record<string, unknown> };
}

const historiesIn = (answer: Answer): number =>
  (answer.body['issueChangeLogs'] as { changeHistories: unknown[] }[]).reduce((sum, entry) => sum + entry.changeHistories.length, 0);

describe('the demo Jira’s page and request limits', () => {
  let jira: RunningDemoJira;
  let openApi: JiraOpenApi;
  beforeAll(async () => {
    openApi = JiraOpenApi.load();
    jira = await startDemoJira({ data: generatePortfolio({ now: NOW }), latencyMs: 0, faults: { rate: 0 }, now: () => NOW });
  });
  afterAll(() => jira?.close());

  const firstIssueIds = () => jira.data.issues.slice(0, 1000).map((issue) => issue.id);
  const valid = (body: unknown, answer: Answer) =>
    openApi.validatePair({ method: 'POST', url: '/rest/api/3/changelog/bulkfetch', requestBody: JSON.stringify(body), status: answer.status, responseBody: answer.text }).problems;

  it('should page bulkfetch at 1000 histories by default and at up to 10000 when asked, as the OpenAPI description allows', async () => {
    const byDefault = await post(jira, '/rest/api/3/changelog/bulkfetch', { issueIdsOrKeys: firstIssueIds(), fieldIds: ['status'] });
    const largest = { issueIdsOrKeys: firstIssueIds(), fieldIds: ['status'], maxResults: 10_000 };
    const answer = await post(jira, '/rest/api/3/changelog/bulkfetch', largest);

    expect(historiesIn(byDefault)).toBe(1000);
    expect(byDefault.body['nextPageToken']).toEqual(expect.any(String));
    expect(historiesIn(answer)).toBeGreaterThan(1000);
    expect(historiesIn(answer)).toBeLessThanOrEqual(10_000);
    // Each history date is an epoch number (a known gap of the description, see openapi.test.ts).
    expect(valid(largest, answer).filter((problem) => !/created must be string/.test(problem))).toEqual([]);
  });

  it('should refuse a bulkfetch page larger than 10000 with 400', async () => {
    const answer = await post(jira, '/rest/api/3/changelog/bulkfetch', { issueIdsOrKeys: firstIssueIds(), maxResults: 10_001 });
    expect(answer.status).toBe(400);
  });

  it.each([
    ['50 issue ids', 200, Array.from({ length: 50 }, (_, index) => 10_000 + index), undefined],
    ['51 issue ids', 400, Array.from({ length: 51 }, (_, index) => 10_000 + index), 'The reconcileIssues parameter accepts at most 50 issue ids; 51 were given.'],
    ['a key instead of an id', 400, ['PAY-1'], 'The reconcileIssues parameter accepts issue ids (integers) only.'],
  ])('should answer search/jql with reconcileIssues of %s with %i', async (_name, status, reconcileIssues, message) => {
    const body = { jql: 'issuetype = Epic', fields: ['id'], maxResults: 10, reconcileIssues };
    const answer = await post(jira, '/rest/api/3/search/jql', body);
    expect(answer.status).toBe(status);
    if (message !== undefined) expect(answer.body['errorMessages']).toEqual([message]);
    else expect(openApi.validatePair({ method: 'POST', url: '/rest/api/3/search/jql', requestBody: JSON.stringify(body), status: answer.status, responseBody: answer.text }).problems).toEqual([]);
  });
});

/** One fake clock for the demo Jira and the client: a client's sleep moves both. */
function sharedClock(startMs: number): RetryTiming & { sleeps: number[] } {
  let nowMs = startMs;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => nowMs,
    sleep: async (ms) => {
      sleeps.push(ms);
      nowMs += ms;
    },
    random: () => 0.5,
  };
}

describe('the client against the demo Jira’s hourly points quota', () => {
  let jira: RunningDemoJira;
  afterEach(() => jira?.close());

  async function setUp(pointsPerHour: number, startMs: number) {
    const clock = sharedClock(startMs);
    jira = await startDemoJira({ data: generatePortfolio({ now: NOW, epics: 5 }), latencyMs: 0, faults: { rate: 0 }, now: clock.now, pointsPerHour });
    const app = demoUser('app');
    const meter = createJiraMeter();
    const client = (use: JiraUse) => httpJira({ baseUrl: jira.url, email: app.email, apiToken: app.apiToken, ...jiraClientOptionsFor(use), timing: clock, meter });
    return { clock, client, meter };
  }

  it('should send the quota headers on every answer', async () => {
    await setUp(1000, NOW);
    const answer = await post(jira, '/rest/api/3/search/jql', { jql: 'issuetype = Epic', fields: ['id'] });
    expect(answer.headers.get('Beta-RateLimit-Policy')).toBe('"tenant-app-quota";q=1000;w=3600');
    // 1 point for the request and 1 per issue returned (5 epics).
    expect(answer.headers.get('Beta-RateLimit')).toBe('"tenant-app-quota";r=994;t=3600');
  });

  it('should slow down before the quota is gone and never get a 429 when it runs in the background', async () => {
    // Ten minutes before the hour ends, 100 points an hour, 2 points a request.
    const { clock, client, meter } = await setUp(100, NOW + 50 * 60_000);
    const jiraClient = client('background');
    for (let i = 0; i < 60; i++) await jiraClient.getMyself();

    expect(jira.calls.filter((call) => call.status === 429)).toEqual([]);
    expect(meter.snapshot()).toMatchObject({ calls: 60, points: 120 });
    // Full speed while ≥ 20 points were left (40 requests), then spaced out to the reset.
    expect(clock.sleeps.length).toBeGreaterThan(5);
    expect(clock.now()).toBeGreaterThanOrEqual(NOW + 60 * 60_000);
  });

  it('should fail fast with a rate-limited message as a resolver, and work again after the reset', async () => {
    const { clock, client } = await setUp(10, NOW);
    const first = client('interactive');
    for (let i = 0; i < 5; i++) await first.getMyself();
    // The quota is gone: the client knows and does not send; a new client asks and gets Jira's 429.
    const callsBefore = jira.calls.length;
    await expect(first.getMyself()).rejects.toMatchObject({ code: 'jira_unavailable', status: 429, pageMessage: expect.stringContaining('used up until 13:00 UTC') });
    expect(jira.calls.length).toBe(callsBefore);
    await expect(client('interactive').getMyself()).rejects.toMatchObject({ status: 429, message: expect.stringContaining('Jira asked to wait 3600.0 s') });
    expect(jira.calls.at(-1)?.status).toBe(429);

    await clock.sleep(60 * 60_000);
    await expect(first.getMyself()).resolves.toMatchObject({ accountId: demoUser('app').accountId });
  });

  it('should wait out the 429 and go on when it runs in the background near the reset', async () => {
    const { clock, client } = await setUp(4, NOW + 60 * 60_000 - 30_000);
    await client('interactive').getMyself();
    await client('interactive').getMyself();
    const background = client('background');
    await expect(background.getMyself()).resolves.toMatchObject({ accountId: demoUser('app').accountId });
    expect(jira.calls.map((call) => call.status)).toEqual([200, 200, 429, 200]);
    expect(clock.sleeps).toEqual([30_000]);
  });
});
