/**
 * Where a command's epics come from. Each source is one small loader returning the same records;
 * adding a source means one more variant, its options, and one more case in `loadEpicRecords`.
 */
import { httpJira } from '../adapters/http/jira';
import { jiraClientOptionsFor } from '../adapters/jira/client';
import { AppError, ForbiddenError, InvalidInputError, NotFoundError } from '../errors';
import { CliFailure, CliInputError, CliUsageError } from './errors';
import { readJsonFile } from './files';
import type { CliIo } from './io';
import { parseJiraExport } from './jiraExport';
import type { EpicRecord } from './jiraExport';
import { stringOption } from './options';
import type { OptionSpec, OptionValues } from './options';
import { findFlaggedFieldId, historyFieldIds } from '../services/historyFields';

type EpicSource =
  | { readonly kind: 'file'; readonly path: string }
  /** A live Jira Cloud site, read with an API token (JIRA_EMAIL, JIRA_API_TOKEN). */
  | { readonly kind: 'jira'; readonly site: string; readonly jql: string };

export const EPIC_SOURCE_OPTIONS: OptionSpec = {
  input: { type: 'string', short: 'i' },
  site: { type: 'string' },
  jql: { type: 'string' },
};

export function epicSourceFrom(command: string, values: OptionValues): EpicSource {
  const path = stringOption(values, 'input');
  const site = stringOption(values, 'site');
  const jql = stringOption(values, 'jql');
  if (path !== undefined && site !== undefined) throw new CliUsageError(`${command}: give either --input FILE or --site URL, not both`);
  if (site !== undefined) {
    if (!/^https?:\/\/[^\s/]+/.test(site)) throw new CliInputError('--site', '', `not a site URL: ${JSON.stringify(site)} (expected https://your-site.atlassian.net)`);
    if (jql === undefined || jql.trim() === '') throw new CliUsageError(`${command}: --site needs --jql (the epics to read)`);
    return { kind: 'jira', site, jql };
  }
  if (jql !== undefined) throw new CliUsageError(`${command}: --jql needs --site`);
  if (path === undefined || path === '') throw new CliUsageError(`${command}: --input FILE is required`);
  return { kind: 'file', path };
}

export async function loadEpicRecords(source: EpicSource, io: CliIo): Promise<EpicRecord[]> {
  switch (source.kind) {
    case 'file':
      return parseJiraExport(source.path, readJsonFile(io, source.path));
    case 'jira':
      return loadFromJira(source, io);
  }
}

/** The fields the metrics read: when each epic was created and its status now (the rest comes from its history). */
const SEARCH_FIELDS = ['created', 'status'];

/**
 * The search gives the epics; bulkfetch gives their full history (`expand=changelog` is capped to
 * recent changes), filtered to the status and Flagged fields as the app's cache is.
 */
async function loadFromJira(source: { site: string; jql: string }, io: CliIo): Promise<EpicRecord[]> {
  const email = io.env?.['JIRA_EMAIL'];
  const apiToken = io.env?.['JIRA_API_TOKEN'];
  for (const [name, value] of [['JIRA_EMAIL', email], ['JIRA_API_TOKEN', apiToken]] as const)
    if (value === undefined || value === '') throw new CliInputError(name, '', 'not set; --site needs JIRA_EMAIL and JIRA_API_TOKEN in the environment');
  // A terminal run can wait out Jira's rate limits like a background sync (not a 25 s resolver).
  const jira = httpJira({
    baseUrl: source.site,
    email: email as string,
    apiToken: apiToken as string,
    ...jiraClientOptionsFor('background'),
    ...(io.fetch ? { fetch: io.fetch } : {}),
  });
  try {
    const [issues, flaggedFieldId] = await Promise.all([jira.searchIssues({ jql: source.jql, fields: SEARCH_FIELDS }), findFlaggedFieldId(jira)]);
    const histories = await jira.fetchChangelogs(
      issues.map((issue) => issue.id),
      historyFieldIds(flaggedFieldId),
    );
    return issues.map((issue) => ({ issue, histories: histories.get(issue.id) ?? [] }));
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    // Bad JQL, credentials or permissions are the user's to fix (exit 2); an outage is not.
    const theirs = error instanceof InvalidInputError || error instanceof ForbiddenError || error instanceof NotFoundError;
    throw theirs ? new CliInputError(source.site, '', error.message) : new CliFailure(source.site, error.message);
  }
}
