/**
 * Which issues are the portfolio's epics: the scope JQL, checked by Jira itself (jql/parse as the
 * admin; Jira's own message inline; the approximate count when valid), and the issue type rule.
 */
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import type { ResolverOutput } from '../../src/contract/resolvers';
import { SelectField } from '../shared/Field';
import { invoke, type ResolverCallError } from '../shared/invoke';
import { asCallError } from '../shared/useResolver';
import { FieldRow, Section } from './Section';
import type { Settings } from './settingsEdit';

type Check = { jql: string; result: ResolverOutput<'admin/jql/check'> } | { jql: string; failure: ResolverCallError };

export function ScopeSection({ settings, onChange, disabled }: { settings: Settings; onChange: (next: Settings) => void; disabled: boolean }) {
  const [check, setCheck] = useState<Check | null>(null);
  const [checking, setChecking] = useState(false);
  const rule = settings.portfolioIssueType;

  const runCheck = async () => {
    const jql = settings.scopeJql;
    setChecking(true);
    try {
      setCheck({ jql, result: await invoke('admin/jql/check', { jql }) });
    } catch (error) {
      setCheck({ jql, failure: asCallError(error) });
    } finally {
      setChecking(false);
    }
  };
  const current = check !== null && check.jql === settings.scopeJql ? check : null;

  return (
    <Section title="Scope" intro="Which Jira issues are the portfolio's epics." testId="settings-scope">
      <FieldRow label="Scope JQL" htmlFor="scope-jql" hint="An ORDER BY sets the order on the pages.">
        <Stack space="space.100">
          <TextArea
            id="scope-jql"
            value={settings.scopeJql}
            isMonospaced
            minimumRows={2}
            resize="vertical"
            isDisabled={disabled}
            isInvalid={current !== null && 'result' in current && current.result.errors.length > 0}
            onChange={(event) => onChange({ ...settings, scopeJql: event.currentTarget.value })}
            testId="scope-jql"
          />
          <Inline space="space.100" alignBlock="center">
            <Button onClick={() => void runCheck()} isLoading={checking} isDisabled={settings.scopeJql.trim() === ''} testId="scope-jql-check">
              Check with Jira
            </Button>
            {current !== null && 'result' in current && current.result.count !== null && (
              <Text testId="scope-jql-count">{`Valid: Jira finds about ${current.result.count} issues for you.`}</Text>
            )}
          </Inline>
          {current !== null && 'result' in current && current.result.errors.length > 0 && (
            <SectionMessage appearance="error" title="Jira cannot run this JQL" testId="scope-jql-error">
              {current.result.errors.map((message) => (
                <Text as="p" key={message}>
                  {message}
                </Text>
              ))}
            </SectionMessage>
          )}
          {current !== null && 'failure' in current && (
            <SectionMessage appearance="error" title="The JQL could not be checked">
              <Text as="p">{current.failure.message}</Text>
            </SectionMessage>
          )}
        </Stack>
      </FieldRow>
      <FieldRow label="Portfolio issue type" hint="SAFe sites often use a level above Epic (Initiative) or a renamed type.">
        <Inline space="space.100" alignBlock="end" shouldWrap>
          <SelectField
            label="Identify epics by"
            value={rule.by}
            disabled={disabled}
            options={[
              { value: 'hierarchyLevel', label: 'Hierarchy level' },
              { value: 'issueTypeIds', label: 'Issue type ids' },
            ]}
            onChange={(by) =>
              onChange({ ...settings, portfolioIssueType: by === 'issueTypeIds' ? { by: 'issueTypeIds', ids: ['10000'] } : { by: 'hierarchyLevel', level: 1 } })
            }
            testId="issue-type-by"
          />
          {rule.by === 'hierarchyLevel' ? (
            <Textfield
              aria-label="Hierarchy level (1 = Epic)"
              type="number"
              min={1}
              max={10}
              width={120}
              isDisabled={disabled}
              value={String(rule.level)}
              onChange={(event) => onChange({ ...settings, portfolioIssueType: { by: 'hierarchyLevel', level: Number(event.currentTarget.value) || 1 } })}
            />
          ) : (
            <Textfield
              aria-label="Issue type ids, comma separated"
              width={240}
              isDisabled={disabled}
              value={rule.ids.join(', ')}
              onChange={(event) =>
                onChange({
                  ...settings,
                  portfolioIssueType: { by: 'issueTypeIds', ids: event.currentTarget.value.split(',').map((id) => id.trim()).filter((id) => id !== '') },
                })
              }
            />
          )}
        </Inline>
      </FieldRow>
    </Section>
  );
}
