/**
 * The embedded demo Jira: a seeded portfolio generator and a small HTTP server answering the
 * subset of Jira Cloud REST v3 the app uses. See README.md for endpoints, JQL and faults.
 */
import { DEMO_USERS, type DemoUser } from './model';

export { generatePortfolio, type GenerateOptions } from './generate';
export { createDemoJira, startDemoJira, type DemoJira, type DemoJiraCall, type DemoJiraOptions, type RunningDemoJira } from './server';
export { FAULT_KINDS, readDemoJiraEnvironment, type DemoJiraEnvironment, type FaultKind, type FaultOptions } from './faults';
export {
  DEMO_ISSUE_TYPES,
  DEMO_PROJECTS,
  DEMO_STATUSES,
  DEMO_USERS,
  FLAGGED_FIELD_ID,
  ISSUE_TYPE_IDS,
  STATUS_IDS,
  WSJF_PROPERTY_KEY,
  type DemoData,
  type DemoHistory,
  type DemoHistoryItem,
  type DemoIssue,
  type DemoProject,
  type DemoStatus,
  type DemoUser,
} from './model';

export type DemoUserName = 'rte' | 'member' | 'app';

export function demoUser(name: DemoUserName): DemoUser {
  const user = DEMO_USERS.find((u) => u.name === name);
  if (!user) throw new Error(`unknown demo user ${name}`);
  return user;
}

/** `Authorization` header value (HTTP Basic email:token) for a demo user. */
export function demoAuthorization(name: DemoUserName): string {
  const user = demoUser(name);
  return `Basic ${Buffer.from(`${user.email}:${user.apiToken}`).toString('base64')}`;
}
