/**
 * The weekly personal data job as Forge runs it: the manifest's scheduled trigger names
 * `index.personalDataReport`, which reports through `asApp().requestAtlassian` (mocked at the
 * module boundary, answering as Atlassian's endpoint does) and anonymises in KVS (the fake the
 * store contract tests use).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import api from '@forge/api';
import { parse } from 'yaml';
import { createForgeStore, DOC_ENTITY } from '../../src/adapters/forge/store';
import { personalDataReport } from '../../src/index';
import { ANONYMOUS_ACCOUNT_ID } from '../../src/services/personalDataFields';
import { fakeKvs } from '../contract/storeKvsFake';

// Atlassian's documented test accounts: one active, one closed.
const ACTIVE = '5be24ad8b1653240376955d2';
const CLOSED = '5be24ba3f91c106033269289';

jest.mock('@forge/api', () => {
  const { route } = jest.requireActual<typeof import('@forge/api/out/safeUrl')>('@forge/api/out/safeUrl');
  const requestAtlassian = jest.fn(async (_url: unknown, init: { body: string }) => {
    const { accounts } = JSON.parse(init.body) as { accounts: { accountId: string }[] };
    const closed = accounts.filter((account) => account.accountId === '5be24ba3f91c106033269289').map(({ accountId }) => ({ accountId, status: 'closed' }));
    const body = JSON.stringify({ accounts: closed });
    return { status: closed.length > 0 ? 200 : 204, headers: new Headers(), text: async () => body };
  });
  const forgeApi = { asApp: jest.fn(() => ({ requestAtlassian })), asUser: jest.fn() };
  return { __esModule: true, default: forgeApi, route };
});

jest.mock('@forge/kvs', () => {
  const actual = jest.requireActual<Record<string, unknown>>('@forge/kvs');
  const { fakeKvs: fake } = jest.requireActual<typeof import('../contract/storeKvsFake')>('../contract/storeKvsFake');
  return { ...actual, kvs: fake, default: fake };
});

const consoleInfo = jest.spyOn(console, 'info').mockImplementation(() => undefined);

beforeAll(() => {
  fakeKvs.reset();
  fakeKvs.declare(DOC_ENTITY);
});
afterAll(() => consoleInfo.mockRestore());

const entry = (accountId: string) => ({ schemaVersion: 1, at: Date.UTC(2026, 10, 1), accountId, action: 'review/mark', subject: { kind: 'settings', key: 'settings' }, version: 1, summary: 'x', changes: [] });

it('should name the weekly trigger, its handler and the reporting scope when the manifest is read', () => {
  const manifest = parse(readFileSync(path.resolve(__dirname, '../../manifest.yml'), 'utf8')) as {
    modules: { scheduledTrigger: { key: string; function: string; interval: string }[]; function: { key: string; handler: string; timeoutSeconds?: number }[] };
    permissions: { scopes: string[] };
  };
  const trigger = manifest.modules.scheduledTrigger.find((item) => item.key === 'weekly-personal-data');
  expect(trigger).toMatchObject({ interval: 'week' });
  expect(manifest.modules.function.find((item) => item.key === trigger?.function)).toEqual({ key: 'personal-data', handler: 'index.personalDataReport', timeoutSeconds: 900 });
  expect(manifest.permissions.scopes).toContain('report:personal-data');
});

it('should report as the app and anonymise the closed account in KVS when the weekly trigger runs', async () => {
  const store = createForgeStore();
  await store.put('history', 'n1', entry(CLOSED), null);
  await store.put('history', 'n2', entry(ACTIVE), null);

  await personalDataReport();

  const requestAtlassian = jest.mocked(api.asApp().requestAtlassian);
  expect(requestAtlassian).toHaveBeenCalledTimes(1);
  expect((requestAtlassian.mock.calls[0]?.[0] as unknown as { value: string }).value).toBe('/app/report-accounts');
  expect((await store.get('history', 'n1'))?.value).toMatchObject({ accountId: ANONYMOUS_ACCOUNT_ID });
  expect((await store.get('history', 'n1'))?.version).toBe(2);
  expect((await store.get('history', 'n2'))).toMatchObject({ value: { accountId: ACTIVE }, version: 1 });
});
