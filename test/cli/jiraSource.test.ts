import { SAMPLE, runLpm, sampleExport } from './runLpm';

const SITE = 'https://example.atlassian.net';
const ENV = { JIRA_EMAIL: 'rte@example.com', JIRA_API_TOKEN: 'token-123' };

interface SentRequest {
  url: string;
  body: Record<string, unknown>;
  authorization: string | null;
}

/** A Jira Cloud that answers search/jql (without changelogs), its field list, and changelog/bulkfetch (filtered by field id, as Jira does) from the sample. */
function fakeJira(options: { searchStatus?: number } = {}): { fetch: typeof fetch; sent: SentRequest[] } {
  const sample = sampleExport();
  const sent: SentRequest[] = [];
  const fetchImpl = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    const body = JSON.parse(String(init?.body ?? '{}')) as Record<string, unknown>;
    sent.push({ url, body, authorization: new Headers(init?.headers).get('Authorization') });
    const json = (status: number, value: unknown) => new Response(JSON.stringify(value), { status, headers: { 'Content-Type': 'application/json' } });
    if (url === `${SITE}/rest/api/3/search/jql`) {
      if (options.searchStatus === 400) return json(400, { errorMessages: ["Field 'sprnt' does not exist."], errors: {} });
      const issues = sample.issues.map(({ changelog: _changelog, ...issue }) => issue);
      return json(200, { issues, isLast: true });
    }
    if (url === `${SITE}/rest/api/3/field`) {
      return json(200, [
        { id: 'status', name: 'Status' },
        { id: 'summary', name: 'Summary' },
        { id: 'customfield_10021', name: 'Flagged' },
      ]);
    }
    if (url === `${SITE}/rest/api/3/changelog/bulkfetch`) {
      const ids = body['issueIdsOrKeys'] as string[];
      const fieldIds = body['fieldIds'] as string[];
      type History = { items: { fieldId?: string }[] };
      const issueChangeLogs = sample.issues
        .filter((issue) => ids.includes(issue.id))
        .map((issue) => ({
          issueId: issue.id,
          changeHistories: (issue as unknown as { changelog: { histories: History[] } }).changelog.histories
            .map((history) => ({ ...history, items: history.items.filter((item) => fieldIds.includes(item.fieldId ?? '')) }))
            .filter((history) => history.items.length > 0),
        }));
      return json(200, { issueChangeLogs });
    }
    return json(404, { errorMessages: ['no such endpoint'] });
  };
  return { fetch: fetchImpl as typeof fetch, sent };
}

describe('lpm metrics --site', () => {
  it('should give the same report as the export when reading the epics and their history from Jira', async () => {
    const jira = fakeJira();
    const live = await runLpm(['metrics', '--site', SITE, '--jql', 'issuetype = Epic', '--as-of', '2025-04-30'], {}, '2025-04-30', { env: ENV, fetch: jira.fetch });
    const file = await runLpm(['metrics', '--input', SAMPLE, '--as-of', '2025-04-30']);
    expect(live).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(live.stdout)).toEqual(JSON.parse(file.stdout));
    // The Flagged field's id is looked up, and bulkfetch asks only for the fields the timelines read.
    expect(jira.sent.map((r) => r.url).sort()).toEqual([`${SITE}/rest/api/3/changelog/bulkfetch`, `${SITE}/rest/api/3/field`, `${SITE}/rest/api/3/search/jql`]);
    expect(jira.sent.find((r) => r.url.endsWith('/bulkfetch'))?.body).toMatchObject({ fieldIds: ['status', 'customfield_10021'] });
    expect(jira.sent.find((r) => r.url.endsWith('/search/jql'))?.body).toMatchObject({ jql: 'issuetype = Epic', fields: expect.arrayContaining(['created', 'status']) });
    expect(jira.sent[0]?.authorization).toBe(`Basic ${Buffer.from('rte@example.com:token-123').toString('base64')}`);
  });

  it('should exit 2 naming the variable when the API token is not set', async () => {
    const outcome = await runLpm(['metrics', '--site', SITE, '--jql', 'project = LPM'], {}, '2025-04-30', { env: { JIRA_EMAIL: 'rte@example.com' } });
    expect(outcome).toEqual({ code: 2, stdout: '', stderr: 'lpm: JIRA_API_TOKEN: not set; --site needs JIRA_EMAIL and JIRA_API_TOKEN in the environment\n' });
  });

  it('should exit 2 with Jira\'s message on one line when Jira rejects the JQL', async () => {
    const outcome = await runLpm(['metrics', '--site', SITE, '--jql', 'sprnt = 1'], {}, '2025-04-30', { env: ENV, fetch: fakeJira({ searchStatus: 400 }).fetch });
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toBe(`lpm: ${SITE}: POST /rest/api/3/search/jql: Jira rejected the request: Field 'sprnt' does not exist.\n`);
  });

  it.each([
    [['--site', SITE], 'lpm: metrics: --site needs --jql (the epics to read) (see lpm --help)'],
    [['--jql', 'project = LPM'], 'lpm: metrics: --jql needs --site (see lpm --help)'],
    [['--site', SITE, '--jql', 'x', '--input', SAMPLE], 'lpm: metrics: give either --input FILE or --site URL, not both (see lpm --help)'],
    [['--site', 'example.atlassian.net', '--jql', 'x'], 'lpm: --site: not a site URL: "example.atlassian.net" (expected https://your-site.atlassian.net)'],
  ])('should exit 2 when the source options are incomplete (%j)', async (args, line) => {
    const outcome = await runLpm(['metrics', ...args], {}, '2025-04-30', { env: ENV, fetch: fakeJira().fetch });
    expect(outcome).toEqual({ code: 2, stdout: '', stderr: `${line}\n` });
  });
});
