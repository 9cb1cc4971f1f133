/**
 * An epic's latest WSJF saves, kept in its WSJF register (services/wsjfRegister.ts,
 * wsjfSaveHistory.ts): the panel shows them however busy the history is, the latest five newest
 * first, and a register written before it kept them is filled from the history on the next save.
 */
import { createMemoryStore } from '../../src/adapters/local/memoryStore';
import type { HistoryEntry } from '../../src/contract/documents';
import type { StorePort } from '../../src/ports';
import { historyEntryWrite } from '../../src/services/history';
import { dataOf, demoEpicKeys, startTestBackend } from '../builders/services';
import type { TestBackend } from '../builders/services';
import { contextOf } from '../builders/projectionReads';

jest.setTimeout(120_000);

const SCORES = [1, 2, 3, 5, 8, 13, 20];

describe("an epic's latest WSJF saves", () => {
  let backend: TestBackend;
  beforeEach(async () => {
    backend = await startTestBackend({ epics: 120 });
  });
  afterEach(() => backend.close());

  async function saveWsjf(issueKey: string, userBusinessValue: number): Promise<void> {
    const before = dataOf(await backend.call('rte', 'epic/wsjf/get', { issueKey }));
    const components = { userBusinessValue, timeCriticality: 3, riskReductionOpportunityEnablement: 2, jobSize: 5 };
    dataOf(await backend.call('rte', 'epic/wsjf/save', { issueKey, components, version: before.version }));
  }
  const changesOf = async (issueKey: string) => {
    const panel = dataOf(await backend.call('rte', 'epic/panel', { issueKey }));
    if (panel.kind !== 'epic') throw new Error(`${issueKey} is ${panel.kind}`);
    return panel.changes;
  };
  const registerOf = async (issueKey: string) => {
    const id = backend.demo.data.issues.find((issue) => issue.key === issueKey)?.id as string;
    return { id, stored: await backend.store.get('wsjf-register', id) };
  };

  it('should show them however far back the history holds them', async () => {
    const epicKey = demoEpicKeys(backend, 'PAY')[0] as string;
    await saveWsjf(epicKey, 3);
    await saveWsjf(epicKey, 8);
    // 310 changes to other things since: further back than a history scan reads.
    const ctx = contextOf(backend, 'rte');
    for (let n = 0; n < 310; n++) {
      backend.clock.advance(1_000);
      const write = historyEntryWrite(ctx, { action: 'settings/save', subject: { kind: 'settings', key: 'portfolio' }, version: n + 1, summary: `change ${n}`, changes: [] });
      await backend.store.put(write.collection, write.key, write.value, null);
    }
    const changes = await changesOf(epicKey);
    expect(changes.map((change) => change.changes.find((field) => field.field === 'userBusinessValue')?.to)).toEqual([8, 3]);
  });

  it('should keep the latest five, newest first, each as the history recorded it', async () => {
    const epicKey = demoEpicKeys(backend, 'PAY')[1] as string;
    for (const score of SCORES) {
      backend.clock.advance(1_000);
      await saveWsjf(epicKey, score);
    }
    const changes = await changesOf(epicKey);
    const history = dataOf(await backend.call('rte', 'history/list', { limit: 500 })).entries.filter((entry) => entry.action === 'epic/wsjf/save' && entry.subject.key === epicKey);
    expect(history).toHaveLength(SCORES.length);
    expect(changes).toEqual(history.slice(0, 5).map((entry) => ({ at: entry.at, accountId: entry.accountId, byYou: true, summary: entry.summary, changes: entry.changes })));
  });

  it('should fill a register written before it kept them from the history on the next save', async () => {
    const epicKey = demoEpicKeys(backend, 'PAY')[2] as string;
    await saveWsjf(epicKey, 3);
    const { id, stored } = await registerOf(epicKey);
    const { recent, ...older } = stored?.value as { recent: HistoryEntry[] };
    const firstVersion = recent[0]?.version as number;
    await backend.store.put('wsjf-register', id, older, stored?.version ?? null);
    // Read from the history meanwhile.
    expect(await changesOf(epicKey)).toHaveLength(1);

    backend.clock.advance(1_000);
    await saveWsjf(epicKey, 13);
    const filled = (await registerOf(epicKey)).stored?.value as { recent: HistoryEntry[] };
    expect(filled.recent.map((entry) => entry.version)).toEqual([firstVersion + 1, firstVersion]);
    expect((await changesOf(epicKey)).map((change) => change.summary)).toEqual(filled.recent.map((entry) => entry.summary));
  });
});

describe('a save of an epic without a WSJF register', () => {
  it('should neither scan the history nor show score changes the app never made', async () => {
    const inner = createMemoryStore();
    const historyPages: string[] = [];
    const store: StorePort = {
      ...inner,
      list: (collection, options) => {
        if (collection === 'history') historyPages.push(options?.cursor ?? 'first');
        return inner.list(collection, options);
      },
    };
    const backend = await startTestBackend({ epics: 120, store });
    try {
      const issueKey = demoEpicKeys(backend, 'MOB')[0] as string;
      const panel = dataOf(await backend.call('rte', 'epic/panel', { issueKey }));
      expect(panel.kind === 'epic' && panel.changes).toEqual([]);
      const before = dataOf(await backend.call('rte', 'epic/wsjf/get', { issueKey }));
      const components = { userBusinessValue: 8, timeCriticality: 3, riskReductionOpportunityEnablement: 2, jobSize: 5 };
      dataOf(await backend.call('rte', 'epic/wsjf/save', { issueKey, components, version: before.version }));
      // Scored by the demo outside the app, then saved once: the register keeps that one save.
      const after = dataOf(await backend.call('rte', 'epic/panel', { issueKey }));
      expect(after.kind === 'epic' && after.changes.map((change) => change.changes.find((field) => field.field === 'userBusinessValue')?.to)).toEqual([8]);
      expect(historyPages).toEqual([]);
    } finally {
      await backend.close();
    }
  });
});
