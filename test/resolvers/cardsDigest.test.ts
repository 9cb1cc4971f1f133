/**
 * The cards' digest (services/portfolio/cardsDigest.ts): a page served after another reads every
 * card from one document instead of each chunk's, with the same answer; never once a chunk changed
 * or the configuration did; large ones in parts written in one transaction, the replaced parts
 * deleted; the head keeps who scored where the personal-data job finds it.
 */
import { randomBytes } from 'node:crypto';
import { createMemoryStore } from '../../src/adapters/local/memoryStore';
import type { StorePort } from '../../src/ports';
import { recordingLog } from '../../src/runtime/recordingLog';
import { portfolioBoard } from '../../src/services/board';
import { cardConfigOf, cardsDocumentSchema } from '../../src/services/portfolio/cards';
import type { EpicCard } from '../../src/services/portfolio/cards';
import { readCardsDigest, storeCardsDigest } from '../../src/services/portfolio/cardsDigest';
import { loadEpicCacheMeta, patchInChunk, readChunk } from '../../src/services/portfolio/epicCache';
import { defaultSettings, portfolioConfigOf } from '../../src/services/settings';
import { wsjfReadingOf } from '../../src/services/wsjfProperty';
import { createIssueUpdated } from '../../src/triggers/issueUpdated';
import { dataOf, startTestBackend } from '../builders/services';
import type { TestBackend } from '../builders/services';
import { contextOf, FRESH_MS, readRecordingStore } from '../builders/projectionReads';

jest.setTimeout(120_000);

const chunkCardReads = (reads: readonly string[]) => reads.filter((key) => /^epic-cache-cards\/cards-/.test(key));
const digestReads = (reads: readonly string[]) => reads.filter((key) => key.startsWith('epic-cache-cards/digest-'));

describe('the cards digest', () => {
  let backend: TestBackend;
  let store: StorePort & { reads: string[] };
  beforeEach(async () => {
    store = readRecordingStore(createMemoryStore(), 'epic-cache-cards');
    backend = await startTestBackend({ cacheFreshMs: FRESH_MS, store, epics: 300 });
  });
  afterEach(() => backend.close());

  /** The board as the RTE opens it, and the cards documents the request read. */
  async function board() {
    store.reads.length = 0;
    const answer = await portfolioBoard(contextOf(backend, 'rte'), { doneWithinDays: 30 });
    return { answer, reads: [...store.reads] };
  }

  it('should serve the next page from the digest the previous one stored, reading no chunk cards, with the same answer', async () => {
    const first = await board();
    expect(chunkCardReads(first.reads).length).toBeGreaterThan(1);
    const second = await board();
    expect(chunkCardReads(second.reads)).toEqual([]);
    // The small head, then its parts.
    expect(digestReads(second.reads)[0]).toBe('epic-cache-cards/digest-0');
    expect(digestReads(second.reads).slice(1).every((key) => /^epic-cache-cards\/digest-[\w-]+-\d+$/.test(key))).toBe(true);
    expect(second.answer).toEqual(first.answer);
    // Another page, another caller: the same digest, trimmed to what each sees.
    store.reads.length = 0;
    const member = dataOf(await backend.call('member', 'portfolio/wsjf', {}));
    expect(chunkCardReads(store.reads)).toEqual([]);
    expect(member.epics.some((epic) => epic.key.startsWith('DAT-'))).toBe(false);
  });

  it('should read the chunks cards again once a chunk changed, and show the change', async () => {
    const first = await board();
    const shown = first.answer.cards[0];
    const meta = await loadEpicCacheMeta(backend.store);
    for (const chunkId of meta?.chunkIds ?? []) {
      const epic = (await readChunk(backend.store, chunkId))?.epics.find((candidate) => candidate.key === shown?.key);
      if (epic !== undefined) await patchInChunk(backend.store, chunkId, epic.id, (existing) => ({ ...existing, summary: 'Renamed since' }));
    }
    const second = await board();
    expect(chunkCardReads(second.reads).length).toBeGreaterThan(0);
    expect(second.answer.cards.find((card) => card.key === shown?.key)?.summary).toBe('Renamed since');
  });

  it('should store the digest for the next page when a page applied an event (its own chunk write the only one)', async () => {
    await board();
    const meta = await loadEpicCacheMeta(backend.store);
    const epic = (await readChunk(backend.store, meta?.chunkIds[0] as number))?.epics[0];
    await createIssueUpdated(backend.runtime)({ issue: { id: epic?.id as string, key: epic?.key as string } });
    const applying = await board();
    expect(chunkCardReads(applying.reads).length).toBeGreaterThan(0);
    const next = await board();
    expect(chunkCardReads(next.reads)).toEqual([]);
    expect(next.answer).toEqual(applying.answer);
  });

  it('should not serve the digest of another configuration', async () => {
    await board();
    const current = dataOf(await backend.call('rte', 'settings/get'));
    dataOf(await backend.call('rte', 'settings/save', { settings: { ...current.settings, timeZone: 'Pacific/Auckland' }, version: current.version }));
    const after = await board();
    expect(chunkCardReads(after.reads).length).toBeGreaterThan(0);
  });
});

describe('digest documents', () => {
  const cardConfig = cardConfigOf(portfolioConfigOf(defaultSettings(), []), 'UTC');

  function card(n: number): EpicCard {
    return {
      id: String(1000 + n),
      key: `E-${n}`,
      // Random text does not compress: a few hundred cards fill several parts.
      summary: randomBytes(900).toString('base64'),
      projectKey: 'E',
      projectName: 'Epics',
      labels: [],
      statusId: '1',
      state: null,
      stateSince: null,
      stateDates: Object.fromEntries(cardConfig.config.states.map((state) => [state, null])),
      unmappedStatuses: [],
      flagged: false,
      wsjf: wsjfReadingOf({ userBusinessValue: 3, timeCriticality: 2, riskReductionOpportunityEnablement: 1, jobSize: 2 }, 1),
      scored: { by: `account-${n % 3}`, at: 1_000 * n },
    };
  }

  it('should keep a large digest in parts, read it back whole, and delete the replaced parts', async () => {
    const store = createMemoryStore();
    const log = recordingLog();
    const cards = Array.from({ length: 600 }, (_, n) => card(n));
    const stamp = { token: 'first', chunkIds: [1, 2, 3] };
    await storeCardsDigest(store, stamp, cards, cardConfig, await readCardsDigest(store, stamp, cardConfig), log);
    const head = await store.get('epic-cache-cards', 'digest-0');
    const parts = (head?.value as { digest: { parts: number } }).digest.parts;
    expect(parts).toBeGreaterThan(2);
    expect((await readCardsDigest(store, stamp, cardConfig)).cards).toEqual(cards);
    // Who scored, unpacked in the head, as the personal-data job reads every cards document.
    expect(cardsDocumentSchema.safeParse(head?.value).success).toBe(true);
    expect((head?.value as { authors: { accountId: string }[] }).authors.map((author) => author.accountId).sort()).toEqual(['account-0', 'account-1', 'account-2']);

    // Another generation: a miss, then the new digest replaces the head and the old parts go.
    const next = { token: 'second', chunkIds: [1, 2, 3] };
    const missed = await readCardsDigest(store, next, cardConfig);
    expect(missed.cards).toBeNull();
    await storeCardsDigest(store, next, cards.slice(0, 10), cardConfig, missed, log);
    expect(await store.get('epic-cache-cards', 'digest-first-1')).toBeUndefined();
    expect((await readCardsDigest(store, next, cardConfig)).cards).toEqual(cards.slice(0, 10));
    expect((await readCardsDigest(store, { token: 'second', chunkIds: [1, 2] }, cardConfig)).cards).toBeNull();
  });

  it('should read a digest missing a part as a miss', async () => {
    const store = createMemoryStore();
    const cards = Array.from({ length: 600 }, (_, n) => card(n));
    const stamp = { token: 'only', chunkIds: [7] };
    await storeCardsDigest(store, stamp, cards, cardConfig, await readCardsDigest(store, stamp, cardConfig), recordingLog());
    await store.delete('epic-cache-cards', 'digest-only-2', 'any');
    expect((await readCardsDigest(store, stamp, cardConfig)).cards).toBeNull();
  });
});
