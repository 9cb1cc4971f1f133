/**
 * WSJF: the ranking of the epics the caller can see, and one epic's score read and written as the
 * user (Jira enforces edit rights on the property too; we check first to answer clearly).
 */
import { WSJF_PROPERTY_KEY } from '../contract/documents';
import type { ResolverOutput, ResolverParsedInput } from '../contract/resolvers';
import { isStageIncluded, workStage } from '../domain/states';
import { rankByWsjf, validateWsjfComponents, wsjfScore } from '../domain/wsjf';
import type { WsjfComponents } from '../domain/wsjf';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../errors';
import { canEditIssue, requireEditIssue } from './access';
import { requirePortfolioEpicType } from './portfolioIssueType';
import type { ServiceContext } from './context';
import { completeHistoryEntry } from './history';
import { updateCachedWsjf } from './portfolio/cacheWrites';
import { recordRecentWrites } from './portfolio/recentWrites';
import { findEpic } from './portfolio/snapshot';
import type { PortfolioEpic, PortfolioView } from './portfolio/snapshot';
import { portfolioView } from './portfolio/view';
import { scoredByOfEpics } from './wsjfScoredBy';
import { portfolioTotals } from './portfolio/totals';
import { readWsjfProperty, wsjfPropertyValue } from './wsjfProperty';
import type { WsjfReading } from './wsjfProperty';
import { claimWsjfVersion, releaseWsjfClaim, settleWsjfClaim } from './wsjfRegister';

export type WsjfRanking = ResolverOutput<'portfolio/wsjf'>;
export type EpicWsjf = ResolverOutput<'epic/wsjf/get'>;

/** Ranks the snapshot's epics, with `override` standing in for one epic's stored WSJF. */
function rank(snapshot: PortfolioView, override?: { key: string; wsjf: WsjfReading }) {
  const wsjfOf = (epic: PortfolioEpic) => (override && epic.key === override.key ? override.wsjf : epic.wsjf);
  return rankByWsjf(snapshot.epics, (epic) => ({ key: epic.key, ...wsjfOf(epic).components }));
}

/** A scored epic as [key, UBV, TC, RR|OE, job size]; none when unscored (it takes no rank). */
function scoredTuple(epic: PortfolioEpic): [string, number, number, number, number][] {
  const { userBusinessValue: ubv, timeCriticality: tc, riskReductionOpportunityEnablement: rr, jobSize } = epic.wsjf.components;
  if (wsjfScore(epic.wsjf.components) === null || ubv === null || tc === null || rr === null || jobSize === null) return [];
  return [[epic.key, ubv, tc, rr, jobSize]];
}

/**
 * The ranking; with `include`, only the epics still to be pulled plus the stages asked for (and
 * the `keep` epics whatever their state). Ranks are over the whole set either way, and the scored
 * epics left out come as bare components so the page's live ranks stay over it too.
 */
export async function wsjfRanking(ctx: ServiceContext, input: ResolverParsedInput<'portfolio/wsjf'> = {}): Promise<WsjfRanking> {
  const snapshot = await portfolioView(ctx);
  const { states, commitment } = snapshot.config;
  const { include } = input;
  const keep = new Set(input.keep ?? []);
  const wanted = (epic: PortfolioEpic) => include === undefined || keep.has(epic.key) || isStageIncluded(workStage(epic.state, states, commitment), include);
  const ranked = rank(snapshot);
  const answered = ranked.filter(({ item }) => wanted(item));
  const scoredByOf = await scoredByOfEpics(ctx, answered.map(({ item }) => item));
  // The rank shown is over the totals' epics: the caller's own, or the whole portfolio (setting).
  const totals = await portfolioTotals(ctx);
  return {
    scale: snapshot.settings.wsjfScale,
    states: [...states],
    commitment,
    epics: answered.map(({ item: epic, costOfDelay, wsjf }) => ({
      key: epic.key,
      summary: epic.summary,
      projectKey: epic.projectKey,
      state: epic.state,
      theme: epic.theme?.name ?? null,
      ...epic.wsjf.components,
      costOfDelay,
      wsjfScore: wsjf,
      rank: totals.rankByKey.get(epic.key)?.rank ?? null,
      version: epic.wsjf.version,
      ...scoredByOf(epic.id),
    })),
    epicCount: ranked.length,
    ...(include === undefined ? {} : { leftOut: ranked.filter(({ item }) => !wanted(item)).flatMap(({ item }) => scoredTuple(item)) }),
  };
}

/** An epic outside the caller's view is "not found", whether it exists or not. */
async function visibleEpic(ctx: ServiceContext, issueKey: string): Promise<{ snapshot: PortfolioView; epic: PortfolioEpic }> {
  const snapshot = await portfolioView(ctx);
  const epic = findEpic(snapshot, issueKey);
  if (!epic) throw new NotFoundError(`Epic ${issueKey} was not found in the portfolio.`);
  return { snapshot, epic };
}

/** One epic's WSJF answer, given the reading to show (as the user read it, or the view's). */
export async function epicWsjfView(ctx: ServiceContext, snapshot: PortfolioView, epic: PortfolioEpic, wsjf: WsjfReading, canEdit: boolean): Promise<EpicWsjf> {
  const totals = await portfolioTotals(ctx, { key: epic.key, components: wsjf.components });
  return {
    issueKey: epic.key,
    summary: epic.summary,
    theme: epic.theme?.name ?? null,
    ...wsjf.components,
    costOfDelay: wsjf.costOfDelay,
    wsjfScore: wsjf.wsjfScore,
    rank: totals.rankByKey.get(epic.key)?.rank ?? null,
    rankedCount: totals.rankedCount,
    version: wsjf.version,
    canEdit,
    scale: snapshot.settings.wsjfScale,
  };
}

export async function getEpicWsjf(ctx: ServiceContext, issueKey: string): Promise<EpicWsjf> {
  const { snapshot, epic } = await visibleEpic(ctx, issueKey);
  // The property as the user reads it now (the cache may be a minute behind).
  const [raw, canEdit] = await Promise.all([ctx.jira.user.getIssueProperty(epic.id, WSJF_PROPERTY_KEY), canEditIssue(ctx, epic.id)]);
  return epicWsjfView(ctx, snapshot, epic, readWsjfProperty(raw), canEdit);
}

function describeChange(before: WsjfReading, after: WsjfReading): string {
  const score = (value: number | null) => (value === null ? 'unscored' : String(Math.round(value * 100) / 100));
  return `WSJF ${score(before.wsjfScore)} → ${score(after.wsjfScore)}`;
}

/** Authorization for a WSJF save: Edit issues on that epic (not found when the caller cannot see it). */
export async function requireEpicEditor(ctx: ServiceContext, issueKey: string): Promise<void> {
  const { epic } = await visibleEpic(ctx, issueKey);
  await requireEditIssue(ctx, epic);
}

/** Callers authorize first with `requireEpicEditor`. */
export async function saveEpicWsjf(ctx: ServiceContext, issueKey: string, components: WsjfComponents, version: number | null): Promise<EpicWsjf> {
  const { snapshot, epic } = await visibleEpic(ctx, issueKey);
  const problems = validateWsjfComponents(components, snapshot.settings.wsjfScale);
  if (problems.length > 0) throw new InvalidInputError(`components: ${problems.join('; ')}`);

  const current = readWsjfProperty(await ctx.jira.user.getIssueProperty(epic.id, WSJF_PROPERTY_KEY));
  if (current.version !== version) {
    const read = version === null ? 'no score' : `version ${version}`;
    const now = current.version === null ? 'no score' : `version ${current.version}`;
    throw new ConflictError(
      `Someone else saved the WSJF of ${issueKey} in the meantime (you read ${read}; now there is ${now}). Reload, then apply your change again.`,
    );
  }
  const newVersion = (current.version ?? 0) + 1;
  const value = wsjfPropertyValue(components, newVersion, epic.theme?.name ?? null, ctx.clock.now(), ctx.accountId);
  const saved = readWsjfProperty(value);
  const entry = completeHistoryEntry(ctx, {
    action: 'epic/wsjf/save',
    subject: { kind: 'epic', key: epic.key, issueId: epic.id },
    version: newVersion,
    summary: `${epic.key}: ${describeChange(current, saved)}`,
    changes: (Object.keys(components) as (keyof WsjfComponents)[])
      .filter((field) => current.components[field] !== components[field])
      .map((field) => ({ field, from: current.components[field], to: components[field] })),
  });
  // Jira has no conditional property write: the version register decides which of several saves
  // that read the same version may write (the others get a conflict here), before Jira is touched.
  const claim = await claimWsjfVersion(ctx, epic, current.version ?? 0, entry);
  try {
    await ctx.jira.user.setIssueProperty(epic.id, WSJF_PROPERTY_KEY, value);
  } catch (error) {
    await releaseWsjfClaim(ctx, claim);
    throw error;
  }
  await settleWsjfClaim(ctx, claim);
  // The property is indexed for JQL (wsjfScore, wsjfTheme…) and searches return it: reconcile it.
  await recordRecentWrites(ctx, [epic.id]);
  await updateCachedWsjf(ctx, epic.id, value);
  return epicWsjfView(ctx, snapshot, epic, saved, true);
}

// ---- A scoring session's "Save all" (portfolio/wsjf/saveMany) -----------------------------------

export type WsjfSaveEntry = ResolverParsedInput<'portfolio/wsjf/saveMany'>['entries'][number];
export type WsjfSaveOutcome = ResolverOutput<'portfolio/wsjf/saveMany'>['results'][number];

/** What is stored now for an epic whose save met a conflict (read as the user, as the save did). */
async function currentWsjf(ctx: ServiceContext, issueKey: string): Promise<Extract<WsjfSaveOutcome, { status: 'conflict' }>['current']> {
  const { epic } = await visibleEpic(ctx, issueKey);
  const current = readWsjfProperty(await ctx.jira.user.getIssueProperty(epic.id, WSJF_PROPERTY_KEY));
  return { ...current.components, costOfDelay: current.costOfDelay, wsjfScore: current.wsjfScore, version: current.version };
}

/**
 * Each entry is authorized and saved on its own, as the user, through the single-epic save: one
 * refusal does not stop the others, and the answer says per entry what happened. One at a time:
 * every save writes through to this request's epic cache, which is not safe to share between
 * concurrent writes. Errors that are not about the entry (Jira down, a bug) end the whole call;
 * the entries saved before it stay saved and show as such on the next load.
 */
export async function saveManyEpicWsjf(ctx: ServiceContext, entries: readonly WsjfSaveEntry[]): Promise<WsjfSaveOutcome[]> {
  const outcomes: WsjfSaveOutcome[] = [];
  for (const { issueKey, components, version } of entries) {
    try {
      // The same checks as a single save: a portfolio epic (not a forged story), editable by the caller.
      await requirePortfolioEpicType(ctx, issueKey);
      await requireEpicEditor(ctx, issueKey);
      const saved = await saveEpicWsjf(ctx, issueKey, components, version);
      outcomes.push({ issueKey, status: 'saved', version: saved.version ?? 1, wsjfScore: saved.wsjfScore });
    } catch (error) {
      if (error instanceof ConflictError) {
        outcomes.push({ issueKey, status: 'conflict', message: error.message, current: await currentWsjf(ctx, issueKey) });
      } else if (error instanceof ForbiddenError) outcomes.push({ issueKey, status: 'forbidden', message: error.message });
      else if (error instanceof NotFoundError) outcomes.push({ issueKey, status: 'not_found', message: error.message });
      else if (error instanceof InvalidInputError) outcomes.push({ issueKey, status: 'invalid_input', message: error.message });
      else throw error;
    }
  }
  return outcomes;
}
