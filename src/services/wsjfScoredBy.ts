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

const scoredBySchema = z.object({
  updatedBy: z.string().min(1).max(128).nullable().catch(null),
  updatedAt: z.number().int().nullable().catch(null),
});

export interface ScoredBy {
  readonly scoredBy: { accountId: string; displayName: string | null } | null;
  readonly scoredAt: number | null;
}

export const UNKNOWN_SCORER: ScoredBy = { scoredBy: null, scoredAt: null };

/** The property's author and time as stored (a page's card keeps them); nulls when unreadable. */
export function scoredFieldsOf(raw: unknown): { by: string | null; at: number | null } {
  const parsed = scoredBySchema.safeParse(raw);
  return parsed.success ? { by: parsed.data.updatedBy, at: parsed.data.updatedAt } : { by: null, at: null };
}

function scoredByNamed(scored: { by: string | null; at: number | null }, names: ReadonlyMap<string, string>): ScoredBy {
  return {
    scoredBy: scored.by === null ? null : { accountId: scored.by, displayName: names.get(scored.by) ?? null },
    scoredAt: scored.at,
  };
}

/** Each epic's scorer, named; `scored` as the epic's card keeps it (scoredFieldsOf). */
export async function scoredByOfEpics(
  ctx: ServiceContext,
  epics: readonly { readonly id: string; readonly scored: { by: string | null; at: number | null } }[],
): Promise<(epicId: string) => ScoredBy> {
  const access = await accessOf(ctx);
  const scoredById = new Map(epics.map((epic) => [epic.id, epic.scored]));
  const names = new Map<string, string>();
  if (access.displayName !== null) names.set(access.accountId, access.displayName);
  const others = new Set<string>();
  for (const { scored } of epics) if (scored.by !== null && !names.has(scored.by)) others.add(scored.by);
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
    const scored = scoredById.get(epicId);
    return scored === undefined ? UNKNOWN_SCORER : scoredByNamed(scored, names);
  };
}

export const MAX_NAMED_AUTHORS = 25;
