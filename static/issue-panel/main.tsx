/*
 * The epic panel — the jira:issuePanel (Custom UI) on every issue type at Epic level or above.
 * Its sections (WSJF, flow, score changes, and what later features add) are listed in sections.tsx.
 */
import { useEffect, useState } from 'react';
import { Box } from '@atlaskit/primitives';
import { view } from '@forge/bridge';
import { startPage } from '../shared/start';
import { EmptyState, Loading } from '../shared/states';
import { EpicPanel } from './EpicPanel';

function IssuePanel() {
  const [issueKey, setIssueKey] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    view.getContext().then(
      (context) => {
        const key: unknown = context.extension.issue?.key;
        setIssueKey(typeof key === 'string' ? key : null);
      },
      () => setIssueKey(null),
    );
  }, []);
  return (
    <Box padding="space.150">
      {issueKey === undefined ? (
        <Loading what="the epic" />
      ) : issueKey === null ? (
        <EmptyState title="No epic here">This panel shows a portfolio epic's WSJF and flow. Open it from an epic's issue view.</EmptyState>
      ) : (
        <EpicPanel issueKey={issueKey} />
      )}
    </Box>
  );
}

void startPage(<IssuePanel />);
