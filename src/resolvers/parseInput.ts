/** Payload → the contract's input type, or InvalidInputError naming the field that is wrong. */
import type { z } from 'zod';
import { resolverContract } from '../contract/resolvers';
import type { ResolverKey, ResolverParsedInput } from '../contract/resolvers';
import { InvalidInputError } from '../errors';
import { PAYLOAD_TOO_DEEP_MESSAGE, PAYLOAD_TOO_LARGE_MESSAGE, PAYLOAD_TOO_MANY_VALUES_MESSAGE, payloadBoundsProblem } from './payloadBounds';

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part) => (typeof part === 'number' ? `[${part}]` : String(part)))
    .join('.')
    .replace(/\.\[/g, '[');
}

/** `settings.states: Too small...`; an unknown key is named as its own path, a bad record key by its path. */
function describeIssue(issue: z.core.$ZodIssue): string[] {
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => `${formatPath([...issue.path, key])}: not a field of this payload`);
  const path = formatPath(issue.path);
  // A record key (an issue key in a budget) that does not fit: say what it should be.
  if (issue.code === 'invalid_key') return [`${path}: the key is not ${issue.issues[0]?.message ?? 'valid'}`];
  return [`${path === '' ? 'payload' : path}: ${issue.message}`];
}

/**
 * The path of the first own `__proto__` key in a payload (JSON.parse makes one an own property),
 * or null. zod drops such a key from a record without a word, so it is looked for before zod.
 * Iterative: a deeply nested payload cannot exhaust the stack.
 */
export function protoKeyPath(payload: unknown): PropertyKey[] | null {
  // Each entry links to its parent, so no path is copied until one is found.
  interface Node {
    readonly value: unknown;
    readonly key: PropertyKey | null;
    readonly parent: Node | null;
  }
  const pathOf = (node: Node | null): PropertyKey[] => {
    const path: PropertyKey[] = [];
    for (let at = node; at !== null && at.key !== null; at = at.parent) path.push(at.key);
    return path.reverse();
  };
  const pending: Node[] = [{ value: payload, key: null, parent: null }];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    const { value } = node;
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      value.forEach((item: unknown, index) => pending.push({ value: item, key: index, parent: node }));
      continue;
    }
    if (Object.hasOwn(value, '__proto__')) return [...pathOf(node), '__proto__'];
    for (const [name, item] of Object.entries(value)) pending.push({ value: item, key: name, parent: node });
  }
  return null;
}

export function parseInput<K extends ResolverKey>(key: K, payload: unknown): ResolverParsedInput<K> {
  // Size and depth first: everything below walks the whole payload.
  const bounds = payloadBoundsProblem(payload);
  if (bounds === 'too large') throw new InvalidInputError(PAYLOAD_TOO_LARGE_MESSAGE);
  if (bounds === 'too deep') throw new InvalidInputError(`${key}: ${PAYLOAD_TOO_DEEP_MESSAGE}`);
  if (bounds === 'too many values') throw new InvalidInputError(`${key}: ${PAYLOAD_TOO_MANY_VALUES_MESSAGE}`);
  const protoPath = protoKeyPath(payload);
  if (protoPath !== null) throw new InvalidInputError(`${key}: ${formatPath(protoPath)}: "__proto__" is a reserved name and cannot be a key; choose another name`);
  const schema: z.ZodType = resolverContract[key].input;
  const parsed = schema.safeParse(payload ?? {});
  if (parsed.success) return parsed.data as ResolverParsedInput<K>;
  const issues = parsed.error.issues.flatMap(describeIssue);
  const shown = issues.slice(0, 3).join('; ');
  throw new InvalidInputError(`${key}: ${shown}${issues.length > 3 ? ` (and ${issues.length - 3} more)` : ''}`);
}
