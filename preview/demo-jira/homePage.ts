/**
 * What a browser sees at the demo Jira's root (`/jira/`): a short page that says what this is,
 * who its users are and how to call it. Only the root answers without credentials: every API
 * path still answers 401 as Jira Cloud does, so the app meets the real behaviour.
 */
import { escapeHtml } from '../http';
import type { DemoData, DemoUser } from './model';

function whatTheyMay(user: DemoUser): string {
  if (user.accountType === 'app') return 'the app itself (<code>asApp()</code>): reads every project';
  const projects = Object.entries(user.projectPermissions);
  const edits = projects.filter(([, permissions]) => permissions.includes('EDIT_ISSUES')).map(([key]) => key);
  const browseOnly = projects.filter(([, permissions]) => !permissions.includes('EDIT_ISSUES')).map(([key]) => key);
  const admin = user.globalPermissions.includes('ADMINISTER') ? 'Jira admin; ' : '';
  return escapeHtml(`${admin}edits ${edits.join(', ') || 'nothing'}${browseOnly.length > 0 ? `; browses only ${browseOnly.join(', ')}` : ''}`);
}

/** `baseUrl` is where the demo Jira answers, e.g. `http://127.0.0.1:4100/jira`. */
export function renderDemoJiraHome(data: DemoData, baseUrl: string): string {
  const epics = data.issues.filter((issue) => issue.issueTypeId === data.issueTypes.find((type) => type.name === 'Epic')?.id).length;
  const rte = data.users.find((user) => user.name === 'rte') ?? data.users[0];
  const rows = data.users
    .map(
      (user) =>
        `<tr><td>${escapeHtml(user.displayName)}</td><td><code>${escapeHtml(user.email)}</code></td><td><code>${escapeHtml(user.apiToken)}</code></td><td>${whatTheyMay(user)}</td></tr>`,
    )
    .join('\n        ');
  const curl = rte ? `curl -u ${rte.email}:${rte.apiToken} '${baseUrl}/rest/api/3/search/jql?jql=issuetype%20%3D%20Epic%20ORDER%20BY%20wsjfScore%20DESC&fields=summary,status&maxResults=5'` : '';
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Demo Jira · Lean Portfolio preview</title>
    <style>
      body { font: 14px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #172b4d; }
      table { border-collapse: collapse; } td, th { border-bottom: 1px solid #dfe1e6; padding: .3rem .6rem; text-align: left; }
      pre { background: #f4f5f7; padding: .8rem; overflow-x: auto; } code { font-size: 13px; }
    </style>
  </head>
  <body>
    <h1>Demo Jira</h1>
    <p>A stand-in for a Jira Cloud site, embedded in the Lean Portfolio preview: a seeded portfolio of
      ${data.projects.length} projects and ${epics} epics with 18 months of history (seed ${data.seed}). It answers the Jira
      Cloud REST v3 calls the app makes (search/jql, changelog/bulkfetch, issue properties, transitions,
      permissions, statuses, fields, projects). The app's pages are at <a href="/">the preview's launcher</a>.</p>
    <p>Like Jira Cloud, every REST call needs Basic authentication with an email and an API token; without
      them it answers <code>401</code>. These are the demo users:</p>
    <table>
      <thead><tr><th>user</th><th>email</th><th>API token</th><th>may</th></tr></thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
    <h2>Calling it</h2>
    <pre><code>${escapeHtml(curl)}</code></pre>
    <p>The JQL it understands, and every route, are described in <code>preview/demo-jira/README.md</code>.</p>
  </body>
</html>
`;
}
