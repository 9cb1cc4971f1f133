/**
 * Who saved an epic's WSJF last, and when: the property's `updatedBy` / `updatedAt`, read
 * leniently (any issue editor can write the property; a value that is not what the app writes
 * reads as unknown). Names come from Jira only for the caller (the one account a request can name
 * without another call); the page shows other authors by account id.
 */
import { z } from 'zod';
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
export async function scoredByOfEpics(ctx: ServiceContext): Promise<(epicId: string) => ScoredBy> {
  const [{ cache }, access] = await Promise.all([requestEpicCache(ctx), accessOf(ctx)]);
  const names = new Map<string, string>();
  if (access.displayName !== null) names.set(access.accountId, access.displayName);
  return (epicId) => {
    const epic = cache && cachedEpic(cache, epicId);
    return epic ? readScoredBy(epic.wsjf, names) : UNKNOWN_SCORER;
  };
}
