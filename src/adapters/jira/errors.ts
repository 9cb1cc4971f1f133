/**
 * Jira's answers → our error hierarchy, and response bodies → parsed data. Every message names the
 * endpoint so a failure in a log says which call failed and why.
 */
import type { z } from 'zod';
import { jiraErrorBodySchema } from '../../contract/jira';
import { AppError, ForbiddenError, InvalidDataError, InvalidInputError, JiraUnavailableError, NotFoundError } from '../../errors';
import { describeAttempts, type AttemptRecord } from './retry';

/** The messages in Jira's error body (`errorMessages` and `errors`), or a short excerpt of other text. */
function jiraErrorMessages(bodyText: string): string {
  const parsed = jiraErrorBodySchema.safeParse(safeJson(bodyText));
  if (parsed.success) {
    const messages = [...parsed.data.errorMessages, ...Object.entries(parsed.data.errors).map(([field, message]) => `${field}: ${message}`)];
    if (messages.length > 0) return messages.join('; ');
  }
  const excerpt = bodyText.trim().slice(0, 200);
  return excerpt === '' ? 'no details' : excerpt;
}

/** A final non-2xx answer as an error. `attempts` is reported when more than one try was made. */
export function jiraStatusError(endpoint: string, status: number, bodyText: string, attempts: readonly AttemptRecord[], gaveUp?: string): AppError {
  const details = jiraErrorMessages(bodyText);
  const tried = attempts.length > 1 || gaveUp !== undefined ? ` (tried: ${describeAttempts(attempts)}${gaveUp === undefined ? '' : `; ${gaveUp}`})` : '';
  if (status === 400) return new InvalidInputError(`${endpoint}: Jira rejected the request: ${details}`);
  if (status === 401) return new ForbiddenError(`${endpoint}: Jira did not accept the credentials (401): ${details}`);
  if (status === 403) return new ForbiddenError(`${endpoint}: not permitted (403): ${details}`);
  if (status === 404) return new NotFoundError(`${endpoint}: not found (404): ${details}`);
  if (status === 410) return new JiraUnavailableError(`${endpoint}: this Jira endpoint is gone (410); it was removed from Jira Cloud: ${details}`, status);
  if (status === 429) return new JiraUnavailableError(`${endpoint}: Jira is rate limiting (429)${tried}`, status);
  if (status >= 500) return new JiraUnavailableError(`${endpoint}: Jira answered ${status}: ${details}${tried}`, status);
  return new JiraUnavailableError(`${endpoint}: unexpected answer ${status}: ${details}`, status);
}

export function jiraNetworkError(endpoint: string, error: unknown, attempts: readonly AttemptRecord[], gaveUp: string): JiraUnavailableError {
  return new JiraUnavailableError(`${endpoint}: Jira could not be reached (tried: ${describeAttempts(attempts)}; ${gaveUp})`, undefined, { cause: error });
}

/** A 2xx answer whose body was still cut off or not JSON after the retries: Jira's trouble, like a 5xx. */
export function jiraIncompleteError(endpoint: string, bodyText: string, attempts: readonly AttemptRecord[], gaveUp?: string): JiraUnavailableError {
  const tried = attempts.length > 1 || gaveUp !== undefined ? ` (tried: ${describeAttempts(attempts)}${gaveUp === undefined ? '' : `; ${gaveUp}`})` : '';
  return new JiraUnavailableError(`${endpoint}: the response is not JSON (cut off or malformed, ${bodyText.length} characters)${tried}`);
}

/** Parses a 2xx body as JSON and then with `schema`; anything else is InvalidDataError naming the field path. */
export function parseJiraBody<S extends z.ZodType>(endpoint: string, bodyText: string, schema: S): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    throw new InvalidDataError(`${endpoint}: the response is not JSON (${bodyText.length} characters)`);
  }
  return parseJiraValue(endpoint, json, schema);
}

/** Parses an already parsed JSON body with `schema`; a mismatch is InvalidDataError naming the field path. */
export function parseJiraValue<S extends z.ZodType>(endpoint: string, json: unknown, schema: S): z.output<S> {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`)
    .join('; ');
  throw new InvalidDataError(`${endpoint}: the response does not have the expected shape at ${problems}`);
}

/** `issues[3].fields.status.id`; `(root)` for the body itself. */
function formatIssuePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text === '' ? String(key) : `${text}.${String(key)}`), '');
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
