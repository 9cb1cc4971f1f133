/**
 * Scheduled trigger (weekly, Atlassian's default reporting cycle): report the accounts the app
 * stores to the personal data reporting API and anonymise the closed ones (services/personalData.ts).
 * A report more often than weekly would repeat accounts within their cycle, which Atlassian asks
 * apps not to do.
 */
import type { PersonalDataPort } from '../ports';
import type { Runtime } from '../runtime/runtime';
import { runPersonalDataJob } from '../services/personalData';
import type { PersonalDataJobOptions, PersonalDataRun } from '../services/personalData';

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function createPersonalDataReport(
  runtime: Runtime,
  reporter: PersonalDataPort,
  options: { sleep?: (ms: number) => Promise<void>; job?: Partial<PersonalDataJobOptions> } = {},
): () => Promise<PersonalDataRun> {
  return () =>
    runPersonalDataJob(
      { store: runtime.store, clock: runtime.clock, log: runtime.log, reporter, jira: runtime.jira({}).app, sleep: options.sleep ?? realSleep },
      options.job,
    );
}
