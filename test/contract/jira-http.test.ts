import { httpJira } from '../../src/adapters/http/jira';
import { ForbiddenError, JiraUnavailableError } from '../../src/errors';
import { fixture, instantTiming } from '../fixtures/jira/fakes';

interface SeenRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
}

type FetchAnswer = Response | Error;

/** A stand-in for global fetch: records each request and answers from the list (the last repeats). */
function fakeFetch(...answers: (() => FetchAnswer)[]) {
  const seen: SeenRequest[] = [];
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    seen.push({
      url: String(input),
      method: init?.method ?? 'GET',
      headers: { ...(init?.headers as Record<string, string> | undefined) },
      body: typeof init?.body === 'string' ? init.body : undefined,
    });
    const answer = answers[Math.min(seen.length - 1, answers.length - 1)]?.();
    if (answer === undefined) throw new Error('fakeFetch: no answers given');
    if (answer instanceof Error) throw answer;
    return answer;
  }) as typeof fetch;
  return { fetchImpl, seen };
}

const json = (name: string, status = 200, headers: Record<string, string> = {}) => () =>
  new Response(fixture(name), { status, headers: { 'Content-Type': 'application/json;charset=UTF-8', ...headers } });
const empty = (status: number) => () => new Response(null, { status });

function jiraOver(...answers: (() => FetchAnswer)[]) {
  const { fetchImpl, seen } = fakeFetch(...answers);
  const timing = instantTiming({ random: 0.5 });
  const jira = httpJira({ baseUrl: 'https://lean-portfolio-demo.atlassian.net/', email: 'rita.engel@example.com', apiToken: 'ATATT3x-token', fetch: fetchImpl, timing });
  return { jira, seen, sleeps: timing.sleeps };
}

describe('httpJira', () => {
  it('should send Basic auth of email:token and JSON headers when it searches', async () => {
    const { jira, seen } = jiraOver(json('search-jql-page-2'));
    await jira.searchIssues({ jql: 'project = LOY', fields: ['status'] });

    expect(seen[0]).toEqual({
      url: 'https://lean-portfolio-demo.atlassian.net/rest/api/3/search/jql',
      method: 'POST',
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/json',
        Authorization: `Basic ${Buffer.from('rita.engel@example.com:ATATT3x-token').toString('base64')}`,
      },
      body: '{"jql":"project = LOY","fields":["status"],"maxResults":5000}',
    });
  });

  it('should send no body and no Content-Type when it GETs', async () => {
    const { jira, seen } = jiraOver(json('myself'));
    await jira.getMyself();
    expect(seen[0]?.url).toBe('https://lean-portfolio-demo.atlassian.net/rest/api/3/myself?expand=groups');
    expect(seen[0]?.body).toBeUndefined();
    expect(seen[0]?.headers).not.toHaveProperty('Content-Type');
  });

  it.each([
    ['PAY-12', 'lean-portfolio.wsjf', '/rest/api/3/issue/PAY-12/properties/lean-portfolio.wsjf'],
    ['PAY-12', 'lean portfolio:wsjf', '/rest/api/3/issue/PAY-12/properties/lean%20portfolio%3Awsjf'],
    ['A/B?x#y', 'p&q=r', '/rest/api/3/issue/A%2FB%3Fx%23y/properties/p%26q%3Dr'],
    ['ÄÖ-1', 'wsjf%', '/rest/api/3/issue/%C3%84%C3%96-1/properties/wsjf%25'],
  ])('should percent-encode the path params when the key is %j and the property %j', async (issueKey, propertyKey, expectedPath) => {
    const { jira, seen } = jiraOver(json('issue-property-wsjf'));
    await jira.getIssueProperty(issueKey, propertyKey);
    expect(seen[0]?.url).toBe(`https://lean-portfolio-demo.atlassian.net${expectedPath}`);
  });

  it('should encode the query when it asks mypermissions for a project', async () => {
    const { jira, seen } = jiraOver(json('mypermissions'));
    await jira.getMyPermissions(['BROWSE_PROJECTS', 'EDIT_ISSUES'], { projectId: '10000' });
    expect(seen[0]?.url).toBe('https://lean-portfolio-demo.atlassian.net/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS%2CEDIT_ISSUES&projectId=10000');
  });

  it('should PUT the property value as JSON and accept an empty 201', async () => {
    const { jira, seen } = jiraOver(empty(201));
    await jira.setIssueProperty('PAY-12', 'lean-portfolio.wsjf', { wsjfScore: 3.2, jobSize: 5 });
    expect(seen[0]).toMatchObject({ method: 'PUT', body: '{"wsjfScore":3.2,"jobSize":5}' });
  });

  it('should wait Retry-After and succeed when a 429 is followed by 200', async () => {
    const { jira, seen, sleeps } = jiraOver(json('error-429', 429, { 'Retry-After': '4' }), json('bulkfetch-page-2'));
    const histories = await jira.fetchChangelogs(['10068'], ['status', 'Flagged']);
    expect(histories.get('10068')?.map((history) => history.created)).toEqual([1726099200000]);
    expect(seen).toHaveLength(2);
    expect(sleeps).toEqual([4000]);
  });

  it('should say the endpoint is gone when Jira answers 410 like the removed search', async () => {
    const { jira } = jiraOver(json('error-410-search', 410));
    const failure = jira.searchIssueIds('project = PAY');
    await expect(failure).rejects.toThrow(JiraUnavailableError);
    await expect(failure).rejects.toThrow(/gone \(410\).*Please migrate to the \/rest\/api\/3\/search\/jql API/);
    await expect(failure).rejects.toMatchObject({ status: 410 });
  });

  it('should never call the removed /rest/api/3/search when it searches', async () => {
    const { jira, seen } = jiraOver(json('search-jql-ids-page-1'), json('search-jql-ids-page-2'), json('search-jql-page-2'));
    await jira.searchIssueIds('project = PAY');
    await jira.searchIssues({ jql: 'project = PAY', fields: ['summary'] });
    expect(seen.map((request) => new URL(request.url).pathname)).toEqual(Array(3).fill('/rest/api/3/search/jql'));
  });

  it('should give ForbiddenError when the token is refused', async () => {
    const { jira } = jiraOver(json('error-401', 401));
    await expect(jira.getProjects()).rejects.toThrow(ForbiddenError);
  });

  it('should retry and then give JiraUnavailableError when fetch keeps failing', async () => {
    const { jira, seen, sleeps } = jiraOver(() => new TypeError('fetch failed'));
    await expect(jira.getStatuses()).rejects.toThrow(/could not be reached \(tried: network error \(fetch failed\), waited 250 ms \(backoff\);/);
    expect(seen).toHaveLength(4);
    expect(sleeps).toEqual([250, 500, 1000]);
  });
});
