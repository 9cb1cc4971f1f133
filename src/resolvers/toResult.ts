/**
 * The one place errors become results. AppErrors are expected outcomes (the caller may not, the
 * version moved on, Jira is down) and travel as `{ ok: false, error }`; anything else is a bug,
 * logged and rethrown so Forge counts the invocation as failed.
 */
import { fail } from '../contract/result';
import type { Result } from '../contract/result';
import { AppError, errorMessage } from '../errors';
import type { Log } from '../ports';

export async function toResult<T>(work: () => Promise<T>, log: Log, functionKey: string): Promise<Result<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (error) {
    if (error instanceof AppError) {
      // The details (Jira's answer, the URL asked) stay in the log; the page gets what a person can act on.
      if (error.code === 'jira_unavailable' || error.code === 'invalid_data' || error.pageMessage !== error.message)
        log.warn('resolver failed', { functionKey, code: error.code, message: error.message });
      return fail(error.code, error.pageMessage);
    }
    log.error('resolver crashed', {
      functionKey,
      message: errorMessage(error),
      stack: error instanceof Error ? error.stack : undefined,
    });
    throw error;
  }
}
