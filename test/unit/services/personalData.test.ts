import { createMemoryStore } from '../../../src/adapters/local/memoryStore';
import { createFakePersonalData } from '../../../src/adapters/local/personalDataFake';
import { MAX_REPORTED_ACCOUNTS } from '../../../src/contract/personalData';
import { JiraUnavailableError } from '../../../src/errors';
import type { JiraPort, StorePort } from '../../../src/ports';
import { recordingLog } from '../../../src/runtime/recordingLog';
import { PERSONAL_DATA_COLLECTIONS, RESUME_VALUE_KEY, UNDATED_STORED_AT, runPersonalDataJob } from '../../../src/services/personalData';
import type { PersonalDataJobOptions } from '../../../src/services/personalData';
import { ANONYMOUS_ACCOUNT_ID, FORMER_USER_NAME } from '../../../src/services/personalDataFields';
import { PRIVACY_ACTION } from '../../../src/services/personalDataWsjf';

const JANE = '557058:jane-closed';
const OMAR = '712020:omar-updated';
const RIA = '712020:ria-active';
const NOW = Date.UTC(2026, 10, 16, 9, 0, 0);
const DAY = 86_400_000;

const entry = (accountId: string, at: number, summary: string, changes: unknown[] = []) => ({
  schemaVersion: 1,
  at,
  accountId,
  action: 'test/save',
  subject: { kind: 'okrs', key: '2026-Q4' },
  version: 1,
  summary,
  changes,
});

const person = (accountId: string, displayName: string) => ({ accountId, displayName });

/** One document of every kind that names people, Jane (closed) in each, Omar and Ria in some. */
async function seedPortfolio(store: StorePort): Promise<void> {
  await store.put('history', 'n001', entry(JANE, NOW - 3 * DAY, 'Allocation submitted for 2026-Q4 by Jane Doe'), null);
  await store.put('history', 'n002', entry(OMAR, NOW - 2 * DAY, 'Owner changed', [{ field: 'owner', from: person(JANE, 'Jane Doe'), to: person(RIA, 'Ria Roy') }]), null);
  await store.put('history', 'n003', entry(RIA, NOW - DAY, 'WSJF 2 → 4'), null);
  await store.put('history', 'n004', entry('', NOW - DAY, 'Cache refreshed by the trigger'), null);
  const decision = { decision: 'go', note: 'Approved', accountId: JANE, at: NOW - 10 * DAY };
  await store.put(
    'businessCases',
    '10001',
    { schemaVersion: 1, issueId: '10001', case: { hypothesis: {} }, decision, decisions: [decision, { ...decision, decision: 'persevere', accountId: RIA }] },
    null,
  );
  await store.put(
    'participatory',
    '2026-Q4',
    {
      schemaVersion: 1,
      period: '2026-Q4',
      total: 1000,
      valueStreamIds: ['payments'],
      epicKeys: [],
      participants: [JANE, OMAR],
      openedBy: OMAR,
      openedAt: NOW - 20 * DAY,
      submissions: [{ accountId: JANE, displayName: 'Jane Doe', allocation: { payments: 1000 }, rationale: 'Payments first', at: NOW - 19 * DAY }],
      adopted: { allocation: { payments: 1000 }, accountId: JANE, at: NOW - 18 * DAY },
    },
    null,
  );
  const keyResult = { id: 'k1', title: 'Payout time', baseline: 10, target: 2, current: null, owner: person(JANE, 'Jane Doe') };
  await store.put('okrs', '2026-Q4', { schemaVersion: 1, period: '2026-Q4', objectives: [{ id: 'o1', title: 'Faster', themeId: null, keyResults: [keyResult] }] }, null);
  await store.put(
    'okr-checkins',
    '2026-Q4/o1/k1',
    { schemaVersion: 1, period: '2026-Q4', objectiveId: 'o1', keyResultId: 'k1', checkIns: [{ at: NOW - 5 * DAY, by: person(JANE, 'Jane Doe'), value: 6, confidence: 7, note: '' }] },
    null,
  );
  await store.put('review', 'portfolio', { schemaVersion: 1, lastReviewDate: '2026-11-02', markedBy: JANE, markedAt: NOW - 14 * DAY }, null);
  await store.put(
    'budgetLegacy',
    '2026-Q3',
    {
      schemaVersion: 1,
      period: '2026-Q3',
      lines: [],
      epics: { '10001': { costEstimate: 5, approval: { accountId: JANE, at: NOW - 100 * DAY } } },
      allocationTargets: {},
      allocationTolerance: 0.1,
      approvalThreshold: 0,
    },
    null,
  );
  await store.put('wsjf-register', '10001', { schemaVersion: 1, claimed: 3, claimedAt: NOW - DAY, pendingEntry: entry(JANE, NOW - DAY, 'WSJF 1 → 2') }, null);
  const cachedEpic = (id: string, updatedBy: string) => ({
    id,
    key: `LOY-${id}`,
    summary: 'Loyalty',
    projectId: '1',
    projectKey: 'LOY',
    projectName: 'Loyalty',
    labels: [],
    createdAt: 1,
    updatedAt: NOW - DAY,
    statusId: '3',
    wsjf: { schemaVersion: 1, version: 3, updatedAt: NOW - 4 * DAY, updatedBy },
    statusChanges: [],
    flagChanges: [],
  });
  await store.put('epic-cache', 'chunk-0', { schemaVersion: 3, epics: [cachedEpic('1', JANE), cachedEpic('2', RIA)] }, null);
}

async function everyDocument(store: StorePort): Promise<Map<string, { value: unknown; version: number }>> {
  const all = new Map<string, { value: unknown; version: number }>();
  for (const { collection } of PERSONAL_DATA_COLLECTIONS) {
    let cursor: string | undefined;
    do {
      const page = await store.list(collection, { cursor, limit: 100 });
      for (const item of page.items) all.set(`${collection}/${item.key}`, { value: item.value, version: item.version });
      cursor = page.cursor;
    } while (cursor !== undefined);
  }
  return all;
}

function job(store: StorePort, reporter = createFakePersonalData({ closed: [JANE], updated: { [OMAR]: NOW } }), options: Partial<PersonalDataJobOptions> = {}) {
  const sleeps: number[] = [];
  const log = recordingLog();
  const run = () => runPersonalDataJob({ store, clock: { now: () => NOW }, log, reporter, sleep: async (ms) => void sleeps.push(ms) }, options);
  return { run, reporter, sleeps, log };
}

describe('runPersonalDataJob', () => {
  it('should anonymise the closed account in every document that named it when Atlassian reports it closed', async () => {
    const store = createMemoryStore();
    await seedPortfolio(store);
    const { run } = job(store);

    const result = await run();

    const after = JSON.stringify([...(await everyDocument(store)).values()]);
    expect(after).not.toContain(JANE);
    expect(after).not.toContain('Jane Doe');
    expect(after).toContain(OMAR);
    expect(after).toContain(RIA);
    expect(after).toContain('Ria Roy');
    expect(result.closed).toEqual([JANE]);
    expect(result.updated).toEqual([OMAR]);
    // Jane is named in 2 history entries, the case, the session, the OKRs, the check-ins, the review,
    // the legacy budget, the register and the cache chunk.
    expect(result.documentsAnonymised).toBe(10);
    expect(result.documentsSkipped).toBe(0);
    expect(result.stoppedEarly).toBeNull();
  });

  it('should keep every rewritten document valid against its schema when it anonymises', async () => {
    const store = createMemoryStore();
    await seedPortfolio(store);
    const before = await everyDocument(store);
    await job(store).run();
    const after = await everyDocument(store);
    for (const { collection, schemas } of PERSONAL_DATA_COLLECTIONS) {
      for (const [address, document] of after) {
        if (!address.startsWith(`${collection}/`)) continue;
        const original = before.get(address)?.value;
        const schema = schemas.find((candidate) => candidate.safeParse(original).success);
        expect({ address, valid: schema?.safeParse(document.value).success }).toEqual({ address, valid: true });
      }
    }
  });

  it('should say who the closed account was in words a reader understands when a history entry named them', async () => {
    const store = createMemoryStore();
    await seedPortfolio(store);
    await job(store).run();
    expect((await store.get('history', 'n001'))?.value).toMatchObject({ accountId: ANONYMOUS_ACCOUNT_ID, summary: `Allocation submitted for 2026-Q4 by ${FORMER_USER_NAME}` });
    expect((await store.get('history', 'n002'))?.value).toMatchObject({
      accountId: OMAR,
      changes: [{ field: 'owner', from: { accountId: ANONYMOUS_ACCOUNT_ID, displayName: FORMER_USER_NAME }, to: { accountId: RIA, displayName: 'Ria Roy' } }],
    });
  });

  it('should leave documents that name only updated or active accounts unwritten when one account is closed', async () => {
    const store = createMemoryStore();
    await seedPortfolio(store);
    const before = await everyDocument(store);
    await job(store).run();
    const after = await everyDocument(store);
    for (const address of ['history/n003', 'history/n004']) expect(after.get(address)).toEqual(before.get(address));
  });

  it('should write nothing when no account is closed', async () => {
    const store = createMemoryStore();
    await seedPortfolio(store);
    const before = await everyDocument(store);
    const result = await job(store, createFakePersonalData({ updated: { [OMAR]: NOW } })).run();
    expect(await everyDocument(store)).toEqual(before);
    expect(result).toMatchObject({ closed: [], updated: [OMAR], documentsAnonymised: 0 });
  });

  it('should report each stored account once with the latest time the app stored it', async () => {
    const store = createMemoryStore();
    await seedPortfolio(store);
    const { run, reporter } = job(store);
    await run();
    expect(reporter.requests).toEqual([
      [
        // Jane's latest: the register's pending entry (a day ago); Omar's: the history entry he wrote.
        { accountId: JANE, updatedAt: new Date(NOW - DAY).toISOString() },
        { accountId: OMAR, updatedAt: new Date(NOW - 2 * DAY).toISOString() },
        { accountId: RIA, updatedAt: new Date(NOW - DAY).toISOString() },
      ],
    ]);
  });

  it('should report an account named only where no time is kept as stored since 2000 when nothing says when', async () => {
    const store = createMemoryStore();
    await store.put('okrs', '2026-Q4', { schemaVersion: 1, period: '2026-Q4', objectives: [{ id: 'o1', title: 'T', themeId: null, keyResults: [{ id: 'k', title: 'K', baseline: 0, target: 1, current: null, owner: person(RIA, 'Ria') }] }] }, null);
    const { run, reporter } = job(store);
    await run();
    expect(reporter.requests).toEqual([[{ accountId: RIA, updatedAt: new Date(UNDATED_STORED_AT).toISOString() }]]);
  });

  it.each([
    ['in the future', NOW + 365 * DAY, NOW],
    ['before 2000', -5, UNDATED_STORED_AT],
    ['far past what a date can hold', 1e20, NOW],
  ])('should report a time within 2000..now when a stored time is %s', async (_case, at, reported) => {
    const store = createMemoryStore();
    await store.put('history', 'n1', entry(RIA, at, 'saved'), null);
    const { run, reporter } = job(store);
    const result = await run();
    expect(reporter.requests).toEqual([[{ accountId: RIA, updatedAt: new Date(reported).toISOString() }]]);
    expect(result.stoppedEarly).toBeNull();
  });

  it('should send batches of at most 90 accounts and read every page when the store holds 200 people', async () => {
    const store = createMemoryStore();
    const ids = Array.from({ length: 200 }, (_, index) => `712020:person-${String(index).padStart(3, '0')}`);
    for (const [index, id] of ids.entries()) await store.put('history', `n${String(index).padStart(4, '0')}`, entry(id, NOW - index, 'saved'), null);
    const { run, reporter } = job(store, createFakePersonalData({ closed: [ids[150] as string] }), { pageSize: 7 });

    const result = await run();

    expect(reporter.requests.map((batch) => batch.length)).toEqual([90, 90, 20]);
    expect(reporter.requests.flat().map((account) => account.accountId)).toEqual(ids);
    expect(Math.max(...reporter.requests.map((batch) => batch.length))).toBeLessThanOrEqual(MAX_REPORTED_ACCOUNTS);
    expect(result).toMatchObject({ documentsRead: 200, accountsFound: 200, accountsReported: 200, batches: 3, documentsAnonymised: 1 });
    expect((await store.get('history', 'n0150'))?.value).toMatchObject({ accountId: ANONYMOUS_ACCOUNT_ID });
  });

  it('should pause its reads for the rest of the minute when it reached its read pace', async () => {
    const store = createMemoryStore();
    for (let index = 0; index < 25; index += 1) await store.put('history', `n${String(index).padStart(3, '0')}`, entry(RIA, NOW, 'saved'), null);
    const { run, sleeps } = job(store, undefined, { pageSize: 100, readsPerMinute: 10 });
    const result = await run();
    expect(result.documentsRead).toBe(25);
    // The clock stands still in this test, so each pause is a whole minute: after 10 and after 20 reads.
    expect(sleeps).toEqual([60_000, 60_000]);
  });

  it('should stop reading at the document cap and go on from there in the next runs when the store is larger', async () => {
    const store = createMemoryStore();
    const ids = Array.from({ length: 30 }, (_, index) => `712020:p${String(index).padStart(2, '0')}`);
    for (const [index, id] of ids.entries()) await store.put('history', `n${String(index).padStart(3, '0')}`, entry(id, NOW, 'saved'), null);
    const { run, reporter } = job(store, createFakePersonalData({ closed: [ids[20] as string] }), { maxDocuments: 12, pageSize: 5 });

    const first = await run();
    const second = await run();
    const third = await run();

    expect(first).toMatchObject({ documentsRead: 12, accountsReported: 12, resumedFrom: null, stoppedEarly: 'read 12 documents; the next run goes on from history' });
    expect(second).toMatchObject({ documentsRead: 12, accountsReported: 12, resumedFrom: 'history', documentsAnonymised: 1 });
    // The last part of history, then every other collection (empty here): the end, so the next run starts over.
    expect(third).toMatchObject({ documentsRead: 6, accountsReported: 6, resumedFrom: 'history', stoppedEarly: null });
    expect(reporter.requests.flat().map((account) => account.accountId)).toEqual(ids);
    expect(await store.getValue(RESUME_VALUE_KEY)).toBeUndefined();
    expect(await run()).toMatchObject({ documentsRead: 12, resumedFrom: null });
  });

  it('should read the collection from its start when the store refuses the saved cursor', async () => {
    const store = createMemoryStore();
    for (let index = 0; index < 3; index += 1) await store.put('history', `n${index}`, entry(RIA, NOW, 'saved'), null);
    await store.setValue(RESUME_VALUE_KEY, { collection: 'history', cursor: 'not-a-cursor-of-this-store' });
    const { run, log } = job(store);
    expect(await run()).toMatchObject({ documentsRead: 3, resumedFrom: 'history', stoppedEarly: null });
    expect(log.entries.map((line) => line.message)).toContain('saved cursor refused; reading the collection from its start');
  });

  it('should wait the Retry-After and send the batch again when the API answers 429', async () => {
    const store = createMemoryStore();
    await seedPortfolio(store);
    const { run, reporter, sleeps } = job(store);
    reporter.rateLimitNext(1, 5_000);
    const result = await run();
    expect(sleeps).toEqual([5_000]);
    expect(result).toMatchObject({ rateLimited: 1, batches: 1, closed: [JANE], documentsAnonymised: 10, stoppedEarly: null });
  });

  it('should stop reporting without anonymising anyone when the API keeps failing', async () => {
    const store = createMemoryStore();
    await seedPortfolio(store);
    const before = await everyDocument(store);
    const reporter = { reportAccounts: jest.fn().mockRejectedValue(new JiraUnavailableError('Personal data reporting answered 500', 500)) };
    const { run, log, sleeps } = job(store, reporter as unknown as ReturnType<typeof createFakePersonalData>);
    const result = await run();
    expect(reporter.reportAccounts).toHaveBeenCalledTimes(1);
    expect(sleeps).toEqual([]);
    expect(result.stoppedEarly).toContain('reporting stopped after 0 of 3 accounts');
    expect(log.entries.some((line) => line.level === 'error')).toBe(true);
    expect(await everyDocument(store)).toEqual(before);
  });

  it('should re-read and anonymise the fresh document without losing the concurrent save when a user saves it meanwhile', async () => {
    const inner = createMemoryStore();
    await seedPortfolio(inner);
    let raced = false;
    // A user's save lands between the job's read of the session and its write.
    const store: StorePort = {
      ...inner,
      put: async (collection, key, value, expectedVersion) => {
        if (collection === 'participatory' && !raced) {
          raced = true;
          const current = await inner.get(collection, key);
          const userSave = { ...(current?.value as Record<string, unknown>), total: 2500 };
          await inner.put(collection, key, userSave, current?.version ?? null);
        }
        return inner.put(collection, key, value, expectedVersion);
      },
    };

    const result = await job(store).run();

    const session = await inner.get('participatory', '2026-Q4');
    expect(session?.value).toMatchObject({ total: 2500, openedBy: OMAR, participants: [ANONYMOUS_ACCOUNT_ID, OMAR], adopted: { accountId: ANONYMOUS_ACCOUNT_ID } });
    expect(session?.version).toBe(3);
    expect(result).toMatchObject({ writeConflicts: 1, documentsAnonymised: 10, documentsSkipped: 0 });
  });

  it('should give up on a document and say so when concurrent saves win every try', async () => {
    const inner = createMemoryStore();
    await seedPortfolio(inner);
    const store: StorePort = {
      ...inner,
      put: async (collection, key, value, expectedVersion) => {
        if (collection === 'review') {
          const current = await inner.get(collection, key);
          await inner.put(collection, key, { ...(current?.value as Record<string, unknown>), lastReviewDate: '2026-11-09' }, current?.version ?? null);
        }
        return inner.put(collection, key, value, expectedVersion);
      },
    };
    const { run, log } = job(store, undefined, { maxWriteAttempts: 3 });
    const result = await run();
    expect(result).toMatchObject({ writeConflicts: 3, documentsAnonymised: 9, documentsSkipped: 1 });
    expect((await inner.get('review', 'portfolio'))?.value).toMatchObject({ lastReviewDate: '2026-11-09', markedBy: JANE });
    expect(log.entries.map((line) => line.message)).toContain('document naming a closed account still being saved; the next run anonymises it');
  });

  it('should leave a document that does not match its schema as it was when it names a closed account', async () => {
    const store = createMemoryStore();
    await store.put('review', 'portfolio', { schemaVersion: 9, markedBy: JANE, markedAt: NOW }, null);
    const result = await job(store).run();
    expect(result).toMatchObject({ closed: [JANE], documentsAnonymised: 0, documentsSkipped: 1 });
    expect((await store.get('review', 'portfolio'))?.value).toMatchObject({ markedBy: JANE });
  });
});

describe('runPersonalDataJob on WSJF issue properties', () => {
  const property = (updatedBy: string, version: number) => ({
    schemaVersion: 1,
    version,
    userBusinessValue: 8,
    timeCriticality: 5,
    riskReductionOpportunityEnablement: 3,
    jobSize: 4,
    costOfDelay: 16,
    wsjfScore: 4,
    theme: null,
    updatedAt: NOW - 4 * DAY,
    updatedBy,
  });

  /** Jira's issue properties of the cached epics, as the app sees them. */
  function fakeJira(initial: Record<string, unknown>, onRead?: (issueId: string, reads: number) => void) {
    const properties = new Map(Object.entries(initial));
    let reads = 0;
    const writes: { issueId: string; value: unknown }[] = [];
    const app = {
      getIssueProperty: async (issueId: string) => {
        reads += 1;
        onRead?.(issueId, reads);
        return properties.get(issueId);
      },
      setIssueProperty: async (issueId: string, _key: string, value: unknown) => {
        writes.push({ issueId, value });
        properties.set(issueId, value);
      },
    };
    return { app: app as unknown as JiraPort, properties, writes };
  }

  function jobWithJira(store: StorePort, app: JiraPort) {
    const log = recordingLog();
    const reporter = createFakePersonalData({ closed: [JANE] });
    return runPersonalDataJob({ store, clock: { now: () => NOW }, log, reporter, jira: app, sleep: async () => undefined });
  }

  it('should rewrite the property in Jira through the version register when a closed account scored the epic', async () => {
    const store = createMemoryStore();
    await seedPortfolio(store);
    const jira = fakeJira({ '1': property(JANE, 3), '2': property(RIA, 3) });

    const result = await jobWithJira(store, jira.app);

    expect(jira.writes).toEqual([{ issueId: '1', value: { ...property(ANONYMOUS_ACCOUNT_ID, 4) } }]);
    expect(jira.properties.get('2')).toEqual(property(RIA, 3));
    expect(result).toMatchObject({ wsjfPropertiesAnonymised: 1, wsjfPropertiesSkipped: 0 });
    expect((await store.get('wsjf-register', '1'))?.value).toMatchObject({ claimed: 4, pendingEntry: null });
    const history = await store.list('history', { limit: 100 });
    const recorded = history.items.map((item) => item.value).filter((value) => (value as { action: string }).action === PRIVACY_ACTION);
    expect(recorded).toEqual([expect.objectContaining({ accountId: '', version: 4, subject: { kind: 'epic', key: 'LOY-1', issueId: '1' } })]);
    expect(JSON.stringify(history.items)).not.toContain(JANE);
  });

  it('should leave the property to the user and not write it when a user save claimed the next version first', async () => {
    const store = createMemoryStore();
    await seedPortfolio(store);
    // A user's save of epic 1 is in flight: it claimed version 4 a moment ago and writes Jira next.
    await store.put('wsjf-register', '1', { schemaVersion: 1, claimed: 4, claimedAt: NOW, pendingEntry: null }, null);
    const jira = fakeJira({ '1': property(JANE, 3) }, (issueId, reads) => {
      if (issueId === '1' && reads === 2) jira.properties.set('1', property(RIA, 4));
    });

    const result = await jobWithJira(store, jira.app);

    expect(jira.writes).toEqual([]);
    expect(jira.properties.get('1')).toEqual(property(RIA, 4));
    expect(result).toMatchObject({ wsjfPropertiesAnonymised: 0, wsjfPropertiesSkipped: 0 });
  });

  it('should give the claim back and say so when Jira refuses the property write', async () => {
    const store = createMemoryStore();
    await seedPortfolio(store);
    const jira = fakeJira({ '1': property(JANE, 3) });
    jira.app.setIssueProperty = async () => {
      throw new JiraUnavailableError('Jira answered 503', 503);
    };

    const result = await jobWithJira(store, jira.app);

    expect(result).toMatchObject({ wsjfPropertiesAnonymised: 0, wsjfPropertiesSkipped: 1 });
    expect((await store.get('wsjf-register', '1'))?.value).toMatchObject({ claimed: 3 });
  });
});
