/**
 * Answers computed from the epic cache, remembered so the next request with the same question
 * reads one packed value instead of the portfolio (the Flow page's opening at 5,000 epics: 18 read
 * units, where Flow's cards alone are about 110). A remembered answer is served only when
 * everything it was computed from is provably the same, all named in its key:
 * - the cache's generation (cacheGeneration.ts), read before any chunk or projection: every chunk
 *   write replaces it;
 * - the caller's own ids search, in its order: an answer is only ever served to a caller who sees
 *   exactly the epics it was computed from (what another user may see never leaks);
 * - the settings, themes and value streams, the meta's scope, chunks, statuses and unavailable ids;
 * - the question (the resolver and its input) and today's date in the portfolio's time zone.
 * And only while the cache needs no work (fresh, no epic pending): otherwise the request refreshes
 * it first, and a new generation follows.
 *
 * Values are plain (last write wins): a few slots chosen by the key, each answer brotli-packed and
 * split into parts under KVS's 240 KiB; parts carry their write's id, so parts of two concurrent
 * writes are never joined. Losing a remembered answer costs one recomputation, never a wrong answer.
 */
import { createHash, randomUUID } from 'node:crypto';
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import { z } from 'zod';
import { toLocalDate } from '../../domain/calendar';
import { errorMessage } from '../../errors';
import type { ServiceContext } from '../context';
import { settingsOf } from '../settings';
import { isRememberable } from './cacheGeneration';
import { unavailableIdsOf } from './epicCache';
import { splitIntoParts } from './packedParts';
import { isServableAsIs, requestPreamble } from './view';

/** Bump when the packing changes. */
const MEMO_SCHEMA = 1;
/** Different questions and different callers' visibility share these (a key picks one). */
const SLOTS = 16;
/** Larger answers (about 1.6 MB packed, 10 MB of JSON) are not remembered. */
const MAX_PARTS = 8;
/** Fast enough for a resolver (a 2.7 MB answer packs in tens of ms), within a few % of the best. */
const BROTLI_QUALITY = 5;

const slotValueKey = (slot: number, part: number) => `epic-cache:answer:${slot}:${part}`;

const partSchema = z.object({
  schema: z.literal(MEMO_SCHEMA),
  key: z.string(),
  writeId: z.string(),
  index: z.number().int().min(0),
  count: z.number().int().min(1).max(MAX_PARTS),
  data: z.string(),
});
type Part = z.infer<typeof partSchema>;

export interface Question<T> {
  /** The resolver asked. */
  readonly name: string;
  /** Its input, as parsed. */
  readonly input: unknown;
  /** What a remembered answer must parse as (the resolver's output schema). */
  readonly schema: z.ZodType<T>;
}

interface MemoAddress {
  readonly key: string;
  readonly slot: number;
}

/** The remembered answer to the question when there is one that may be served, else `compute`'s (then remembered). */
export async function rememberedAnswer<T>(ctx: ServiceContext, question: Question<T>, compute: () => Promise<T>): Promise<T> {
  const address = await memoAddress(ctx, question);
  if (address === null) return compute();
  const remembered = await recall(ctx, address, question.schema);
  if (remembered !== null) return remembered;
  const answer = await compute();
  await remember(ctx, address, answer);
  return answer;
}

/** Null when the answer may not be remembered: totals over hidden epics, a cache that needs work, no generation. */
async function memoAddress(ctx: ServiceContext, question: Question<unknown>): Promise<MemoAddress | null> {
  const { settings } = await settingsOf(ctx);
  if (settings.portfolioTotalsIncludeHidden) return null;
  // The generation is read with the preamble, before any chunk or projection is.
  const preamble = await requestPreamble(ctx);
  const { meta, visibleIds, themes, valueStreams, now, generation } = preamble;
  if (meta === null || !isServableAsIs(preamble, ctx.cacheFreshMs)) return null;
  // Busy: many chunks are being written; nothing is remembered until they all are.
  if (!isRememberable(generation)) return null;
  const { token } = generation;
  const key = createHash('sha256')
    .update(
      JSON.stringify([
        MEMO_SCHEMA,
        question.name,
        question.input,
        toLocalDate(now, settings.timeZone),
        token,
        visibleIds,
        settings,
        themes,
        valueStreams,
        [meta.scopeWhere, meta.chunkIds, meta.statuses, [...unavailableIdsOf(meta)]],
      ]),
    )
    .digest('hex');
  return { key, slot: Number.parseInt(key.slice(0, 8), 16) % SLOTS };
}

async function recall<T>(ctx: ServiceContext, { key, slot }: MemoAddress, schema: z.ZodType<T>): Promise<T | null> {
  const head = partSchema.safeParse(await ctx.store.getValue(slotValueKey(slot, 0)));
  // Another question's answer, or none: the usual miss.
  if (!head.success || head.data.key !== key) return null;
  const rest = await Promise.all(Array.from({ length: head.data.count - 1 }, (_, index) => ctx.store.getValue(slotValueKey(slot, index + 1))));
  const parts: Part[] = [head.data];
  for (const [index, value] of rest.entries()) {
    const part = partSchema.safeParse(value);
    // A concurrent write's part, or one lost: recomputed.
    if (!part.success || part.data.writeId !== head.data.writeId || part.data.index !== index + 1) return null;
    parts.push(part.data);
  }
  try {
    const text = brotliDecompressSync(Buffer.from(parts.map((part) => part.data).join(''), 'base64')).toString('utf8');
    const parsed = schema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
    ctx.log.warn('remembered answer does not parse: recomputed', { key, issues: parsed.error.issues.length });
  } catch (error) {
    ctx.log.warn('remembered answer unreadable: recomputed', { key, message: errorMessage(error) });
  }
  return null;
}

/** Best effort: a failed write leaves the slot to the next request. */
async function remember(ctx: ServiceContext, { key, slot }: MemoAddress, answer: unknown): Promise<void> {
  const packed = brotliCompressSync(Buffer.from(JSON.stringify(answer), 'utf8'), { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } }).toString('base64');
  const data = splitIntoParts(packed);
  const count = data.length;
  if (count > MAX_PARTS) return;
  const writeId = randomUUID();
  const partValue = (index: number): Part => ({ schema: MEMO_SCHEMA, key, writeId, index, count, data: data[index] as string });
  try {
    // The head last: a reader that finds it finds its parts.
    await Promise.all(Array.from({ length: count - 1 }, (_, index) => ctx.store.setValue(slotValueKey(slot, index + 1), partValue(index + 1))));
    await ctx.store.setValue(slotValueKey(slot, 0), partValue(0));
  } catch (error) {
    ctx.log.warn('answer not remembered', { key, message: errorMessage(error) });
  }
}
