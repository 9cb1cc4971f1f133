/** What the command needs of its surroundings; `lpm.ts` gives it the process, tests give it fakes. */
import type { LocalDate } from '../domain/calendar';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Throws (as `fs.readFileSync` does, with `code` ENOENT…) when the file cannot be read. */
  readFile(path: string): string;
  /** Today's date in the portfolio's time zone: the default as-of date. */
  today(timeZone: string): LocalDate;
  /** Environment variables (credentials for a live Jira source); none when absent. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The HTTP client for a live Jira source; the global `fetch` when absent. */
  readonly fetch?: typeof fetch;
}
