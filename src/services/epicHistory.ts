/**
 * From Jira's issue and changelog payloads to what the domain needs of an epic's history
 * (status changes and Flagged changes). Everything else in the changelog is ignored.
 */
import type { JiraHistory, JiraHistoryItem, JiraIssue } from '../contract/jira';
import type { EpicHistory, FlagChange, StatusChange } from '../domain/timeline';
import { InvalidDataError } from '../errors';

const isStatusItem = (item: JiraHistoryItem): boolean => (item.fieldId ?? item.field) === 'status';
/** Jira's Flagged field is a custom field whose id differs per site; its name is stable. */
const isFlagItem = (item: JiraHistoryItem): boolean => item.field.toLowerCase() === 'flagged';

/**
 * `histories` may come in any order and from any source (inline or bulkfetch). The current
 * status falls back to the last status change, and `created` to the first history, for
 * payloads that left those fields out; an issue with neither is not usable.
 */
export function toEpicHistory(issue: JiraIssue, histories: readonly JiraHistory[]): EpicHistory {
  const statusChanges: StatusChange[] = [];
  const flagChanges: FlagChange[] = [];
  for (const history of histories) {
    for (const item of history.items) {
      if (isStatusItem(item) && item.to) {
        statusChanges.push({ at: history.created, fromStatusId: item.from ?? null, toStatusId: item.to });
      } else if (isFlagItem(item)) {
        flagChanges.push({ at: history.created, flagged: (item.toString ?? '') !== '' });
      }
    }
  }

  const createdAt = issue.fields.created ?? Math.min(...histories.map((h) => h.created));
  // Changes stay in the order given (the timeline sorts them); the fallback needs the latest one.
  const latest = statusChanges.reduce<StatusChange | undefined>((last, change) => (last === undefined || change.at >= last.at ? change : last), undefined);
  const currentStatusId = issue.fields.status?.id ?? latest?.toStatusId;
  if (!Number.isFinite(createdAt)) throw new InvalidDataError(`issue ${issue.key} has no created date`);
  if (currentStatusId === undefined) throw new InvalidDataError(`issue ${issue.key} has no status`);
  return { key: issue.key, createdAt, currentStatusId, statusChanges, flagChanges };
}
