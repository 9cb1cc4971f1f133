/**
 * The failures the command reports to its user, each as one line on stderr: a problem with an
 * input they gave (exit 2), a wrong command line (exit 2, with a hint), or something outside their
 * input that failed (exit 1). Also: zod issues turned into "file: field: problem".
 */
import type { z } from 'zod';

/** A problem with an input the user gave: a file, a field in it, or an option. Exit code 2. */
export class CliInputError extends Error {
  constructor(
    /** The file, or the option (`--as-of`), the problem is in. */
    readonly source: string,
    /** Where in the source (`issues[2].fields.status.id`, `line 4, jobSize`); empty for the whole source. */
    readonly field: string,
    readonly problem: string,
  ) {
    super([source, field, problem].filter((part) => part !== '').join(': '));
    this.name = 'CliInputError';
  }
}

/** Something outside the user's input failed (Jira unreachable): one line, exit code 1. */
export class CliFailure extends Error {
  override name = 'CliFailure';
  constructor(readonly source: string, problem: string) {
    super(`${source}: ${problem}`);
  }
}

/** Unknown command, unknown or missing option: reported like an input error, followed by a hint. */
export class CliUsageError extends Error {
  override name = 'CliUsageError';
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** A zod issue path as a reader writes it: `issues[2].fields.status.id`, `mapping["On Hold"]`. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (typeof segment === 'string' && IDENTIFIER.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(String(segment))}]`;
  }
  return text;
}

/** The first problem zod found, named by file and field. */
export function fromZodError(source: string, error: z.ZodError, prefix: readonly PropertyKey[] = []): CliInputError {
  const issue = error.issues[0];
  if (!issue) return new CliInputError(source, formatFieldPath(prefix), 'invalid');
  const path = [...prefix, ...issue.path];
  const field = formatFieldPath(path);
  return new CliInputError(source, field === '' ? '(top level)' : field, describeIssue(issue));
}

/** zod's messages, shortened for one line: "missing (expected string)", "unknown field \"x\"". */
function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
  const message = issue.message.replace(/^Invalid input: /, '').replace(/\s+/g, ' ');
  const missing = /^expected (.+), received undefined$/.exec(message);
  return missing ? `missing (expected ${missing[1]})` : message;
}
