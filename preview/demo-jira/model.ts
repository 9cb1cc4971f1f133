/**
 * The demo Jira's data model: plain, JSON-serialisable objects (so two generations can be compared
 * with a deep equal), plus the fixed catalogue every demo site shares: projects, statuses, issue
 * types, permissions and the three actors.
 */
import type { EpochMillis } from '../../src/domain/calendar';

export type StatusCategoryName = 'TODO' | 'IN_PROGRESS' | 'DONE';

export interface DemoProject {
  readonly id: string;
  readonly key: string;
  readonly name: string;
}

export interface DemoStatus {
  readonly id: string;
  readonly name: string;
  readonly category: StatusCategoryName;
}

export interface DemoIssueType {
  readonly id: string;
  readonly name: string;
  readonly hierarchyLevel: number;
  /** Status ids of this type's workflow, in the order transitions are listed. */
  readonly workflow: readonly string[];
}

export const DEMO_USER_NAMES = ['rte', 'member', 'app'] as const;
export type DemoUserName = (typeof DEMO_USER_NAMES)[number];

export interface DemoUser {
  /** Short name used in `calls`. */
  readonly name: DemoUserName;
  readonly accountId: string;
  readonly accountType: 'atlassian' | 'app';
  readonly displayName: string;
  readonly email: string;
  readonly apiToken: string;
  readonly groups: readonly string[];
  readonly globalPermissions: readonly string[];
  /** Project key → project permission keys held in that project. */
  readonly projectPermissions: Readonly<Record<string, readonly string[]>>;
  /** May ask `permissions/check` about other accounts (Jira admins and apps). */
  readonly mayCheckOthers: boolean;
}

export interface DemoHistoryItem {
  readonly field: string;
  readonly fieldtype: string;
  readonly fieldId: string;
  readonly from: string | null;
  readonly fromString: string | null;
  readonly to: string | null;
  readonly toString: string | null;
}

export interface DemoHistory {
  readonly id: string;
  readonly authorAccountId: string;
  readonly created: EpochMillis;
  readonly items: readonly DemoHistoryItem[];
}

/** Mutable on purpose: transitions and property writes change the issue in place. */
export interface DemoIssue {
  id: string;
  key: string;
  projectId: string;
  issueTypeId: string;
  summary: string;
  statusId: string;
  labels: string[];
  created: EpochMillis;
  updated: EpochMillis;
  parentId: string | null;
  flagged: boolean;
  properties: Record<string, unknown>;
  histories: DemoHistory[];
}

export interface DemoData {
  readonly seed: number;
  /** The `now` the portfolio was generated for. */
  readonly generatedAt: EpochMillis;
  readonly projects: readonly DemoProject[];
  readonly statuses: readonly DemoStatus[];
  readonly issueTypes: readonly DemoIssueType[];
  readonly users: readonly DemoUser[];
  /** Epics and stories, in id order (ids grow with `created`). */
  readonly issues: DemoIssue[];
}

export const STATUS_IDS = {
  funnel: '10001',
  reviewing: '10002',
  analyzing: '10003',
  portfolioBacklog: '10004',
  implementing: '10005',
  done: '10006',
  onHold: '10007',
  toDo: '10008',
  inProgress: '10009',
} as const;

/** Names equal SAFe's portfolio states so the default name mapping works; "On Hold" is unmapped by name (the preview's seeded settings map it into Implementing as waiting). */
export const DEMO_STATUSES: readonly DemoStatus[] = [
  { id: STATUS_IDS.funnel, name: 'Funnel', category: 'TODO' },
  { id: STATUS_IDS.reviewing, name: 'Reviewing', category: 'TODO' },
  { id: STATUS_IDS.analyzing, name: 'Analyzing', category: 'IN_PROGRESS' },
  { id: STATUS_IDS.portfolioBacklog, name: 'Portfolio Backlog', category: 'TODO' },
  { id: STATUS_IDS.implementing, name: 'Implementing', category: 'IN_PROGRESS' },
  { id: STATUS_IDS.done, name: 'Done', category: 'DONE' },
  { id: STATUS_IDS.onHold, name: 'On Hold', category: 'IN_PROGRESS' },
  { id: STATUS_IDS.toDo, name: 'To Do', category: 'TODO' },
  { id: STATUS_IDS.inProgress, name: 'In Progress', category: 'IN_PROGRESS' },
];

/** The mapped portfolio path, in order (On Hold is a detour, not a step). */
export const EPIC_PATH: readonly string[] = [
  STATUS_IDS.funnel,
  STATUS_IDS.reviewing,
  STATUS_IDS.analyzing,
  STATUS_IDS.portfolioBacklog,
  STATUS_IDS.implementing,
  STATUS_IDS.done,
];

export const ISSUE_TYPE_IDS = { epic: '10000', story: '10001' } as const;

export const DEMO_ISSUE_TYPES: readonly DemoIssueType[] = [
  { id: ISSUE_TYPE_IDS.epic, name: 'Epic', hierarchyLevel: 1, workflow: [...EPIC_PATH, STATUS_IDS.onHold] },
  { id: ISSUE_TYPE_IDS.story, name: 'Story', hierarchyLevel: 0, workflow: [STATUS_IDS.toDo, STATUS_IDS.inProgress, STATUS_IDS.done] },
];

export const DEMO_PROJECTS: readonly DemoProject[] = [
  { id: '10000', key: 'PAY', name: 'Payments' },
  { id: '10001', key: 'MOB', name: 'Mobile Experience' },
  { id: '10002', key: 'DAT', name: 'Data & Analytics' },
  { id: '10003', key: 'PLT', name: 'Platform' },
];

/** The Jira field behind the "Flagged" checkbox in the demo site. */
export const FLAGGED_FIELD_ID = 'customfield_10021';
export const FLAGGED_OPTION = { id: '10019', value: 'Impediment' } as const;
export const RANK_FIELD_ID = 'customfield_10019';
/** The demo seeds scores under the key the app reads and writes. */
export { WSJF_PROPERTY_KEY } from '../../src/contract/documents';
export const DONE_RESOLUTION = { id: '10000', name: 'Done' } as const;

const STATUS_NAME: ReadonlyMap<string, string> = new Map(DEMO_STATUSES.map((status) => [status.id, status.name]));

/** The items of the history entry Jira writes for a move: the status, and the resolution set on entering Done and cleared on leaving it. */
export function statusItems(from: string, to: string): DemoHistoryItem[] {
  const items: DemoHistoryItem[] = [
    { field: 'status', fieldtype: 'jira', fieldId: 'status', from, fromString: STATUS_NAME.get(from) ?? null, to, toString: STATUS_NAME.get(to) ?? null },
  ];
  if (to === STATUS_IDS.done) {
    items.push({ field: 'resolution', fieldtype: 'jira', fieldId: 'resolution', from: null, fromString: null, to: DONE_RESOLUTION.id, toString: DONE_RESOLUTION.name });
  } else if (from === STATUS_IDS.done) {
    items.push({ field: 'resolution', fieldtype: 'jira', fieldId: 'resolution', from: DONE_RESOLUTION.id, fromString: DONE_RESOLUTION.name, to: null, toString: null });
  }
  return items;
}

export const PERMISSIONS: Readonly<Record<string, { id: string; name: string; type: 'GLOBAL' | 'PROJECT'; description: string }>> = {
  ADMINISTER: {
    id: '0',
    name: 'Administer Jira',
    type: 'GLOBAL',
    description: 'Create and administer projects, issue types, fields, workflows, and schemes for all projects.',
  },
  SYSTEM_ADMIN: { id: '44', name: 'Administer Jira', type: 'GLOBAL', description: 'Ability to perform all administration functions.' },
  USER_PICKER: { id: '27', name: 'Browse users and groups', type: 'GLOBAL', description: 'View and select users or groups from the user picker.' },
  BROWSE_PROJECTS: { id: '10', name: 'Browse Projects', type: 'PROJECT', description: 'Ability to browse projects and the issues within them.' },
  CREATE_ISSUES: { id: '11', name: 'Create Issues', type: 'PROJECT', description: 'Ability to create issues.' },
  EDIT_ISSUES: { id: '12', name: 'Edit Issues', type: 'PROJECT', description: 'Ability to edit issues.' },
  ADMINISTER_PROJECTS: {
    id: '23',
    name: 'Administer Projects',
    type: 'PROJECT',
    description: 'Ability to administer a project in Jira.',
  },
  TRANSITION_ISSUES: { id: '46', name: 'Transition Issues', type: 'PROJECT', description: 'Ability to transition issues.' },
};

const ALL_PROJECT_PERMISSIONS = ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES', 'TRANSITION_ISSUES', 'ADMINISTER_PROJECTS'];
const TEAM_PERMISSIONS = ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES', 'TRANSITION_ISSUES'];

function everywhere(permissions: readonly string[]): Record<string, readonly string[]> {
  return Object.fromEntries(DEMO_PROJECTS.map((project) => [project.key, permissions]));
}

export const GROUP_IDS: Readonly<Record<string, string>> = {
  'portfolio-managers': '5f0c2a1e-0000-4000-8000-000000000001',
  'jira-administrators': '5f0c2a1e-0000-4000-8000-000000000002',
  'jira-software-users': '5f0c2a1e-0000-4000-8000-000000000003',
  'atlassian-addons-admin': '5f0c2a1e-0000-4000-8000-000000000004',
};

/**
 * The RTE browses and edits everything and is a Jira admin. The team member cannot browse DAT,
 * may only browse PLT (no edit, no transition) and is no admin. The app (asApp) sees everything.
 */
export const DEMO_USERS: readonly DemoUser[] = [
  {
    name: 'rte',
    accountId: '712020:rte',
    accountType: 'atlassian',
    displayName: 'Rae Engel (RTE)',
    email: 'rte@demo.example',
    apiToken: 'demo-rte',
    groups: ['portfolio-managers', 'jira-administrators', 'jira-software-users'],
    globalPermissions: ['ADMINISTER', 'USER_PICKER'],
    projectPermissions: everywhere(ALL_PROJECT_PERMISSIONS),
    mayCheckOthers: true,
  },
  {
    name: 'member',
    accountId: '712020:member',
    accountType: 'atlassian',
    displayName: 'Mika Member',
    email: 'member@demo.example',
    apiToken: 'demo-member',
    groups: ['jira-software-users'],
    globalPermissions: ['USER_PICKER'],
    projectPermissions: { PAY: TEAM_PERMISSIONS, MOB: TEAM_PERMISSIONS, PLT: ['BROWSE_PROJECTS'] },
    mayCheckOthers: false,
  },
  {
    name: 'app',
    accountId: '712020:app',
    accountType: 'app',
    displayName: 'Lean Portfolio (app)',
    email: 'app@demo.example',
    apiToken: 'demo-app',
    groups: ['atlassian-addons-admin'],
    globalPermissions: ['USER_PICKER'],
    projectPermissions: everywhere(ALL_PROJECT_PERMISSIONS),
    mayCheckOthers: true,
  },
];

export function demoUser(name: DemoUserName): DemoUser {
  const user = DEMO_USERS.find((candidate) => candidate.name === name);
  if (user === undefined) throw new Error(`The demo Jira has no user "${name}"`);
  return user;
}
