/**
 * The WSJF version register. Jira has no conditional write for issue properties, so two saves that
 * both read version N would both write N + 1 and one would be lost. The app therefore serialises
 * its own saves of an epic's WSJF through one versioned document per epic in the store: a save
 * first CLAIMS version N + 1 there with a conditional write (create-if-absent, or "register still
 * at the version I read"), and only the save whose claim lands writes the property; the others get
 * a conflict.
 *
 * Failure modes:
 * - The Jira write fails after the claim: the save releases the claim (back to N), so the next save
 *   is not blocked. If even the release fails (the process died), the claim is abandoned: a claim
 *   older than `CLAIM_LEASE_MS` (longer than a resolver may run) whose version the property never
 *   reached is taken over by the next save.
 * - The process dies after the Jira write, before the history entry is written: the claim carries
 *   its entry (`pendingEntry`), and the next save, finding the property at the entry's version,
 *   records it in the same transaction as its own claim (an entry whose version the property
 *   never reached is dropped: that write did not happen).
 * - Someone writes the property outside the app (any issue editor may): the register is behind
 *   the property, which the next save accepts and overtakes.
 */
import { z } from 'zod';
import { historyEntrySchema } from '../contract/documents';
import type { HistoryEntry } from '../contract/documents';
import { ConflictError, errorMessage } from '../errors';
import type { DocumentWrite } from '../ports';
import type { ServiceContext } from './context';
import { storedEntryWrite } from './history';
import { RECENT_WSJF_SAVES, scanRecentWsjfSaves, withRecordedSave } from './wsjfSaveHistory';

export const WSJF_REGISTER_COLLECTION = 'wsjf-register';
/** A claim this old whose version the property never reached was abandoned (resolvers run ≤ 25 s). */
export const CLAIM_LEASE_MS = 60_000;
const REGISTER_SCHEMA_VERSION = 1;

const registerSchema = z.object({
  schemaVersion: z.literal(REGISTER_SCHEMA_VERSION),
  /** The property version the latest save claimed (0: none). */
  claimed: z.number().int().min(0),
  /** When it was claimed (epoch ms). */
  claimedAt: z.number(),
  /** The claim's history entry until it is recorded. */
  pendingEntry: historyEntrySchema.nullable(),
  /**
   * The epic's latest recorded WSJF saves, newest first (the panel's score changes: one read, not a
   * history scan). Absent in registers written before it was kept: the next claim fills it from the history.
   */
  recent: z.array(historyEntrySchema).max(RECENT_WSJF_SAVES).optional(),
});
type Register = z.infer<typeof registerSchema>;

/** A claimed version: the register's document version, to settle or release it. */
export interface WsjfClaim {
  readonly issueId: string;
  readonly registerVersion: number;
  readonly register: Register;
}

function registerWrite(issueId: string, register: Register, expectedVersion: number | null): DocumentWrite {
  return { collection: WSJF_REGISTER_COLLECTION, key: issueId, value: register, expectedVersion };
}

function conflict(issueKey: string, read: number, now: number): ConflictError {
  const words = (version: number) => (version === 0 ? 'no score' : `version ${version}`);
  return new ConflictError(
    `Someone else saved the WSJF of ${issueKey} in the meantime (you read ${words(read)}; now there is ${words(now)}). Reload, then apply your change again.`,
  );
}

/**
 * Claims property version `readVersion + 1` for this save, or throws ConflictError when another
 * save claimed it (or a newer one) first. `entry` is the save's history entry, kept with the claim.
 */
export async function claimWsjfVersion(
  ctx: ServiceContext,
  epic: { id: string; key: string },
  readVersion: number,
  entry: HistoryEntry,
): Promise<WsjfClaim> {
  const stored = await ctx.store.get(WSJF_REGISTER_COLLECTION, epic.id);
  const parsed = stored === undefined ? undefined : registerSchema.safeParse(stored.value);
  // An unreadable register is overwritten (conditionally): it must not block saves for ever.
  const current = parsed?.success ? parsed.data : undefined;
  const now = ctx.clock.now();
  const writes: DocumentWrite[] = [];
  if (current !== undefined && current.claimed > readVersion && now - current.claimedAt < CLAIM_LEASE_MS) throw conflict(epic.key, readVersion, current.claimed);
  let recent = await keptSaves(ctx, epic.id, stored !== undefined, current);
  if (current !== undefined && current.claimed > readVersion) {
    ctx.log.warn('abandoned WSJF claim taken over', { issueKey: epic.key, claimed: current.claimed, property: readVersion });
  } else if (current?.pendingEntry && current.pendingEntry.version === readVersion) {
    // The property is at the version that save produced, so it happened: its entry is recorded now.
    // (Also after a release: a Jira write can fail after Jira applied it.)
    writes.push(storedEntryWrite(current.pendingEntry));
    recent = withRecordedSave(recent, current.pendingEntry);
  }
  const register: Register = { schemaVersion: REGISTER_SCHEMA_VERSION, claimed: readVersion + 1, claimedAt: now, pendingEntry: entry, recent };
  try {
    const [registerVersion] = await ctx.store.putAll([registerWrite(epic.id, register, stored?.version ?? null), ...writes]);
    return { issueId: epic.id, registerVersion: registerVersion as number, register };
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    // Another save claimed between our read and our write: report what it claimed.
    const latest = registerSchema.safeParse((await ctx.store.get(WSJF_REGISTER_COLLECTION, epic.id))?.value);
    throw conflict(epic.key, readVersion, latest.success ? latest.data.claimed : readVersion + 1);
  }
}

/**
 * After the property was written: the claim's entry goes into the history, in one transaction with
 * clearing it from the register. A failure is logged; the entry stays pending for the next save.
 */
export async function settleWsjfClaim(ctx: ServiceContext, claim: WsjfClaim): Promise<void> {
  const entry = claim.register.pendingEntry;
  if (entry === null) return;
  try {
    const recent = withRecordedSave(claim.register.recent ?? [], entry);
    await ctx.store.putAll([registerWrite(claim.issueId, { ...claim.register, pendingEntry: null, recent }, claim.registerVersion), storedEntryWrite(entry)]);
  } catch (error) {
    ctx.log.error('history entry left pending in the WSJF register', { subject: entry.subject.key, message: errorMessage(error) });
  }
}

/** After a failed property write: the claim is given back so the next save is not blocked. */
export async function releaseWsjfClaim(ctx: ServiceContext, claim: WsjfClaim): Promise<void> {
  // The entry stays: should Jira have applied the write after all, the next save finds the property
  // at its version and records it.
  const released: Register = { ...claim.register, claimed: claim.register.claimed - 1 };
  try {
    await ctx.store.put(WSJF_REGISTER_COLLECTION, claim.issueId, released, claim.registerVersion);
  } catch (error) {
    // The lease frees it later.
    ctx.log.warn('WSJF claim not released', { issueId: claim.issueId, message: errorMessage(error) });
  }
}

/** The epic's latest WSJF saves, newest first (the epic panel's score changes). */
export async function recentWsjfSaves(ctx: ServiceContext, issueId: string): Promise<HistoryEntry[]> {
  const stored = await ctx.store.get(WSJF_REGISTER_COLLECTION, issueId);
  const parsed = stored === undefined ? undefined : registerSchema.safeParse(stored.value);
  return keptSaves(ctx, issueId, stored !== undefined, parsed?.success ? parsed.data : undefined);
}

/**
 * The saves an epic's register keeps. Without a register there are none: every save the app makes
 * writes the register in the transaction that records its history entry, so an epic without one
 * (scored outside the app, or never) has no save to find, and the history is not scanned (a save's
 * first claim scanned up to 300 entries, 332 read units with 310 of them). A register written
 * before it kept them, or unreadable, has them found in the history (once: the next save keeps them).
 */
async function keptSaves(ctx: ServiceContext, issueId: string, hasRegister: boolean, register: Register | undefined): Promise<HistoryEntry[]> {
  if (!hasRegister) return [];
  return register?.recent ?? scanRecentWsjfSaves(ctx, issueId);
}
