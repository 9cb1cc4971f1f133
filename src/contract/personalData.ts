/**
 * Atlassian's personal data reporting API (`POST https://api.atlassian.com/app/report-accounts`,
 * Forge: `asApp().requestAtlassian`). The app names the accounts it stores data for, each with
 * when it stored it; Atlassian answers which of them were closed or changed since (200), or
 * nothing to do (204). At most 90 accounts a request.
 */
import { z } from 'zod';

export const MAX_REPORTED_ACCOUNTS = 90;

/** Atlassian account ids are opaque; 128 characters is what every stored schema allows. */
const accountIdSchema = z.string().min(1).max(128);

export const reportedAccountSchema = z.object({
  accountId: accountIdSchema,
  /** RFC 3339: when the app last stored (or read) this account's data. */
  updatedAt: z.iso.datetime({ offset: true }),
});
export type ReportedAccount = z.infer<typeof reportedAccountSchema>;

export const reportAccountsRequestSchema = z.object({
  accounts: z.array(reportedAccountSchema).min(1).max(MAX_REPORTED_ACCOUNTS),
});

export const accountStatusSchema = z.looseObject({
  accountId: accountIdSchema,
  /** closed: erase or anonymise what the app holds; updated: the profile changed after `updatedAt`. */
  status: z.enum(['closed', 'updated']),
});
export type AccountStatus = { readonly accountId: string; readonly status: 'closed' | 'updated' };

/** The 200 answer (a 204 has no body: no account needs action). */
export const reportAccountsResponseSchema = z.looseObject({ accounts: z.array(accountStatusSchema) });
