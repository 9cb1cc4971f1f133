/** Every save records who changed what, when; refused saves record nothing. */
import { createMemoryStore } from '../../src/adapters/local/memoryStore';
import { GROUP_IDS } from '../../preview/demo-jira';
import type { JiraActors, StorePort } from '../../src/ports';
import { createServiceContext } from '../../src/services/context';
import { listHistory, recordChange } from '../../src/services/history';
import type { NewHistoryEntry } from '../../src/services/history';
import { recordingLog } from '../../src/runtime/recordingLog';
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
    // The first save also stores the managers group's id (the defaults name it only by name).
    summary: 'Settings changed: timeZone, portfolioManagersGroupId',
    changes: [
      { field: 'timeZone', from: 'UTC', to: 'Europe/Berlin' },
      { field: 'portfolioManagersGroupId', from: null, to: GROUP_IDS['portfolio-managers'] },
    ],
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

it('should ask Jira only for the user ids, never build the portfolio, when the history mentions an epic', async () => {
  const mark = backend.mark();
  const { entries } = dataOf(await backend.call('member', 'history/list', { limit: 1 }));
  expect(entries.map((entry) => entry.action)).toEqual(['epic/wsjf/save']);
  expect(backend.callsSince(mark).map((call) => `${call.user} ${call.method} ${call.path}`)).toEqual(['member POST /rest/api/3/search/jql']);
});

describe('reading the history newest first', () => {
  /** A store that counts the history items it hands out. */
  function listCountingStore() {
    const inner = createMemoryStore();
    const counts = { pages: 0, items: 0 };
    const store: StorePort = {
      ...inner,
      list: async (collection, options) => {
        const page = await inner.list(collection, options);
        counts.pages++;
        counts.items += page.items.length;
        return page;
      },
    };
    return { store, counts };
  }

  const entryAt = (at: number, n: number): NewHistoryEntry & { at: number } => ({
    at,
    action: 'themes/save',
    subject: { kind: 'themes', key: 'themes' },
    version: n,
    summary: `save ${n}`,
    changes: [],
  });

  async function recordAll(store: StorePort, count: number, start = TEST_NOW): Promise<void> {
    let now = start;
    const clock = { now: () => now, advance: (ms: number) => void (now += ms) };
    const ctx = createServiceContext({ jira: {} as JiraActors, store, clock, log: recordingLog(), accountId: '712020:rte', cacheFreshMs: 0 });
    for (let n = 1; n <= count; n++) {
      await recordChange(ctx, entryAt(clock.now(), n));
      // No clock move after every third save: saves 3 and 4, 6 and 7, … share a millisecond.
      if (n % 3 !== 0) clock.advance(MINUTE);
    }
  }

  it('should read one page and return the newest entries in order when 250 were saved and 5 are asked for', async () => {
    const { store, counts } = listCountingStore();
    await recordAll(store, 250);
    counts.pages = 0;
    counts.items = 0;
    const entries = await listHistory(store, { limit: 5 }, recordingLog());
    expect(entries.map((entry) => entry.version)).toEqual([250, 249, 248, 247, 246]);
    expect(counts).toEqual({ pages: 1, items: 100 });
  });

  it('should stop at the first entry older than since when since is given', async () => {
    const { store, counts } = listCountingStore();
    await recordAll(store, 250);
    counts.pages = 0;
    // Save n is at n − 1 − ⌊(n − 1) / 3⌋ minutes: 249 and 250 share +166 min (250 is listed first), 248 is at +165.
    const entries = await listHistory(store, { since: TEST_NOW + 166 * MINUTE, limit: 100 }, recordingLog());
    expect(entries.map((entry) => entry.version)).toEqual([250, 249]);
    expect(counts.pages).toBe(1);
  });

  it('should list entries under the first key scheme after the newer ones, newest first, when both exist', async () => {
    const { store } = listCountingStore();
    const legacyKey = (at: number, n: number) => `${String(at).padStart(15, '0')}-${String(n).padStart(6, '0')}-legacy`;
    for (const n of [1, 2]) await store.put('history', legacyKey(TEST_NOW - (3 - n) * MINUTE, n), { schemaVersion: 1, accountId: '712020:rte', ...entryAt(TEST_NOW - (3 - n) * MINUTE, n) }, null);
    await recordAll(store, 2);
    const entries = await listHistory(store, { limit: 10 }, recordingLog());
    expect(entries.map((entry) => [entry.version, entry.at])).toEqual([
      [2, TEST_NOW + MINUTE],
      [1, TEST_NOW],
      [2, TEST_NOW - MINUTE],
      [1, TEST_NOW - 2 * MINUTE],
    ]);
  });
});
