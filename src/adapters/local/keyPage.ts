/**
 * Paging over a collection's keys for the local stores. The cursor names the last key returned, so
 * a page stays correct when documents are added or removed between two calls.
 */
import { z } from 'zod';
import { InvalidInputError } from '../../errors';
import { compareKeys, listPageSize } from '../storeSupport';

export interface KeyPageRequest {
  readonly prefix?: string;
  readonly cursor?: string;
  readonly limit?: number;
}

const cursorSchema = z.object({ after: z.string() });

function encodeKeyCursor(lastKey: string): string {
  return Buffer.from(JSON.stringify({ after: lastKey }), 'utf8').toString('base64url');
}

function decodeKeyCursor(cursor: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const result = cursorSchema.safeParse(parsed);
  if (!result.success) throw new InvalidInputError('The list cursor is not one this store returned');
  return result.data.after;
}

/** The keys of one page in key order, and a cursor when more keys follow. */
export function pageKeys(keys: Iterable<string>, request: KeyPageRequest = {}): { keys: string[]; cursor?: string } {
  const prefix = request.prefix ?? '';
  const after = request.cursor === undefined ? undefined : decodeKeyCursor(request.cursor);
  const pageSize = listPageSize(request.limit);
  const candidates = [...keys]
    .filter((key) => key.startsWith(prefix) && (after === undefined || compareKeys(key, after) > 0))
    .sort(compareKeys);
  const page = candidates.slice(0, pageSize);
  const last = page[page.length - 1];
  return candidates.length > pageSize && last !== undefined ? { keys: page, cursor: encodeKeyCursor(last) } : { keys: page };
}
