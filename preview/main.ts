/**
 * `npm start`: the preview on 127.0.0.1 (PORT, default 4100). Reads the embedded demo Jira, or a
 * real Jira Cloud site when JIRA_BASE_URL, JIRA_EMAIL and JIRA_API_TOKEN are all set. Saved data
 * lives in LPM_DATA_DIR (default `.lpm-data`).
 */
import { startPreview } from './server';
import type { JiraSite } from './users';

function siteFromEnvironment(env: NodeJS.ProcessEnv): JiraSite | undefined {
  const { JIRA_BASE_URL: baseUrl, JIRA_EMAIL: email, JIRA_API_TOKEN: apiToken } = env;
  const given = [baseUrl, email, apiToken].filter((value) => value !== undefined && value !== '');
  if (given.length === 0) return undefined;
  if (given.length < 3) throw new Error('Set all three of JIRA_BASE_URL, JIRA_EMAIL and JIRA_API_TOKEN to read a real Jira site (or none for the demo Jira).');
  return { baseUrl: baseUrl!, email: email!, apiToken: apiToken! };
}

async function main(): Promise<void> {
  const jira = siteFromEnvironment(process.env);
  const preview = await startPreview({
    ...(jira === undefined ? {} : { jira }),
    ...(process.env.LPM_DATA_DIR ? { dataDir: process.env.LPM_DATA_DIR } : {}),
  });
  const source = jira === undefined ? `demo Jira at ${preview.jiraUrl}` : `Jira site ${preview.jiraUrl}`;
  console.log(`Lean Portfolio preview: ${preview.url} (${source})`);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping the preview`);
    preview.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`The preview did not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
