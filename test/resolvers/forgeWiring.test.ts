/**
 * The Forge wiring, end to end: the handlers the manifest names (src/index.ts) on the Forge
 * runtime, with @forge/api and @forge/kvs mocked once, at the module boundary. requestJira is
 * forwarded to the demo Jira as the invocation's user (asUser) or the app (asApp); KVS is the
 * in-memory fake the store contract tests use.
 */
import api from '@forge/api';
import { createForgeStore, DOC_ENTITY } from '../../src/adapters/forge/store';
import type { Result } from '../../src/contract/result';
import { issueUpdated, scheduledRefresh, handler, syncConsumer } from '../../src/index';
import { demoUser, generatePortfolio, startDemoJira } from '../../preview/demo-jira';
import type { RunningDemoJira } from '../../preview/demo-jira';
import { fakeKvs } from '../contract/storeKvsFake';
import { TEST_NOW } from '../builders/services';

/** What the mocked @forge/api forwards to: set by the test before each invocation. */
const mockForge = { baseUrl: '', userName: 'rte' as 'rte' | 'member' };
/** The queue pushes `@forge/events` sent to Forge (through `__requestAtlassianAsApp`), not yet delivered. */
const mockPushes: { path: string; body: { queueName: string; payload: { body: Record<string, unknown> }[] } }[] = [];

jest.mock('@forge/api', () => {
  const { route } = jest.requireActual<typeof import('@forge/api/out/safeUrl')>('@forge/api/out/safeUrl');
  const { demoUser: user } = jest.requireActual<typeof import('../../preview/demo-jira')>('../../preview/demo-jira');
  const requestJiraAs = (name: () => 'rte' | 'member' | 'app') => async (url: { value: string }, init: { method: string; headers: Record<string, string>; body?: string }) => {
    const { email, apiToken } = user(name());
    const authorization = `Basic ${Buffer.from(`${email}:${apiToken}`).toString('base64')}`;
    return fetch(`${mockForge.baseUrl}${url.value}`, { ...init, headers: { ...init.headers, Authorization: authorization } });
  };
  const forgeApi = {
    asUser: jest.fn(() => ({ requestJira: requestJiraAs(() => mockForge.userName) })),
    asApp: jest.fn(() => ({ requestJira: requestJiraAs(() => 'app') })),
  };
  const requestAtlassianAsApp = async (path: string, init: { body: string }) => {
    mockPushes.push({ path, body: JSON.parse(init.body) });
    return new Response(null, { status: 201 });
  };
  return { __esModule: true, default: forgeApi, route, __requestAtlassianAsApp: requestAtlassianAsApp };
});

jest.mock('@forge/kvs', () => {
  const actual = jest.requireActual<Record<string, unknown>>('@forge/kvs');
  const { fakeKvs: fake } = jest.requireActual<typeof import('../contract/storeKvsFake')>('../contract/storeKvsFake');
  return { ...actual, kvs: fake, default: fake };
});

const mockedApi = jest.mocked(api);
/** The Forge runtime logs JSON lines to the console (Forge's log viewer reads them). */
const consoleInfo = jest.spyOn(console, 'info').mockImplementation(() => undefined);

let demo: RunningDemoJira;
beforeAll(async () => {
  demo = await startDemoJira({ data: generatePortfolio({ seed: 7, epics: 150, now: TEST_NOW }), now: () => TEST_NOW, latencyMs: 0, faults: { rate: 0 } });
  mockForge.baseUrl = demo.url;
  fakeKvs.reset();
  fakeKvs.declare(DOC_ENTITY);
});
afterAll(() => demo.close());

/** As Forge calls a resolver function: the payload in the first argument, the principal in the second. */
function invoke(user: 'rte' | 'member', functionKey: string, payload: unknown = {}): Promise<Result<unknown>> {
  mockForge.userName = user;
  return handler({ call: { functionKey, payload }, context: { extension: { type: 'jira:globalPage' } } }, { principal: { accountId: demoUser(user).accountId } }) as Promise<
    Result<unknown>
  >;
}

/** Delivers the pushed events to the consumer the manifest names, as Forge does, until none is left. */
async function deliverQueue(): Promise<number> {
  let delivered = 0;
  for (let push = mockPushes.shift(); push !== undefined; push = mockPushes.shift()) {
    expect(push.path).toBe('/webhook/queue/publish/{contextAri}/{environmentId}/{appId}/{appVersion}');
    expect(push.body.queueName).toBe('portfolio-sync');
    for (const event of push.body.payload) {
      const outcome = await syncConsumer({ body: event.body, queueName: 'portfolio-sync', jobId: 'job', eventId: `event-${delivered}` });
      expect(outcome).toBeUndefined();
      delivered += 1;
    }
  }
  return delivered;
}

it('should make no Forge call when the handlers are imported', () => {
  expect(mockedApi.asUser).not.toHaveBeenCalled();
  expect(mockedApi.asApp).not.toHaveBeenCalled();
});

it('should read as the user, start the sync on the Forge queue, and have the consumer fill the cache as the app when the RTE loads the board', async () => {
  const mark = demo.calls.length;
  const first = await invoke('rte', 'portfolio/board');
  expect(first.ok && (first.data as { cards: unknown[] }).cards.length).toBe(0);
  expect(demo.calls.slice(mark).map((call) => `${call.user} ${call.path}`)).toEqual(['rte /rest/api/3/search/jql']);

  // Listing the scope, then one step of 150 epics, then publishing: three events, each pushed by the one before.
  expect(await deliverQueue()).toBe(3);
  expect(demo.calls.slice(mark + 1).every((call) => call.user === 'app')).toBe(true);
  expect(await createForgeStore().getValue('epic-cache:meta')).toMatchObject({ scopeWhere: 'issuetype = Epic', chunkIds: [0] });
  expect(consoleInfo).toHaveBeenLastCalledWith(expect.stringMatching(/^\{"level":"info","message":"cold sync done","generation":1,"epics":150,"unavailable":0,/));

  const warm = await invoke('rte', 'portfolio/board');
  expect(warm.ok && (warm.data as { cards: unknown[] }).cards.length).toBe(150);
});

it('should serve the member from the same KVS cache without any DAT epic when the member loads the board', async () => {
  const mark = demo.calls.length;
  const result = await invoke('member', 'portfolio/board');

  expect(demo.calls.slice(mark).map((call) => `${call.user} ${call.path}`)).toEqual(['member /rest/api/3/search/jql']);
  expect(JSON.stringify(result)).not.toMatch(/DAT-\d+/);
});

it('should store versioned settings in the lp-doc entity and refuse the member when they save settings', async () => {
  const loaded = (await invoke('rte', 'settings/get')) as Result<{ settings: Record<string, unknown>; version: number | null }>;
  if (!loaded.ok) throw new Error(loaded.error.message);
  const settings = { ...loaded.data.settings, timeZone: 'Europe/Paris' };

  expect(await invoke('rte', 'settings/save', { settings, version: null })).toMatchObject({ ok: true, data: { version: 1 } });
  expect(await createForgeStore().get('settings', 'portfolio')).toMatchObject({ version: 1, value: { schemaVersion: 1, timeZone: 'Europe/Paris' } });
  expect(await invoke('member', 'settings/save', { settings, version: 1 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  expect(await invoke('rte', 'settings/save', { settings, version: null })).toMatchObject({ ok: false, error: { code: 'conflict' } });
});

it('should bring the cache up to date as the app when the scheduled trigger runs', async () => {
  const mark = demo.calls.length;
  await scheduledRefresh();
  expect(demo.calls.slice(mark).map((call) => `${call.user} ${call.path}`)).toEqual(['app /rest/api/3/search/jql']);
  expect(mockPushes).toEqual([]);
});

it('should record the epic in KVS when the issue-updated trigger runs, and re-read it as the app on the next board', async () => {
  const epic = demo.data.issues.find((issue) => issue.key.startsWith('PAY-') && issue.issueTypeId === '10000');
  const mark = demo.calls.length;
  await issueUpdated({ issue: { id: epic?.id, key: epic?.key }, eventType: 'avi:jira:updated:issue' });
  expect(demo.calls.slice(mark)).toEqual([]);
  expect(await createForgeStore().get('epic-cache-pending', 'epics')).toMatchObject({ value: { entries: [{ id: epic?.id }] } });

  const boardMark = demo.calls.length;
  await invoke('rte', 'portfolio/board');
  expect(demo.calls.slice(boardMark).map((call) => `${call.user} ${call.path}`)).toEqual(['rte /rest/api/3/search/jql', 'app /rest/api/3/search/jql', 'app /rest/api/3/changelog/bulkfetch']);
  expect(await createForgeStore().get('epic-cache-pending', 'epics')).toMatchObject({ value: { entries: [] } });
});
