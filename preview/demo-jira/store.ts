/**
 * Lookup tables over the demo data and the permission rules (who may browse, edit, transition).
 * `version` grows with every change that can alter a search result, so cached searches know
 * when they are stale.
 */
import type { DemoData, DemoIssue, DemoIssueType, DemoProject, DemoStatus, DemoUser } from './model';
import type { SearchLag } from './searchLag';

export interface DemoIndex {
  readonly data: DemoData;
  readonly issueById: Map<string, DemoIssue>;
  /** Upper-case key → issue. */
  readonly issueByKey: Map<string, DemoIssue>;
  readonly projectById: Map<string, DemoProject>;
  readonly statusById: Map<string, DemoStatus>;
  readonly issueTypeById: Map<string, DemoIssueType>;
  readonly userByAccountId: Map<string, DemoUser>;
  version: number;
  nextHistoryId: number;
  /** Opt-in: search sees recent writes late (searchLag.ts). */
  searchLag?: SearchLag;
}

export function indexData(data: DemoData): DemoIndex {
  const issueById = new Map<string, DemoIssue>();
  const issueByKey = new Map<string, DemoIssue>();
  let maxHistoryId = 0;
  for (const issue of data.issues) {
    issueById.set(issue.id, issue);
    issueByKey.set(issue.key.toUpperCase(), issue);
    for (const history of issue.histories) maxHistoryId = Math.max(maxHistoryId, Number(history.id) || 0);
  }
  return {
    data,
    issueById,
    issueByKey,
    projectById: new Map(data.projects.map((p) => [p.id, p])),
    statusById: new Map(data.statuses.map((s) => [s.id, s])),
    issueTypeById: new Map(data.issueTypes.map((t) => [t.id, t])),
    userByAccountId: new Map(data.users.map((u) => [u.accountId, u])),
    version: 0,
    nextHistoryId: maxHistoryId + 1,
  };
}

/** Call before changing an issue in place: with a search lag, search keeps seeing the old copy for a while. */
export function beforeIssueWrite(index: DemoIndex, issue: DemoIssue, now: number): void {
  index.searchLag?.beforeWrite(issue, now);
}

export function hasGlobalPermission(user: DemoUser, permission: string): boolean {
  return user.globalPermissions.includes(permission);
}

export function hasProjectPermission(user: DemoUser, project: DemoProject, permission: string): boolean {
  return user.projectPermissions[project.key]?.includes(permission) ?? false;
}

export function canBrowseProject(user: DemoUser, project: DemoProject): boolean {
  return hasProjectPermission(user, project, 'BROWSE_PROJECTS');
}

/** Project permissions need browse as well: Jira grants nothing in a project you cannot see. */
export function hasIssuePermission(index: DemoIndex, user: DemoUser, issue: DemoIssue, permission: string): boolean {
  const project = index.projectById.get(issue.projectId);
  return project !== undefined && canBrowseProject(user, project) && hasProjectPermission(user, project, permission);
}

export function browsableProjects(index: DemoIndex, user: DemoUser): DemoProject[] {
  return index.data.projects.filter((p) => canBrowseProject(user, p));
}

/** By id or key; undefined when missing or not browsable (Jira does not tell the two apart). */
export function findVisibleIssue(index: DemoIndex, user: DemoUser, idOrKey: string): DemoIssue | undefined {
  const issue = /^\d+$/.test(idOrKey) ? index.issueById.get(idOrKey) : index.issueByKey.get(idOrKey.toUpperCase());
  if (!issue) return undefined;
  return hasIssuePermission(index, user, issue, 'BROWSE_PROJECTS') ? issue : undefined;
}

export function findUserByCredentials(users: readonly DemoUser[], email: string, token: string): DemoUser | undefined {
  return users.find((u) => u.email.toLowerCase() === email.toLowerCase() && u.apiToken === token);
}
