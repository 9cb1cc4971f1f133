/**
 * A route's answer before it is written: status, headers, and a JSON body or a text body.
 * Keeping replies as values lets the server add latency and faults in one place.
 */
import type { DemoUser } from './model';
import type { DemoIndex } from './store';

export interface Reply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Serialised as JSON. */
  readonly body?: unknown;
  /** Sent as is (text/plain) when there is no JSON body. */
  readonly text?: string;
}

/** What a route handler gets: the parsed request and the authenticated user. */
export interface DemoRequest {
  readonly method: string;
  /** Path without the mount prefix and without the query string. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** Parsed JSON body; undefined when there was none. */
  readonly body: unknown;
  readonly user: DemoUser;
  /** The site URL as the client sees it (scheme, host, mount prefix). */
  readonly base: string;
  readonly now: number;
  readonly index: DemoIndex;
}

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return headers ? { status, body, headers } : { status, body };
}

/** Jira's error body: `{ errorMessages: [...], errors: { field: message } }`. */
export function jiraError(status: number, messages: readonly string[], errors: Record<string, string> = {}): Reply {
  return json(status, { errorMessages: [...messages], errors });
}

export const NO_CONTENT: Reply = { status: 204 };

const ISSUE_NOT_FOUND_MESSAGE = 'Issue does not exist or you do not have permission to see it.';

export function issueNotFound(): Reply {
  return jiraError(404, [ISSUE_NOT_FOUND_MESSAGE]);
}

/** Comma-separated and repeated query values alike: `fields=a,b&fields=c` → [a, b, c]. */
export function listParam(query: URLSearchParams, name: string): string[] | undefined {
  const raw = query.getAll(name);
  if (raw.length === 0) return undefined;
  return raw.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

/** A non-negative integer query parameter, or the fallback when absent or not a number. */
export function intParam(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null || raw.trim() === '') return fallback;
  const value = Number(raw);
  return Number.isInteger(value) && value >= 0 ? value : fallback;
}
