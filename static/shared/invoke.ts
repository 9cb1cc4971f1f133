/**
 * The one typed `invoke` client: every page calls resolvers through it. Keys, payloads and data
 * types come from the contract (src/contract/resolvers.ts); every answer is parsed with the
 * contract's zod schemas before a page sees it, so a page never renders unchecked data.
 */
import { invoke as bridgeInvoke } from '@forge/bridge';
import { z } from 'zod';
import { resolverContract, type ResolverInput, type ResolverKey, type ResolverOutput } from '../../src/contract/resolvers';
import { errorCodeSchema, type ErrorCode } from '../../src/contract/result';

/** A resolver's `{ ok: false }` answer, or an answer we could not use. */
export class ResolverCallError extends Error {
  constructor(
    readonly code: ErrorCode | 'invoke_failed',
    message: string,
  ) {
    super(message);
    this.name = 'ResolverCallError';
  }
}

const envelopeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ code: errorCodeSchema, message: z.string() }) }),
]);

/** Checks a resolver's raw answer against the contract; throws ResolverCallError otherwise. */
export function parseAnswer<K extends ResolverKey>(key: K, answer: unknown): ResolverOutput<K> {
  const envelope = envelopeSchema.safeParse(answer);
  if (!envelope.success) throw new ResolverCallError('invalid_data', `${key} answered in an unexpected shape.`);
  if (!envelope.data.ok) throw new ResolverCallError(envelope.data.error.code, envelope.data.error.message);
  const data = resolverContract[key].output.safeParse(envelope.data.data);
  if (!data.success) throw new ResolverCallError('invalid_data', `${key} answered with data the page cannot read: ${z.prettifyError(data.error)}`);
  return data.data as ResolverOutput<K>;
}

export async function invoke<K extends ResolverKey>(key: K, payload: ResolverInput<K>): Promise<ResolverOutput<K>> {
  let answer: unknown;
  try {
    answer = await bridgeInvoke(key, payload as Record<string, unknown>);
  } catch (error) {
    throw new ResolverCallError('invoke_failed', error instanceof Error ? error.message : String(error));
  }
  return parseAnswer(key, answer);
}
