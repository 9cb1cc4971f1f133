/**
 * The embedded demo Jira: a seeded portfolio generator and a small HTTP server answering the
 * subset of Jira Cloud REST v3 the app uses. See README.md for endpoints, JQL and faults.
 */
import { basicAuthorization } from '../../src/adapters/http/jira';
import { demoUser, type DemoUserName } from './model';

export { generatePortfolio } from './generate';
export { createDemoJira, startDemoJira, type DemoJira, type DemoJiraCall, type DemoJiraOptions, type RunningDemoJira } from './server';
export { readDemoJiraEnvironment, type FaultOptions } from './faults';
export {
  DEMO_ISSUE_TYPES,
  DEMO_PROJECTS,
  DEMO_STATUSES,
  DEMO_USERS,
  demoUser,
  FLAGGED_FIELD_ID,
  GROUP_IDS,
  ISSUE_TYPE_IDS,
  STATUS_IDS,
  WSJF_PROPERTY_KEY,
  type DemoData,
  type DemoIssue,
  type DemoUser,
  type DemoUserName,
} from './model';

/** `Authorization` header value (HTTP Basic email:token) for a demo user. */
export function demoAuthorization(name: DemoUserName): string {
  const user = demoUser(name);
  return basicAuthorization(user.email, user.apiToken);
}
