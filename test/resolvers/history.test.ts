/** Every save records who changed what, when; refused saves record nothing. */
import { dataOf, demoEpicKeys, startTestBackend, TEST_NOW } from '../builders/services';
import type { TestBackend } from '../builders/services';

const MINUTE = 60_000;
/** WSJF = (8 + 8 + 5) / 5 = 4.2 */
const NEW_COMPONENTS = { userBusinessValue: 8, timeCriticality: 8, riskReductionOpportunityEnablement: 5, jobSize: 5 };

let backend: TestBackend;
let epicKey: string;
let epicId: string;
let wsjfBefore: number | null;
beforeAll(async () => {
  backend = await startTestBackend();
  epicKey = demoEpicKeys(backend, 'PAY')[4] as string;
  epicId = backend.demo.data.issues.find((issue) => issue.key === epicKey)?.id as string;

  const settings = dataOf(await backend.call('rte', 'settings/get'));
  dataOf(await backend.call('rte', 'settings/save', { settings: { ...settings.settings, timeZone: 'Europe/Berlin' }, version: null }));
  backend.clock.advance(MINUTE);
  dataOf(await backend.call('rte', 'themes/save', { themes: [{ id: 'growth', name: 'Growth', label: 'theme-growth', targetAllocation: null }], version: null }));
  backend.clock.advance(MINUTE);
  const wsjf = dataOf(await backend.call('member', 'epic/wsjf/get', { issueKey: epicKey }));
  wsjfBefore = wsjf.wsjfScore;
  dataOf(
    await backend.call('member', 'epic/wsjf/save', {
      issueKey: epicKey,
      components: NEW_COMPONENTS,
      version: wsjf.version,
    }),
  );
  // Refused saves: a conflict and a forbidden one.
  backend.clock.advance(MINUTE);
  await backend.call('rte', 'themes/save', { themes: [], version: null });
  await backend.call('member', 'settings/save', { settings: settings.settings, version: 1 });
});
afterAll(() => backend.close());

it('should list the three saves newest first with who, what and when when the history is read', async () => {
  const { entries } = dataOf(await backend.call('rte', 'history/list'));
  expect(entries.map((entry) => [entry.action, entry.accountId, entry.at, entry.version])).toEqual([
    ['epic/wsjf/save', '712020:member', TEST_NOW + 2 * MINUTE, expect.any(Number)],
    ['themes/save', '712020:rte', TEST_NOW + MINUTE, 1],
    ['settings/save', '712020:rte', TEST_NOW, 1],
  ]);
});

it('should name the changed fields when the settings were saved', async () => {
  const { entries } = dataOf(await backend.call('rte', 'history/list'));
  expect(entries[2]).toEqual({
    at: TEST_NOW,
    accountId: '712020:rte',
    action: 'settings/save',
    subject: { kind: 'settings', key: 'portfolio' },
    version: 1,
    summary: 'Settings changed: timeZone',
    changes: [{ field: 'timeZone', from: 'UTC', to: 'Europe/Berlin' }],
  });
});

it('should describe the score change and the components when an epic was scored', async () => {
  const { entries } = dataOf(await backend.call('member', 'history/list'));
  const entry = entries[0];
  const before = wsjfBefore === null ? 'unscored' : String(Math.round(wsjfBefore * 100) / 100);
  expect(entry?.subject).toEqual({ kind: 'epic', key: epicKey, issueId: epicId });
  expect(entry?.summary).toBe(`${epicKey}: WSJF ${before} → 4.2`);
  expect(entry?.changes.length).toBeGreaterThan(0);
  for (const change of entry?.changes ?? []) {
    expect(change.to).toBe(NEW_COMPONENTS[change.field as keyof typeof NEW_COMPONENTS]);
    expect(change.from).not.toBe(change.to);
  }
});

it.each([
  [TEST_NOW + MINUTE, undefined, ['epic/wsjf/save', 'themes/save']],
  [TEST_NOW + 2 * MINUTE + 1, undefined, []],
  [undefined, 1, ['epic/wsjf/save']],
  [0, 2, ['epic/wsjf/save', 'themes/save']],
] as const)('should list only entries at or after %s, at most %s, when since and limit are given', async (since, limit, actions) => {
  const payload = { ...(since === undefined ? {} : { since }), ...(limit === undefined ? {} : { limit }) };
  const { entries } = dataOf(await backend.call('rte', 'history/list', payload));
  expect(entries.map((entry) => entry.action)).toEqual(actions);
});
