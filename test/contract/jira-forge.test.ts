import api, { route } from '@forge/api';
import { forgeJiraActors } from '../../src/adapters/forge/jira';
import { jiraClientOptionsFor } from '../../src/adapters/jira/client';
import { createJiraMeter } from '../../src/adapters/jira/meter';
import { fixture, instantTiming } from '../fixtures/jira/fakes';

// Forge is mocked once, at the module boundary: the two actors' requestJira are fakes, `route` is
// the real one from @forge/api (so escaping and its path-manipulation guard run) wrapped in a spy.
jest.mock('@forge/api', () => {
  const { route: realRoute } = jest.requireActual<typeof import('@forge/api/out/safeUrl')>('@forge/api/out/safeUrl');
  const userRequestJira = jest.fn();
  const appRequestJira = jest.fn();
  const forgeApi = { asUser: jest.fn(() => ({ requestJira: userRequestJira })), asApp: jest.fn(() => ({ requestJira: appRequestJira })) };
  return { __esModule: true, default: forgeApi, route: jest.fn(realRoute) };
});

const mockedApi = jest.mocked(api);
const mockedRoute = jest.mocked(route);
const userRequestJira = jest.mocked(mockedApi.asUser().requestJira);
const appRequestJira = jest.mocked(mockedApi.asApp().requestJira);

/** Forge's APIResponse, as far as the client reads it. */
function apiResponse(status: number, bodyText: string, headers: Record<string, string> = {}) {
  return {
    status,
    ok: status >= 200 && status < 300,
    statusText: '',
    headers: new Headers(headers),
    text: async () => bodyText,
    json: async () => JSON.parse(bodyText) as unknown,
    arrayBuffer: async () => new ArrayBuffer(0),
  };
}

function actors() {
  const timing = instantTiming();
  return { jira: forgeJiraActors({ timing }), sleeps: timing.sleeps };
}

beforeEach(() => {
  userRequestJira.mockReset();
  appRequestJira.mockReset();
  mockedRoute.mockClear();
  mockedApi.asUser.mockClear();
  mockedApi.asApp.mockClear();
});

describe('forgeJiraActors', () => {
  it('should call Jira as the user when the user actor searches', async () => {
    userRequestJira.mockResolvedValue(apiResponse(200, fixture('search-jql-ids-page-2')));
    const { jira } = actors();
    expect(await jira.user.searchIssueIds('project = LOY')).toEqual(['10102']);

    expect(mockedApi.asUser).toHaveBeenCalled();
    expect(mockedApi.asApp).not.toHaveBeenCalled();
    const [url, init] = userRequestJira.mock.calls[0] ?? [];
    expect(url?.value).toBe('/rest/api/3/search/jql');
    expect(init).toEqual({
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: '{"jql":"project = LOY","fields":["id"],"maxResults":5000}',
    });
  });

  it('should call Jira as the app when the app actor reads changelogs', async () => {
    appRequestJira.mockResolvedValue(apiResponse(200, fixture('bulkfetch-page-2')));
    const { jira } = actors();
    await jira.app.fetchChangelogs(['10068'], ['status', 'Flagged']);

    expect(mockedApi.asApp).toHaveBeenCalled();
    expect(mockedApi.asUser).not.toHaveBeenCalled();
    expect(appRequestJira.mock.calls[0]?.[0].value).toBe('/rest/api/3/changelog/bulkfetch');
  });

  it('should build the path with route, params apart from the literals, when it reads a property', async () => {
    userRequestJira.mockResolvedValue(apiResponse(200, fixture('issue-property-wsjf')));
    const { jira } = actors();
    await jira.user.getIssueProperty('PAY-12', 'lean-portfolio.wsjf');

    const [strings, ...params] = mockedRoute.mock.calls[0] ?? [];
    expect([...(strings ?? [])]).toEqual(['/rest/api/3/issue/', '/properties/', '']);
    expect(params).toEqual(['PAY-12', 'lean-portfolio.wsjf']);
    expect(userRequestJira.mock.calls[0]?.[0].value).toBe('/rest/api/3/issue/PAY-12/properties/lean-portfolio.wsjf');
  });

  it('should percent-encode params that route would refuse or leave raw when a key has special characters', async () => {
    userRequestJira.mockResolvedValue(apiResponse(200, fixture('issue-property-wsjf')));
    const { jira } = actors();
    await jira.user.getIssueProperty('A/B?x#y', 'lean portfolio:wsjf');
    expect(userRequestJira.mock.calls[0]?.[0].value).toBe('/rest/api/3/issue/A%2FB%3Fx%23y/properties/lean%20portfolio%3Awsjf');
  });

  it('should pass the query through route as search params when it asks mypermissions', async () => {
    userRequestJira.mockResolvedValue(apiResponse(200, fixture('mypermissions')));
    const { jira } = actors();
    expect(await jira.user.getMyPermissions(['EDIT_ISSUES'], { issueId: '10068' })).toEqual({ EDIT_ISSUES: false });

    const [strings, ...params] = mockedRoute.mock.calls[0] ?? [];
    expect([...(strings ?? [])]).toEqual(['/rest/api/3/mypermissions?', '']);
    expect(params[0]).toBeInstanceOf(URLSearchParams);
    expect(userRequestJira.mock.calls[0]?.[0].value).toBe('/rest/api/3/mypermissions?permissions=EDIT_ISSUES&issueId=10068');
  });

  it('should honour Retry-After from requestJira when a 429 is followed by 200', async () => {
    userRequestJira
      .mockResolvedValueOnce(apiResponse(429, fixture('error-429'), { 'Retry-After': '2' }))
      .mockResolvedValueOnce(apiResponse(200, fixture('transitions')));
    const { jira, sleeps } = actors();
    expect(await jira.user.getTransitions('PAY-15')).toHaveLength(2);
    expect(userRequestJira).toHaveBeenCalledTimes(2);
    expect(sleeps).toEqual([2000]);
  });
});

describe('forgeJiraActors and the rate-limit headers', () => {
  it('should read the quota headers of requestJira answers, pace, and meter both actors in one meter', async () => {
    const quotaLeft = { 'Beta-RateLimit-Policy': '"tenant-app-quota";q=1000;w=3600', 'Beta-RateLimit': '"tenant-app-quota";r=100;t=100' };
    appRequestJira.mockImplementation(async () => apiResponse(200, fixture('myself'), quotaLeft));
    userRequestJira.mockImplementation(async () => apiResponse(200, fixture('myself')));
    const timing = instantTiming();
    const meter = createJiraMeter();
    const jira = forgeJiraActors({ timing, meter, ...jiraClientOptionsFor('background') });

    for (let i = 0; i < 3; i++) await jira.app.getMyself();
    await jira.user.getMyself();

    // 100 of 1000 points left, 100 s to the reset, 2 points a request: the third waits 2 s.
    expect(timing.sleeps).toEqual([2000]);
    expect(meter.snapshot()).toEqual({ calls: 4, points: 8, byEndpoint: { 'GET /rest/api/3/myself': { calls: 4, points: 8 } } });
  });
});
