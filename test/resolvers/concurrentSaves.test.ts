/**
 * Saves that race, through the handler against the demo Jira (a real HTTP server, so the calls
 * interleave): of several WSJF saves naming one version exactly one lands and the rest get a
 * conflict; saves on different epics all reach the ranking and the board; a change is never stored
 * without its history entry; big saves keep a history entry within the 240 KiB a value holds.
 */
import { createMemoryStore } from '../../src/adapters/local/memoryStore';
import type { HistoryEntry } from '../../src/contract/documents';
import type { DocumentWrite, StorePort } from '../../src/ports';
import { createServiceContext } from '../../src/services/context';
import { saveEpicWsjf } from '../../src/services/scoring';
import { CLAIM_LEASE_MS, WSJF_REGISTER_COLLECTION } from '../../src/services/wsjfRegister';
import { demoUser } from '../../preview/demo-jira';
import { dataOf, demoEpicKeys, startTestBackend } from '../builders/services';
import type { TestBackend } from '../builders/services';

jest.setTimeout(120_000);

const SCALE = [1, 2, 3, 5, 8, 13, 20];
/** Twenty distinct valid component sets. */
const componentsFor = (n: number) => ({
  userBusinessValue: SCALE[n % 7] as number,
  timeCriticality: SCALE[Math.floor(n / 7) % 7] as number,
  riskReductionOpportunityEnablement: 3,
  jobSize: SCALE[(n + 3) % 7] as number,
});

async function historyOf(backend: TestBackend, issueKey: string): Promise<Omit<HistoryEntry, 'schemaVersion'>[]> {
  const { entries } = dataOf(await backend.call('rte', 'history/list', { limit: 500 }));
  return entries.filter((entry) => entry.subject.key === issueKey);
}

describe('simultaneous WSJF saves on one epic', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startTestBackend();
  });
  afterAll(() => backend.close());

  it('should let exactly one of 20 saves naming the same version land and refuse the other 19 with conflict', async () => {
    const issueKey = demoEpicKeys(backend, 'PAY')[2] as string;
    const before = dataOf(await backend.call('rte', 'epic/wsjf/get', { issueKey }));
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        backend.call(n % 2 === 0 ? 'rte' : 'member', 'epic/wsjf/save', { issueKey, components: componentsFor(n), version: before.version }),
      ),
    );
    const landed = results.flatMap((result, n) => (result.ok ? [n] : []));
    const conflicts = results.filter((result) => !result.ok && result.error.code === 'conflict');
    expect(landed).toHaveLength(1);
    expect(conflicts).toHaveLength(19);

    const winner = landed[0] as number;
    const after = dataOf(await backend.call('rte', 'epic/wsjf/get', { issueKey }));
    expect(after).toMatchObject({ ...componentsFor(winner), version: (before.version ?? 0) + 1 });
    // One entry for the one change, none for the refused ones.
    const entries = await historyOf(backend, issueKey);
    expect(entries.map((entry) => entry.version)).toEqual([(before.version ?? 0) + 1]);
  });

  it('should refuse a save while another save holds a fresh claim, and take an abandoned claim over after the lease', async () => {
    const issueKey = demoEpicKeys(backend, 'PAY')[3] as string;
    const epicId = backend.demo.data.issues.find((issue) => issue.key === issueKey)?.id as string;
    const before = dataOf(await backend.call('rte', 'epic/wsjf/get', { issueKey }));
    const read = before.version ?? 0;
    // A save claimed the next version and died before it wrote Jira (and before it could release).
    await backend.store.put(
      WSJF_REGISTER_COLLECTION,
      epicId,
      { schemaVersion: 1, claimed: read + 1, claimedAt: backend.clock.now(), pendingEntry: null },
      null,
    );

    const blocked = await backend.call('rte', 'epic/wsjf/save', { issueKey, components: componentsFor(1), version: before.version });
    expect(blocked).toMatchObject({ ok: false, error: { code: 'conflict' } });

    backend.clock.advance(CLAIM_LEASE_MS);
    const saved = dataOf(await backend.call('rte', 'epic/wsjf/save', { issueKey, components: componentsFor(1), version: before.version }));
    expect(saved.version).toBe(read + 1);
    expect(backend.log.entries.some((entry) => entry.message === 'abandoned WSJF claim taken over')).toBe(true);
  });
});

describe('a WSJF save whose Jira write fails', () => {
  it('should give its claim back, so the next save naming the same version lands at once', async () => {
    const backend = await startTestBackend();
    try {
      const issueKey = demoEpicKeys(backend, 'PAY')[5] as string;
      const before = dataOf(await backend.call('rte', 'epic/wsjf/get', { issueKey }));
      const actors = backend.runtime.jira({ accountId: demoUser('rte').accountId });
      const failing = createServiceContext({
        jira: { app: actors.app, user: { ...actors.user, setIssueProperty: () => Promise.reject(new Error('Jira is down')) } },
        store: backend.store,
        clock: backend.clock,
        log: backend.log,
        accountId: demoUser('rte').accountId,
        cacheFreshMs: 60_000,
      });
      await expect(saveEpicWsjf(failing, issueKey, componentsFor(3), before.version)).rejects.toThrow('Jira is down');

      const saved = dataOf(await backend.call('rte', 'epic/wsjf/save', { issueKey, components: componentsFor(4), version: before.version }));
      expect(saved.version).toBe((before.version ?? 0) + 1);
      expect((await historyOf(backend, issueKey)).map((entry) => entry.version)).toEqual([saved.version]);
    } finally {
      await backend.close();
    }
  });
});

describe('a WSJF save whose process dies after the Jira write', () => {
  it('should record its history entry with the next save on that epic', async () => {
    const inner = createMemoryStore();
    let failSettle = true;
    const store: StorePort = {
      ...inner,
      putAll: async (writes: readonly DocumentWrite[]) => {
        const settling = writes[0]?.collection === WSJF_REGISTER_COLLECTION && (writes[0].value as { pendingEntry: unknown }).pendingEntry === null;
        if (settling && failSettle) throw new Error('killed after the Jira write');
        return inner.putAll(writes);
      },
    };
    const backend = await startTestBackend({ store });
    try {
      const issueKey = demoEpicKeys(backend, 'PAY')[4] as string;
      const before = dataOf(await backend.call('rte', 'epic/wsjf/get', { issueKey }));
      const first = dataOf(await backend.call('rte', 'epic/wsjf/save', { issueKey, components: componentsFor(2), version: before.version }));
      expect(await historyOf(backend, issueKey)).toEqual([]);

      failSettle = false;
      const second = dataOf(await backend.call('rte', 'epic/wsjf/save', { issueKey, components: componentsFor(5), version: first.version }));
      const entries = await historyOf(backend, issueKey);
      expect(entries.map((entry) => entry.version)).toEqual([second.version, first.version]);
    } finally {
      await backend.close();
    }
  });
});

describe('simultaneous WSJF saves on different epics', () => {
  it('should show all 20 new scores in the ranking and on the board', async () => {
    const backend = await startTestBackend();
    try {
      const keys = [...demoEpicKeys(backend, 'PAY'), ...demoEpicKeys(backend, 'MOB')].slice(0, 20);
      // Warm the cache first, as the pages do.
      dataOf(await backend.call('rte', 'portfolio/board'));
      const read = await Promise.all(keys.map(async (issueKey) => dataOf(await backend.call('rte', 'epic/wsjf/get', { issueKey }))));
      const results = await Promise.all(
        keys.map((issueKey, n) => backend.call('rte', 'epic/wsjf/save', { issueKey, components: componentsFor(n), version: read[n]?.version ?? null })),
      );
      expect(results.filter((result) => result.ok)).toHaveLength(20);

      const ranking = dataOf(await backend.call('rte', 'portfolio/wsjf'));
      const board = dataOf(await backend.call('rte', 'portfolio/board'));
      keys.forEach((issueKey, n) => {
        const saved = results[n]?.ok ? results[n].data : undefined;
        expect(ranking.epics.find((epic) => epic.key === issueKey)).toMatchObject(componentsFor(n));
        const card = board.cards.find((candidate) => candidate.key === issueKey);
        if (card) expect(card.wsjfScore).toBe(saved?.wsjfScore);
      });
    } finally {
      await backend.close();
    }
  });
});

describe('a change and its history entry', () => {
  it('should store neither when the history entry cannot be written', async () => {
    const inner = createMemoryStore();
    const store: StorePort = {
      ...inner,
      // The entry's write fails, as after a crash between two writes.
      put: (collection, key, value, expectedVersion) =>
        collection === 'history' ? Promise.reject(new Error('disk full')) : inner.put(collection, key, value, expectedVersion),
      putAll: (writes) => (writes.some((write) => write.collection === 'history') ? Promise.reject(new Error('disk full')) : inner.putAll(writes)),
    };
    const backend = await startTestBackend({ store });
    try {
      const themes = [{ id: 'growth', name: 'Growth', label: 'theme-growth', targetAllocation: null }];
      // An unexpected store error is logged and rethrown (Forge counts the call as failed).
      await expect(backend.call('rte', 'themes/save', { themes, version: null })).rejects.toThrow('disk full');
      expect(dataOf(await backend.call('rte', 'themes/list'))).toMatchObject({ themes: [], version: null });
    } finally {
      await backend.close();
    }
  });
});

describe('the history entry of a big save', () => {
  const bigTheme = (id: string, n: number) => ({
    id,
    name: `Theme ${id} ${'n'.repeat(200)}`,
    label: `theme-${id}`,
    targetAllocation: null,
    description: `${n} ${'d'.repeat(1990)}`,
  });

  const savedEntry = async (backend: TestBackend, version: number | null) => {
    const { entries } = dataOf(await backend.call('rte', 'history/list'));
    return entries.find((candidate) => candidate.action === 'themes/save' && candidate.version === version);
  };

  it('should record the 80 added themes in full and the 80 removed by id and name when 80 big themes are replaced', async () => {
    const backend = await startTestBackend();
    try {
      const first = Array.from({ length: 80 }, (_, n) => bigTheme(`a${n}`, n));
      const v1 = dataOf(await backend.call('rte', 'themes/save', { themes: first, version: null }));
      const second = Array.from({ length: 80 }, (_, n) => bigTheme(`b${n}`, n));
      const v2 = dataOf(await backend.call('rte', 'themes/save', { themes: second, version: v1.version }));

      const entry = await savedEntry(backend, v2.version);
      expect(Buffer.byteLength(JSON.stringify(entry), 'utf8')).toBeLessThanOrEqual(240 * 1024);
      expect(entry?.changes).toHaveLength(160);
      expect(entry?.changes[0]).toEqual({ field: 'themes[b0]', from: null, to: expect.objectContaining(second[0]) });
      expect(entry?.changes[80]).toEqual({ field: 'themes[a0]', from: { id: 'a0', name: first[0]?.name }, to: null });
    } finally {
      await backend.close();
    }
  });

  it('should keep the entry within 240 KiB and mark the cut when every description of 80 big themes changes', async () => {
    const backend = await startTestBackend();
    try {
      const first = Array.from({ length: 80 }, (_, n) => bigTheme(`a${n}`, n));
      const v1 = dataOf(await backend.call('rte', 'themes/save', { themes: first, version: null }));
      const second = first.map((theme, n) => ({ ...theme, description: `${n} ${'e'.repeat(1990)}` }));
      const v2 = dataOf(await backend.call('rte', 'themes/save', { themes: second, version: v1.version }));

      const entry = await savedEntry(backend, v2.version);
      expect(Buffer.byteLength(JSON.stringify(entry), 'utf8')).toBeLessThanOrEqual(240 * 1024);
      expect(entry?.changes[0]).toEqual({ field: 'themes[a0].description', from: first[0]?.description, to: second[0]?.description });
      const marker = entry?.changes.at(-1);
      expect(marker).toMatchObject({ field: 'truncated', from: null });
      expect(String(marker?.to)).toMatch(/^\d+ of 80 changes not recorded: the entry would pass the 240 KiB a stored value holds$/);
    } finally {
      await backend.close();
    }
  });

  it('should record only the changed fields of the changed themes when one description changes', async () => {
    const backend = await startTestBackend();
    try {
      const themes = Array.from({ length: 80 }, (_, n) => bigTheme(`a${n}`, n));
      const v1 = dataOf(await backend.call('rte', 'themes/save', { themes, version: null }));
      const edited = themes.map((theme, n) => (n === 7 ? { ...theme, description: 'short now' } : theme));
      const v2 = dataOf(await backend.call('rte', 'themes/save', { themes: edited, version: v1.version }));
      const { entries } = dataOf(await backend.call('rte', 'history/list'));
      const entry = entries.find((candidate) => candidate.version === v2.version && candidate.action === 'themes/save');
      expect(entry?.changes).toEqual([{ field: 'themes[a7].description', from: themes[7]?.description, to: 'short now' }]);
    } finally {
      await backend.close();
    }
  });
});
