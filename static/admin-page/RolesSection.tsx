/**
 * Who manages the portfolio (a Jira group, stored by id: names can be renamed), the approval
 * threshold (kept with the budgets, shown here), and the rules the numbers follow: stale-score
 * age, WSJF scale, currency, time zone, skipped commitment, inclusive flow time, hidden epics.
 */
import { useEffect, useState } from 'react';
import Button from '@atlaskit/button/new';
import Checkbox from '@atlaskit/checkbox';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import type { ResolverOutput } from '../../src/contract/resolvers';
import { Code } from '../shared/Code';
import { SelectField } from '../shared/Field';
import { invoke } from '../shared/invoke';
import { useResolver } from '../shared/useResolver';
import { FieldRow, Section } from './Section';
import { parseScale, type Settings } from './settingsEdit';

type Group = ResolverOutput<'admin/groups'>['groups'][number];

/** Jira's group picker as the admin sees it, searched as they type. */
function GroupPicker({ settings, onChange, disabled }: { settings: Settings; onChange: (next: Settings) => void; disabled: boolean }) {
  const [query, setQuery] = useState('');
  const [groups, setGroups] = useState<readonly Group[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    if (disabled) return;
    let current = true;
    const timer = setTimeout(() => {
      invoke('admin/groups', { query }).then(
        (answer) => current && (setGroups(answer.groups), setFailure(null)),
        (error: unknown) => current && setFailure(error instanceof Error ? error.message : String(error)),
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, disabled]);
  return (
    <Stack space="space.100">
      <Text testId="managers-group">
        {`Current: ${settings.portfolioManagersGroup}`}
        {settings.portfolioManagersGroupId === null ? ' (by name until saved: saving stores its id)' : ''}
      </Text>
      {settings.portfolioManagersGroupId !== null && (
        <Text size="small" color="color.text.subtlest">
          Group id <Code>{settings.portfolioManagersGroupId}</Code>
        </Text>
      )}
      <Textfield
        aria-label="Search Jira groups"
        placeholder="Search Jira groups"
        value={query}
        isDisabled={disabled}
        onChange={(event) => setQuery(event.currentTarget.value)}
        testId="group-search"
      />
      {failure !== null && <Text color="color.text.danger">{failure}</Text>}
      {groups !== null && (
        <Inline space="space.075" shouldWrap testId="group-results">
          {groups.length === 0 && <Text color="color.text.subtle">No group matches.</Text>}
          {groups.map((group) => (
            <Button
              key={group.groupId}
              spacing="compact"
              appearance={group.groupId === settings.portfolioManagersGroupId ? 'primary' : 'default'}
              isDisabled={disabled}
              aria-pressed={group.groupId === settings.portfolioManagersGroupId}
              onClick={() => onChange({ ...settings, portfolioManagersGroup: group.name, portfolioManagersGroupId: group.groupId })}
            >
              {group.name}
            </Button>
          ))}
        </Inline>
      )}
    </Stack>
  );
}

function ApprovalThreshold({ currency }: { currency: string }) {
  const guardrails = useResolver('guardrails/get', {});
  if (guardrails.state.status !== 'ready') return <Text color="color.text.subtle">{guardrails.state.status === 'loading' ? 'Loading…' : 'Not available'}</Text>;
  const { approvalThreshold } = guardrails.state.data.guardrails;
  return (
    <Text testId="approval-threshold">
      {approvalThreshold === null
        ? 'No portfolio-wide approval threshold — set it with the guardrails on the Strategy page.'
        : `${approvalThreshold.toLocaleString('en')} ${currency} portfolio-wide — set with the guardrails on the Strategy page.`}
    </Text>
  );
}

const TIME_ZONES: readonly string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];

export function RolesSection({ settings, onChange, disabled }: { settings: Settings; onChange: (next: Settings) => void; disabled: boolean }) {
  const [scaleText, setScaleText] = useState(settings.wsjfScale.join(', '));
  const scaleValid = parseScale(scaleText) !== null;
  return (
    <Section title="Roles and rules" intro="Who may change the portfolio, and the rules every number follows." testId="settings-roles">
      <FieldRow label="Portfolio managers" hint="Members may change settings, themes, budgets and OKRs; Jira administrators always may.">
        <GroupPicker settings={settings} onChange={onChange} disabled={disabled} />
      </FieldRow>
      <FieldRow label="Approval threshold" hint="Epics above it need an approval before they are committed.">
        <ApprovalThreshold currency={settings.currency} />
      </FieldRow>
      <FieldRow label="Stale score after (days)" htmlFor="stale-days" hint="A WSJF older than this is flagged.">
        <Textfield
          id="stale-days"
          type="number"
          min={1}
          max={3650}
          width={120}
          isDisabled={disabled}
          value={String(settings.staleScoreDays)}
          onChange={(event) => onChange({ ...settings, staleScoreDays: Math.max(1, Math.round(Number(event.currentTarget.value)) || 1) })}
        />
      </FieldRow>
      <FieldRow label="WSJF scale" htmlFor="wsjf-scale" hint="The values each component may take, comma separated.">
        <Stack space="space.050">
          <Textfield
            id="wsjf-scale"
            width={320}
            isDisabled={disabled}
            isInvalid={!scaleValid}
            value={scaleText}
            onChange={(event) => {
              const text = event.currentTarget.value;
              setScaleText(text);
              const scale = parseScale(text);
              if (scale !== null) onChange({ ...settings, wsjfScale: scale });
            }}
          />
          {!scaleValid && <Text color="color.text.danger">Whole numbers separated by commas, like 1, 2, 3, 5, 8, 13, 20.</Text>}
        </Stack>
      </FieldRow>
      <FieldRow label="Currency" htmlFor="currency" hint="ISO 4217 code of budgets and cost estimates.">
        <Textfield
          id="currency"
          width={120}
          maxLength={3}
          isDisabled={disabled}
          value={settings.currency}
          onChange={(event) => onChange({ ...settings, currency: event.currentTarget.value.toUpperCase() })}
        />
      </FieldRow>
      <FieldRow label="Time zone" htmlFor="time-zone" hint="Calendar dates, flow time and periods are counted in it.">
        <>
          <Textfield id="time-zone" width={280} list="time-zones" isDisabled={disabled} value={settings.timeZone} onChange={(event) => onChange({ ...settings, timeZone: event.currentTarget.value })} />
          <datalist id="time-zones">
            {TIME_ZONES.map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
        </>
      </FieldRow>
      <FieldRow label="Done without commitment" hint="An epic that reached Done without passing the commitment state.">
        <SelectField
          label="Such epics"
          value={settings.skippedCommitment}
          disabled={disabled}
          options={[
            { value: 'exclude', label: 'Exclude from flow time and velocity' },
            { value: 'backfill', label: 'Count with a flow time of 0 days' },
          ]}
          onChange={(value) => onChange({ ...settings, skippedCommitment: value === 'backfill' ? 'backfill' : 'exclude' })}
        />
      </FieldRow>
      <FieldRow label="Counting">
        <Stack space="space.050">
          <Checkbox
            label="Flow time counts both ends (+1 day)"
            isChecked={settings.inclusiveFlowTime}
            isDisabled={disabled}
            onChange={(event) => onChange({ ...settings, inclusiveFlowTime: event.currentTarget.checked })}
          />
          <Checkbox
            label="Portfolio totals include epics the viewer cannot see (as a count, without detail)"
            isChecked={settings.portfolioTotalsIncludeHidden}
            isDisabled={disabled}
            onChange={(event) => onChange({ ...settings, portfolioTotalsIncludeHidden: event.currentTarget.checked })}
          />
        </Stack>
      </FieldRow>
    </Section>
  );
}
