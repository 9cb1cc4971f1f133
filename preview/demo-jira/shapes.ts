/**
 * Jira Cloud REST v3 JSON shapes for the demo's data: issues (with only the asked fields),
 * statuses, projects, users. `base` is the site URL the client used (with any mount prefix), so
 * every `self` link points back at this server.
 */
import type { EpochMillis } from '../../src/domain/calendar';
import {
  DONE_RESOLUTION,
  FLAGGED_FIELD_ID,
  FLAGGED_OPTION,
  GROUP_IDS,
  STATUS_IDS,
  type DemoHistory,
  type DemoIssue,
  type DemoIssueType,
  type DemoProject,
  type DemoStatus,
  type DemoUser,
  type StatusCategoryName,
} from './model';
import type { DemoIndex } from './store';

/** Jira writes `2025-01-15T09:30:00.000+0000`. */
function jiraDateTime(millis: EpochMillis): string {
  return new Date(millis).toISOString().replace('Z', '+0000');
}

const CATEGORY: Readonly<Record<StatusCategoryName, { id: number; key: string; colorName: string; name: string }>> = {
  TODO: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
  IN_PROGRESS: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
  DONE: { id: 3, key: 'done', colorName: 'green', name: 'Done' },
};

function statusCategoryJson(base: string, category: StatusCategoryName): Record<string, unknown> {
  const c = CATEGORY[category];
  return { self: `${base}/rest/api/3/statuscategory/${c.id}`, ...c };
}

/**
 * The status as issues, transitions and `GET /status` carry it. No `scope`: Jira sends one only for
 * team-managed statuses, and its `Scope` knows only PROJECT and TEMPLATE (the OpenAPI contract test).
 */
export function statusJson(base: string, status: DemoStatus): Record<string, unknown> {
  return {
    self: `${base}/rest/api/3/status/${status.id}`,
    description: '',
    iconUrl: `${base}/images/icons/statuses/generic.png`,
    name: status.name,
    untranslatedName: status.name,
    id: status.id,
    statusCategory: statusCategoryJson(base, status.category),
  };
}

/**
 * The status as `GET /statuses/search` carries it: the category is a plain string there. No `usages`:
 * Jira's `JiraStatus` does not describe them on this endpoint (the OpenAPI contract test).
 */
export function statusSearchJson(status: DemoStatus): Record<string, unknown> {
  return {
    id: status.id,
    name: status.name,
    statusCategory: status.category,
    scope: { type: 'GLOBAL' },
    description: '',
  };
}

function avatarUrls(base: string, kind: string, id: string): Record<string, string> {
  return Object.fromEntries(['48x48', '24x24', '16x16', '32x32'].map((size) => [size, `${base}/secure/${kind}avatar?size=${size}&avatarId=${id}`]));
}

export function projectJson(base: string, project: DemoProject): Record<string, unknown> {
  return {
    self: `${base}/rest/api/3/project/${project.id}`,
    id: project.id,
    key: project.key,
    name: project.name,
    avatarUrls: avatarUrls(base, 'project', project.id),
    projectTypeKey: 'software',
    simplified: false,
    style: 'classic',
    isPrivate: false,
    properties: {},
  };
}

function issueTypeJson(base: string, type: DemoIssueType): Record<string, unknown> {
  return {
    self: `${base}/rest/api/3/issuetype/${type.id}`,
    id: type.id,
    description: type.hierarchyLevel === 1 ? 'A big user story that needs to be broken down.' : 'Functionality or a feature expressed as a user goal.',
    iconUrl: `${base}/images/icons/issuetypes/${type.name.toLowerCase()}.svg`,
    name: type.name,
    subtask: false,
    avatarId: Number(type.id) + 300,
    hierarchyLevel: type.hierarchyLevel,
  };
}

export function userJson(base: string, user: DemoUser): Record<string, unknown> {
  return {
    self: `${base}/rest/api/3/user?accountId=${encodeURIComponent(user.accountId)}`,
    accountId: user.accountId,
    accountType: user.accountType,
    emailAddress: user.email,
    avatarUrls: avatarUrls(base, 'user', user.accountId),
    displayName: user.displayName,
    active: true,
    timeZone: 'Etc/UTC',
  };
}

export function myselfJson(base: string, user: DemoUser, expandGroups: boolean): Record<string, unknown> {
  const groupItems = user.groups.map((name) => ({ name, groupId: GROUP_IDS[name] ?? name, self: `${base}/rest/api/3/group?groupId=${GROUP_IDS[name] ?? name}` }));
  return {
    ...userJson(base, user),
    locale: 'en_US',
    groups: { size: groupItems.length, items: expandGroups ? groupItems : [] },
    applicationRoles: { size: 1, items: [] },
    expand: 'groups,applicationRoles',
  };
}

/** All fields the demo knows, i.e. what `*all` / `*navigable` means here. */
export const KNOWN_FIELDS = ['summary', 'status', 'issuetype', 'labels', 'project', 'parent', 'created', 'updated', 'resolution', FLAGGED_FIELD_ID] as const;

/**
 * Which fields to render: undefined = none (ids only). Understands `*all`, `*navigable`, plain
 * field ids and `-field` exclusions; unknown field ids (and field names) are ignored, as Jira does.
 */
export function resolveFieldSelection(requested: readonly string[] | undefined): ReadonlySet<string> | undefined {
  if (requested === undefined) return undefined;
  const selected = new Set<string>();
  const excluded = new Set<string>();
  for (const raw of requested) {
    const field = raw.trim();
    if (field === '*all' || field === '*navigable') KNOWN_FIELDS.forEach((f) => selected.add(f));
    else if (field.startsWith('-')) excluded.add(field.slice(1));
    // Field ids only (as Jira): `Flagged` is not an id, `customfield_10021` is.
    else if (field !== '') selected.add(field);
  }
  excluded.forEach((f) => selected.delete(f));
  return selected;
}

function renderFields(base: string, issue: DemoIssue, fields: ReadonlySet<string>, index: DemoIndex): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const value = fieldValue(base, issue, field, index);
    if (value !== undefined) out[field] = value;
  }
  return out;
}

function fieldValue(base: string, issue: DemoIssue, field: string, index: DemoIndex): unknown {
  switch (field) {
    case 'summary':
      return issue.summary;
    case 'status': {
      const status = index.statusById.get(issue.statusId);
      return status ? statusJson(base, status) : null;
    }
    case 'issuetype': {
      const type = index.issueTypeById.get(issue.issueTypeId);
      return type ? issueTypeJson(base, type) : null;
    }
    case 'labels':
      return [...issue.labels];
    case 'project': {
      const project = index.projectById.get(issue.projectId);
      return project ? projectJson(base, project) : null;
    }
    case 'parent':
      return parentJson(base, issue, index);
    case 'created':
      return jiraDateTime(issue.created);
    case 'updated':
      return jiraDateTime(issue.updated);
    case 'resolution':
      return issue.statusId === STATUS_IDS.done
        ? { self: `${base}/rest/api/3/resolution/${DONE_RESOLUTION.id}`, id: DONE_RESOLUTION.id, name: DONE_RESOLUTION.name, description: 'Work has been completed.' }
        : null;
    case FLAGGED_FIELD_ID:
      return issue.flagged ? [{ self: `${base}/rest/api/3/customFieldOption/${FLAGGED_OPTION.id}`, value: FLAGGED_OPTION.value, id: FLAGGED_OPTION.id }] : null;
    default:
      return undefined;
  }
}

function parentJson(base: string, issue: DemoIssue, index: DemoIndex): unknown {
  if (issue.parentId === null) return undefined;
  const parent = index.issueById.get(issue.parentId);
  if (!parent) return undefined;
  const status = index.statusById.get(parent.statusId);
  const type = index.issueTypeById.get(parent.issueTypeId);
  return {
    id: parent.id,
    key: parent.key,
    self: `${base}/rest/api/3/issue/${parent.id}`,
    fields: {
      summary: parent.summary,
      status: status ? statusJson(base, status) : null,
      issuetype: type ? issueTypeJson(base, type) : null,
    },
  };
}

/** One issue as search and `GET /issue` return it. */
export function issueJson(
  base: string,
  issue: DemoIssue,
  fields: ReadonlySet<string>,
  propertyKeys: readonly string[] | undefined,
  index: DemoIndex,
): Record<string, unknown> {
  const json: Record<string, unknown> = {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: issue.id,
    self: `${base}/rest/api/3/issue/${issue.id}`,
    key: issue.key,
    fields: renderFields(base, issue, fields, index),
  };
  if (propertyKeys && propertyKeys.length > 0) json.properties = selectProperties(issue, propertyKeys);
  return json;
}

function selectProperties(issue: DemoIssue, keys: readonly string[]): Record<string, unknown> {
  const all = keys.includes('*all');
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(issue.properties)) {
    if (all || keys.includes(key)) out[key] = value;
  }
  return out;
}

/** What `GET /field` lists: the fields the demo renders, with Jira's names; Flagged is a custom field. */
const FIELD_NAMES: Readonly<Record<(typeof KNOWN_FIELDS)[number], string>> = {
  summary: 'Summary',
  status: 'Status',
  issuetype: 'Issue Type',
  labels: 'Labels',
  project: 'Project',
  parent: 'Parent',
  created: 'Created',
  updated: 'Updated',
  resolution: 'Resolution',
  [FLAGGED_FIELD_ID]: 'Flagged',
};

/** One field as `GET /rest/api/3/field` returns it. */
export function fieldJson(id: (typeof KNOWN_FIELDS)[number]): Record<string, unknown> {
  const custom = id.startsWith('customfield_');
  const name = FIELD_NAMES[id];
  return {
    id,
    key: id,
    name,
    custom,
    orderable: id !== 'status' && id !== 'created' && id !== 'updated',
    navigable: true,
    searchable: true,
    clauseNames: custom ? [`cf[${id.slice('customfield_'.length)}]`, name] : [id],
    schema: custom
      ? { type: 'array', items: 'option', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:multicheckboxes', customId: Number(id.slice('customfield_'.length)) }
      : { type: id === 'labels' ? 'array' : id === 'created' || id === 'updated' ? 'datetime' : id, system: id },
  };
}

/** A history as `changelog/bulkfetch` returns it: `created` in epoch milliseconds. */
export function bulkHistoryJson(base: string, history: DemoHistory, items: DemoHistory['items'], index: DemoIndex): Record<string, unknown> {
  const author = index.userByAccountId.get(history.authorAccountId);
  return {
    id: history.id,
    author: author ? userJson(base, author) : { accountId: history.authorAccountId },
    created: history.created,
    items: items.map((item) => ({ ...item })),
  };
}
