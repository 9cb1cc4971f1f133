/** Payload → the contract's input type, or InvalidInputError naming the field that is wrong. */
import type { z } from 'zod';
import { resolverContract } from '../contract/resolvers';
import type { ResolverKey, ResolverParsedInput } from '../contract/resolvers';
import { InvalidInputError } from '../errors';

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

export function parseInput<K extends ResolverKey>(key: K, payload: unknown): ResolverParsedInput<K> {
  const schema: z.ZodType = resolverContract[key].input;
  const parsed = schema.safeParse(payload ?? {});
  if (parsed.success) return parsed.data as ResolverParsedInput<K>;
  const issues = parsed.error.issues.flatMap(describeIssue);
  const shown = issues.slice(0, 3).join('; ');
  throw new InvalidInputError(`${key}: ${shown}${issues.length > 3 ? ` (and ${issues.length - 3} more)` : ''}`);
}
