/**
 * Which changelog fields the timelines need. Jira's bulkfetch filters by field id, and the Flagged
 * field's id is a per-site `customfield_…`, so it is looked up by name once per load.
 */
import type { JiraPort } from '../ports';

/** The name of Jira Software's Flagged field, compared case-insensitively. */
const FLAGGED_FIELD_NAME = 'flagged';

/** The changelog field ids the timelines need: status, and Flagged when the site has it. */
export function historyFieldIds(flaggedFieldId: string | null): string[] {
  return flaggedFieldId === null ? ['status'] : ['status', flaggedFieldId];
}

/** The id of the site's Flagged field; null when there is none. */
export async function findFlaggedFieldId(jira: JiraPort): Promise<string | null> {
  const fields = await jira.getFields();
  return fields.find((field) => field.name.trim().toLowerCase() === FLAGGED_FIELD_NAME)?.id ?? null;
}
