/**
 * The personal data reporting API in memory, for tests and local runs (the preview has no
 * scheduled jobs, and Atlassian's endpoint answers Forge apps only). It checks each request as
 * the real endpoint would (1 to 90 accounts, RFC 3339 times), records it, and answers from the
 * closed and updated accounts it was given; `rateLimitNext` makes the next calls answer 429.
 */
import { reportAccountsRequestSchema } from '../../contract/personalData';
import type { AccountStatus, ReportedAccount } from '../../contract/personalData';
import { InvalidInputError, RateLimitedError } from '../../errors';
import type { PersonalDataPort } from '../../ports';

export interface FakePersonalData extends PersonalDataPort {
  /** Every accepted request's accounts, in order. */
  readonly requests: ReportedAccount[][];
  /** Closed accounts (erase), and updated ones with the time their profile changed. */
  readonly closed: Set<string>;
  readonly updated: Map<string, number>;
  /** The next `count` calls answer 429 with this Retry-After. */
  rateLimitNext(count: number, retryAfterMs?: number): void;
}

export function createFakePersonalData(options: { closed?: readonly string[]; updated?: Readonly<Record<string, number>> } = {}): FakePersonalData {
  const requests: ReportedAccount[][] = [];
  const closed = new Set(options.closed ?? []);
  const updated = new Map(Object.entries(options.updated ?? {}));
  let limited = 0;
  let limitedRetryAfterMs: number | undefined;
  return {
    requests,
    closed,
    updated,
    rateLimitNext(count, retryAfterMs) {
      limited = count;
      limitedRetryAfterMs = retryAfterMs;
    },
    async reportAccounts(accounts) {
      if (limited > 0) {
        limited -= 1;
        throw new RateLimitedError('Personal data reporting answered 429 (rate limited)', limitedRetryAfterMs);
      }
      const body = reportAccountsRequestSchema.safeParse({ accounts });
      if (!body.success) throw new InvalidInputError(`400 from the fake reporting API: ${body.error.issues[0]?.message ?? ''}`);
      requests.push(body.data.accounts);
      const answer: AccountStatus[] = [];
      for (const { accountId, updatedAt } of body.data.accounts) {
        if (closed.has(accountId)) answer.push({ accountId, status: 'closed' });
        else if ((updated.get(accountId) ?? -Infinity) > Date.parse(updatedAt)) answer.push({ accountId, status: 'updated' });
      }
      return answer;
    },
  };
}
