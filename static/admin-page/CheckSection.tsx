/**
 * "Check configuration": the data-quality report of the SAVED settings over the epics the admin
 * can see. Each finding links to its epics in Jira's issue search.
 */
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { router } from '@forge/bridge';
import type { ResolverOutput } from '../../src/contract/resolvers';
import { Code } from '../shared/Code';
import { invoke, type ResolverCallError } from '../shared/invoke';
import { ErrorMessage } from '../shared/states';
import { asCallError } from '../shared/useResolver';
import { Section } from './Section';

type Report = ResolverOutput<'admin/check'>;

function Finding({ finding }: { finding: Report['findings'][number] }) {
  const more = finding.count - finding.epicKeys.length;
  return (
    <li style={{ listStyle: 'none' }} data-testid={`finding-${finding.id}`}>
      <Stack space="space.050">
        <Inline space="space.100" alignBlock="center" shouldWrap>
          <Lozenge appearance={finding.severity === 'warning' ? 'moved' : 'default'}>{finding.severity === 'warning' ? 'Fix' : 'Note'}</Lozenge>
          <Text weight="semibold">{finding.title}</Text>
          <Text color="color.text.subtle">{`(${finding.count})`}</Text>
        </Inline>
        <Text>{finding.detail}</Text>
        {finding.jql !== null && (
          <Inline space="space.100" alignBlock="center" shouldWrap>
            <Button spacing="compact" onClick={() => void router.open(`/issues/?jql=${encodeURIComponent(finding.jql ?? '')}`)}>
              {`Open ${finding.epicKeys.length} epic${finding.epicKeys.length === 1 ? '' : 's'} in Jira`}
            </Button>
            <Code>{finding.jql.length > 120 ? `${finding.jql.slice(0, 117)}…` : finding.jql}</Code>
            {more > 0 && <Text size="small" color="color.text.subtle">{`and ${more} more`}</Text>}
          </Inline>
        )}
      </Stack>
    </li>
  );
}

export function CheckSection() {
  const [report, setReport] = useState<Report | null>(null);
  const [failure, setFailure] = useState<ResolverCallError | null>(null);
  const [running, setRunning] = useState(false);
  const run = async () => {
    setRunning(true);
    setFailure(null);
    try {
      setReport(await invoke('admin/check', {}));
    } catch (error) {
      setFailure(asCallError(error));
    } finally {
      setRunning(false);
    }
  };
  return (
    <Section title="Check configuration" intro="What would make the numbers wrong, over the saved settings and the epics you can see." testId="settings-check">
      <Inline>
        <Button appearance="primary" onClick={() => void run()} isLoading={running} testId="run-check">
          Check configuration
        </Button>
      </Inline>
      {failure !== null && <ErrorMessage error={failure} onRetry={() => void run()} />}
      {report !== null &&
        (report.findings.length === 0 ? (
          <Text>{`Nothing to fix across ${report.epicCount} epics.`}</Text>
        ) : (
          <Stack space="space.150">
            <Text color="color.text.subtle">{`${report.findings.length} findings across ${report.epicCount} epics, as of ${report.asOf}.`}</Text>
            <Stack as="ul" space="space.200" testId="check-findings">
              {report.findings.map((finding) => (
                <Finding key={finding.id} finding={finding} />
              ))}
            </Stack>
          </Stack>
        ))}
    </Section>
  );
}
