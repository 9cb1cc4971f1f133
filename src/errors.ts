/**
 * The one error hierarchy. Adapters and services throw these; `toErrorResult` in the resolvers
 * layer is the only place that turns them into `{ ok: false, error }`. Anything else is a bug:
 * it is logged and rethrown so Forge counts the invocation as failed.
 */
import type { ErrorCode } from './contract/result';

export interface AppErrorOptions {
  readonly cause?: unknown;
  /**
   * What the page shows, when the message holds what only the log may see (Jira's own answer, the
   * Jira URL fetched, perhaps as the app): a sentence a person can act on. Else the message is shown.
   */
  readonly pageMessage?: string;
}

export abstract class AppError extends Error {
  abstract readonly code: ErrorCode;
  readonly pageMessage: string;
  constructor(message: string, options?: AppErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.pageMessage = options?.pageMessage ?? message;
  }
}

export class InvalidInputError extends AppError {
  readonly code = 'invalid_input' as const;
}
export class ForbiddenError extends AppError {
  readonly code = 'forbidden' as const;
}
export class NotFoundError extends AppError {
  readonly code = 'not_found' as const;
}
/** A versioned write named a version that is no longer current. */
export class ConflictError extends AppError {
  readonly code = 'conflict' as const;
}
/** Jira answered with an error we cannot recover from, or not at all, after bounded retries. */
export class JiraUnavailableError extends AppError {
  readonly code = 'jira_unavailable' as const;
  constructor(message: string, readonly status?: number, options?: AppErrorOptions) {
    super(message, options);
  }
}
/** A document in storage or a Jira payload did not match its schema. */
export class InvalidDataError extends AppError {
  readonly code = 'invalid_data' as const;
}

/** The message of anything thrown (a thrown non-Error is shown as text). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** An Atlassian API answered 429 (e.g. personal data reporting): try again after `retryAfterMs`, when it said. */
export class RateLimitedError extends JiraUnavailableError {
  constructor(message: string, readonly retryAfterMs?: number) {
    super(message, 429);
  }
}
