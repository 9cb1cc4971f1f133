/**
 * The one seam between the Jira REST client and a platform: Forge `requestJira` or global `fetch`.
 * The client decides what to ask and how to read the answer; a transport only carries bytes.
 */
import type { JiraPath } from './path';

export type JiraMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface JiraRequest {
  readonly method: JiraMethod;
  readonly path: JiraPath;
  readonly query?: Readonly<Record<string, string>>;
  /** Sent as JSON when present (`null` is a body; `undefined` is none). */
  readonly body?: unknown;
}

/** What both the Fetch API `Response` and Forge's `APIResponse` already offer. */
export interface JiraResponse {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/** Resolves with any HTTP answer (2xx or not); rejects only when no answer came (network error). */
export type JiraTransport = (request: JiraRequest) => Promise<JiraResponse>;

const JSON_HEADERS: Readonly<Record<string, string>> = { Accept: 'application/json', 'Content-Type': 'application/json' };

/** Headers and body text for a request; the body header only when there is a body. */
export function encodeJiraBody(request: JiraRequest): { headers: Record<string, string>; body?: string } {
  if (request.body === undefined) return { headers: { Accept: 'application/json' } };
  return { headers: { ...JSON_HEADERS }, body: JSON.stringify(request.body) };
}
