/**
 * The demo Jira's answers to what the admin page asks: `jql/parse`, `search/approximate-count` and
 * `groups/picker`, in the shapes of Jira's OpenAPI description (parsed with the app's schemas).
 */
import { demoAuthorization, generatePortfolio, GROUP_IDS, ISSUE_TYPE_IDS, startDemoJira, type RunningDemoJira } from '../../preview/demo-jira';
import type { DemoUserName } from '../../preview/demo-jira';
import { jiraApproximateCountSchema, jiraErrorBodySchema, jiraFoundGroupsSchema, jiraParsedJqlSchema } from '../../src/contract/jira';

const NOW = Date.UTC(2026, 10, 15, 12, 0, 0);
let jira: RunningDemoJira;

beforeAll(async () => {
  jira = await startDemoJira({ data: generatePortfolio({ now: NOW }), latencyMs: 0, faults: { rate: 0 }, now: () => NOW });
});
afterAll(() => jira.close());

async function call(method: string, path: string, body?: unknown, as: DemoUserName = 'rte'): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${jira.url}${path}`, {
    method,
    headers: { Authorization: demoAuthorization(as), Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json() };
}

describe('POST /rest/api/3/jql/parse', () => {
  it("should answer each query with Jira's errors, or a structure when valid", async () => {
    const answer = await call('POST', '/rest/api/3/jql/parse?validation=strict', { queries: ['issuetype = Epic', 'issuetype = Epic AND', 'project = DAT'] }, 'member');
    expect(answer.status).toBe(200);
    const parsed = jiraParsedJqlSchema.parse(answer.body);
    expect(parsed.queries.map((query) => query.errors ?? [])).toEqual([
      [],
      [expect.stringMatching(/^Error in the JQL Query: /)],
      // The member cannot browse DAT: as in Jira, it "does not exist" for them.
      [expect.stringContaining("'DAT'")],
    ]);
  });

  it('should answer 400 without queries or with an unknown validation', async () => {
    expect((await call('POST', '/rest/api/3/jql/parse?validation=strict', {})).status).toBe(400);
    const unknown = await call('POST', '/rest/api/3/jql/parse?validation=loose', { queries: ['issuetype = Epic'] });
    expect(unknown.status).toBe(400);
    expect(jiraErrorBodySchema.parse(unknown.body).errorMessages).toHaveLength(1);
  });
});

describe('POST /rest/api/3/search/approximate-count', () => {
  it('should count what the caller may see', async () => {
    const epics = jira.data.issues.filter((issue) => issue.issueTypeId === ISSUE_TYPE_IDS.epic);
    const rte = jiraApproximateCountSchema.parse((await call('POST', '/rest/api/3/search/approximate-count', { jql: 'issuetype = Epic' })).body);
    const member = jiraApproximateCountSchema.parse((await call('POST', '/rest/api/3/search/approximate-count', { jql: 'issuetype = Epic' }, 'member')).body);
    expect(rte.count).toBe(epics.length);
    expect(member.count).toBeLessThan(rte.count);
  });

  it('should refuse an unbounded or invalid query with 400', async () => {
    expect(await call('POST', '/rest/api/3/search/approximate-count', { jql: 'ORDER BY key' })).toMatchObject({
      status: 400,
      body: { errorMessages: ['Unbounded JQL queries are not allowed here. Please add a search restriction to your query.'] },
    });
    expect((await call('POST', '/rest/api/3/search/approximate-count', { jql: 'issuetype =' })).status).toBe(400);
  });
});

describe('GET /rest/api/3/groups/picker', () => {
  it('should find groups by part of their name, with ids and the match in bold', async () => {
    const found = await call('GET', '/rest/api/3/groups/picker?query=jira&maxResults=1');
    expect(found.body).toMatchObject({ header: 'Showing 1 of 2 matching groups', total: 2 });
    expect(jiraFoundGroupsSchema.parse(found.body).groups).toEqual([
      expect.objectContaining({ name: 'jira-administrators', groupId: GROUP_IDS['jira-administrators'], html: '<b>jira</b>-administrators' }),
    ]);
  });
});
