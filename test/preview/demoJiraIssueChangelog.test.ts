/** The demo Jira's per-issue changelog (the bench's naive way reads history through it). */
import { z } from 'zod';
import { demoAuthorization, generatePortfolio, ISSUE_TYPE_IDS, startDemoJira } from '../../preview/demo-jira';
import type { DemoUserName, RunningDemoJira } from '../../preview/demo-jira';
import { jiraHistorySchema } from '../../src/contract/jira';

const NOW = Date.UTC(2026, 10, 15, 12, 0, 0);
const DAT_PROJECT_ID = '10002';
const pageSchema = z.object({ startAt: z.number(), maxResults: z.number(), total: z.number(), isLast: z.boolean(), values: z.array(jiraHistorySchema) });

describe('GET /rest/api/3/issue/{id}/changelog on the demo Jira', () => {
  const data = generatePortfolio({ seed: 42, epics: 30, now: NOW });
  let jira: RunningDemoJira;
  beforeAll(async () => {
    jira = await startDemoJira({ data, latencyMs: 0, faults: { rate: 0 }, now: () => NOW });
  });
  afterAll(() => jira.close());

  const get = async (path: string, as: DemoUserName = 'rte') => {
    const response = await fetch(`${jira.url}${path}`, { headers: { Authorization: demoAuthorization(as), Accept: 'application/json' } });
    return { status: response.status, body: (await response.json()) as unknown };
  };
  const epicWithHistories = (atLeast: number) => {
    const epic = data.issues.find((issue) => issue.issueTypeId === ISSUE_TYPE_IDS.epic && issue.histories.length >= atLeast);
    if (!epic) throw new Error(`no epic with ${atLeast} histories`);
    return epic;
  };

  it('should give every history oldest first, with date-time strings, when the pages are followed', async () => {
    const epic = epicWithHistories(3);
    const first = pageSchema.parse((await get(`/rest/api/3/issue/${epic.id}/changelog?maxResults=2`)).body);
    expect(first).toMatchObject({ startAt: 0, maxResults: 2, total: epic.histories.length, isLast: false });
    const rest = pageSchema.parse((await get(`/rest/api/3/issue/${epic.key}/changelog?startAt=2&maxResults=100`)).body);
    expect(rest.isLast).toBe(true);
    // The schema turns Jira's "+0000" strings into epoch ms: the same instants the model holds.
    expect([...first.values, ...rest.values].map((history) => history.created)).toEqual(epic.histories.map((history) => history.created));
  });

  it('should cap a page at 100 histories when more are asked for', async () => {
    const epic = epicWithHistories(1);
    const page = pageSchema.parse((await get(`/rest/api/3/issue/${epic.id}/changelog?maxResults=500`)).body);
    expect(page.maxResults).toBe(100);
  });

  it('should answer 404 when the caller cannot browse the issue', async () => {
    const hidden = data.issues.find((issue) => issue.projectId === DAT_PROJECT_ID);
    expect((await get(`/rest/api/3/issue/${hidden?.id}/changelog`, 'member')).status).toBe(404);
  });
});
