/**
 * The demo Jira's issue edit (`PUT /rest/api/3/issue/{key}`), as far as the app uses it: labels added
 * and removed through `update.labels` (or set through `fields.labels`), Edit issues checked, the
 * change written to the issue's history as Jira does; and the app's client calling it.
 */
import { createJiraClient } from '../../src/adapters/jira/client';
import { renderJiraPath } from '../../src/adapters/jira/path';
import { encodeJiraBody } from '../../src/adapters/jira/transport';
import { demoAuthorization, generatePortfolio, ISSUE_TYPE_IDS, startDemoJira, type RunningDemoJira } from '../../preview/demo-jira';

const NOW = Date.UTC(2026, 10, 15, 12, 0, 0);
let jira: RunningDemoJira;

beforeAll(async () => {
  jira = await startDemoJira({ data: generatePortfolio({ seed: 3, epics: 30, now: NOW }), now: () => NOW + 60_000, latencyMs: 0, faults: { rate: 0 } });
});
afterAll(() => jira.close());

const epicOf = (projectKey: string) => {
  const epic = jira.data.issues.find((issue) => issue.issueTypeId === ISSUE_TYPE_IDS.epic && issue.key.startsWith(`${projectKey}-`));
  if (!epic) throw new Error(`no ${projectKey} epic`);
  return epic;
};

async function edit(user: 'rte' | 'member', key: string, body: unknown): Promise<{ status: number; text: string }> {
  const response = await fetch(`${jira.url}/rest/api/3/issue/${key}`, {
    method: 'PUT',
    headers: { Authorization: demoAuthorization(user), 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

describe('PUT /rest/api/3/issue/{key}', () => {
  it('should add and remove labels, answer 204 and write a labels history item', async () => {
    const epic = epicOf('PAY');
    epic.labels = ['theme-platform', 'enabler'];
    const historiesBefore = epic.histories.length;

    const answer = await edit('rte', epic.key, { update: { labels: [{ add: 'theme-growth' }, { remove: 'theme-platform' }] } });

    expect(answer).toEqual({ status: 204, text: '' });
    expect(epic.labels).toEqual(['enabler', 'theme-growth']);
    expect(epic.histories).toHaveLength(historiesBefore + 1);
    expect(epic.histories.at(-1)?.items).toEqual([
      { field: 'labels', fieldtype: 'jira', fieldId: 'labels', from: null, fromString: 'theme-platform enabler', to: null, toString: 'enabler theme-growth' },
    ]);
    expect(epic.updated).toBe(NOW + 60_000);
  });

  it('should change nothing and write no history when the labels stay the same', async () => {
    const epic = epicOf('MOB');
    epic.labels = ['theme-growth'];
    const before = epic.histories.length;
    expect((await edit('rte', epic.key, { update: { labels: [{ add: 'theme-growth' }, { remove: 'absent' }] } })).status).toBe(204);
    expect(epic.histories).toHaveLength(before);
  });

  it.each([
    ['a label with a space', { update: { labels: [{ add: 'theme growth' }] } }],
    ['an operation that is not one', { update: { labels: [{ rename: 'x' }] } }],
    ['labels that are not strings', { fields: { labels: [1] } }],
  ])('should answer 400 to %s', async (_label, body) => {
    expect((await edit('rte', epicOf('PAY').key, body)).status).toBe(400);
  });

  it('should answer 403 to the member on a project they may only browse and 404 on one they cannot see', async () => {
    const plt = epicOf('PLT');
    const labels = [...plt.labels];
    expect((await edit('member', plt.key, { fields: { labels: ['x'] } })).status).toBe(403);
    expect(plt.labels).toEqual(labels);
    expect((await edit('member', epicOf('DAT').key, { fields: { labels: ['x'] } })).status).toBe(404);
  });

  it('should be what the app client sends for editIssueLabels', async () => {
    const epic = epicOf('PAY');
    epic.labels = ['theme-growth'];
    const client = createJiraClient(async (request) => {
      const { headers, body } = encodeJiraBody(request);
      return fetch(`${jira.url}${renderJiraPath(request.path, encodeURIComponent)}`, { method: request.method, headers: { ...headers, Authorization: demoAuthorization('rte') }, body });
    });
    await client.editIssueLabels(epic.key, { add: ['theme-compliance'], remove: ['theme-growth'] });
    expect(epic.labels).toEqual(['theme-compliance']);
  });
});
