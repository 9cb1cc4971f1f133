/**
 * The cold sync's checkpoint: one versioned document that says which generation is being built,
 * how far it got and why it stopped. Every step names the version it read, so a step delivered
 * twice (queues deliver at least once) or a sync started over it never both advance it.
 */
import { z } from 'zod';
import { ConflictError } from '../../errors';
import type { StorePort } from '../../ports';

const COLLECTION = 'sync';
const STATE_KEY = 'state';
const planKey = (generation: number, page: number) => `plan-${generation}-${page}`;

export const SYNC_REASONS = ['first-load', 'scope-changed', 'weekly', 'cache-lost', 'far-behind', 'manual', 'resume'] as const;
export type SyncReason = (typeof SYNC_REASONS)[number];

export const syncStateSchema = z.object({
  schemaVersion: z.literal(1),
  generation: z.number().int().min(1),
  reason: z.enum(SYNC_REASONS),
  scopeWhere: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  startedAt: z.number(),
  updatedAt: z.number(),
  finishedAt: z.number().nullable(),
  /** The scope's epic count as the app's ids-only search gave it; null until the plan is listed. */
  total: z.number().int().min(0).nullable(),
  /** Epics written into the new generation's chunks so far. */
  fetched: z.number().int().min(0),
  /** Pages of planned ids (`plan-<generation>-<n>`, ≤ PLAN_PAGE_IDS each); 0 until listed. */
  planPages: z.number().int().min(0),
  /** The next step to run: a slice of STEP_EPICS planned ids. */
  nextStep: z.number().int().min(0),
  /** Chunks this generation wrote, and the next free chunk id (never one a reader's meta names). */
  chunkIds: z.array(z.number().int()),
  nextChunkId: z.number().int().min(0),
  statuses: z.array(z.object({ id: z.string(), name: z.string() })),
  flaggedFieldId: z.string().nullable(),
  /** Failed attempts of the current step; reset by every step that succeeds. */
  attempts: z.number().int().min(0),
  lastError: z.string().nullable(),
  /** When a sync last completed (carried from generation to generation): what pages show as "as of". */
  lastCompletedAt: z.number().nullable(),
});
export type SyncState = z.infer<typeof syncStateSchema>;

export interface StoredSyncState {
  readonly state: SyncState;
  readonly version: number;
}

/** Null when no sync ever started (or the document cannot be read: a new sync then replaces it). */
export async function loadSyncState(store: StorePort): Promise<StoredSyncState | null> {
  const stored = await store.get(COLLECTION, STATE_KEY);
  if (stored === undefined) return null;
  const parsed = syncStateSchema.safeParse(stored.value);
  return parsed.success ? { state: parsed.data, version: stored.version } : { state: unreadableState(), version: stored.version };
}

/** Stands in for an unreadable state document: failed, so the next start replaces it. */
function unreadableState(): SyncState {
  return {
    schemaVersion: 1,
    generation: 1,
    reason: 'cache-lost',
    scopeWhere: '',
    status: 'failed',
    startedAt: 0,
    updatedAt: 0,
    finishedAt: null,
    total: null,
    fetched: 0,
    planPages: 0,
    nextStep: 0,
    chunkIds: [],
    nextChunkId: 0,
    statuses: [],
    flaggedFieldId: null,
    attempts: 0,
    lastError: 'The sync state could not be read.',
    lastCompletedAt: null,
  };
}

/** Writes the state naming the version read (null: none yet). Throws ConflictError when another writer was first. */
export async function saveSyncState(store: StorePort, state: SyncState, expectedVersion: number | null): Promise<number> {
  return store.put(COLLECTION, STATE_KEY, syncStateSchema.parse(state), expectedVersion);
}

/** True when the write lost to another writer (the caller then stops: the other one owns the sync). */
export async function trySaveSyncState(store: StorePort, state: SyncState, expectedVersion: number | null): Promise<number | null> {
  try {
    return await saveSyncState(store, state, expectedVersion);
  } catch (error) {
    if (error instanceof ConflictError) return null;
    throw error;
  }
}

const planSchema = z.object({ ids: z.array(z.string().regex(/^\d+$/)) });

/** Ids per plan page: 5,000 numeric ids are about 40 KB, far under a value's 240 KiB. */
export const PLAN_PAGE_IDS = 5_000;

/** Stores the planned ids in pages (overwriting a page a failed attempt left). */
export async function savePlan(store: StorePort, generation: number, ids: readonly string[]): Promise<number> {
  const pages = Math.ceil(ids.length / PLAN_PAGE_IDS);
  for (let page = 0; page < pages; page++) {
    const value = { ids: ids.slice(page * PLAN_PAGE_IDS, (page + 1) * PLAN_PAGE_IDS) };
    await store.delete(COLLECTION, planKey(generation, page), 'any');
    await store.put(COLLECTION, planKey(generation, page), value, null);
  }
  return pages;
}

/** The planned ids from `from` (inclusive) to `to` (exclusive), reading only the pages they lie on. */
export async function readPlan(store: StorePort, generation: number, from: number, to: number): Promise<string[]> {
  const ids: string[] = [];
  for (let page = Math.floor(from / PLAN_PAGE_IDS); page * PLAN_PAGE_IDS < to; page++) {
    const stored = await store.get(COLLECTION, planKey(generation, page));
    const parsed = planSchema.safeParse(stored?.value);
    if (!parsed.success) throw new Error(`the sync's plan page ${page} is missing or unreadable`);
    const offset = page * PLAN_PAGE_IDS;
    ids.push(...parsed.data.ids.slice(Math.max(0, from - offset), to - offset));
  }
  return ids;
}

export async function deletePlan(store: StorePort, generation: number, pages: number): Promise<void> {
  for (let page = 0; page < pages; page++) await store.delete(COLLECTION, planKey(generation, page), 'any');
}
