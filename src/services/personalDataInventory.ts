/**
 * What the personal data job reads: every collection whose documents can name an account, and,
 * per account, the latest time the app stored it, the names kept for it and the documents (and
 * cached WSJF properties) naming it. Paced under Forge's read quota, capped per run, and resumed
 * by the next run where a run stopped.
 */
import { z } from 'zod';
import {
  budgetDocumentSchema,
  budgetDocumentV1Schema,
  businessCaseDocumentSchema,
  historyEntrySchema,
  okrCheckInsDocumentSchema,
  okrsDocumentSchema,
  participatoryDocumentSchema,
  reviewDocumentSchema,
} from '../contract/documents';
import { errorMessage } from '../errors';
import type { Clock, Log, StorePort } from '../ports';
import { HISTORY_COLLECTION } from './history';
import { accountMentions } from './personalDataFields';
import { wsjfAuthorsInChunk } from './personalDataWsjf';
import { cardsDocumentSchema } from './portfolio/cards';
import { CARDS_COLLECTION, cachedEpicSchema } from './portfolio/epicCache';
import { WSJF_REGISTER_COLLECTION } from './wsjfRegister';

const EPIC_CACHE_COLLECTION = 'epic-cache';

/**
 * Every collection whose documents can name an account, with the schemas its documents may match
 * (a document is rewritten only if it matches the same one afterwards). Collections that name no
 * one (settings, themes, value streams, guardrails, OKR links) are not read.
 */
export const PERSONAL_DATA_COLLECTIONS: readonly { readonly collection: string; readonly schemas: readonly z.ZodType[] }[] = [
  { collection: HISTORY_COLLECTION, schemas: [historyEntrySchema] },
  { collection: 'businessCases', schemas: [businessCaseDocumentSchema] },
  // Budgets of schema 1 (never rewritten by the app) and their copies kept on migration hold approvals.
  { collection: 'budgets', schemas: [budgetDocumentSchema, budgetDocumentV1Schema] },
  { collection: 'budgetLegacy', schemas: [budgetDocumentV1Schema] },
  { collection: 'participatory', schemas: [participatoryDocumentSchema] },
  { collection: 'okrs', schemas: [okrsDocumentSchema] },
  { collection: 'okr-checkins', schemas: [okrCheckInsDocumentSchema] },
  { collection: 'review', schemas: [reviewDocumentSchema] },
  { collection: WSJF_REGISTER_COLLECTION, schemas: [z.looseObject({ pendingEntry: historyEntrySchema.nullable() })] },
  // The WSJF property's `updatedBy` as cached from Jira (the app wrote it there).
  { collection: EPIC_CACHE_COLLECTION, schemas: [z.looseObject({ epics: z.array(cachedEpicSchema) })] },
  // The pages' cards keep who scored each epic (`authors`).
  { collection: CARDS_COLLECTION, schemas: [cardsDocumentSchema] },
];

/** Collections whose documents name no account (checked against the code by a test, so a new collection gets a decision). */
// Pending epics (epic-cache-pending) are issue ids; Flow's cards (epic-cache-flow) keep histories and WSJF components, not who scored;
// the cache's generation (epic-cache-generation) is a random token.
export const COLLECTIONS_WITHOUT_PEOPLE: readonly string[] = ['settings', 'themes', 'valueStreams', 'guardrails', 'okr-links', 'sync', 'epic-cache-pending', 'epic-cache-flow', 'epic-cache-generation'];

/** One account as the documents read name it. */
export interface StoredAccount {
  latestAt: number | null;
  readonly names: Set<string>;
  /** Documents naming it, as `collection` + NUL + `key`. */
  readonly documents: Set<string>;
  /** Epics whose cached WSJF property names it as the author, by issue id. */
  readonly wsjfEpics: Map<string, { id: string; key: string }>;
}

export const documentRef = (collection: string, key: string) => `${collection}\u0000${key}`;

export interface InventoryDeps {
  readonly store: StorePort;
  readonly clock: Clock;
  readonly log: Log;
  readonly sleep: (ms: number) => Promise<void>;
}

export interface InventoryLimits {
  /** Documents read in one run at most (each is a read unit or more). */
  readonly maxDocuments: number;
  /** Documents read per minute at most: Forge allows about 4,000 read units a minute per installation. */
  readonly readsPerMinute: number;
  readonly pageSize: number;
}

export interface Inventory {
  readonly accounts: Map<string, StoredAccount>;
  documentsRead: number;
  /** Why reading stopped before the end (the next run goes on from there); null: read to the end. */
  stoppedEarly: string | null;
  /** The collection this run went on from; null: from the start. */
  resumedFrom: string | null;
}

/**
 * Where the next run goes on reading, when a run stopped before the end (document cap or time):
 * a large store is covered over several weekly runs, each reporting the accounts of its part.
 * Only this job writes it, once a week: an unversioned value.
 */
export const RESUME_VALUE_KEY = 'personal-data:resume';
const resumeSchema = z.object({ collection: z.string(), cursor: z.string().optional() });

async function readResumePoint(deps: InventoryDeps): Promise<{ index: number; cursor?: string; saved: boolean }> {
  const saved = await deps.store.getValue(RESUME_VALUE_KEY);
  const parsed = resumeSchema.safeParse(saved);
  const index = parsed.success ? PERSONAL_DATA_COLLECTIONS.findIndex((entry) => entry.collection === parsed.data.collection) : -1;
  if (!parsed.success || index < 0) return { index: 0, saved: saved !== undefined };
  return { index, ...(parsed.data.cursor === undefined ? {} : { cursor: parsed.data.cursor }), saved: true };
}

/**
 * Every account named in the documents this run reads, with the latest time it was stored and
 * where. Starts where the last run stopped; saves where it stops, or clears that at the end.
 */
export async function readStoredAccounts(deps: InventoryDeps, opts: InventoryLimits, outOfTime: () => boolean): Promise<Inventory> {
  const accounts = new Map<string, StoredAccount>();
  const run: Inventory = { accounts, documentsRead: 0, stoppedEarly: null, resumedFrom: null };
  let windowStart = deps.clock.now();
  let readInWindow = 0;
  const resume = await readResumePoint(deps);
  run.resumedFrom = resume.index === 0 && resume.cursor === undefined ? null : (PERSONAL_DATA_COLLECTIONS[resume.index]?.collection ?? null);
  for (let index = resume.index; index < PERSONAL_DATA_COLLECTIONS.length; index += 1) {
    const collection = (PERSONAL_DATA_COLLECTIONS[index] as (typeof PERSONAL_DATA_COLLECTIONS)[number]).collection;
    let cursor = index === resume.index ? resume.cursor : undefined;
    for (;;) {
      const stopReason =
        run.documentsRead >= opts.maxDocuments ? `read ${opts.maxDocuments} documents; the next run goes on from ${collection}` : outOfTime() ? `out of time while reading; the next run goes on from ${collection}` : null;
      if (stopReason !== null) {
        run.stoppedEarly = stopReason;
        await deps.store.setValue(RESUME_VALUE_KEY, { collection, ...(cursor === undefined ? {} : { cursor }) });
        return run;
      }
      if (readInWindow >= opts.readsPerMinute) {
        // Pace the reads: the storage quota is per minute and shared with the pages people use.
        const waitMs = 60_000 - (deps.clock.now() - windowStart);
        if (waitMs > 0) await deps.sleep(waitMs);
        windowStart = deps.clock.now();
        readInWindow = 0;
      }
      const limit = Math.min(opts.pageSize, opts.maxDocuments - run.documentsRead, opts.readsPerMinute - readInWindow);
      let page: Awaited<ReturnType<StorePort['list']>>;
      try {
        page = await deps.store.list(collection, { cursor, limit });
      } catch (error) {
        if (cursor === undefined) throw error;
        // A saved cursor the store no longer takes: read that collection from its start.
        deps.log.warn('saved cursor refused; reading the collection from its start', { collection, message: errorMessage(error) });
        cursor = undefined;
        continue;
      }
      run.documentsRead += page.items.length;
      readInWindow += page.items.length;
      for (const item of page.items) {
        for (const mention of accountMentions(item.value)) {
          let account = accounts.get(mention.accountId);
          if (account === undefined) {
            account = { latestAt: null, names: new Set(), documents: new Set(), wsjfEpics: new Map() };
            accounts.set(mention.accountId, account);
          }
          if (mention.at !== null && (account.latestAt === null || mention.at > account.latestAt)) account.latestAt = mention.at;
          if (mention.displayName !== undefined) account.names.add(mention.displayName);
          account.documents.add(documentRef(collection, item.key));
        }
        if (collection === EPIC_CACHE_COLLECTION) {
          for (const { accountId, epic } of wsjfAuthorsInChunk(item.value)) accounts.get(accountId)?.wsjfEpics.set(epic.id, epic);
        }
      }
      cursor = page.cursor;
      if (cursor === undefined) break;
    }
  }
  // Read to the end: the next run starts from the beginning.
  if (resume.saved) await deps.store.deleteValue(RESUME_VALUE_KEY);
  return run;
}
