/**
 * The value types every contract shares: calendar dates and Jira project and issue keys. One schema
 * each, so a date or a key valid in one payload is valid in all of them.
 */
import { z } from 'zod';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A real calendar date `YYYY-MM-DD` (2025-02-30 is refused). */
export const localDateSchema = z.string().refine((text) => {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}, 'a date YYYY-MM-DD');

/** An upper-case letter, then up to 19 upper-case letters, digits or underscores (Jira Cloud allows 10). */
const PROJECT_KEY = '[A-Z][A-Z0-9_]{0,19}';
export const projectKeySchema = z.string().regex(new RegExp(`^${PROJECT_KEY}$`), 'a Jira project key');

/** Issue numbers start at 1 and have no leading zero: ABC-0 and ABC-007 name no issue. */
export const issueKeySchema = z.string().regex(new RegExp(`^${PROJECT_KEY}-[1-9]\\d{0,9}$`), 'an issue key like ABC-12');
