/*
 * WSJF — the jira:issuePanel on epics (Custom UI).
 * Issue 3 gives it its first real content: the epic's WSJF components, cost of delay, score and
 * portfolio rank (epic/wsjf/get) and a form to save them (epic/wsjf/save, with the conflict
 * explained). Later issues add the theme, cost estimate and approval of the epic.
 */
import { useEffect, useState } from 'react';
import { Box } from '@atlaskit/primitives';
import { view } from '@forge/bridge';
import { startPage } from '../shared/start';
import { EmptyState, Loading } from '../shared/states';
import { WsjfPanel } from './WsjfPanel';
import { BusinessCaseEditor } from '../shared/BusinessCaseEditor';

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
    <Box padding="space.200">
      {issueKey === undefined ? (
        <Loading what="the epic" />
      ) : issueKey === null ? (
        <EmptyState title="No epic here">This panel shows an epic's WSJF. Open it from an epic's issue view.</EmptyState>
      ) : (
        <>
          <WsjfPanel issueKey={issueKey} />
          <BusinessCaseEditor issueKey={issueKey} />
        </>
      )}
    </Box>
  );
}

void startPage(<IssuePanel />);
