/**
 * Who saved an epic's WSJF last, and when: the property's `updatedBy` / `updatedAt`, read
 * leniently (any issue editor can write the property; a value that is not what the app writes
 * reads as unknown). Names come from Jira, as the caller: their own from `myself`, the others' from
 * `GET /user` (one call per distinct author, at most MAX_NAMED_AUTHORS; a team scores with a few
 * people). An author Jira does not name shows by account id.
 */
import { z } from 'zod';
import { errorMessage } from '../errors';
import type { ServiceContext } from './context';
import { accessOf } from './access';
import { cachedEpic } from './portfolio/epicCache';
import { requestEpicCache } from './portfolio/perRequest';

const scoredBySchema = z.object({
  updatedBy: z.string().min(1).max(128).nullable().catch(null),
  updatedAt: z.number().int().nullable().catch(null),
});

export interface ScoredBy {
  readonly scoredBy: { accountId: string; displayName: string | null } | null;
  readonly scoredAt: number | null;
}

export const UNKNOWN_SCORER: ScoredBy = { scoredBy: null, scoredAt: null };

export function readScoredBy(raw: unknown, names: ReadonlyMap<string, string>): ScoredBy {
  const parsed = scoredBySchema.safeParse(raw);
  if (!parsed.success) return UNKNOWN_SCORER;
  const { updatedBy, updatedAt } = parsed.data;
  return {
    scoredBy: updatedBy === null ? null : { accountId: updatedBy, displayName: names.get(updatedBy) ?? null },
    scoredAt: updatedAt,
  };
}

/**
 * Epic id → who scored it, from the property as this request's epic cache holds it (the snapshot
 * already loaded that cache; nothing more is read from Jira but the caller's own name).
 */
export async function scoredByOfEpics(ctx: ServiceContext, epicIds: readonly string[]): Promise<(epicId: string) => ScoredBy> {
  const [{ cache }, access] = await Promise.all([requestEpicCache(ctx), accessOf(ctx)]);
  const rawOf = (epicId: string) => (cache ? cachedEpic(cache, epicId)?.wsjf : undefined);
  const names = new Map<string, string>();
  if (access.displayName !== null) names.set(access.accountId, access.displayName);
  const others = new Set<string>();
  for (const id of epicIds) {
    const author = readScoredBy(rawOf(id), names).scoredBy;
    if (author !== null && !names.has(author.accountId)) others.add(author.accountId);
  }
  await Promise.all(
    [...others].slice(0, MAX_NAMED_AUTHORS).map(async (accountId) => {
      try {
        const user = await ctx.jira.user.getUser(accountId);
        if (user?.displayName !== undefined) names.set(accountId, user.displayName);
      } catch (error) {
        // A name is a nicety: the ranking is shown without it.
        ctx.log.warn('scorer name not read', { accountId, message: errorMessage(error) });
      }
    }),
  );
  return (epicId) => {
    const raw = rawOf(epicId);
    return raw === undefined ? UNKNOWN_SCORER : readScoredBy(raw, names);
  };
}

/** Distinct scorers named per request; beyond that they show by account id. */
export const MAX_NAMED_AUTHORS = 25;
