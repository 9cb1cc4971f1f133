/**
 * The demo Jira's opt-in search lag (eventual consistency): with it, search/jql sees an issue as
 * it was `searchLagMs` ago, for matching and for the fields it returns, unless the request lists
 * the issue in `reconcileIssues`; every other endpoint reads the issue as it is. Without it
 * (the default) search is never stale.
 */
import { demoAuthorization, generatePortfolio, ISSUE_TYPE_IDS, STATUS_IDS, startDemoJira, type RunningDemoJira } from '../../preview/demo-jira';

const NOW = Date.UTC(2026, 10, 15, 12, 0, 0);
const LAG_MS = 30_000;
let at = NOW;
let lagging: RunningDemoJira;
let plain: RunningDemoJira;

beforeAll(async () => {
  const options = { now: () => at, latencyMs: 0, faults: { rate: 0 } };
  lagging = await startDemoJira({ ...options, data: generatePortfolio({ seed: 3, epics: 30, now: NOW }), searchLagMs: LAG_MS });
  plain = await startDemoJira({ ...options, data: generatePortfolio({ seed: 3, epics: 30, now: NOW }) });
});
afterAll(() => Promise.all([lagging.close(), plain.close()]));

function epicIn(jira: RunningDemoJira, statusId: string) {
  const epic = jira.data.issues.find((issue) => issue.issueTypeId === ISSUE_TYPE_IDS.epic && issue.key.startsWith('PAY-') && issue.statusId === statusId);
  if (!epic) throw new Error('no PAY epic in that status');
  return epic;
}

async function post(jira: RunningDemoJira, path: string, body: unknown): Promise<Response> {
  return fetch(`${jira.url}${path}`, { method: 'POST', headers: { Authorization: demoAuthorization('app'), 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

/** Moves the epic to Analyzing through a transition (id 31: the third status of the table). */
async function moveToAnalyzing(jira: RunningDemoJira, id: string): Promise<void> {
  expect((await post(jira, `/rest/api/3/issue/${id}/transitions`, { transition: { id: '31' } })).status).toBe(204);
}

async function search(jira: RunningDemoJira, jql: string, reconcileIssues?: number[]): Promise<{ id: string; status?: string }[]> {
  const body = { jql, fields: ['status'], maxResults: 100, ...(reconcileIssues ? { reconcileIssues } : {}) };
  const answer = (await (await post(jira, '/rest/api/3/search/jql', body)).json()) as { issues: { id: string; fields: { status?: { id: string } } }[] };
  return answer.issues.map((issue) => ({ id: issue.id, status: issue.fields.status?.id }));
}

it('should answer a search as the issue was before a write until the lag has passed, and as it is when the issue is reconciled', async () => {
  const epic = epicIn(lagging, STATUS_IDS.reviewing);
  await moveToAnalyzing(lagging, epic.id);
  expect(epic.statusId).toBe(STATUS_IDS.analyzing);

  at = NOW + LAG_MS - 1;
  expect(await search(lagging, `id = ${epic.id}`)).toEqual([{ id: epic.id, status: STATUS_IDS.reviewing }]);
  expect(await search(lagging, `id = ${epic.id} AND status = ${STATUS_IDS.analyzing}`)).toEqual([]);
  expect(await search(lagging, `id = ${epic.id} AND status = ${STATUS_IDS.analyzing}`, [Number(epic.id)])).toEqual([{ id: epic.id, status: STATUS_IDS.analyzing }]);
  // Other endpoints read the issue as it is.
  const issue = (await (await fetch(`${lagging.url}/rest/api/3/issue/${epic.id}?fields=status`, { headers: { Authorization: demoAuthorization('app') } })).json()) as {
    fields: { status: { id: string } };
  };
  expect(issue.fields.status.id).toBe(STATUS_IDS.analyzing);

  at = NOW + LAG_MS;
  expect(await search(lagging, `id = ${epic.id}`)).toEqual([{ id: epic.id, status: STATUS_IDS.analyzing }]);
  at = NOW;
});

it('should never be stale when no lag is asked for', async () => {
  const epic = epicIn(plain, STATUS_IDS.reviewing);
  await moveToAnalyzing(plain, epic.id);
  expect(await search(plain, `id = ${epic.id}`)).toEqual([{ id: epic.id, status: STATUS_IDS.analyzing }]);
});
