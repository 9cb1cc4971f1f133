/**
 * The background sync, as every page shows it: "Syncing: 3,200 of 5,000 epics" while it runs (the
 * page shows what is synced so far), and the last good data marked stale when a sync stopped.
 * Polls `sync/status` while a sync runs and tells the page to reload once it is done.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import type { ResolverOutput } from '../../src/contract/resolvers';
import { invoke } from './invoke';
import { asCallError } from './useResolver';

type SyncStatus = ResolverOutput<'sync/status'>;

/**
 * How often a running sync is asked about. Each poll costs the caller two Jira calls (who they are,
 * whether they administer Jira: counts are shown to managers only) and two small storage reads.
 */
const POLL_MS = 5_000;
/**
 * Otherwise: once more shortly after the page opened (its own first load may just have found Jira
 * failing), then now and then, so a page left open learns that its data went stale.
 */
const SETTLE_MS = 4_000;
const IDLE_POLL_MS = 60_000;
const count = new Intl.NumberFormat('en');

function progressText(status: SyncStatus): string {
  if (status.fetched !== null && status.total !== null) return `${count.format(status.fetched)} of ${count.format(status.total)} epics`;
  if (status.percent !== null) return `${status.percent}%`;
  return 'listing the epics in scope';
}

const when = (at: number | null) => (at === null ? 'the last completed sync' : new Date(at).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' }));

export function SyncBanner({ onSynced }: { onSynced: () => void }) {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [retryError, setRetryError] = useState<string | null>(null);
  const wasRunning = useRef(false);

  const poll = useCallback(async () => {
    try {
      const next = await invoke('sync/status', {});
      setStatus(next);
      if (wasRunning.current && next.status === 'done') onSynced();
      wasRunning.current = next.status === 'running';
    } catch {
      // The sync's progress is a hint: a failed poll shows nothing rather than an error over the page.
    }
  }, [onSynced]);

  useEffect(() => {
    void poll();
  }, [poll]);

  const polls = useRef(0);
  useEffect(() => {
    if (status === null) return undefined;
    polls.current += 1;
    const delay = status.status === 'running' ? POLL_MS : polls.current === 1 ? SETTLE_MS : IDLE_POLL_MS;
    const timer = setTimeout(() => void poll(), delay);
    return () => clearTimeout(timer);
  }, [status, poll]);

  const retry = async () => {
    setRetryError(null);
    try {
      setStatus(await invoke('sync/start', {}));
      wasRunning.current = true;
    } catch (error) {
      setRetryError(asCallError(error).message);
    }
  };

  if (status === null) return null;
  if (status.status === 'none' || status.status === 'done') {
    if (!status.stale) return null;
    return (
      <div role="status" data-testid="sync-banner">
        <SectionMessage appearance="warning" title="Showing the last data read from Jira">
          <p>{`Jira could not be asked for the latest changes: ${status.lastError ?? 'it did not answer'} Pages show the portfolio as of ${when(status.dataAsOf)} and try again on the next load.`}</p>
        </SectionMessage>
      </div>
    );
  }
  if (status.status === 'running')
    return (
      <div role="status" data-testid="sync-banner">
        <SectionMessage appearance="information" title={`Syncing: ${progressText(status)}`}>
          <p>
            {status.stale
              ? `The portfolio is being read again from Jira. Pages show the data as of ${when(status.lastCompletedAt)} until it is done.`
              : 'The portfolio is being read from Jira for the first time. Pages show the epics synced so far and fill in as the sync goes on.'}
            {status.lastError === null ? '' : ` A step is being retried: ${status.lastError}`}
          </p>
        </SectionMessage>
      </div>
    );
  return (
    <div role="alert" data-testid="sync-banner">
      <SectionMessage appearance="warning" title="The last sync stopped">
        <p>{`${status.lastError ?? 'It failed.'} Pages show the data as of ${when(status.lastCompletedAt)}, which may be out of date. The sync resumes where it stopped at the next daily refresh, or now:`}</p>
        <Button onClick={() => void retry()}>Resume the sync</Button>
        {retryError !== null && <p>{retryError}</p>}
      </SectionMessage>
    </div>
  );
}
