/**
 * The epic cache's generation: one tiny document that every chunk write replaces with a new random
 * token. Whoever reads the token BEFORE reading any chunk or projection knows afterwards, by
 * reading it again, whether any epic changed since: one read unit instead of the whole portfolio.
 * Answers computed from the cache are remembered against it (answerMemo.ts).
 *
 * A single chunk write replaces it in its own transaction. A write of many chunks at once (a sync
 * step, a full refresh) would make them all contend for it, so it is replaced around them instead:
 * first marked busy (no answer is remembered meanwhile), then, once every chunk is written, a new
 * token, not busy. A writer that dies in between leaves it busy until the next chunk write.
 *
 * A random token, not the document's version: a cache deleted and rebuilt starts its versions again,
 * and a version could then name two different caches.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ConflictError } from '../../errors';
import type { DocumentWrite, StorePort } from '../../ports';

const GENERATION_COLLECTION = 'epic-cache-generation';
const GENERATION_KEY = 'current';
const generationSchema = z.object({ token: z.string().min(1), busy: z.boolean() });
/** Writers of other chunks can refuse a replacement around a many-chunk write this often. */
const MAX_REPLACE_ATTEMPTS = 20;

export interface CacheGeneration {
  /** Null: none yet, or unreadable (the next chunk write replaces it). */
  readonly token: string | null;
  /** Chunks are being written outside the generation's transaction: nothing may be remembered. */
  readonly busy: boolean;
  /** The document's version, which a replacement names. */
  readonly version: number | null;
}

export async function readCacheGeneration(store: StorePort): Promise<CacheGeneration> {
  const stored = await store.get(GENERATION_COLLECTION, GENERATION_KEY);
  const parsed = generationSchema.safeParse(stored?.value);
  return { token: parsed.success ? parsed.data.token : null, busy: parsed.success && parsed.data.busy, version: stored?.version ?? null };
}

/** An answer computed now may be remembered against the generation. */
export const isRememberable = (generation: CacheGeneration): generation is CacheGeneration & { token: string } => generation.token !== null && !generation.busy;

/** A new generation, naming the version read: what a single chunk write adds to its transaction (not busy). */
export function nextGenerationWrite(version: number | null, busy = false): DocumentWrite {
  return { collection: GENERATION_COLLECTION, key: GENERATION_KEY, value: { token: randomUUID(), busy }, expectedVersion: version };
}

/**
 * A generation where there is none yet (a cache written before generations existed) or the
 * document is unreadable: started now, or left as read when a writer replaced it meanwhile. Safe
 * before reading the cache: any chunk written after it replaces it again.
 */
export async function ensureCacheGeneration(store: StorePort, generation: CacheGeneration): Promise<CacheGeneration> {
  if (generation.token !== null) return generation;
  const write = nextGenerationWrite(generation.version);
  try {
    const [version] = await store.putAll([write]);
    return { token: (write.value as { token: string }).token, busy: false, version: version ?? null };
  } catch (error) {
    if (error instanceof ConflictError) return generation;
    throw error;
  }
}

/** Runs a write of many chunks (whose own writes leave the generation alone) between a busy generation and a new one. */
export async function aroundManyChunkWrites<T>(store: StorePort, writes: () => Promise<T>): Promise<T> {
  await replaceGeneration(store, true);
  const written = await writes();
  await replaceGeneration(store, false);
  return written;
}

async function replaceGeneration(store: StorePort, busy: boolean): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const { version } = await readCacheGeneration(store);
    try {
      await store.putAll([nextGenerationWrite(version, busy)]);
      return;
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= MAX_REPLACE_ATTEMPTS) throw error;
    }
  }
}
