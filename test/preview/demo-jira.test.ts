import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createDemoJira,
  demoAuthorization,
  generatePortfolio,
  ISSUE_TYPE_IDS,
  readDemoJiraEnvironment,
  startDemoJira,
  STATUS_IDS,
  WSJF_PROPERTY_KEY,
  type DemoData,
  type DemoIssue,
  type DemoJiraOptions,
  type DemoUserName,
  type RunningDemoJira,
} from '../../preview/demo-jira';
import { createFaultPlan } from '../../preview/demo-jira/faults';
import {
  jiraBulkChangelogPageSchema,
  jiraErrorBodySchema,
  jiraFieldListSchema,
  jiraIssueIdSearchPageSchema,
  jiraIssuePropertySchema,
  jiraIssueSchema,
  jiraMyPermissionsSchema,
  jiraMyselfSchema,
  jiraPermissionsCheckSchema,
  jiraProjectSearchPageSchema,
  jiraSearchPageSchema,
  jiraStatusesSearchPageSchema,
  jiraStatusListSchema,
  jiraTransitionsSchema,
} from '../../src/contract/jira';
import type { z } from 'zod';

const NOW = Date.UTC(2026, 10, 15, 12, 0, 0);
/** The server's clock: a minute after the portfolio was generated. */
const SERVER_NOW = NOW + 60_000;
const DAT_ID = '10002';

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: unknown;
}

type Caller = (method: string, path: string, options?: { as?: DemoUserName | null; body?: unknown; authorization?: string }) => Promise<Answer>;

function callerFor(url: string): Caller {
  return async (method, path, options = {}) => {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const as = options.as === undefined ? 'rte' : options.as;
    if (options.authorization) headers.Authorization = options.authorization;
    else if (as !== null) headers.Authorization = demoAuthorization(as);
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(`${url}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    const text = await response.text();
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { status: response.status, headers: response.headers, text, body };
  };
}

function aPortfolio(overrides: { epics?: number; seed?: number } = {}): DemoData {
  return generatePortfolio({ now: NOW, ...overrides });
}

async function aServer(options: Partial<DemoJiraOptions> = {}): Promise<{ jira: RunningDemoJira; call: Caller }> {
  const jira = await startDemoJira({ data: aPortfolio(), latencyMs: 0, faults: { rate: 0 }, now: () => SERVER_NOW, ...options });
  return { jira, call: callerFor(jira.url) };
}

const isEpic = (i: DemoIssue): boolean => i.issueTypeId === ISSUE_TYPE_IDS.epic;
type SearchPage = { issues: { id: string; key?: string; fields?: Record<string, unknown>; properties?: Record<string, unknown> }[]; nextPageToken?: string; isLast: boolean };
type BulkPage = { issueChangeLogs: { issueId: string; changeHistories: { id: string; created: unknown; author: { accountId: string }; items: { fieldId: string }[] }[] }[]; nextPageToken?: string };

async function searchAll(call: Caller, body: Record<string, unknown>, as: DemoUserName = 'rte'): Promise<SearchPage[]> {
  const pages: SearchPage[] = [];
  let token: string | undefined;
  do {
    const answer = await call('POST', '/rest/api/3/search/jql', { as, body: { ...body, ...(token ? { nextPageToken: token } : {}) } });
    expect(answer.status).toBe(200);
    const page = answer.body as SearchPage;
    pages.push(page);
    token = page.nextPageToken;
  } while (token);
  return pages;
}

describe('demo Jira server (read-only calls)', () => {
  let jira: RunningDemoJira;
  let call: Caller;
  let epics: DemoIssue[];
  let datEpic: DemoIssue;
  let payEpic: DemoIssue;
  let pltEpic: DemoIssue;

  beforeAll(async () => {
    ({ jira, call } = await aServer());
    epics = jira.data.issues.filter(isEpic);
    datEpic = epics.find((e) => e.projectId === DAT_ID) as DemoIssue;
    payEpic = epics.find((e) => e.key.startsWith('PAY-') && e.properties[WSJF_PROPERTY_KEY] !== undefined) as DemoIssue;
    pltEpic = epics.find((e) => e.key.startsWith('PLT-')) as DemoIssue;
  });
  afterAll(() => jira.close());

  describe('search/jql', () => {
    it('should page with nextPageToken and never send a total when following every page', async () => {
      const pages = await searchAll(call, { jql: 'issuetype = Epic ORDER BY key', fields: ['summary', 'status'], maxResults: 40 });
      expect(pages.map((p) => p.issues.length)).toEqual([40, 40, 40, 30]);
      expect(pages.map((p) => p.isLast)).toEqual([false, false, false, true]);
      expect(pages[3]).not.toHaveProperty('nextPageToken');
      for (const page of pages) expect(page).not.toHaveProperty('total');
      const ids = pages.flatMap((p) => p.issues.map((i) => i.id));
      expect(new Set(ids).size).toBe(150);
      expect(Object.keys(pages[0]?.issues[0]?.fields ?? {}).sort()).toEqual(['status', 'summary']);
    });

    it('should return only ids when no fields are asked for', async () => {
      const answer = await call('POST', '/rest/api/3/search/jql', { body: { jql: 'issuetype = Epic', maxResults: 3 } });
      expect((answer.body as SearchPage).issues).toEqual(expect.arrayContaining([{ id: expect.any(String) }]));
      for (const issue of (answer.body as SearchPage).issues) expect(Object.keys(issue)).toEqual(['id']);
    });

    it('should cap a page at 100 when fields other than id are asked for', async () => {
      const answer = await call('POST', '/rest/api/3/search/jql', { body: { jql: 'issuetype = Epic', fields: ['summary'], maxResults: 1000 } });
      expect((answer.body as SearchPage).issues).toHaveLength(100);
    });

    it('should answer GET with query parameters like POST when searching', async () => {
      const answer = await call('GET', `/rest/api/3/search/jql?jql=${encodeURIComponent('issuetype = Epic ORDER BY key')}&maxResults=2&fields=summary,labels`);
      const page = answer.body as SearchPage;
      const viaPost = await call('POST', '/rest/api/3/search/jql', { body: { jql: 'issuetype = Epic ORDER BY key', maxResults: 2, fields: ['summary', 'labels'] } });
      expect(page.issues).toHaveLength(2);
      expect(page.issues).toEqual((viaPost.body as SearchPage).issues);
      expect(page.issues[0]?.key?.startsWith('DAT-')).toBe(true);
      expect(Object.keys(page.issues[0]?.fields ?? {}).sort()).toEqual(['labels', 'summary']);
      expect(page.isLast).toBe(false);
      expect(typeof page.nextPageToken).toBe('string');
    });

    it('should return issue properties when they are asked for', async () => {
      const answer = await call('POST', '/rest/api/3/search/jql', { body: { jql: `key = ${payEpic.key}`, fields: ['summary'], properties: [WSJF_PROPERTY_KEY] } });
      expect((answer.body as SearchPage).issues[0]?.properties).toEqual({ [WSJF_PROPERTY_KEY]: payEpic.properties[WSJF_PROPERTY_KEY] });
    });

    it("should answer 400 with Jira's error body when the JQL is outside the subset", async () => {
      const answer = await call('POST', '/rest/api/3/search/jql', { body: { jql: 'NOT project = PAY', fields: ['id'] } });
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ errorMessages: [expect.stringMatching(/^Error in the JQL Query: 'NOT' clauses are not supported/)], errors: {} });
    });

    it('should narrow a parenthesised scope with OR inside when the app composes (scope) AND id in (…)', async () => {
      const mob = epics.find((e) => e.key.startsWith('MOB-')) as DemoIssue;
      const jql = `(project = PAY OR project = MOB) AND id in (${payEpic.id}, ${mob.id})`;
      const answer = await call('POST', '/rest/api/3/search/jql', { body: { jql, fields: ['id'] } });
      expect(answer.status).toBe(200);
      expect((answer.body as SearchPage).issues.map((issue) => issue.id).sort()).toEqual([payEpic.id, mob.id].sort());
    });

    it('should refuse a page token when it belongs to another query', async () => {
      const first = await call('POST', '/rest/api/3/search/jql', { body: { jql: 'issuetype = Epic', fields: ['id'], maxResults: 1 } });
      const token = (first.body as SearchPage).nextPageToken;
      const replay = await call('POST', '/rest/api/3/search/jql', { body: { jql: 'issuetype = Story', fields: ['id'], nextPageToken: token } });
      expect(replay.status).toBe(400);
    });

    it.each(['GET', 'POST'])('should answer %s /rest/api/3/search with 410 Gone', async (method) => {
      const answer = await call(method, '/rest/api/3/search?jql=project%20%3D%20PAY', method === 'POST' ? { body: { jql: 'project = PAY' } } : {});
      expect(answer.status).toBe(410);
      expect(answer.body).toEqual({ errorMessages: [expect.stringContaining('Please migrate to the /rest/api/3/search/jql API')], errors: {} });
    });
  });

  describe('changelog/bulkfetch', () => {
    it('should send created as epoch milliseconds and only the asked fields', async () => {
      const ids = epics.slice(0, 5).map((e) => e.id);
      const answer = await call('POST', '/rest/api/3/changelog/bulkfetch', { body: { issueIdsOrKeys: ids, fieldIds: ['status'] } });
      expect(answer.status).toBe(200);
      const page = answer.body as BulkPage;
      const histories = page.issueChangeLogs.flatMap((l) => l.changeHistories);
      const expected = epics.slice(0, 5).flatMap((e) => e.histories.filter((h) => h.items.some((i) => i.fieldId === 'status')));
      expect(histories.map((h) => h.id)).toEqual(expected.map((h) => h.id));
      expect(histories.map((h) => h.created)).toEqual(expected.map((h) => h.created));
      for (const history of histories) {
        expect(typeof history.created).toBe('number');
        expect(history.items.every((i) => i.fieldId === 'status')).toBe(true);
      }
    });

    it('should return no flagged changes when asked by the field name instead of its id, as Jira does', async () => {
      const flagged = epics.find((e) => e.flagged) as DemoIssue;
      const answer = await call('POST', '/rest/api/3/changelog/bulkfetch', { body: { issueIdsOrKeys: [flagged.key], fieldIds: ['Flagged'] } });
      expect(answer.status).toBe(200);
      expect((answer.body as BulkPage).issueChangeLogs).toEqual([]);
    });

    it('should return the flagged changes when asked for the Flagged field id', async () => {
      const flagged = epics.find((e) => e.flagged) as DemoIssue;
      const answer = await call('POST', '/rest/api/3/changelog/bulkfetch', { body: { issueIdsOrKeys: [flagged.key], fieldIds: ['customfield_10021'] } });
      const items = (answer.body as BulkPage).issueChangeLogs.flatMap((l) => l.changeHistories.flatMap((h) => h.items));
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((i) => i.fieldId === 'customfield_10021')).toBe(true);
    });

    it('should page over histories so that all pages together give the full history', async () => {
      const chosen = epics.slice(0, 10);
      const expectedIds = chosen.flatMap((e) => e.histories.filter((h) => h.items.some((i) => i.fieldId === 'status')).map((h) => h.id));
      const seen: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const answer = await call('POST', '/rest/api/3/changelog/bulkfetch', {
          body: { issueIdsOrKeys: chosen.map((e) => e.id), fieldIds: ['status'], maxResults: 7, ...(token ? { nextPageToken: token } : {}) },
        });
        const page = answer.body as BulkPage;
        seen.push(...page.issueChangeLogs.flatMap((l) => l.changeHistories.map((h) => h.id)));
        token = page.nextPageToken;
        pages++;
      } while (token);
      expect(seen).toEqual(expectedIds);
      expect(pages).toBe(Math.ceil(expectedIds.length / 7));
    });

    it('should answer 400 when more than 1000 issues are asked for', async () => {
      const ids = Array.from({ length: 1001 }, (_, i) => String(10_000 + i));
      const answer = await call('POST', '/rest/api/3/changelog/bulkfetch', { body: { issueIdsOrKeys: ids, fieldIds: ['status'] } });
      expect(answer.status).toBe(400);
      expect((answer.body as { errorMessages: string[] }).errorMessages[0]).toContain('maximum of 1000');
    });
  });

  describe('what the team member may see', () => {
    it('should never return a DAT issue when the member searches everything', async () => {
      const pages = await searchAll(call, { jql: 'issuetype in (Epic, Story)', fields: ['project'], maxResults: 100 }, 'member');
      const issues = pages.flatMap((p) => p.issues);
      const visible = jira.data.issues.filter((i) => i.projectId !== DAT_ID);
      expect(issues).toHaveLength(visible.length);
      expect(issues.some((i) => (i.fields?.project as { key: string }).key === 'DAT')).toBe(false);
    });

    it('should answer 400 as Jira does when the member names the DAT project', async () => {
      const answer = await call('POST', '/rest/api/3/search/jql', { as: 'member', body: { jql: 'project = DAT', fields: ['id'] } });
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ errorMessages: ["Error in the JQL Query: The value 'DAT' does not exist for the field 'project'."], errors: {} });
    });

    it('should leave DAT issues out of bulkfetch when the member asks for them', async () => {
      const answer = await call('POST', '/rest/api/3/changelog/bulkfetch', { as: 'member', body: { issueIdsOrKeys: [datEpic.id, payEpic.id] } });
      expect((answer.body as BulkPage).issueChangeLogs.map((l) => l.issueId)).toEqual([payEpic.id]);
    });

    it.each([
      ['GET', (key: string) => `/rest/api/3/issue/${key}`],
      ['GET', (key: string) => `/rest/api/3/issue/${key}/properties/${WSJF_PROPERTY_KEY}`],
      ['PUT', (key: string) => `/rest/api/3/issue/${key}/properties/${WSJF_PROPERTY_KEY}`],
      ['GET', (key: string) => `/rest/api/3/issue/${key}/transitions`],
      ['GET', (key: string) => `/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS&issueKey=${key}`],
    ])('should answer 404 when the member calls %s on a DAT issue', async (method, path) => {
      const answer = await call(method, path(datEpic.key), { as: 'member', ...(method === 'PUT' ? { body: { jobSize: 1 } } : {}) });
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual({ errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} });
    });
  });

  describe('issues and properties', () => {
    it('should return only the asked fields in Jira formats when getting an issue', async () => {
      const answer = await call('GET', `/rest/api/3/issue/${payEpic.key}?fields=summary,status,created`);
      const issue = answer.body as { id: string; key: string; fields: Record<string, unknown> };
      expect(issue.id).toBe(payEpic.id);
      expect(Object.keys(issue.fields).sort()).toEqual(['created', 'status', 'summary']);
      expect(issue.fields.created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
      expect(issue.fields.status).toMatchObject({ id: payEpic.statusId, statusCategory: { key: expect.any(String) } });
    });

    it('should give the value when a property exists and 404 when it does not', async () => {
      const found = await call('GET', `/rest/api/3/issue/${payEpic.key}/properties/${WSJF_PROPERTY_KEY}`);
      expect(found.body).toEqual({ key: WSJF_PROPERTY_KEY, value: payEpic.properties[WSJF_PROPERTY_KEY] });
      const missing = await call('GET', `/rest/api/3/issue/${payEpic.key}/properties/nothing-here`);
      expect(missing.status).toBe(404);
      expect(missing.body).toEqual({ errorMessages: ["The property with key 'nothing-here' does not exist."], errors: {} });
    });

    it('should answer 403 when the member writes a property in PLT, where they may only browse', async () => {
      const answer = await call('PUT', `/rest/api/3/issue/${pltEpic.key}/properties/${WSJF_PROPERTY_KEY}`, { as: 'member', body: { jobSize: 3 } });
      expect(answer.status).toBe(403);
    });
  });

  describe('permissions', () => {
    it.each([
      ['rte', 'ADMINISTER', '', true],
      ['member', 'ADMINISTER', '', false],
      ['member', 'EDIT_ISSUES', '&projectKey=PAY', true],
      ['member', 'EDIT_ISSUES', '&projectKey=PLT', false],
      ['member', 'BROWSE_PROJECTS', '&projectKey=PLT', true],
      ['member', 'EDIT_ISSUES', '', true],
      ['rte', 'EDIT_ISSUES', '&projectId=10002', true],
    ] as const)('should say %s has %s=%s%s: %s', async (as, permission, scope, expected) => {
      const answer = await call('GET', `/rest/api/3/mypermissions?permissions=${permission}${scope}`, { as });
      expect(answer.status).toBe(200);
      expect((answer.body as { permissions: Record<string, unknown> }).permissions[permission]).toMatchObject({ key: permission, havePermission: expected });
    });

    it('should describe each permission as Jira does when asked for several', async () => {
      const answer = await call('GET', '/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS,EDIT_ISSUES,ADMINISTER', { as: 'member' });
      expect((answer.body as { permissions: Record<string, unknown> }).permissions.BROWSE_PROJECTS).toEqual({
        id: '10',
        key: 'BROWSE_PROJECTS',
        name: 'Browse Projects',
        type: 'PROJECT',
        description: 'Ability to browse projects and the issues within them.',
        havePermission: true,
      });
    });

    it('should answer 400 when mypermissions gets no permissions parameter', async () => {
      expect((await call('GET', '/rest/api/3/mypermissions')).status).toBe(400);
    });

    it('should answer 404 when the member asks about the DAT project', async () => {
      expect((await call('GET', '/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS&projectKey=DAT', { as: 'member' })).status).toBe(404);
    });

    it("should grant only the member's projects and issues when the app checks the member", async () => {
      const answer = await call('POST', '/rest/api/3/permissions/check', {
        as: 'app',
        body: {
          accountId: '712020:member',
          globalPermissions: ['ADMINISTER'],
          projectPermissions: [{ permissions: ['BROWSE_PROJECTS', 'EDIT_ISSUES'], projects: [10000, 10002, 10003], issues: [Number(payEpic.id), Number(datEpic.id), Number(pltEpic.id)] }],
        },
      });
      expect(answer.body).toEqual({
        globalPermissions: [],
        projectPermissions: [
          { permission: 'BROWSE_PROJECTS', projects: [10000, 10003], issues: [Number(payEpic.id), Number(pltEpic.id)] },
          { permission: 'EDIT_ISSUES', projects: [10000], issues: [Number(payEpic.id)] },
        ],
      });
    });

    it('should grant ADMINISTER when the RTE checks itself', async () => {
      const answer = await call('POST', '/rest/api/3/permissions/check', { body: { globalPermissions: ['ADMINISTER'] } });
      expect(answer.body).toEqual({ globalPermissions: ['ADMINISTER'], projectPermissions: [] });
    });

    it('should answer 403 when the member checks another user', async () => {
      const answer = await call('POST', '/rest/api/3/permissions/check', { as: 'member', body: { accountId: '712020:rte', globalPermissions: ['ADMINISTER'] } });
      expect(answer.status).toBe(403);
    });
  });

  describe('statuses, projects and myself', () => {
    it.each([
      ['712020:member', 200, { accountId: '712020:member', displayName: 'Mika Member' }],
      ['712020:nobody', 404, { errorMessages: ['Specified user does not exist or you do not have required permissions'] }],
    ] as const)('should answer GET /user for account %s with %d', async (accountId, status, body) => {
      const answer = await call('GET', `/rest/api/3/user?accountId=${encodeURIComponent(accountId)}`);
      expect(answer.status).toBe(status);
      expect(answer.body).toMatchObject(body);
    });

    it('should page statuses with string categories when searching statuses', async () => {
      const all = await call('GET', '/rest/api/3/statuses/search');
      const page = all.body as { values: { id: string; name: string; statusCategory: unknown }[]; total: number; isLast: boolean; startAt: number };
      expect(page.total).toBe(9);
      expect(page.isLast).toBe(true);
      expect(page.values.find((s) => s.name === 'Implementing')).toMatchObject({ id: STATUS_IDS.implementing, statusCategory: 'IN_PROGRESS' });
      const first = await call('GET', '/rest/api/3/statuses/search?maxResults=4');
      expect(first.body).toMatchObject({ startAt: 0, maxResults: 4, total: 9, isLast: false, nextPage: expect.stringContaining('startAt=4') });
    });

    it('should list statuses with category objects when calling /status', async () => {
      const answer = await call('GET', '/rest/api/3/status');
      const statuses = answer.body as { id: string; name: string; statusCategory: { key: string } }[];
      expect(statuses.map((s) => s.name)).toEqual(['Funnel', 'Reviewing', 'Analyzing', 'Portfolio Backlog', 'Implementing', 'Done', 'On Hold', 'To Do', 'In Progress']);
      expect(statuses.find((s) => s.name === 'Done')?.statusCategory.key).toBe('done');
    });

    it('should list the Flagged field as a custom field with its id when calling /field', async () => {
      const answer = await call('GET', '/rest/api/3/field');
      const fields = answer.body as { id: string; name: string; custom: boolean }[];
      expect(fields.find((f) => f.name === 'Flagged')).toMatchObject({ id: 'customfield_10021', custom: true });
      expect(fields.find((f) => f.id === 'status')).toMatchObject({ name: 'Status', custom: false });
    });

    it.each([
      ['rte', ['PAY', 'MOB', 'DAT', 'PLT']],
      ['member', ['PAY', 'MOB', 'PLT']],
    ] as const)('should list the projects %s can browse', async (as, keys) => {
      const answer = await call('GET', '/rest/api/3/project/search', { as });
      const page = answer.body as { values: { key: string }[]; total: number; isLast: boolean };
      expect(page.values.map((p) => p.key)).toEqual(keys);
      expect(page.total).toBe(keys.length);
    });

    it.each([
      ['rte', true],
      ['member', false],
    ] as const)('should tell whether %s is in portfolio-managers when myself expands groups', async (as, inGroup) => {
      const answer = await call('GET', '/rest/api/3/myself?expand=groups', { as });
      const me = answer.body as { accountId: string; groups: { items: { name: string }[] } };
      expect(me.accountId).toBe(`712020:${as}`);
      expect(me.groups.items.some((g) => g.name === 'portfolio-managers')).toBe(inGroup);
    });
  });

  describe('authentication and routing', () => {
    it.each([
      ['no credentials', { as: null }],
      ['a wrong token', { authorization: `Basic ${Buffer.from('rte@demo.example:wrong').toString('base64')}` }],
    ] as const)('should answer 401 with Jira\'s body when called with %s', async (_case, options) => {
      const answer = await call('GET', '/rest/api/3/myself', options);
      expect(answer.status).toBe(401);
      expect(answer.text).toBe('Client must be authenticated to access this resource.');
    });

    it("should answer 404 with Jira's error body when the route is unknown", async () => {
      const answer = await call('GET', '/rest/api/3/dashboard');
      expect(answer.status).toBe(404);
      expect(answer.body).toMatchObject({ errorMessages: [expect.any(String)], errors: {} });
    });

    it('should record every call with its user when requests arrive', async () => {
      const before = jira.calls.length;
      await call('GET', '/rest/api/3/myself', { as: 'member' });
      await call('GET', '/rest/api/3/myself?x=1', { as: null });
      expect(jira.calls.slice(before)).toEqual([
        { method: 'GET', path: '/rest/api/3/myself', user: 'member', status: 200 },
        { method: 'GET', path: '/rest/api/3/myself', user: 'anonymous', status: 401 },
      ]);
    });
  });
});

describe("the app's Jira schemas", () => {
  let jira: RunningDemoJira;
  let call: Caller;
  beforeAll(async () => {
    ({ jira, call } = await aServer());
  });
  afterAll(() => jira.close());

  const epicKey = (): string => (jira.data.issues.find((i) => isEpic(i) && i.key.startsWith('PAY-') && i.properties[WSJF_PROPERTY_KEY]) as DemoIssue).key;
  const cases: [string, string, string, (() => unknown) | null, z.ZodType][] = [
    ['search/jql with fields', 'POST', '/rest/api/3/search/jql', () => ({ jql: 'issuetype = Epic', fields: ['*all'], properties: [WSJF_PROPERTY_KEY] }), jiraSearchPageSchema],
    ['search/jql ids only', 'POST', '/rest/api/3/search/jql', () => ({ jql: 'issuetype = Epic', fields: ['id'], maxResults: 5000 }), jiraIssueIdSearchPageSchema],
    ['bulkfetch', 'POST', '/rest/api/3/changelog/bulkfetch', () => ({ issueIdsOrKeys: jira.data.issues.slice(0, 50).map((i) => i.id) }), jiraBulkChangelogPageSchema],
    ['issue', 'GET', '/rest/api/3/issue/{epic}', null, jiraIssueSchema],
    ['issue property', 'GET', `/rest/api/3/issue/{epic}/properties/${WSJF_PROPERTY_KEY}`, null, jiraIssuePropertySchema],
    ['mypermissions', 'GET', '/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS,EDIT_ISSUES,ADMINISTER&projectKey=PAY', null, jiraMyPermissionsSchema],
    ['permissions/check', 'POST', '/rest/api/3/permissions/check', () => ({ globalPermissions: ['ADMINISTER'], projectPermissions: [{ permissions: ['EDIT_ISSUES'], projects: [10000] }] }), jiraPermissionsCheckSchema],
    ['statuses/search', 'GET', '/rest/api/3/statuses/search', null, jiraStatusesSearchPageSchema],
    ['status', 'GET', '/rest/api/3/status', null, jiraStatusListSchema],
    ['field', 'GET', '/rest/api/3/field', null, jiraFieldListSchema],
    ['project/search', 'GET', '/rest/api/3/project/search', null, jiraProjectSearchPageSchema],
    ['transitions', 'GET', '/rest/api/3/issue/{epic}/transitions', null, jiraTransitionsSchema],
    ['myself', 'GET', '/rest/api/3/myself?expand=groups', null, jiraMyselfSchema],
    ['JQL error', 'POST', '/rest/api/3/search/jql', () => ({ jql: 'priority = High' }), jiraErrorBodySchema],
  ];

  it.each(cases)('should parse the %s answer', async (_name, method, path, body, schema) => {
    const answer = await call(method, path.replace('{epic}', epicKey()), body ? { body: body() } : {});
    const parsed = schema.safeParse(answer.body);
    expect(parsed.success ? 'parsed' : parsed.error.issues.slice(0, 3)).toBe('parsed');
  });
});

describe('demo Jira server (writes)', () => {
  let jira: RunningDemoJira;
  let call: Caller;
  beforeEach(async () => {
    ({ jira, call } = await aServer());
  });
  afterEach(() => jira.close());

  const funnelEpic = (): DemoIssue => jira.data.issues.find((i) => isEpic(i) && i.key.startsWith('PAY-') && i.statusId === STATUS_IDS.funnel) as DemoIssue;

  it('should create then update a property when PUT twice', async () => {
    const epic = funnelEpic();
    const path = `/rest/api/3/issue/${epic.key}/properties/lean-portfolio.note`;
    expect((await call('PUT', path, { as: 'member', body: { text: 'first' } })).status).toBe(201);
    expect((await call('PUT', path, { as: 'member', body: { text: 'second' } })).status).toBe(200);
    expect((await call('GET', path)).body).toEqual({ key: 'lean-portfolio.note', value: { text: 'second' } });
    expect((await call('DELETE', path)).status).toBe(204);
    expect((await call('GET', path)).status).toBe(404);
  });

  it('should list every other status of the workflow when getting transitions', async () => {
    const epic = funnelEpic();
    const answer = await call('GET', `/rest/api/3/issue/${epic.key}/transitions`);
    const transitions = (answer.body as { transitions: { id: string; name: string; to: { id: string } }[] }).transitions;
    expect(transitions.map((t) => [t.id, t.name])).toEqual([
      ['21', 'Reviewing'],
      ['31', 'Analyzing'],
      ['41', 'Portfolio Backlog'],
      ['51', 'Implementing'],
      ['61', 'Done'],
      ['71', 'On Hold'],
    ]);
  });

  it('should move the issue and write a history entry when a transition is posted', async () => {
    const epic = funnelEpic();
    const answer = await call('POST', `/rest/api/3/issue/${epic.key}/transitions`, { body: { transition: { id: '51' } } });
    expect(answer.status).toBe(204);

    const found = await call('POST', '/rest/api/3/search/jql', { body: { jql: `status = Implementing AND key = ${epic.key}`, fields: ['status', 'updated'] } });
    const issue = (found.body as SearchPage).issues[0];
    expect(issue?.fields?.status).toMatchObject({ id: STATUS_IDS.implementing });
    expect(issue?.fields?.updated).toBe(new Date(SERVER_NOW).toISOString().replace('Z', '+0000'));

    const log = await call('POST', '/rest/api/3/changelog/bulkfetch', { body: { issueIdsOrKeys: [epic.id], fieldIds: ['status'] } });
    const histories = (log.body as BulkPage).issueChangeLogs[0]?.changeHistories ?? [];
    expect(histories[histories.length - 1]).toMatchObject({
      author: { accountId: '712020:rte' },
      created: SERVER_NOW,
      items: [{ fieldId: 'status', from: STATUS_IDS.funnel, fromString: 'Funnel', to: STATUS_IDS.implementing, toString: 'Implementing' }],
    });
  });

  it('should refuse a transition when the member may only browse the project', async () => {
    const epic = jira.data.issues.find((i) => isEpic(i) && i.key.startsWith('PLT-')) as DemoIssue;
    const listed = await call('GET', `/rest/api/3/issue/${epic.key}/transitions`, { as: 'member' });
    expect((listed.body as { transitions: unknown[] }).transitions).toEqual([]);
    const posted = await call('POST', `/rest/api/3/issue/${epic.key}/transitions`, { as: 'member', body: { transition: { id: '61' } } });
    expect(posted.status).toBe(400);
    expect(epic.histories.every((h) => h.authorAccountId !== '712020:member' || h.created < SERVER_NOW)).toBe(true);
  });
});

describe('demo Jira ids-only paging at scale', () => {
  it('should give 5000 ids per page when only ids are asked for', async () => {
    const jira = await startDemoJira({ data: aPortfolio({ epics: 2000, seed: 5 }), latencyMs: 0, faults: { rate: 0 } });
    try {
      const call = callerFor(jira.url);
      const answer = await call('POST', '/rest/api/3/search/jql', { body: { jql: 'project in (PAY, MOB, DAT, PLT)', fields: ['id'], maxResults: 10_000 } });
      const page = answer.body as SearchPage;
      expect(jira.data.issues.length).toBeGreaterThan(5000);
      expect(page.issues).toHaveLength(5000);
      expect(page.isLast).toBe(false);
    } finally {
      await jira.close();
    }
  });
});

describe('demo Jira mounted under a prefix', () => {
  it('should answer under /jira with self links that include the prefix', async () => {
    const jira = createDemoJira({ data: aPortfolio({ epics: 5 }), latencyMs: 0, faults: { rate: 0 } });
    const server = createServer((req, res) => {
      if (req.url?.startsWith('/jira/')) jira.handle(req, res, '/jira');
      else res.writeHead(418).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const answer = await callerFor(base)('GET', '/jira/rest/api/3/myself');
      expect(answer.status).toBe(200);
      expect((answer.body as { self: string }).self.startsWith(`${base}/jira/rest/api/3/user`)).toBe(true);
      expect(jira.calls).toEqual([{ method: 'GET', path: '/rest/api/3/myself', user: 'rte', status: 200 }]);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('demo Jira fault injection', () => {
  it('should answer 429 with Retry-After: 1 when every request is rate limited', async () => {
    const { jira, call } = await aServer({ faults: { rate: 1, kinds: ['429'] } });
    try {
      const answer = await call('GET', '/rest/api/3/myself');
      expect(answer.status).toBe(429);
      expect(answer.headers.get('retry-after')).toBe('1');
      expect(answer.body).toEqual({ errorMessages: ['Rate limit exceeded.'], errors: {} });
    } finally {
      await jira.close();
    }
  });

  it.each([
    ['500', (a: Answer) => expect([a.status, a.body]).toEqual([500, { errorMessages: ['Internal server error'], errors: {} }])],
    ['malformed', (a: Answer) => expect([a.status, a.body, a.text.length > 0]).toEqual([200, undefined, true])],
    ['slow', (a: Answer) => expect([a.status, (a.body as { accountId: string }).accountId]).toEqual([200, '712020:rte'])],
  ] as const)('should inject a %s fault when it is the only kind at rate 1', async (kind, check) => {
    const { jira, call } = await aServer({ faults: { rate: 1, kinds: [kind], slowMs: 20 } });
    try {
      check(await call('GET', '/rest/api/3/myself'));
    } finally {
      await jira.close();
    }
  });

  it('should draw the same faults when the seed is the same', () => {
    const draw = (seed: number): (string | null)[] => {
      const next = createFaultPlan({ rate: 0.3, seed });
      return Array.from({ length: 200 }, () => next());
    };
    expect(draw(9)).toEqual(draw(9));
    expect(draw(9)).not.toEqual(draw(10));
    const faults = draw(9).filter((f) => f !== null);
    expect(faults.length).toBeGreaterThan(40);
    expect(faults.length).toBeLessThan(80);
    expect(new Set(faults)).toEqual(new Set(['429', '500', 'slow', 'malformed']));
  });

  it.each([
    [{}, {}],
    [{ DEMO_JIRA_LATENCY_MS: '25' }, { latencyMs: 25 }],
    [{ DEMO_JIRA_FAULT_RATE: '0.2', DEMO_JIRA_FAULTS: '429, slow,bogus', DEMO_JIRA_SEED: '7' }, { seed: 7, faults: { rate: 0.2, kinds: ['429', 'slow'], seed: 7 } }],
    [{ DEMO_JIRA_FAULT_RATE: '3' }, { faults: { rate: 1 } }],
    [{ DEMO_JIRA_FAULT_RATE: '0', DEMO_JIRA_FAULTS: '500' }, {}],
  ])('should read the environment %p as %p', (env, expected) => {
    expect(readDemoJiraEnvironment(env)).toEqual(expected);
  });
});
