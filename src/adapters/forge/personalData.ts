/**
 * Atlassian's personal data reporting API through Forge, as the app: one request per call, its
 * answer parsed with zod. Not `privacy.reportPersonalData` from @forge/api: that helper sends every
 * batch at once and rejects with the raw response, while the job needs one batch at a time,
 * `Retry-After` on a 429, and a parsed answer.
 */
import api, { route } from '@forge/api';
import { reportAccountsRequestSchema, reportAccountsResponseSchema } from '../../contract/personalData';
import type { AccountStatus, ReportedAccount } from '../../contract/personalData';
import { InvalidDataError, InvalidInputError, JiraUnavailableError, RateLimitedError } from '../../errors';
import type { PersonalDataPort } from '../../ports';
import { parseRetryAfterMs } from '../jira/retry';

/** What the adapter reads of a Forge `APIResponse`. */
export interface ReportResponse {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export type ReportRequest = (body: string) => Promise<ReportResponse>;

/**
 * The Forge transport: `asApp().requestAtlassian` (needs the `report:personal-data` scope), on the
 * path @forge/api's own `privacy.reportPersonalData` uses through Forge's proxy.
 */
const forgeReportRequest: ReportRequest = (body) =>
  api.asApp().requestAtlassian(route`/app/report-accounts`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body,
  });

/** Statuses for the accounts the request named; an answer about any other account is ignored. */
export async function parseReportResponse(response: ReportResponse, asked: readonly ReportedAccount[], nowMs: number): Promise<AccountStatus[]> {
  if (response.status === 204) return [];
  if (response.status === 429) {
    throw new RateLimitedError('Personal data reporting answered 429 (rate limited)', parseRetryAfterMs(response.headers.get('Retry-After'), nowMs));
  }
  const text = await response.text();
  if (response.status !== 200) {
    throw new JiraUnavailableError(`Personal data reporting answered ${response.status}: ${text.slice(0, 300)}`, response.status);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InvalidDataError('Personal data reporting answered 200 with a body that is not JSON');
  }
  const parsed = reportAccountsResponseSchema.safeParse(json);
  if (!parsed.success) {
    throw new InvalidDataError(`Personal data reporting answered 200 with an unexpected body: ${parsed.error.issues[0]?.message ?? ''}`);
  }
  const named = new Set(asked.map((account) => account.accountId));
  return parsed.data.accounts
    .filter((account) => named.has(account.accountId))
    .map((account) => ({ accountId: account.accountId, status: account.status }));
}

export function createPersonalDataReporter(request: ReportRequest, now: () => number = Date.now): PersonalDataPort {
  return {
    async reportAccounts(accounts) {
      const body = reportAccountsRequestSchema.safeParse({ accounts });
      if (!body.success) throw new InvalidInputError(`A personal data report takes 1 to 90 accounts with RFC 3339 times: ${body.error.issues[0]?.message ?? ''}`);
      return parseReportResponse(await request(JSON.stringify(body.data)), body.data.accounts, now());
    },
  };
}

export function forgePersonalData(): PersonalDataPort {
  return createPersonalDataReporter(forgeReportRequest);
}
