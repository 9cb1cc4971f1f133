/**
 * How large and how deep a resolver payload may be, checked before anything walks it. Forge refuses
 * invoke requests over 500 KB, but hands the resolver a payload already parsed (JSON.parse has no
 * depth limit), so the handler measures its JSON size itself, stopping at the limit, and refuses
 * nesting no contract has: zod, the reserved-key scan and any JSON.stringify would otherwise walk
 * (or overflow the stack on) 10,000 levels.
 */

/** Forge's limit on an invoke request (500 KB); the preview's invoke endpoint applies the same. */
export const INVOKE_PAYLOAD_LIMIT_BYTES = 500 * 1024;

/** No contract nests deeper than 6 (okrs/save: objectives[].keyResults[].owner.accountId); 32 leaves room. */
export const MAX_PAYLOAD_DEPTH = 32;

/** What the page shows for an oversized request, from the handler and the preview alike. */
/**
 * The most values (items, fields, scalars) a payload may hold. The largest request, 80 value
 * streams of 100 project keys, holds about 8,500; a 500 KB array of 100,000 zeros would make zod
 * and the reserved-key scan walk 100,000 values for nothing.
 */
export const MAX_PAYLOAD_VALUES = 20_000;

export const PAYLOAD_TOO_LARGE_MESSAGE =
  'This request is larger than 500 KB, the most Forge passes to an app. Send fewer or shorter items at once.';

export const PAYLOAD_TOO_DEEP_MESSAGE = `payload: nested more than ${MAX_PAYLOAD_DEPTH} levels deep; no request of this app nests that deep`;
export const PAYLOAD_TOO_MANY_VALUES_MESSAGE = `payload: more than ${MAX_PAYLOAD_VALUES.toLocaleString('en-US')} values; no request of this app holds that many`;

/**
 * Bytes of `text` as a JSON string: quotes, escapes (control characters, `"`, `\`, lone
 * surrogates) and UTF-8. Stops counting once past `budget`: a megabyte string costs no more than
 * the limit.
 */
function jsonStringBytes(text: string, budget: number): number {
  let bytes = 2;
  for (let index = 0; index < text.length && bytes <= budget; index++) {
    const unit = text.charCodeAt(index);
    if (unit === 0x22 || unit === 0x5c) bytes += 2;
    else if (unit < 0x20) bytes += unit === 0x08 || unit === 0x09 || unit === 0x0a || unit === 0x0c || unit === 0x0d ? 2 : 6;
    else if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && (text.charCodeAt(index + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      index++;
    } else if (unit >= 0xd800 && unit <= 0xdfff) bytes += 6;
    else bytes += 3;
  }
  return bytes;
}

function scalarBytes(value: unknown, budget: number): number {
  if (typeof value === 'string') return jsonStringBytes(value, budget);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value).length : 4;
  if (typeof value === 'boolean') return value ? 4 : 5;
  return 4;
}

export type PayloadBoundsProblem = 'too large' | 'too deep' | 'too many values';

/**
 * Whether the payload's JSON is over the invoke limit, nests deeper than `MAX_PAYLOAD_DEPTH` or
 * holds more than `MAX_PAYLOAD_VALUES` values; null when none of these. Iterative, and it stops
 * at the first bound passed, so its work is bounded whatever the payload.
 */
export function payloadBoundsProblem(payload: unknown): PayloadBoundsProblem | null {
  // Two parallel stacks: no object per value, so 100,000 items cost little more than reading them.
  const values: unknown[] = [payload];
  const depths: number[] = [0];
  let bytes = 0;
  let counted = 1;
  while (values.length > 0) {
    const value = values.pop();
    const depth = depths.pop() as number;
    if (typeof value !== 'object' || value === null) {
      bytes += scalarBytes(value, INVOKE_PAYLOAD_LIMIT_BYTES - bytes);
      if (bytes > INVOKE_PAYLOAD_LIMIT_BYTES) return 'too large';
      continue;
    }
    if (depth >= MAX_PAYLOAD_DEPTH) return 'too deep';
    // Brackets and commas, then each key with its colon; the values wait their turn.
    if (Array.isArray(value)) {
      counted += value.length;
      if (counted > MAX_PAYLOAD_VALUES) return 'too many values';
      bytes += 1 + Math.max(1, value.length);
      if (bytes > INVOKE_PAYLOAD_LIMIT_BYTES) return 'too large';
      for (const item of value) {
        values.push(item);
        depths.push(depth + 1);
      }
      continue;
    }
    const keys = Object.keys(value);
    counted += keys.length;
    if (counted > MAX_PAYLOAD_VALUES) return 'too many values';
    bytes += 1 + Math.max(1, keys.length);
    if (bytes > INVOKE_PAYLOAD_LIMIT_BYTES) return 'too large';
    for (const key of keys) {
      bytes += jsonStringBytes(key, INVOKE_PAYLOAD_LIMIT_BYTES - bytes) + 1;
      if (bytes > INVOKE_PAYLOAD_LIMIT_BYTES) return 'too large';
      values.push((value as Record<string, unknown>)[key]);
      depths.push(depth + 1);
    }
  }
  return null;
}
