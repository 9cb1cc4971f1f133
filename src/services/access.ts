/**
 * Who the caller is and what they may do. Reading epics always goes through the user actor, so
 * Jira itself decides visibility; these checks guard the writes.
 */
import { ForbiddenError } from '../errors';
import type { ServiceContext } from './context';
import { settingsOf } from './settings';

export interface Access {
  readonly accountId: string;
  readonly displayName: string | null;
  /** Jira administrator (global ADMINISTER). */
  readonly canAdminister: boolean;
  /** Jira admin or member of the configured portfolio-managers group. */
  readonly canManagePortfolio: boolean;
}

/** The caller as Jira describes them (with their groups), once per request. */
function myselfOf(ctx: ServiceContext) {
  return ctx.memo('myself', () => ctx.jira.user.getMyself());
}

/** Whether the caller is in the configured portfolio-managers group. */
async function inManagersGroup(ctx: ServiceContext): Promise<boolean> {
  const [myself, { settings }] = await Promise.all([myselfOf(ctx), settingsOf(ctx)]);
  const groups = myself.groups?.items ?? [];
  // By id (names can be renamed); by name only until a save has stored the id.
  return settings.portfolioManagersGroupId !== null
    ? groups.some((group) => group.groupId === settings.portfolioManagersGroupId)
    : groups.some((group) => group.name === settings.portfolioManagersGroup);
}

export function accessOf(ctx: ServiceContext): Promise<Access> {
  return ctx.memo('access', async () => {
    const [myself, permissions, inGroup] = await Promise.all([myselfOf(ctx), ctx.jira.user.getMyPermissions(['ADMINISTER']), inManagersGroup(ctx)]);
    const canAdminister = permissions.ADMINISTER === true;
    return {
      accountId: myself.accountId,
      displayName: myself.displayName ?? null,
      canAdminister,
      canManagePortfolio: canAdminister || inGroup,
    };
  });
}

/** What the caller may do on one issue (and whether they administer Jira). */
export interface IssueAccess {
  readonly canAdminister: boolean;
  readonly canEdit: boolean;
}

/**
 * ADMINISTER and Edit issues on one issue in ONE `mypermissions` call (Jira answers global
 * permissions beside an issue's), once per request and issue: for reads that need both, such as
 * the epic panel.
 */
export function accessOnIssue(ctx: ServiceContext, issueId: string): Promise<IssueAccess> {
  return ctx.memo(`issue-access:${issueId}`, async () => {
    const permissions = await ctx.jira.user.getMyPermissions(['ADMINISTER', 'EDIT_ISSUES'], { issueId });
    return { canAdminister: permissions.ADMINISTER === true, canEdit: permissions.EDIT_ISSUES === true };
  });
}

/** Portfolio manager, knowing ADMINISTER already: a Jira admin is one without asking Jira who they are. */
export async function managesPortfolio(ctx: ServiceContext, canAdminister: boolean): Promise<boolean> {
  return canAdminister || (await inManagersGroup(ctx));
}

/** Settings, themes, value streams, budgets and OKRs: Jira admins and portfolio managers only. */
export async function requirePortfolioManager(ctx: ServiceContext, what: string): Promise<Access> {
  const access = await accessOf(ctx);
  if (!access.canManagePortfolio) {
    const { settings } = await settingsOf(ctx);
    throw new ForbiddenError(`Only Jira administrators and members of the group "${settings.portfolioManagersGroup}" may change ${what}.`);
  }
  return access;
}

/** Groups whose name contains `query`, as the caller may list them (Jira's picker), for the group choice. */
export async function searchGroups(ctx: ServiceContext, query: string): Promise<{ groups: { groupId: string; name: string }[] }> {
  const groups = await ctx.jira.user.findGroups(query, 20);
  return { groups: groups.map(({ groupId, name }) => ({ groupId, name })) };
}

/** Whether the caller has Edit issues on that issue (Jira decides, per issue). */
export async function canEditIssue(ctx: ServiceContext, issueId: string): Promise<boolean> {
  const permissions = await ctx.jira.user.getMyPermissions(['EDIT_ISSUES'], { issueId });
  return permissions.EDIT_ISSUES === true;
}

/**
 * Edit issues on that epic. Callers pass only an epic the caller's own search returned: one they
 * cannot see is "not found" before this, never "forbidden" (the answer must not tell them it exists).
 */
export async function requireEditIssue(ctx: ServiceContext, issue: { id: string; key: string }): Promise<void> {
  if (!(await canEditIssue(ctx, issue.id))) throw new ForbiddenError(`You need the Edit issues permission on ${issue.key} to change its WSJF.`);
}
