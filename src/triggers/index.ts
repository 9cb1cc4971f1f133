/** The trigger and consumer functions the manifest names, bound to the Forge runtime on first call. */
import { InvocationError, InvocationErrorCode } from '@forge/events';
import type { AsyncEvent } from '@forge/events';
import { forgeRuntime } from '../runtime/forge';
import type { Runtime } from '../runtime/runtime';
import { forgePersonalData } from '../adapters/forge/personalData';
import { createPersonalDataReport } from './personalDataReport';
import { createIssueUpdated } from './issueUpdated';
import { createScheduledRefresh } from './scheduledRefresh';
import { createSyncConsumer } from './syncConsumer';

let runtime: Runtime | undefined;
const forge = (): Runtime => (runtime ??= forgeRuntime());

export const scheduledRefresh = (): Promise<void> => createScheduledRefresh(forge())();
export const issueUpdated = (event: unknown): Promise<void> => createIssueUpdated(forge())(event);

/** A step that asks for a retry answers Forge's InvocationError: the queue delivers it again later. */
export const syncConsumer = async (event: AsyncEvent): Promise<InvocationError | undefined> => {
  const outcome = await createSyncConsumer(forge())(event.body);
  if (!outcome) return undefined;
  return new InvocationError({ retryAfter: outcome.retryAfterSeconds, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
};

export const personalDataReport = async (): Promise<void> => {
  await createPersonalDataReport(forge(), forgePersonalData())();
};
