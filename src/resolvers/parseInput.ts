/** Payload → the contract's input type, or InvalidInputError naming the field that is wrong. */
import type { z } from 'zod';
import { resolverContract } from '../contract/resolvers';
import type { ResolverKey, ResolverParsedInput } from '../contract/resolvers';
import { InvalidInputError } from '../errors';

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : String(part))).join('.').replace(/\.\[/g, '[');
  return `${path === '' ? 'payload' : path}: ${issue.message}`;
}

export function parseInput<K extends ResolverKey>(key: K, payload: unknown): ResolverParsedInput<K> {
  const schema: z.ZodType = resolverContract[key].input;
  const parsed = schema.safeParse(payload ?? {});
  if (parsed.success) return parsed.data as ResolverParsedInput<K>;
  const issues = parsed.error.issues;
  const shown = issues.slice(0, 3).map(describeIssue).join('; ');
  throw new InvalidInputError(`${key}: ${shown}${issues.length > 3 ? ` (and ${issues.length - 3} more)` : ''}`);
}
