/** The trigger functions the manifest names, bound to the Forge runtime on first call. */
import { forgeRuntime } from '../runtime/forge';
import type { Runtime } from '../runtime/runtime';
import { forgePersonalData } from '../adapters/forge/personalData';
import { createPersonalDataReport } from './personalDataReport';
import { createIssueUpdated } from './issueUpdated';
import { createScheduledRefresh } from './scheduledRefresh';

let runtime: Runtime | undefined;
const forge = (): Runtime => (runtime ??= forgeRuntime());

export const scheduledRefresh = (): Promise<void> => createScheduledRefresh(forge())();
export const issueUpdated = (event: unknown): Promise<void> => createIssueUpdated(forge())(event);
export const personalDataReport = async (): Promise<void> => {
  await createPersonalDataReport(forge(), forgePersonalData())();
};
