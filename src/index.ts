// The export map the manifest's functions point at (`index.<export>`). Nothing else lives here.

// jira:globalPage, jira:issuePanel and jira:adminPage share one resolver function.
export { handler } from './resolvers';

// scheduledTrigger `daily-refresh`, trigger `epic-updated` (avi:jira:updated:issue) and the
// `portfolio-sync` queue's consumer.
export { scheduledRefresh, issueUpdated, syncConsumer } from './triggers';

// scheduledTrigger `weekly-personal-data`: Atlassian's personal data reporting, closed accounts anonymised.
export { personalDataReport } from './triggers';
