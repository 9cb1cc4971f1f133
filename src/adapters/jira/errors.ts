/**
 * Jira's answers → our error hierarchy, and response bodies → parsed data. Every message names the
 * endpoint so a failure in a log says which call failed and why. What the page shows (pageMessage)
 * names neither the endpoint nor Jira's raw answer: the call may have been made as the app, and an
 * HTML error page means nothing to a person. Only Jira's own error messages of a refused request
 * (a 400, such as a JQL error) reach the page: they say what to fix.
 */
import type { z } from 'zod';
import { jiraErrorBodySchema } from '../../contract/jira';
import { AppError, ForbiddenError, InvalidDataError, InvalidInputError, JiraUnavailableError, NotFoundError } from '../../errors';
import { describeAttempts, type AttemptRecord } from './retry';

/** The messages in Jira's error body (`errorMessages` and `errors`), or null when it has none. */
function jiraOwnMessages(bodyText: string): string | null {
  const parsed = jiraErrorBodySchema.safeParse(safeJson(bodyText));
  if (!parsed.success) return null;
  const messages = [...parsed.data.errorMessages, ...Object.entries(parsed.data.errors).map(([field, message]) => `${field}: ${message}`)];
  return messages.length > 0 ? messages.join('; ') : null;
}

/** For the log: Jira's messages, or a short excerpt of other text. */
function jiraErrorMessages(bodyText: string): string {
  const excerpt = bodyText.trim().slice(0, 200);
  return jiraOwnMessages(bodyText) ?? (excerpt === '' ? 'no details' : excerpt);
}

const TRY_AGAIN = 'Wait a minute and try again; if it keeps happening, tell your Jira admin.';
/** What the page says for each answer a person cannot fix by changing their input. */
export const JIRA_PAGE_MESSAGES = {
  unauthenticated: 'Jira did not accept the sign-in (401). Reload the page to sign in again; if it keeps happening, ask your Jira admin to check the app’s access.',
  forbidden: 'Jira does not permit this (403). Ask your Jira admin for the permission you need.',
  notFound: 'Jira could not find it (404): it may have been deleted or moved, or you may not be allowed to see it.',
  gone: 'Jira no longer offers something this app needs (410). Ask your Jira admin to update Lean Portfolio.',
  rateLimited: `Jira is busy and asked the app to slow down (429). ${TRY_AGAIN}`,
  rateLimitedUntil: (untilMs: number) =>
    `Jira’s rate limit for Lean Portfolio is used up until ${new Date(untilMs).toISOString().slice(11, 16)} UTC. Try again after that; if it keeps happening, tell your Jira admin.`,
  serverError: (status: number) => `Jira is having trouble (it answered ${status}). ${TRY_AGAIN}`,
  unexpected: (status: number) => `Jira gave an unexpected answer (${status}). ${TRY_AGAIN}`,
  unreachable: `Jira could not be reached. ${TRY_AGAIN}`,
  incomplete: `Jira’s answer arrived cut off. ${TRY_AGAIN}`,
  unreadable: 'Jira sent an answer Lean Portfolio cannot read. Try again; if it keeps happening, tell your Jira admin (the details are in the app’s log).',
} as const;

/** A refused request: Jira's own messages say what to fix (a JQL error); any other text stays in the log. */
function refusedMessage(bodyText: string): string {
  const own = jiraOwnMessages(bodyText);
  if (own === null) return 'Jira refused the request.';
  return `Jira refused the request: ${own.length > 300 ? `${own.slice(0, 297)}...` : own}`;
}

/**
 * A final non-2xx answer as an error. `attempts` is reported when more than one try was made;
 * `rateLimitedUntilMs` (a 429 the client will not wait out) lets the page say until when.
 */
export function jiraStatusError(
  endpoint: string,
  status: number,
  bodyText: string,
  attempts: readonly AttemptRecord[],
  gaveUp?: string,
  rateLimitedUntilMs?: number,
): AppError {
  const details = jiraErrorMessages(bodyText);
  const tried = attempts.length > 1 || gaveUp !== undefined ? ` (tried: ${describeAttempts(attempts)}${gaveUp === undefined ? '' : `; ${gaveUp}`})` : '';
  const page = JIRA_PAGE_MESSAGES;
  if (status === 400) return new InvalidInputError(`${endpoint}: Jira rejected the request: ${details}`, { pageMessage: refusedMessage(bodyText) });
  if (status === 401) return new ForbiddenError(`${endpoint}: Jira did not accept the credentials (401): ${details}`, { pageMessage: page.unauthenticated });
  if (status === 403) return new ForbiddenError(`${endpoint}: not permitted (403): ${details}`, { pageMessage: page.forbidden });
  if (status === 404) return new NotFoundError(`${endpoint}: not found (404): ${details}`, { pageMessage: page.notFound });
  if (status === 410)
    return new JiraUnavailableError(`${endpoint}: this Jira endpoint is gone (410); it was removed from Jira Cloud: ${details}`, status, { pageMessage: page.gone });
  if (status === 429) {
    const pageMessage = rateLimitedUntilMs === undefined ? page.rateLimited : page.rateLimitedUntil(rateLimitedUntilMs);
    return new JiraUnavailableError(`${endpoint}: Jira is rate limiting (429)${tried}`, status, { pageMessage });
  }
  if (status >= 500)
    return new JiraUnavailableError(`${endpoint}: Jira answered ${status}: ${details}${tried}`, status, { pageMessage: page.serverError(status) });
  return new JiraUnavailableError(`${endpoint}: unexpected answer ${status}: ${details}`, status, { pageMessage: page.unexpected(status) });
}

export function jiraNetworkError(endpoint: string, error: unknown, attempts: readonly AttemptRecord[], gaveUp: string): JiraUnavailableError {
  return new JiraUnavailableError(`${endpoint}: Jira could not be reached (tried: ${describeAttempts(attempts)}; ${gaveUp})`, undefined, {
    cause: error,
    pageMessage: JIRA_PAGE_MESSAGES.unreachable,
  });
}

/** A 2xx answer whose body was still cut off or not JSON after the retries: Jira's trouble, like a 5xx. */
export function jiraIncompleteError(endpoint: string, bodyText: string, attempts: readonly AttemptRecord[], gaveUp?: string): JiraUnavailableError {
  const tried = attempts.length > 1 || gaveUp !== undefined ? ` (tried: ${describeAttempts(attempts)}${gaveUp === undefined ? '' : `; ${gaveUp}`})` : '';
  return new JiraUnavailableError(`${endpoint}: the response is not JSON (cut off or malformed, ${bodyText.length} characters)${tried}`, undefined, {
    pageMessage: JIRA_PAGE_MESSAGES.incomplete,
  });
}

/** Parses a 2xx body as JSON and then with `schema`; anything else is InvalidDataError naming the field path. */
export function parseJiraBody<S extends z.ZodType>(endpoint: string, bodyText: string, schema: S): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    throw new InvalidDataError(`${endpoint}: the response is not JSON (${bodyText.length} characters)`, { pageMessage: JIRA_PAGE_MESSAGES.unreadable });
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
  throw new InvalidDataError(`${endpoint}: the response does not have the expected shape at ${problems}`, { pageMessage: JIRA_PAGE_MESSAGES.unreadable });
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
