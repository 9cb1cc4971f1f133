/**
 * The cold sync: the whole scope read into a new generation of the epic cache, in steps that each
 * fit a queue consumer's time limit, checkpointed in the sync state (state.ts). Step 0 lists the
 * scope's ids (one ids-only search: 5,000 a page); each later step reads STEP_EPICS of them (fields
 * and the WSJF property by id, then their changelogs) and writes them into new chunks; the last
 * step publishes the new meta, so readers switch from the old generation to the new one at once and
 * never see a mix. A failed step is retried from its checkpoint; after MAX_ATTEMPTS it stops as
 * `failed` with the reason, and the next start resumes it instead of starting over.
 */
import { AppError, errorMessage } from '../../errors';
import type { Clock, JiraPort, Log, QueuePort, StorePort } from '../../ports';
import { findFlaggedFieldId, historyFieldIds } from '../historyFields';
import {
  deleteChunks,
  emptyEpicCache,
  loadChunkNumbering,
  loadEpicCacheMeta,
  publishEpicCacheMeta,
  readChunk,
  rewriteChunk,
  upsertEpics,
  writeDirtyChunks,
} from '../portfolio/epicCache';
import { fetchEpicsByIds } from '../portfolio/refresh';
import { clearPendingEpics } from '../portfolio/pendingEpics';
import { compareIssueIds, rangeOf } from '../portfolio/chunkRanges';
import type { ChunkRange } from '../portfolio/chunkRanges';
import { generationMeta } from './partial';
import { deletePlan, loadSyncState, readPlan, savePlan, trySaveSyncState } from './state';
import type { StoredSyncState, SyncReason, SyncState } from './state';
import { readWsjfProperty } from '../wsjfProperty';

export interface SyncDeps {
  readonly app: JiraPort;
  readonly store: StorePort;
  readonly queue: QueuePort;
  readonly clock: Clock;
  readonly log: Log;
}

/** Epics per step: 10 search pages and a few changelog pages, seconds per step at real latencies. */
export const STEP_EPICS = 1_000;
/** Failed attempts of one step before the sync stops as failed. */
export const MAX_ATTEMPTS = 5;
/** A running sync whose state has not moved for this long is taken to be dead and started again. */
export const STALLED_AFTER_MS = 15 * 60_000;

/** The event a step runs from; `generation` makes steps of a replaced sync do nothing. */
export interface ColdSyncEvent {
  readonly kind: 'cold-sync';
  readonly generation: number;
}

const isAlive = (state: SyncState, now: number) => state.status === 'running' && now - state.updatedAt < STALLED_AFTER_MS;

/**
 * Starts a cold sync of `scopeWhere` unless one is already running for it (then nothing happens).
 * A failed sync of the same scope resumes from its checkpoint; any other starts over as a new
 * generation. Returns the state as it now is.
 */
export async function startColdSync(deps: SyncDeps, scopeWhere: string, reason: SyncReason): Promise<SyncState> {
  const stored = await loadSyncState(deps.store);
  const now = deps.clock.now();
  if (stored && stored.state.scopeWhere === scopeWhere && isAlive(stored.state, now)) return stored.state;
  const resume = stored !== null && stored.state.scopeWhere === scopeWhere && stored.state.status !== 'done' && stored.state.planPages > 0;
  const state: SyncState = resume ? { ...stored.state, status: 'running', reason: 'resume', attempts: 0, updatedAt: now } : await freshState(deps, stored, scopeWhere, reason, now);
  const version = await trySaveSyncState(deps.store, state, stored?.version ?? null);
  // Another request started (or resumed) it a moment earlier: that one pushes the event.
  if (version === null) return (await loadSyncState(deps.store))?.state ?? state;
  await deps.queue.push([{ kind: 'cold-sync', generation: state.generation } satisfies ColdSyncEvent]);
  deps.log.info('cold sync started', { generation: state.generation, reason: state.reason, resumedAtStep: resume ? state.nextStep : null });
  return state;
}

async function freshState(deps: SyncDeps, stored: StoredSyncState | null, scopeWhere: string, reason: SyncReason, now: number): Promise<SyncState> {
  // New chunks are numbered past both the published meta and any generation that never finished.
  const numbering = await loadChunkNumbering(deps.store);
  const nextChunkId = Math.max(numbering?.nextChunkId ?? 0, stored?.state.nextChunkId ?? 0);
  return {
    schemaVersion: 1,
    generation: (stored?.state.generation ?? 0) + 1,
    reason,
    scopeWhere,
    status: 'running',
    startedAt: now,
    updatedAt: now,
    finishedAt: null,
    total: null,
    fetched: 0,
    planPages: 0,
    nextStep: 0,
    chunkIds: [],
    nextChunkId,
    statuses: [],
    flaggedFieldId: null,
    attempts: 0,
    lastError: null,
    lastCompletedAt: stored?.state.lastCompletedAt ?? null,
  };
}

/** What a step asks of the queue: nothing, or to be delivered again after a delay. */
export type StepOutcome = void | { readonly retryAfterSeconds: number };

/** Runs the step the checkpoint names. Superseded events (another generation) do nothing. */
export async function runColdSyncStep(deps: SyncDeps, event: ColdSyncEvent): Promise<StepOutcome> {
  const stored = await loadSyncState(deps.store);
  if (!stored || stored.state.generation !== event.generation || stored.state.status !== 'running') return;
  try {
    await advance(deps, stored);
  } catch (error) {
    return recordFailure(deps, stored, error);
  }
}

/** One step: list the plan, fetch a slice, or publish. The checkpoint write decides who advanced. */
async function advance(deps: SyncDeps, { state, version }: StoredSyncState): Promise<void> {
  const next = state.planPages === 0 ? await listPlan(deps, state) : stepsLeft(state) ? await fetchStep(deps, state) : null;
  if (next === null) {
    await publish(deps, state, version);
    return;
  }
  const saved = await trySaveSyncState(deps.store, { ...next, attempts: 0, lastError: null, updatedAt: deps.clock.now() }, version);
  // A duplicate delivery advanced it first: its chunks stand, this one's are overwritten by the retry of the same slice.
  if (saved === null) return;
  await deps.queue.push([{ kind: 'cold-sync', generation: state.generation } satisfies ColdSyncEvent]);
}

const stepsLeft = (state: SyncState) => state.nextStep * STEP_EPICS < (state.total ?? 0);

async function listPlan(deps: SyncDeps, state: SyncState): Promise<SyncState> {
  const [ids, statuses, flaggedFieldId] = await Promise.all([deps.app.searchIssueIds(state.scopeWhere), deps.app.getStatuses(), findFlaggedFieldId(deps.app)]);
  // In id order: each step then writes chunks of neighbouring ids, whose ranges the meta keeps as hints.
  const unique = [...new Set(ids)].sort(compareIssueIds);
  const planPages = await savePlan(deps.store, state.generation, unique);
  return {
    ...state,
    total: unique.length,
    // An empty scope still needs one (empty) page so the plan counts as listed.
    planPages: Math.max(planPages, 1),
    statuses: statuses.map((status) => ({ id: status.id, name: status.name })),
    flaggedFieldId,
  };
}

async function fetchStep(deps: SyncDeps, state: SyncState): Promise<SyncState> {
  const from = state.nextStep * STEP_EPICS;
  const ids = await readPlan(deps.store, state.generation, from, Math.min(from + STEP_EPICS, state.total ?? 0));
  const fieldIds = historyFieldIds(state.flaggedFieldId);
  const epics = await fetchEpicsByIds({ app: deps.app, store: deps.store, clock: deps.clock, log: deps.log }, state.scopeWhere, ids, fieldIds);
  const chunks = emptyEpicCache({ scopeWhere: state.scopeWhere, refreshedAt: state.startedAt, firstChunkId: state.nextChunkId });
  upsertEpics(chunks, [...epics].sort((a, b) => compareIssueIds(a.id, b.id)));
  await writeDirtyChunks(deps.store, chunks);
  return {
    ...state,
    nextStep: state.nextStep + 1,
    fetched: state.fetched + ids.length,
    chunkIds: [...state.chunkIds, ...chunks.meta.chunkIds],
    nextChunkId: chunks.meta.nextChunkId,
  };
}

/**
 * The last step: keeps any WSJF score saved into the old generation while this one was built
 * (property writes do not change `updated`, so no later refresh would bring them), publishes the
 * new meta, then deletes the old generation's chunks and the plan.
 */
async function publish(deps: SyncDeps, state: SyncState, version: number): Promise<void> {
  const meta = generationMeta(state);
  // The old chunks as the stored meta names them, read leniently: an old schema's or unreadable ones go too.
  const [oldMeta, oldNumbering] = await Promise.all([loadEpicCacheMeta(deps.store), loadChunkNumbering(deps.store)]);
  // One chunk at a time (a sync of 20,000 epics must fit a function's memory): the old generation's
  // newer WSJF properties first, then the new chunks patched with them.
  const newerWsjf = new Map<string, { version: number; wsjf: unknown }>();
  for (const chunkId of oldMeta?.chunkIds ?? []) {
    for (const epic of (await readChunk(deps.store, chunkId))?.epics ?? []) {
      const version = readWsjfProperty(epic.wsjf).version ?? 0;
      if (version > 0) newerWsjf.set(epic.id, { version, wsjf: epic.wsjf });
    }
  }
  const cached = new Set<string>();
  const chunkRanges: ChunkRange[] = [];
  for (const chunkId of state.chunkIds) {
    const chunk = await readChunk(deps.store, chunkId);
    if (chunk === null) throw new Error(`the new generation's chunk ${chunkId} could not be read back`);
    const range = rangeOf(chunkId, chunk.epics);
    if (range !== null) chunkRanges.push(range);
    let patched = false;
    const epics = chunk.epics.map((epic) => {
      cached.add(epic.id);
      const old = newerWsjf.get(epic.id);
      if (old === undefined || old.version <= (readWsjfProperty(epic.wsjf).version ?? 0)) return epic;
      patched = true;
      return { ...epic, wsjf: old.wsjf };
    });
    if (patched) await rewriteChunk(deps.store, chunkId, epics, chunk.version);
  }
  const plannedIds = await readPlan(deps.store, state.generation, 0, state.total ?? 0);
  const missing = plannedIds.filter((id) => !cached.has(id));
  const published = { ...meta, unavailable: { refreshedAt: state.startedAt, ids: missing }, chunkRanges };
  const now = deps.clock.now();
  const done: SyncState = { ...state, status: 'done', finishedAt: now, updatedAt: now, lastCompletedAt: now, chunkIds: published.chunkIds, nextChunkId: published.nextChunkId, attempts: 0, lastError: null };
  // The state first: if another start replaced this generation meanwhile, this one must not publish.
  if ((await trySaveSyncState(deps.store, done, version)) === null) return;
  await publishEpicCacheMeta(deps.store, published);
  const oldChunkIds = new Set([...(oldNumbering?.chunkIds ?? []), ...(oldMeta?.chunkIds ?? [])]);
  await deleteChunks(deps.store, [...oldChunkIds].filter((id) => !published.chunkIds.includes(id)));
  await deletePlan(deps.store, state.generation, state.planPages);
  // Every epic was read after the sync started: events recorded before then are covered.
  await clearPendingEpics(deps, { recordedBefore: state.startedAt });
  deps.log.info('cold sync done', { generation: state.generation, epics: cached.size, unavailable: missing.length, ms: now - state.startedAt });
}

/** Counts the failure on the checkpoint; retries with a growing delay, then stops as failed. */
async function recordFailure(deps: SyncDeps, { state, version }: StoredSyncState, error: unknown): Promise<StepOutcome> {
  const attempts = state.attempts + 1;
  // Pages show it: the message written for people where the error has one, the technical one in the log.
  const message = error instanceof AppError ? error.pageMessage : errorMessage(error);
  const failed = attempts >= MAX_ATTEMPTS;
  const next: SyncState = { ...state, attempts, lastError: message, updatedAt: deps.clock.now(), status: failed ? 'failed' : 'running' };
  if ((await trySaveSyncState(deps.store, next, version)) === null) return;
  deps.log.warn(failed ? 'cold sync stopped' : 'cold sync step failed, retrying', { generation: state.generation, step: state.nextStep, attempts, message: errorMessage(error) });
  return failed ? undefined : { retryAfterSeconds: Math.min(300, 5 * 2 ** (attempts - 1)) };
}
