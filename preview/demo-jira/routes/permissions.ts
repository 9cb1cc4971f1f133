/**
 * `GET /rest/api/3/mypermissions` and `POST /rest/api/3/permissions/check`, answered from the
 * demo users' grants. A project permission is only held where the user can also browse.
 */
import { z } from 'zod';
import { PERMISSIONS, type DemoProject, type DemoUser } from '../model';
import { issueNotFound, jiraError, json, listParam, type DemoRequest, type Reply } from '../reply';
import { canBrowseProject, findVisibleIssue, hasGlobalPermission, hasIssuePermission, hasProjectPermission, type DemoIndex } from '../store';

function permissionJson(key: string, havePermission: boolean): Record<string, unknown> {
  const meta = PERMISSIONS[key];
  return { id: meta?.id, key, name: meta?.name, type: meta?.type, description: meta?.description, havePermission };
}

function holdsInProject(user: DemoUser, project: DemoProject, key: string): boolean {
  return canBrowseProject(user, project) && hasProjectPermission(user, project, key);
}

export function myPermissions(request: DemoRequest): Reply {
  const { index, user, query } = request;
  const keys = listParam(query, 'permissions');
  if (!keys || keys.length === 0) return jiraError(400, ["The 'permissions' query parameter is required."]);
  const unknown = keys.filter((k) => !PERMISSIONS[k]);
  if (unknown.length > 0) return jiraError(400, [`Invalid permission keys: ${unknown.join(', ')}.`]);

  let scope: { project: DemoProject } | { issueProjectId: string; issueId: string } | null = null;
  const issueRef = query.get('issueId') ?? query.get('issueKey');
  const projectId = query.get('projectId');
  const projectKey = query.get('projectKey');
  if (issueRef) {
    const issue = findVisibleIssue(index, user, issueRef);
    if (!issue) return issueNotFound();
    scope = { issueProjectId: issue.projectId, issueId: issue.id };
  } else if (projectId || projectKey) {
    const project = index.data.projects.find((p) => (projectId ? p.id === projectId : p.key.toUpperCase() === (projectKey ?? '').toUpperCase()));
    if (!project || !canBrowseProject(user, project)) {
      return jiraError(404, [projectId ? `No project could be found with id '${projectId}'.` : `No project could be found with key '${projectKey}'.`]);
    }
    scope = { project };
  }

  const permissions: Record<string, unknown> = {};
  for (const key of keys) {
    let have: boolean;
    if (PERMISSIONS[key]?.type === 'GLOBAL') have = hasGlobalPermission(user, key);
    else if (scope === null) have = index.data.projects.some((p) => holdsInProject(user, p, key)); // held anywhere
    else if ('project' in scope) have = holdsInProject(user, scope.project, key);
    else {
      const project = index.projectById.get(scope.issueProjectId);
      have = project !== undefined && holdsInProject(user, project, key);
    }
    permissions[key] = permissionJson(key, have);
  }
  return json(200, { permissions });
}

const checkSchema = z.looseObject({
  accountId: z.string().optional(),
  globalPermissions: z.array(z.string()).optional(),
  projectPermissions: z
    .array(
      z.looseObject({
        permissions: z.array(z.string()),
        issues: z.array(z.number().int()).optional(),
        projects: z.array(z.number().int()).optional(),
      }),
    )
    .optional(),
});

function grantedIssues(index: DemoIndex, user: DemoUser, permission: string, issueIds: readonly number[]): number[] {
  return issueIds.filter((id) => {
    const issue = index.issueById.get(String(id));
    return issue !== undefined && hasIssuePermission(index, user, issue, permission);
  });
}

function grantedProjects(index: DemoIndex, user: DemoUser, permission: string, projectIds: readonly number[]): number[] {
  return projectIds.filter((id) => {
    const project = index.projectById.get(String(id));
    return project !== undefined && holdsInProject(user, project, permission);
  });
}

/** Checks the caller, or `accountId` when given (only Jira admins and apps may ask about others). */
export function checkPermissions(request: DemoRequest): Reply {
  const parsed = checkSchema.safeParse(request.body ?? {});
  if (!parsed.success) return jiraError(400, [`Invalid request payload: ${parsed.error.issues.map((i) => i.path.join('.') || i.message).join(', ')}`]);
  const body = parsed.data;
  const { index } = request;
  let subject = request.user;
  if (body.accountId !== undefined && body.accountId !== request.user.accountId) {
    if (!request.user.mayCheckOthers) {
      return jiraError(403, ["You must have the 'Administer Jira' global permission to check the permissions of other users."]);
    }
    const other = index.userByAccountId.get(body.accountId);
    if (!other) return jiraError(400, [`The user with account ID '${body.accountId}' does not exist.`]);
    subject = other;
  }
  const unknown = [...(body.globalPermissions ?? []), ...(body.projectPermissions ?? []).flatMap((p) => p.permissions)].filter((k) => !PERMISSIONS[k]);
  if (unknown.length > 0) return jiraError(400, [`Invalid permission keys: ${[...new Set(unknown)].join(', ')}.`]);

  return json(200, {
    globalPermissions: (body.globalPermissions ?? []).filter((key) => PERMISSIONS[key]?.type === 'GLOBAL' && hasGlobalPermission(subject, key)),
    projectPermissions: (body.projectPermissions ?? []).flatMap((entry) =>
      entry.permissions.map((permission) => ({
        permission,
        issues: grantedIssues(index, subject, permission, entry.issues ?? []),
        projects: grantedProjects(index, subject, permission, entry.projects ?? []),
      })),
    ),
  });
}
