/**
 * Every request the Jira client sends is counted by endpoint (ids replaced) and by estimated
 * points (1 per request + 1 per object a read returns); and search/jql's `reconcileIssues` is
 * sent as Jira's OpenAPI description has it, on every page, never more than 50 ids.
 */
import { createJiraClient } from '../../src/adapters/jira/client';
import { createJiraMeter, endpointTemplate, estimatePoints, meterDelta, objectsReturned } from '../../src/adapters/jira/meter';
import { jiraPath } from '../../src/adapters/jira/path';
import { InvalidInputError } from '../../src/errors';
import { fixture, instantTiming, jiraResponse, ok, scriptedTransport, type Answer } from '../fixtures/jira/fakes';
import { JiraOpenApi } from './support/openapi';

function meteredClient(...answers: Answer[]) {
  const { transport, requests } = scriptedTransport(...answers);
  const meter = createJiraMeter();
  const jira = createJiraClient(transport, { timing: instantTiming(), meter });
  return { jira, requests, meter };
}

describe('endpointTemplate', () => {
  it.each([
    ['an issue property', jiraPath`/rest/api/3/issue/${'PAY-12'}/properties/${'lean-portfolio.wsjf'}`, 'PUT', 'PUT /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}'],
    ['a transition', jiraPath`/rest/api/3/issue/${'10068'}/transitions`, 'POST', 'POST /rest/api/3/issue/{issueIdOrKey}/transitions'],
    ['a search (no ids)', jiraPath`/rest/api/3/search/jql`, 'POST', 'POST /rest/api/3/search/jql'],
  ])('should replace the ids of %s so calls group by endpoint', (_name, path, method, expected) => {
    expect(endpointTemplate(method, path)).toBe(expected);
  });
});

describe('estimatePoints', () => {
  it.each([
    ['a search page of 3 issues', 'read', 200, { issues: [{}, {}, {}] }, 4],
    ['a bulkfetch page of 2 issues with 5 histories', 'read', 200, { issueChangeLogs: [{ changeHistories: [{}, {}, {}] }, { changeHistories: [{}, {}] }] }, 6],
    ['a list of 2 statuses', 'read', 200, { values: [{}, {}], isLast: true }, 3],
    ['GET /field, an array of 4', 'read', 200, [{}, {}, {}, {}], 5],
    ['one issue', 'read', 200, { id: '1', key: 'PAY-1' }, 2],
    ['a write', 'write', 204, undefined, 1],
    ['a refused read', 'read', 400, undefined, 1],
  ] as const)('should cost %s as base 1 + 1 per object', (_name, kind, status, json, expected) => {
    expect(estimatePoints(kind, status, json)).toBe(expected);
  });

  it('should count nothing for a body that is not an object', () => {
    expect(objectsReturned('text')).toBe(0);
  });
});

describe('the Jira meter', () => {
  it('should count each search page and each bulkfetch page with its objects when the client reads a portfolio', async () => {
    const { jira, meter } = meteredClient(ok('search-jql-page-1'), ok('search-jql-page-2'), ok('bulkfetch-page-1'), ok('bulkfetch-page-2'));
    const issues = await jira.searchIssues({ jql: 'issuetype = Epic', fields: ['summary'] });
    const histories = await jira.fetchChangelogs(['10068', '10071', '10102'], ['status']);

    const historyCount = [...histories.values()].reduce((sum, list) => sum + list.length, 0);
    const snapshot = meter.snapshot();
    expect(snapshot.byEndpoint).toEqual({
      'POST /rest/api/3/changelog/bulkfetch': { calls: 2, points: 2 + historyCount },
      'POST /rest/api/3/search/jql': { calls: 2, points: 2 + issues.length },
    });
    expect(snapshot).toMatchObject({ calls: 4, points: 4 + issues.length + historyCount });
  });

  it('should count every try and a write at its base cost when a PUT is retried after a 503', async () => {
    const { jira, meter } = meteredClient(jiraResponse(503), jiraResponse(204));
    const before = meter.snapshot();
    await jira.setIssueProperty('PAY-12', 'lean-portfolio.wsjf', { wsjfScore: 3 });
    expect(meterDelta(before, meter.snapshot())).toEqual({
      calls: 2,
      points: 2,
      byEndpoint: { 'PUT /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}': { calls: 2, points: 2 } },
    });
  });

  it('should count a request that got no answer', async () => {
    const { jira, meter } = meteredClient(new TypeError('fetch failed'), ok('myself'));
    await jira.getMyself();
    expect(meter.snapshot().byEndpoint['GET /rest/api/3/myself']).toEqual({ calls: 2, points: 3 });
  });
});

describe('reconcileIssues', () => {
  it('should send the same reconcileIssues on every search page, as the OpenAPI description has it', async () => {
    const { jira, requests } = meteredClient(ok('search-jql-ids-page-1'), ok('search-jql-ids-page-2'));
    await jira.searchIssueIds('project = PAY', { reconcileIssues: [10068, 10071, 10068] });

    expect(requests.map((request) => (request.body as { reconcileIssues?: number[] }).reconcileIssues)).toEqual([
      [10068, 10071],
      [10068, 10071],
    ]);
    const openApi = JiraOpenApi.load();
    for (const [index, request] of requests.entries()) {
      const verdict = openApi.validatePair({
        method: 'POST',
        url: '/rest/api/3/search/jql',
        requestBody: JSON.stringify(request.body),
        status: 200,
        responseBody: fixture(`search-jql-ids-page-${index + 1}`),
      });
      expect(verdict).toEqual({ endpoint: 'POST /rest/api/3/search/jql', problems: [] });
    }
  });

  it('should send reconcileIssues with a field search and leave it out when none are given', async () => {
    const { jira, requests } = meteredClient(ok('search-jql-page-2'));
    await jira.searchIssues({ jql: 'project = PAY', fields: ['status'], reconcileIssues: [10068] });
    await jira.searchIssues({ jql: 'project = PAY', fields: ['status'], reconcileIssues: [] });
    expect(requests[0]?.body).toMatchObject({ reconcileIssues: [10068] });
    expect(requests[1]?.body).not.toHaveProperty('reconcileIssues');
  });

  it.each([
    ['51 ids', Array.from({ length: 51 }, (_, index) => 10_000 + index), /at most 50 issue ids, got 51/],
    ['a fraction', [10068.5], /positive integers/],
    ['a negative id', [-1], /positive integers/],
  ])('should refuse %s before sending anything', async (_name, ids, message) => {
    const { jira, requests } = meteredClient(ok('search-jql-ids-page-2'));
    const refused = jira.searchIssueIds('project = PAY', { reconcileIssues: ids });
    await expect(refused).rejects.toThrow(InvalidInputError);
    await expect(refused).rejects.toThrow(message);
    expect(requests).toHaveLength(0);
  });
});
