/**
 * Every cached epic's card in one document, beside the per-chunk cards (cards.ts): a page reads
 * 24 units of it instead of 40 at 5,000 epics (bench), because each of the ~40 per-chunk documents
 * rounds up to a 10 KB unit and one deflate stream over every row packs tighter.
 *
 * Stamped with the cache's generation (cacheGeneration.ts, read before any card), the meta's chunks
 * and the cards' fingerprint: served only while all three are current, so it is never older than a
 * chunk. A request that read the per-chunk cards of a current generation writes it, whole, in one
 * transaction: a small head (`digest-0`: the stamp, the number of parts, and who scored, unpacked
 * for the personal-data job, as every cards document does) and the packed rows in parts created
 * under the generation's token, so no part of one digest is ever read with another's head. The
 * previous digest's parts are then deleted.
 */
import { z } from 'zod';
import { ConflictError, errorMessage, InvalidInputError } from '../../errors';
import type { DocumentWrite, Log, StorePort } from '../../ports';
import { cardsDocumentSchema, decodeCards, encodeCards } from './cards';
import type { CardConfig, EpicCard } from './cards';
import type { ChunkProjection, DigestStamp } from './chunkProjection';
import { CARDS_COLLECTION } from './epicCache';
import { splitIntoParts } from './packedParts';

const HEAD_KEY = 'digest-0';
const partKey = (token: string, index: number) => `digest-${token}-${index}`;
/** The head and its parts are written in one `putAll` (Forge: ≤ 25 writes, ≤ 4 MB): 3.2 MB of packed cards, some 60,000 epics. */
const MAX_PARTS = 16;

const headSchema = cardsDocumentSchema.extend({
  digest: z.object({ token: z.string(), chunkIds: z.array(z.number().int()), parts: z.number().int().min(1).max(MAX_PARTS) }),
});
const partSchema = z.object({ token: z.string(), index: z.number().int().min(1), packed: z.string() });

export interface DigestRead {
  /** Every cached epic's card; null when the digest is missing, of another stamp or unreadable. */
  readonly cards: EpicCard[] | null;
  /** The head's version, which the next digest names. */
  readonly headVersion: number | null;
  /** The stored digest's token and number of parts (deleted once a new digest replaces them). */
  readonly stored: { readonly token: string; readonly parts: number } | null;
}

const sameChunks = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((id, index) => id === b[index]);

export async function readCardsDigest(store: StorePort, stamp: DigestStamp, cardConfig: CardConfig): Promise<DigestRead> {
  const stored = await store.get(CARDS_COLLECTION, HEAD_KEY);
  const head = headSchema.safeParse(stored?.value);
  const miss = { cards: null, headVersion: stored?.version ?? null, stored: head.success ? { token: head.data.digest.token, parts: head.data.digest.parts } : null };
  if (!head.success) return miss;
  const { digest, ...document } = head.data;
  if (digest.token !== stamp.token || !sameChunks(digest.chunkIds, stamp.chunkIds) || document.fingerprint !== cardConfig.fingerprint) return miss;
  const parts = await store.getMany(
    CARDS_COLLECTION,
    Array.from({ length: digest.parts }, (_, index) => partKey(digest.token, index + 1)),
  );
  let packed = '';
  for (const [index, part] of parts.entries()) {
    const parsed = partSchema.safeParse(part?.value);
    if (!parsed.success || parsed.data.token !== digest.token || parsed.data.index !== index + 1) return miss;
    packed += parsed.data.packed;
  }
  return { ...miss, cards: decodeCards({ ...document, packed }, cardConfig) };
}

/**
 * Stores every card as the digest of `stamp`, naming the head version read. Best effort: another
 * request that stored one first wins, and a portfolio too large for one transaction has none.
 */
export async function storeCardsDigest(store: StorePort, stamp: DigestStamp, cards: readonly EpicCard[], cardConfig: CardConfig, read: DigestRead, log: Log): Promise<void> {
  const document = encodeCards(cards, cardConfig);
  const packedParts = splitIntoParts(document.packed);
  if (packedParts.length > MAX_PARTS) return;
  // The head small (who scored, the stamp): a request that finds another generation's pays a unit or two.
  const head = { ...document, packed: '', digest: { token: stamp.token, chunkIds: [...stamp.chunkIds], parts: packedParts.length } };
  const parts: DocumentWrite[] = packedParts.map((packed, offset) => ({
    collection: CARDS_COLLECTION,
    key: partKey(stamp.token, offset + 1),
    value: { token: stamp.token, index: offset + 1, packed },
    expectedVersion: null,
  }));
  try {
    await store.putAll([{ collection: CARDS_COLLECTION, key: HEAD_KEY, value: head, expectedVersion: read.headVersion }, ...parts]);
  } catch (error) {
    if (error instanceof ConflictError) return;
    if (error instanceof InvalidInputError) return log.warn('cards digest not stored', { message: errorMessage(error) });
    throw error;
  }
  // The replaced digest's parts (its head was overwritten): a reader still on them misses and reads the chunks' cards.
  const replaced = read.stored;
  if (replaced !== null && replaced.token !== stamp.token) {
    await Promise.all(Array.from({ length: replaced.parts }, (_, index) => store.delete(CARDS_COLLECTION, partKey(replaced.token, index + 1), 'any')));
  }
}

/** The pages' cards projection, read whole from the digest when it is current (view.ts). */
export function withCardsDigest(projection: ChunkProjection<EpicCard>, cardConfig: CardConfig): ChunkProjection<EpicCard> {
  return {
    ...projection,
    digest: {
      async read(store, stamp) {
        const read = await readCardsDigest(store, stamp, cardConfig);
        return { items: read.cards, remember: (items, log) => storeCardsDigest(store, stamp, items, cardConfig, read, log) };
      },
    },
  };
}
