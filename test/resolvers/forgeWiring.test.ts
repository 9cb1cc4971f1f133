/**
 * The Forge wiring, end to end: the handlers the manifest names (src/index.ts) on the Forge
 * runtime, with @forge/api and @forge/kvs mocked once, at the module boundary. requestJira is
 * forwarded to the demo Jira as the invocation's user (asUser) or the app (asApp); KVS is the
 * in-memory fake the store contract tests use.
 */
import api from '@forge/api';
import { createForgeStore, DOC_ENTITY } from '../../src/adapters/forge/store';
import type { Result } from '../../src/contract/result';
import { issueUpdated, scheduledRefresh, handler } from '../../src/index';
import { demoUser, generatePortfolio, startDemoJira } from '../../preview/demo-jira';
import type { RunningDemoJira } from '../../preview/demo-jira';
import { fakeKvs } from '../contract/storeKvsFake';
import { TEST_NOW } from '../builders/services';

/** What the mocked @forge/api forwards to: set by the test before each invocation. */
const mockForge = { baseUrl: '', userName: 'rte' as 'rte' | 'member' };

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
  return { __esModule: true, default: forgeApi, route };
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

it('should make no Forge call when the handlers are imported', () => {
  expect(mockedApi.asUser).not.toHaveBeenCalled();
  expect(mockedApi.asApp).not.toHaveBeenCalled();
});

it('should read as the user, fill the cache as the app and keep it in KVS when the RTE loads the board', async () => {
  const mark = demo.calls.length;
  const result = await invoke('rte', 'portfolio/board');

  expect(result.ok).toBe(true);
  expect(result.ok && (result.data as { cards: unknown[] }).cards.length).toBe(150);
  expect(demo.calls.slice(mark).map((call) => `${call.user} ${call.path}`)).toEqual([
    'rte /rest/api/3/search/jql',
    'app /rest/api/3/statuses/search',
    // The Flagged field's id on this site, to read its history by id.
    'app /rest/api/3/field',
    'app /rest/api/3/search/jql',
    'app /rest/api/3/search/jql',
    'app /rest/api/3/changelog/bulkfetch',
  ]);
  expect(await createForgeStore().getValue('epic-cache:meta')).toMatchObject({ scopeWhere: 'issuetype = Epic', chunkIds: [0] });
  expect(consoleInfo).toHaveBeenLastCalledWith('{"level":"info","message":"epic cache rebuilt","epics":150,"chunks":1,"flaggedFieldId":"customfield_10021"}');
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

it('should rebuild the cache as the app when the scheduled trigger runs', async () => {
  const mark = demo.calls.length;
  await scheduledRefresh();
  expect(demo.calls.slice(mark).every((call) => call.user === 'app')).toBe(true);
  expect(demo.calls.slice(mark).map((call) => call.path)).toContain('/rest/api/3/changelog/bulkfetch');
});

it('should re-read one epic as the app when the issue-updated trigger runs', async () => {
  const epic = demo.data.issues.find((issue) => issue.key.startsWith('PAY-') && issue.issueTypeId === '10000');
  const mark = demo.calls.length;
  await issueUpdated({ issue: { id: epic?.id, key: epic?.key }, eventType: 'avi:jira:updated:issue' });
  expect(demo.calls.slice(mark).map((call) => `${call.user} ${call.path}`)).toEqual(['app /rest/api/3/search/jql', 'app /rest/api/3/changelog/bulkfetch']);
});
