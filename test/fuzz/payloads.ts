/**
 * The fuzzer's payloads: for every resolver key, junk (a wrong type, random fields, a nasty value
 * at the top) and mutations of the key's valid payload (one field replaced, removed, or joined by
 * an extra or a reserved key), so that the campaign also gets past the first zod check.
 */
import fc from 'fast-check';
import { RESOLVER_KEYS } from '../../src/contract/resolvers';
import type { ResolverKey } from '../../src/contract/resolvers';
import { nastyValueArb, plausibleValueArb, withOwnKey } from './nastyValues';
import type { Nasty } from './nastyValues';
import type { ValidPayloads } from './validPayloads';

export type PayloadKind = 'junk' | 'mutation' | 'valid';

export interface FuzzCase {
  readonly key: ResolverKey;
  readonly kind: PayloadKind;
  /** What was done to the payload, for the report (never the payload itself: it may be a megabyte). */
  readonly description: string;
  readonly payload: unknown;
}

type Path = readonly (string | number)[];

/** Every place in a (small, valid) payload a mutation can touch: each field and each array item. */
export function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [];
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
  return entries.flatMap(([key, item]) => [[...prefix, key], ...pathsOf(item, [...prefix, key])]);
}

const showPath = (path: Path) => (path.length === 0 ? 'payload' : path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${part}`)).join('').replace(/^\./, ''));

/** A copy of `root` with `change` applied to the container holding `path`'s last step. */
function changeAt(root: unknown, path: Path, change: (container: Record<string | number, unknown>, last: string | number) => void): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let container = copy;
  for (const step of path.slice(0, -1)) container = container[step] as Record<string | number, unknown>;
  change(container, path[path.length - 1] as string | number);
  return copy;
}

type Mutation = (valid: unknown, path: Path, nasty: Nasty, plausible: Nasty) => { payload: unknown; description: string };

const MUTATIONS: readonly Mutation[] = [
  (valid, path, nasty) => ({ payload: changeAt(valid, path, (at, last) => void (at[last] = nasty.value)), description: `${showPath(path)} := ${nasty.label}` }),
  (valid, path, _nasty, plausible) => ({ payload: changeAt(valid, path, (at, last) => void (at[last] = plausible.value)), description: `${showPath(path)} := ${plausible.label}` }),
  (valid, path) => ({
    payload: changeAt(valid, path, (at, last) => (Array.isArray(at) ? at.splice(Number(last), 1) : delete at[last])),
    description: `${showPath(path)} removed`,
  }),
  (valid, path, nasty) => ({
    payload: changeAt(valid, path, (at, last) => void (Array.isArray(at) ? at.push(nasty.value) : (at[`${String(last)}Extra`] = nasty.value))),
    description: `beside ${showPath(path)}: an extra ${nasty.label}`,
  }),
  (valid, path, nasty) => {
    const key = (['__proto__', 'constructor', 'prototype'] as const)[showPath(path).length % 3]!;
    const payload = changeAt(valid, path, (at) => {
      if (Array.isArray(at)) at.push(withOwnKey(key, nasty.value));
      else Object.defineProperty(at, key, { value: nasty.value, enumerable: true, configurable: true, writable: true });
    });
    return { payload, description: `beside ${showPath(path)}: own key ${key} = ${nasty.label}` };
  },
];

const junkArb: fc.Arbitrary<{ payload: unknown; description: string }> = fc.oneof(
  nastyValueArb.map((nasty) => ({ payload: nasty.value, description: `payload := ${nasty.label}` })),
  fc
    .tuple(fc.string({ maxLength: 12 }), nastyValueArb)
    .map(([name, nasty]) => ({ payload: withOwnKey(name, nasty.value), description: `payload := { ${JSON.stringify(name)}: ${nasty.label} }` })),
  fc.constantFrom('__proto__', 'constructor', 'prototype').chain((name) =>
    nastyValueArb.map((nasty) => ({ payload: withOwnKey(name, nasty.value), description: `payload := own key ${name} = ${nasty.label}` })),
  ),
);

/**
 * A case for a random key. Mutations pick one place of the key's valid payload (or add beside the
 * top level when it has no fields); valid payloads are sent as they are now and then.
 */
export function fuzzCaseArb(valid: ValidPayloads): fc.Arbitrary<FuzzCase> {
  const mutationIndex = fc.integer({ min: 0, max: MUTATIONS.length - 1 });
  return fc.constantFrom(...RESOLVER_KEYS).chain((key) => {
    const example: unknown = valid[key];
    const paths: Path[] = pathsOf(example);
    const pathArb: fc.Arbitrary<Path> = paths.length === 0 ? fc.constant(['field']) : fc.constantFrom(...paths);
    const mutation = fc.tuple(mutationIndex, pathArb, nastyValueArb, plausibleValueArb).map(([index, path, nasty, plausible]): FuzzCase => {
      const mutated = MUTATIONS[index]!(example, path, nasty, plausible);
      return { key, kind: 'mutation', ...mutated };
    });
    return fc.oneof(
      { weight: 4, arbitrary: junkArb.map((junk): FuzzCase => ({ key, kind: 'junk', ...junk })) },
      { weight: 7, arbitrary: mutation },
      { weight: 1, arbitrary: fc.constant<FuzzCase>({ key, kind: 'valid', description: 'the valid payload', payload: structuredClone(example) }) },
    );
  });
}

/** `count` cases from `seed`, the same ones every time. */
export function fuzzCases(valid: ValidPayloads, count: number, seed: number): FuzzCase[] {
  return fc.sample(fuzzCaseArb(valid), { numRuns: count, seed });
}
