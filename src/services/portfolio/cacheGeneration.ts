/**
 * The epic cache's generation: one tiny document that every chunk write replaces, in the same
 * transaction, with a new random token (epicCache.ts). Whoever reads the token BEFORE reading any
 * chunk or projection knows afterwards, by reading it again, whether any epic changed since: one
 * read unit instead of the whole portfolio. Answers computed from the cache are remembered against
 * it (answerMemo.ts).
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
const generationSchema = z.object({ token: z.string().min(1) });

/** The token and the document's version (a chunk write names it). */
export interface CacheGeneration {
  readonly token: string | null;
  readonly version: number | null;
}

/** Token null: no chunk was written since generations exist (or the document is damaged: the next chunk write replaces it). */
export async function readCacheGeneration(store: StorePort): Promise<CacheGeneration> {
  const stored = await store.get(GENERATION_COLLECTION, GENERATION_KEY);
  const parsed = generationSchema.safeParse(stored?.value);
  return { token: parsed.success ? parsed.data.token : null, version: stored?.version ?? null };
}

/** The write a chunk write adds to its transaction: a new generation, naming the version read. */
export function nextGenerationWrite(version: number | null): DocumentWrite {
  return { collection: GENERATION_COLLECTION, key: GENERATION_KEY, value: { token: randomUUID() }, expectedVersion: version };
}

/**
 * Starts a generation where there is none yet (a cache written before generations existed) or the
 * document is unreadable: the new token, or null when a writer replaced it meanwhile. Safe before
 * reading the cache: any chunk written after it replaces it again.
 */
export async function startCacheGeneration(store: StorePort, version: number | null): Promise<string | null> {
  const write = nextGenerationWrite(version);
  try {
    await store.putAll([write]);
    return (write.value as { token: string }).token;
  } catch (error) {
    if (error instanceof ConflictError) return null;
    throw error;
  }
}
