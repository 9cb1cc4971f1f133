/**
 * The weekly job on the demo portfolio's own documents (the preview's seeds: business cases,
 * participatory session, OKRs with owners and check-ins, review, history): the demo member's
 * account closes, the RTE's stays.
 */
import { createMemoryStore } from '../../../src/adapters/local/memoryStore';
import { createFakePersonalData } from '../../../src/adapters/local/personalDataFake';
import { recordingLog } from '../../../src/runtime/recordingLog';
import { PERSONAL_DATA_COLLECTIONS, runPersonalDataJob } from '../../../src/services/personalData';
import { demoUser, generatePortfolio } from '../../../preview/demo-jira';
import { seedDemoDocuments } from '../../../preview/seed';
import type { StorePort } from '../../../src/ports';
import { TEST_NOW } from '../../builders/services';

const MEMBER = demoUser('member');
const RTE = demoUser('rte');

async function everyDocument(store: StorePort): Promise<{ collection: string; key: string; value: unknown }[]> {
  const all: { collection: string; key: string; value: unknown }[] = [];
  for (const { collection } of PERSONAL_DATA_COLLECTIONS) {
    let cursor: string | undefined;
    do {
      const page = await store.list(collection, { cursor, limit: 100 });
      all.push(...page.items.map((item) => ({ collection, key: item.key, value: item.value })));
      cursor = page.cursor;
    } while (cursor !== undefined);
  }
  return all;
}

it('should anonymise the demo member everywhere and keep every document valid when their account closes', async () => {
  const store = createMemoryStore();
  await seedDemoDocuments({ store, data: generatePortfolio({ seed: 7, epics: 150, now: TEST_NOW }) });
  const before = await everyDocument(store);
  expect(JSON.stringify(before)).toContain(MEMBER.accountId);
  const reporter = createFakePersonalData({ closed: [MEMBER.accountId] });

  const result = await runPersonalDataJob({ store, clock: { now: () => TEST_NOW }, log: recordingLog(), reporter, sleep: async () => undefined });

  const after = await everyDocument(store);
  const text = JSON.stringify(after);
  expect(text).not.toContain(MEMBER.accountId);
  expect(text).not.toContain(MEMBER.displayName);
  expect(text).toContain(RTE.accountId);
  const schemas = new Map(PERSONAL_DATA_COLLECTIONS.map((entry) => [entry.collection, entry.schemas]));
  for (const [index, document] of after.entries()) {
    const original = before[index]?.value;
    const schema = schemas.get(document.collection)?.find((candidate) => candidate.safeParse(original).success);
    expect({ at: `${document.collection}/${document.key}`, valid: schema?.safeParse(document.value).success }).toEqual({ at: `${document.collection}/${document.key}`, valid: true });
  }
  expect(result).toMatchObject({ accountsFound: 2, accountsReported: 2, batches: 1, closed: [MEMBER.accountId], documentsSkipped: 0, stoppedEarly: null });
  expect(result.documentsRead).toBe(before.length);
  expect(result.documentsAnonymised).toBeGreaterThan(0);
});
