/**
 * The handler's size and depth check: its byte count is JSON's own (so the 500 KB limit is Forge's),
 * and it refuses oversized and deeply nested payloads without walking them to the end.
 */
import fc from 'fast-check';
import { INVOKE_PAYLOAD_LIMIT_BYTES, MAX_PAYLOAD_DEPTH, MAX_PAYLOAD_VALUES, payloadBoundsProblem } from '../../../src/resolvers/payloadBounds';
import { nested } from '../../fuzz/nastyValues';

/** A string whose JSON (with quotes) is exactly `bytes` long. */
const jsonOfBytes = (bytes: number) => 'x'.repeat(bytes - 2);

describe('payloadBoundsProblem', () => {
  it('should accept any JSON value up to the limit and refuse it past the limit, counting bytes as JSON.stringify does', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.string({ unit: 'binary', maxLength: 30 }), (value, text) => {
        // Padding brings the payload to exactly the limit, then one byte over.
        const probe = { value, text };
        const size = Buffer.byteLength(JSON.stringify(probe), 'utf8');
        const padBytes = INVOKE_PAYLOAD_LIMIT_BYTES - size - ',"pad":'.length;
        const atLimit = { ...probe, pad: jsonOfBytes(padBytes) };
        expect(Buffer.byteLength(JSON.stringify(atLimit), 'utf8')).toBe(INVOKE_PAYLOAD_LIMIT_BYTES);
        expect(payloadBoundsProblem(atLimit)).toBeNull();
        expect(payloadBoundsProblem({ ...probe, pad: jsonOfBytes(padBytes + 1) })).toBe('too large');
      }),
      { numRuns: 40 },
    );
  });

  it.each([
    ['a lone surrogate (escaped as \\udxxx)', '\ud800', 8],
    ['a surrogate pair (4 bytes of UTF-8)', '😀', 6],
    ['a control character (\\u0001)', '\u0001', 8],
    ['a newline (\\n)', '\n', 4],
    ['a quote and a backslash', '"\\', 6],
    ['a euro sign (3 bytes)', '€', 5],
  ])('should count %s as JSON does', (_case, text, bytes) => {
    expect(Buffer.byteLength(JSON.stringify(text), 'utf8')).toBe(bytes);
    const padded = (extra: number) => ['x'.repeat(INVOKE_PAYLOAD_LIMIT_BYTES - bytes - 3 - 2 + extra), text];
    expect(payloadBoundsProblem(padded(0))).toBeNull();
    expect(payloadBoundsProblem(padded(1))).toBe('too large');
  });

  it.each([
    ['a 1 MB string', 'x'.repeat(1_000_000)],
    ['10,000 strings of 60 characters', new Array<string>(10_000).fill('x'.repeat(60))],
    ['an object with 10,000 keys of 60 characters', Object.fromEntries(Array.from({ length: 10_000 }, (_unused, index) => [`${index}`.padStart(60, 'k'), index]))],
  ])('should refuse %s as too large', (_case, payload) => {
    expect(payloadBoundsProblem(payload)).toBe('too large');
  });

  it.each([
    ['an array of 100,000 zeros (200 KB)', new Array<number>(100_000).fill(0)],
    ['an object with 20,001 keys', Object.fromEntries(Array.from({ length: MAX_PAYLOAD_VALUES + 1 }, (_unused, index) => [`${index}`, 0]))],
    ['20,000 arrays of one item', new Array<unknown>(MAX_PAYLOAD_VALUES / 2).fill([[0]])],
  ])('should refuse %s as too many values', (_case, payload) => {
    expect(payloadBoundsProblem(payload)).toBe('too many values');
  });

  it('should accept the most values a payload may hold when it is under 500 KB', () => {
    // The payload itself is one value.
    expect(payloadBoundsProblem(new Array<number>(MAX_PAYLOAD_VALUES - 1).fill(0))).toBeNull();
    expect(payloadBoundsProblem(new Array<number>(MAX_PAYLOAD_VALUES).fill(0))).toBe('too many values');
  });

  it('should refuse nesting one level past the bound and accept it at the bound', () => {
    expect(payloadBoundsProblem(nested(MAX_PAYLOAD_DEPTH))).toBeNull();
    expect(payloadBoundsProblem(nested(MAX_PAYLOAD_DEPTH + 1))).toBe('too deep');
  });

  it('should refuse 10,000 levels of nesting without overflowing the stack', () => {
    const deep = JSON.parse(`${'['.repeat(10_000)}${']'.repeat(10_000)}`) as unknown;
    expect(payloadBoundsProblem(deep)).toBe('too deep');
  });
});
