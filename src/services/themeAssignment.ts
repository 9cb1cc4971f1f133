/**
 * Bulk theme assignment: the theme's Jira label is added to each epic AS THE USER (Jira enforces
 * Edit issues per epic; we check first to answer per epic), and another theme's label is removed,
 * so an epic carries one theme.
 */
import { InvalidInputError, NotFoundError, errorMessage } from '../errors';
import { canEditIssue } from './access';
import type { ServiceContext } from './context';
import { recordChange } from './history';
import { updateCachedLabels } from './portfolio/cacheWrites';
import { requestEpicCache } from './portfolio/perRequest';
import { recordRecentWrites } from './portfolio/recentWrites';
import { cachedEpic } from './portfolio/epicCache';
import { findEpic, portfolioSnapshot } from './portfolio/snapshot';
import { loadThemes } from './themes';

export type AssignOutcome = 'assigned' | 'forbidden';

export async function assignTheme(
  ctx: ServiceContext,
  themeId: string,
  issueKeys: readonly string[],
): Promise<{ themeId: string; results: { issueKey: string; outcome: AssignOutcome; message: string | null }[] }> {
  const { themes } = await loadThemes(ctx.store);
  const theme = themes.find((candidate) => candidate.id === themeId);
  if (!theme) throw new NotFoundError(`There is no theme with the id "${themeId}".`);
  const otherLabels = themes.filter((other) => other.id !== theme.id).map((other) => other.label);
  const snapshot = await portfolioSnapshot(ctx);
  const { cache } = await requestEpicCache(ctx);
  const unique = [...new Set(issueKeys)];
  if (unique.length !== issueKeys.length) throw new InvalidInputError('issueKeys: each epic once');

  const results: { issueKey: string; outcome: AssignOutcome; message: string | null }[] = [];
  const newLabels = new Map<string, string[]>();
  // One at a time: Jira limits writes per issue and per user; 50 epics stay well within 25 s.
  for (const issueKey of unique) {
    const epic = findEpic(snapshot, issueKey);
    // An epic the caller cannot see gets the same answer as one they may not edit: nothing tells it exists.
    if (!epic || !(await canEditIssue(ctx, epic.id))) {
      results.push({ issueKey, outcome: 'forbidden', message: `You need to see ${issueKey} in the portfolio and have Edit issues on it.` });
      continue;
    }
    const labels = cache && cachedEpic(cache, epic.id)?.labels;
    const current = labels ?? [];
    // Every other theme's label goes and this one is added, whatever the cache says: an assignment
    // racing this one may have added its label since the cache was read, and deciding from the
    // cache left the epic with two themes. Jira's add and remove are no-ops for a label present or absent.
    try {
      await ctx.jira.user.editIssueLabels(epic.id, { add: [theme.label], remove: otherLabels });
    } catch (error) {
      results.push({ issueKey, outcome: 'forbidden', message: `Jira refused the change: ${errorMessage(error)}` });
      continue;
    }
    newLabels.set(epic.id, [...current.filter((label) => !otherLabels.includes(label) && label !== theme.label), theme.label]);
    results.push({ issueKey, outcome: 'assigned', message: null });
    // Not one transaction: the label lives in Jira and the entry in the app's store, which cannot
    // share one. The label change already happened, so the entry follows it; recordChange never
    // throws (the user's change stands) but logs 'history entry not recorded' when the entry is lost.
    await recordChange(ctx, {
      action: 'themes/assign',
      subject: { kind: 'epic', key: epic.key, issueId: epic.id },
      version: 0,
      summary: `${epic.key}: theme ${epic.theme?.name ?? 'none'} → ${theme.name}`,
      changes: [{ field: 'theme', from: epic.theme?.id ?? null, to: theme.id }],
    });
  }
  await recordRecentWrites(ctx, [...newLabels.keys()]);
  await updateCachedLabels(ctx, newLabels);
  return { themeId: theme.id, results };
}
