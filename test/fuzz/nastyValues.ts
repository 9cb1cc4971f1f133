/**
 * Values a resolver payload should never trip over: wrong types, numbers out of range, strings that
 * look like numbers, unicode and control characters, lone surrogates, huge strings, deep nesting,
 * long arrays, wide objects and the keys that reach Object.prototype. Each comes with a label, so a
 * finding names the value that caused it without printing a megabyte.
 */
import fc from 'fast-check';

export interface Nasty {
  readonly label: string;
  readonly value: unknown;
}

/** A value nested `depth` levels deep: alternately arrays and objects, as JSON allows. */
export function nested(depth: number, leaf: unknown = 1): unknown {
  let value = leaf;
  for (let level = 0; level < depth; level++) value = level % 2 === 0 ? [value] : { a: value };
  return value;
}

/** An object whose own key is `__proto__`, as JSON.parse makes it (an object literal would set the prototype). */
export function withOwnKey(key: string, value: unknown, base: Record<string, unknown> = {}): Record<string, unknown> {
  const object = { ...base };
  Object.defineProperty(object, key, { value, enumerable: true, configurable: true, writable: true });
  return object;
}

const wideObject = (keys: number): Record<string, number> => Object.fromEntries(Array.from({ length: keys }, (_unused, index) => [`k${index}`, index]));

/** Built once: the large values are shared (the JSON round trip of each call copies them). */
const LARGE: readonly Nasty[] = [
  { label: 'string of 10,000 x', value: 'x'.repeat(10_000) },
  { label: 'string of 100,000 x', value: 'x'.repeat(100_000) },
  { label: 'string of 600,000 x (over 500 KB)', value: 'x'.repeat(600_000) },
  { label: 'string of 1,000,000 x (1 MB)', value: 'x'.repeat(1_000_000) },
  { label: 'string of 200,000 € (600 KB as UTF-8)', value: '€'.repeat(200_000) },
  { label: 'string of 100,000 control characters (600 KB as JSON)', value: '\u0001'.repeat(100_000) },
  { label: 'nesting 100 levels deep', value: nested(100) },
  { label: 'nesting 1,000 levels deep', value: nested(1_000) },
  { label: 'nesting 10,000 levels deep', value: nested(10_000) },
  { label: 'array of 100,000 zeros', value: new Array<number>(100_000).fill(0) },
  { label: 'array of 100,000 issue keys', value: new Array<string>(100_000).fill('PAY-1') },
  { label: 'array of 100,000 empty objects', value: Array.from({ length: 100_000 }, () => ({})) },
  { label: 'array of 1,000 strings of 1,000 x', value: new Array<string>(1_000).fill('x'.repeat(1_000)) },
  { label: 'object with 10,000 keys', value: wideObject(10_000) },
];

const NUMBERS: readonly Nasty[] = [0, -0, 1, -1, 0.5, 1e308, -1e308, 5e-324, 1e21, 2 ** 53 + 2, -(2 ** 63), Number.MAX_SAFE_INTEGER, 999_999_999_999, 1.7976931348623157e308].map(
  (value) => ({ label: `number ${Object.is(value, -0) ? '-0' : String(value)}`, value }),
);

const TEXTS: readonly string[] = [
  '',
  ' ',
  '\t\n',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e308',
  '-0',
  '0x1F',
  '1_000',
  ' 42 ',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '\u0000',
  'a\u0000b',
  '\u001b[31mred\u001b[0m',
  '\r\n\r\n',
  '\u2028\u2029',
  '\u202eevil',
  '\u200b\u200c\u200d\ufeff',
  '\ud800',
  'a\udfffb',
  '\udc00\ud800',
  '😀'.repeat(40),
  'ß'.repeat(70),
  'Ω≈ç√∫',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  'e\u0301\u0301\u0301',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%00%2e%2e',
  'PAY-1" OR project = DAT',
  'issuetype = Epic) OR (project = DAT',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'PAY-0',
  'pay-1',
  'PAY-007',
  'PAY-99999999999',
  '2026-02-30',
  '2026-Q5',
  '9999-12-31',
  '0000-01-01',
];

const OBJECTS: readonly Nasty[] = [
  { label: 'null', value: null },
  { label: 'true', value: true },
  { label: 'false', value: false },
  { label: 'empty object', value: {} },
  { label: 'empty array', value: [] },
  { label: 'array of null', value: [null] },
  { label: 'own __proto__ key', value: withOwnKey('__proto__', { polluted: true }) },
  { label: 'constructor.prototype', value: { constructor: { prototype: { polluted: true } } } },
  { label: 'prototype key', value: { prototype: { polluted: true } } },
  { label: 'toString key', value: { toString: 'x', valueOf: 1 } },
  { label: 'array with a __proto__ element', value: [withOwnKey('__proto__', [])] },
];

const textNasty = (text: string): Nasty => ({ label: `string ${JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)}`, value: text });

/** Unicode of every kind, any UTF-16 code units (lone surrogates: fast-check's own units are well-formed), and control characters. */
const generatedText: fc.Arbitrary<Nasty> = fc
  .oneof(
    fc.string({ unit: 'binary', maxLength: 80 }),
    fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 80 }),
    fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code)), maxLength: 40 }),
  )
  .map(textNasty);

const generatedNumber: fc.Arbitrary<Nasty> = fc
  .oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 }), fc.maxSafeInteger())
  .map((value) => ({ label: `number ${Object.is(value, -0) ? '-0' : String(value)}`, value }));

/** Any of the above, the large ones less often (they dominate the campaign's time). */
export const nastyValueArb: fc.Arbitrary<Nasty> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NUMBERS) },
  { weight: 2, arbitrary: generatedNumber },
  { weight: 4, arbitrary: fc.constantFrom(...TEXTS).map(textNasty) },
  { weight: 3, arbitrary: generatedText },
  { weight: 3, arbitrary: fc.constantFrom(...OBJECTS) },
  { weight: 2, arbitrary: fc.constantFrom(...LARGE) },
);

/** Values of the right kind for many fields: a mutation with one of these often passes the schema and reaches the service. */
export const plausibleValueArb: fc.Arbitrary<Nasty> = fc
  .constantFrom<unknown>(null, 1, 2, 3, 5, 8, 13, 20, 0, 100, 0.5, 'PAY-1', 'DAT-2', 'payments', 'growth', 'Done', 'Implementing', '2026-Q4', '2026-11-01', 'low', 'go', true, false, [])
  .map((value) => ({ label: `plausible ${JSON.stringify(value)}`, value }));
