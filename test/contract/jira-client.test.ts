import { createJiraClient } from '../../src/adapters/jira/client';
import type { JiraRequest } from '../../src/adapters/jira/transport';
import { ForbiddenError, InvalidDataError, InvalidInputError, JiraUnavailableError, NotFoundError } from '../../src/errors';
import { fixture, instantTiming, jiraResponse, ok, pathOf, scriptedTransport, type Answer } from '../fixtures/jira/fakes';

function clientWith(...answers: Answer[]) {
  const { transport, requests } = scriptedTransport(...answers);
  const timing = instantTiming({ random: 0.5 });
  return { jira: createJiraClient(transport, { timing }), requests, sleeps: timing.sleeps };
}

const bodyOf = (request: JiraRequest | undefined): Record<string, unknown> => (request?.body ?? {}) as Record<string, unknown>;

describe('searchIssues', () => {
  it('should follow nextPageToken to the last page when Jira sends pages without total', async () => {
    const { jira, requests } = clientWith(ok('search-jql-page-1'), ok('search-jql-page-2'));
    const issues = await jira.searchIssues({ jql: 'issuetype = Epic ORDER BY key', fields: ['summary', 'status', 'created'], properties: ['lean-portfolio.wsjf'] });

    expect(issues.map((issue) => issue.key)).toEqual(['PAY-12', 'PAY-15', 'LOY-3']);
    expect(requests.map((request) => `${request.method} ${pathOf(request)}`)).toEqual(['POST /rest/api/3/search/jql', 'POST /rest/api/3/search/jql']);
    expect(requests[0]?.body).toEqual({
      jql: 'issuetype = Epic ORDER BY key',
      fields: ['summary', 'status', 'created'],
      properties: ['lean-portfolio.wsjf'],
      maxResults: 5000,
    });
    expect(bodyOf(requests[1])).toMatchObject({ nextPageToken: 'CAEaAggD', maxResults: 5000 });
  });

  it('should turn Jira timestamps with a +hhmm offset into epoch ms when it parses issues', async () => {
    const { jira } = clientWith(ok('search-jql-page-1'), ok('search-jql-page-2'));
    const [first, , third] = await jira.searchIssues({ jql: 'x', fields: ['created'] });
    // 2024-06-03T10:15:42.118+0200 and 2024-09-30T14:45:00.000-0400
    expect(first?.fields.created).toBe(Date.UTC(2024, 5, 3, 8, 15, 42, 118));
    expect(third?.fields.created).toBe(Date.UTC(2024, 8, 30, 18, 45, 0, 0));
    expect(first?.properties?.['lean-portfolio.wsjf']).toEqual({ userBusinessValue: 8, timeCriticality: 5, riskReduction: 3, jobSize: 5, wsjfScore: 3.2 });
  });

  it('should ask for the given page size when one is set', async () => {
    const { jira, requests } = clientWith(ok('search-jql-page-2'));
    await jira.searchIssues({ jql: 'x', fields: ['status'], pageSize: 50 });
    expect(bodyOf(requests[0])['maxResults']).toBe(50);
    expect(bodyOf(requests[0])).not.toHaveProperty('properties');
  });

  it('should stop when the last page carries nextPageToken null', async () => {
    const { jira, requests } = clientWith(jiraResponse(200, JSON.stringify({ issues: [{ id: '1', key: 'A-1' }], nextPageToken: null })));
    expect(await jira.searchIssues({ jql: 'x', fields: ['summary'] })).toHaveLength(1);
    expect(requests).toHaveLength(1);
  });

  it.each([
    [1, 1, 1, ['PAY-12']],
    [2, 2, 1, ['PAY-12', 'PAY-15']],
    [3, 3, 2, ['PAY-12', 'PAY-15', 'LOY-3']],
    [50, 50, 2, ['PAY-12', 'PAY-15', 'LOY-3']],
  ])('should ask for at most %i, in pages of %i, and stop after %i page(s) when maxIssues caps the search', async (maxIssues, pageSize, calls, keys) => {
    const { jira, requests } = clientWith(ok('search-jql-page-1'), ok('search-jql-page-2'));
    const issues = await jira.searchIssues({ jql: 'x', fields: ['summary'], maxIssues });
    expect(issues.map((issue) => issue.key)).toEqual(keys);
    expect(requests).toHaveLength(calls);
    expect(requests.map((request) => bodyOf(request)['maxResults'])).toEqual(Array(calls).fill(pageSize));
  });

  it('should ask Jira nothing when maxIssues is 0', async () => {
    const { jira, requests } = clientWith(ok('search-jql-page-1'));
    expect(await jira.searchIssues({ jql: 'x', fields: ['summary'], maxIssues: 0 })).toEqual([]);
    expect(requests).toHaveLength(0);
  });

  it('should stop when isLast is true even if a token is present', async () => {
    const { jira, requests } = clientWith(jiraResponse(200, JSON.stringify({ issues: [], nextPageToken: 'stale', isLast: true })));
    expect(await jira.searchIssues({ jql: 'x', fields: ['summary'] })).toEqual([]);
    expect(requests).toHaveLength(1);
  });

  it('should throw InvalidDataError when Jira repeats a page token', async () => {
    const page = jiraResponse(200, JSON.stringify({ issues: [], nextPageToken: 'again', isLast: false }));
    const { jira, requests } = clientWith(page);
    await expect(jira.searchIssues({ jql: 'x', fields: ['summary'] })).rejects.toThrow(InvalidDataError);
    expect(requests).toHaveLength(2);
  });

  it('should name the endpoint and the field path when a page is malformed', async () => {
    const { jira } = clientWith(ok('search-jql-malformed'));
    const failure = jira.searchIssues({ jql: 'x', fields: ['status'] });
    await expect(failure).rejects.toThrow(InvalidDataError);
    await expect(failure).rejects.toThrow(/^POST \/rest\/api\/3\/search\/jql: .* at issues\[1\]\.fields\.status\.id: /);
  });

  it('should throw JiraUnavailableError after its tries when every 200 body is not JSON', async () => {
    const { jira, requests } = clientWith(jiraResponse(200, '<html>Service temporarily unavailable</html>'));
    const failure = jira.searchIssues({ jql: 'x', fields: ['status'] });
    await expect(failure).rejects.toThrow(JiraUnavailableError);
    await expect(failure).rejects.toThrow(/the response is not JSON/);
    expect(requests.length).toBeGreaterThan(1);
  });
});

describe('searchIssueIds', () => {
  it('should ask for ids only in pages of 5000 and collect every id when there are two pages', async () => {
    const { jira, requests } = clientWith(ok('search-jql-ids-page-1'), ok('search-jql-ids-page-2'));
    expect(await jira.searchIssueIds('project = PAY')).toEqual(['10068', '10071', '10102']);
    expect(requests[0]?.body).toEqual({ jql: 'project = PAY', fields: ['id'], maxResults: 5000 });
    expect(requests[1]?.body).toEqual({ jql: 'project = PAY', fields: ['id'], maxResults: 5000, nextPageToken: 'CAEaAggE' });
  });
});

describe('fetchChangelogs', () => {
  it('should merge the pages per issue, oldest first, when bulkfetch sends two pages with epoch-ms created', async () => {
    const { jira, requests } = clientWith(ok('bulkfetch-page-1'), ok('bulkfetch-page-2'));
    const histories = await jira.fetchChangelogs(['10068', '10071', '10102'], ['status', 'Flagged']);

    expect(histories.get('10068')?.map((history) => history.created)).toEqual([1718611200000, 1721030400000, 1726099200000]);
    expect(histories.get('10068')?.[2]?.items[0]).toMatchObject({ field: 'status', from: '10002', to: '10004' });
    expect(histories.get('10102')).toHaveLength(1);
    expect(histories.get('10071')).toEqual([]);
    expect(requests.map(pathOf)).toEqual(['/rest/api/3/changelog/bulkfetch', '/rest/api/3/changelog/bulkfetch']);
    expect(requests[0]?.body).toEqual({ issueIdsOrKeys: ['10068', '10071', '10102'], fieldIds: ['status', 'Flagged'], maxResults: 10000 });
    expect(requests[1]?.body).toEqual({ issueIdsOrKeys: ['10068', '10071', '10102'], fieldIds: ['status', 'Flagged'], maxResults: 10000, nextPageToken: 'UxAQBFRF' });
  });

  it('should send 2,500 ids in three calls of 1000, 1000 and 500 when asked for that many', async () => {
    const ids = Array.from({ length: 2500 }, (_, index) => String(20000 + index));
    const { jira, requests } = clientWith(jiraResponse(200, JSON.stringify({ issueChangeLogs: [] })));
    const histories = await jira.fetchChangelogs(ids, ['status']);

    const batches = requests.map((request) => bodyOf(request)['issueIdsOrKeys'] as string[]);
    expect(batches.map((batch) => batch.length)).toEqual([1000, 1000, 500]);
    expect(batches.map((batch) => [batch[0], batch[batch.length - 1]])).toEqual([
      ['20000', '20999'],
      ['21000', '21999'],
      ['22000', '22499'],
    ]);
    expect(histories.size).toBe(2500);
  });

  it('should stop when the last bulkfetch page carries nextPageToken null', async () => {
    const page = { issueChangeLogs: [{ issueId: '10068', changeHistories: [] }], nextPageToken: null };
    const { jira, requests } = clientWith(jiraResponse(200, JSON.stringify(page)));
    expect(await jira.fetchChangelogs(['10068'], ['status'])).toEqual(new Map([['10068', []]]));
    expect(requests).toHaveLength(1);
  });

  it('should make no request and give an empty map when no ids are given', async () => {
    const { jira, requests } = clientWith(ok('bulkfetch-page-2'));
    expect((await jira.fetchChangelogs([], ['status'])).size).toBe(0);
    expect(requests).toHaveLength(0);
  });
});

describe('issue properties', () => {
  it('should carry the issue key and property key as params when it reads a property', async () => {
    const { jira, requests } = clientWith(ok('issue-property-wsjf'));
    const value = await jira.getIssueProperty('PAY-12', 'lean-portfolio.wsjf');

    expect(value).toEqual({ userBusinessValue: 8, timeCriticality: 5, riskReduction: 3, jobSize: 5, wsjfScore: 3.2 });
    expect(requests[0]).toMatchObject({ method: 'GET', path: { literals: ['/rest/api/3/issue/', '/properties/', ''], params: ['PAY-12', 'lean-portfolio.wsjf'] } });
  });

  it('should give undefined when Jira answers 404 for the property', async () => {
    const { jira } = clientWith(jiraResponse(404, fixture('error-404-property')));
    expect(await jira.getIssueProperty('PAY-15', 'lean-portfolio.wsjf')).toBeUndefined();
  });

  it('should PUT the value itself as the body when it writes a property', async () => {
    const { jira, requests } = clientWith(jiraResponse(201));
    await jira.setIssueProperty('PAY-12', 'lean-portfolio.wsjf', { wsjfScore: 3.2 });
    expect(requests[0]).toMatchObject({ method: 'PUT', body: { wsjfScore: 3.2 } });
    expect(pathOf(requests[0])).toBe('/rest/api/3/issue/PAY-12/properties/lean-portfolio.wsjf');
  });

  it('should refuse a value over 32 KB without calling Jira', async () => {
    const { jira, requests } = clientWith(jiraResponse(200));
    await expect(jira.setIssueProperty('PAY-12', 'lean-portfolio.notes', 'x'.repeat(32_767))).rejects.toThrow(InvalidInputError);
    expect(requests).toHaveLength(0);
  });

  it.each([['..'], ['a..b'], ['']])('should refuse the key %j without calling Jira', async (key) => {
    const { jira, requests } = clientWith(ok('issue-property-wsjf'));
    await expect(jira.getIssueProperty(key, 'lean-portfolio.wsjf')).rejects.toThrow(InvalidInputError);
    expect(requests).toHaveLength(0);
  });
});

describe('permissions', () => {
  it('should ask mypermissions for the listed keys on an issue and answer each key', async () => {
    const { jira, requests } = clientWith(ok('mypermissions'));
    const answer = await jira.getMyPermissions(['BROWSE_PROJECTS', 'EDIT_ISSUES', 'ADMINISTER_PROJECTS'], { issueId: '10068' });

    expect(answer).toEqual({ BROWSE_PROJECTS: true, EDIT_ISSUES: false, ADMINISTER_PROJECTS: false });
    expect(requests[0]).toMatchObject({ method: 'GET', query: { permissions: 'BROWSE_PROJECTS,EDIT_ISSUES,ADMINISTER_PROJECTS', issueId: '10068' } });
    expect(pathOf(requests[0])).toBe('/rest/api/3/mypermissions');
  });

  it('should answer {} without a request when no permission is asked', async () => {
    const { jira, requests } = clientWith(ok('mypermissions'));
    expect(await jira.getMyPermissions([])).toEqual({});
    expect(requests).toHaveLength(0);
  });

  it('should POST permissions/check for an account and parse the granted lists', async () => {
    const { jira, requests } = clientWith(ok('permissions-check'));
    const answer = await jira.checkPermissions({
      accountId: '5b10a2844c20165700ede21g',
      globalPermissions: ['ADMINISTER'],
      projectPermissions: [{ permissions: ['EDIT_ISSUES'], issues: [10068, 10071] }, { permissions: ['BROWSE_PROJECTS'], projects: [10000, 10001, 10002] }],
    });

    expect(requests[0]?.body).toEqual({
      accountId: '5b10a2844c20165700ede21g',
      globalPermissions: ['ADMINISTER'],
      projectPermissions: [
        { permissions: ['EDIT_ISSUES'], issues: [10068, 10071] },
        { permissions: ['BROWSE_PROJECTS'], projects: [10000, 10001, 10002] },
      ],
    });
    expect(answer.globalPermissions).toEqual(['ADMINISTER']);
    expect(answer.projectPermissions).toEqual([
      { permission: 'EDIT_ISSUES', issues: [10068], projects: [] },
      { permission: 'BROWSE_PROJECTS', issues: [], projects: [10000, 10002] },
    ]);
  });
});

describe('statuses, projects, transitions, myself', () => {
  it('should page statuses by startAt and map the category names to issue category keys', async () => {
    const { jira, requests } = clientWith(ok('statuses-search-page-1'), ok('statuses-search-page-2'));
    const statuses = await jira.getStatuses();

    expect(statuses.map((status) => [status.id, status.name, status.statusCategory?.key])).toEqual([
      ['10001', 'Funnel', 'new'],
      ['10004', 'Implementing', 'indeterminate'],
      ['10006', 'Done', 'done'],
    ]);
    expect(requests.map((request) => request.query)).toEqual([
      { startAt: '0', maxResults: '200' },
      { startAt: '2', maxResults: '200' },
    ]);
    expect(pathOf(requests[0])).toBe('/rest/api/3/statuses/search');
  });

  it('should list projects from project/search when there is one page', async () => {
    const { jira, requests } = clientWith(ok('project-search'));
    expect((await jira.getProjects()).map((project) => project.key)).toEqual(['PAY', 'LOY']);
    expect(requests).toHaveLength(1);
    expect(pathOf(requests[0])).toBe('/rest/api/3/project/search');
  });

  it('should stop when the last project page carries nextPage null', async () => {
    const page = { values: [{ id: '10000', key: 'PAY', name: 'Payments' }], isLast: true, nextPage: null };
    const { jira, requests } = clientWith(jiraResponse(200, JSON.stringify(page)));
    expect((await jira.getProjects()).map((project) => project.key)).toEqual(['PAY']);
    expect(requests).toHaveLength(1);
  });

  it('should read the transitions of an issue with their target status', async () => {
    const { jira, requests } = clientWith(ok('transitions'));
    const transitions = await jira.getTransitions('PAY-15');
    expect(transitions.map((transition) => [transition.id, transition.to.id])).toEqual([
      ['31', '10004'],
      ['41', '10006'],
    ]);
    expect(pathOf(requests[0])).toBe('/rest/api/3/issue/PAY-15/transitions');
  });

  it('should POST the transition id and accept 204 when it moves an issue', async () => {
    const { jira, requests } = clientWith(jiraResponse(204));
    await jira.transitionIssue('PAY-15', '31');
    expect(requests[0]).toMatchObject({ method: 'POST', body: { transition: { id: '31' } } });
    expect(pathOf(requests[0])).toBe('/rest/api/3/issue/PAY-15/transitions');
  });

  it('should not repeat a transition when Jira answers 500, since it may have moved the issue', async () => {
    const { jira, requests } = clientWith(jiraResponse(500, '{"errorMessages":["Internal server error"]}'), jiraResponse(204));
    await expect(jira.transitionIssue('PAY-15', '31')).rejects.toThrow(JiraUnavailableError);
    expect(requests).toHaveLength(1);
  });

  it('should repeat a transition when Jira answers 429, since it was not applied', async () => {
    const { jira, requests, sleeps } = clientWith(jiraResponse(429, fixture('error-429'), { 'Retry-After': '1' }), jiraResponse(204));
    await jira.transitionIssue('PAY-15', '31');
    expect(requests).toHaveLength(2);
    expect(sleeps).toEqual([1000]);
  });

  it('should ask myself with groups expanded', async () => {
    const { jira, requests } = clientWith(ok('myself'));
    const myself = await jira.getMyself();
    expect(myself.accountId).toBe('5b10a2844c20165700ede21g');
    expect(myself.groups?.items.map((group) => group.name)).toEqual(['jira-software-users', 'portfolio-managers']);
    expect(requests[0]).toMatchObject({ method: 'GET', query: { expand: 'groups' } });
  });
});

describe('errors and retries', () => {
  it('should retry after Retry-After and return the data when a 429 is followed by 200', async () => {
    const { jira, requests, sleeps } = clientWith(jiraResponse(429, fixture('error-429'), { 'Retry-After': '3' }), ok('myself'));
    expect((await jira.getMyself()).displayName).toBe('Rita Engel');
    expect(requests).toHaveLength(2);
    expect(sleeps).toEqual([3000]);
  });

  it.each([
    [400, 'error-400-jql', InvalidInputError, "Jira rejected the request: Field 'wsjfScore' does not exist or you do not have permission to view it.; The value 'NOPE' does not exist for the field 'project'."],
    [401, 'error-401', ForbiddenError, 'Jira did not accept the credentials (401): You are not authenticated.'],
    [403, 'error-401', ForbiddenError, 'not permitted (403)'],
    [404, 'error-404-issue', NotFoundError, 'not found (404): Issue does not exist or you do not have permission to see it.'],
    [410, 'error-410-search', JiraUnavailableError, 'this Jira endpoint is gone (410)'],
  ])('should map status %i to the matching error when Jira answers with its error body', async (status, body, errorClass, message) => {
    const { jira, requests } = clientWith(jiraResponse(status, fixture(body)));
    const failure = jira.searchIssues({ jql: 'project = NOPE', fields: ['summary'] });
    await expect(failure).rejects.toThrow(errorClass);
    await expect(failure).rejects.toThrow(message);
    expect(requests).toHaveLength(1);
  });

  it('should give JiraUnavailableError with the status and what was tried when 503 lasts past the retries', async () => {
    const { jira, requests, sleeps } = clientWith(jiraResponse(503, '', { 'Retry-After': '2' }));
    const failure = jira.getStatuses();
    await expect(failure).rejects.toMatchObject({ status: 503 });
    await expect(failure).rejects.toThrow(
      'GET /rest/api/3/statuses/search: Jira answered 503: no details (tried: 503, waited 2.0 s (Retry-After); 503, waited 2.0 s (Retry-After); 503, waited 2.0 s (Retry-After); 503; gave up after 4 attempts)',
    );
    expect(requests).toHaveLength(4);
    expect(sleeps).toEqual([2000, 2000, 2000]);
  });

  it('should give JiraUnavailableError with the cause when Jira cannot be reached', async () => {
    const networkError = new TypeError('fetch failed');
    const { jira, requests } = clientWith(networkError);
    const failure = jira.getProjects();
    await expect(failure).rejects.toThrow(JiraUnavailableError);
    await expect(failure).rejects.toMatchObject({ cause: networkError, status: undefined });
    expect(requests).toHaveLength(4);
  });
});
