/**
 * The epics and their economics: forecast cost, investment type, the latest decision, and whether
 * the commitment gate would stop them. Opening one shows its lean business case in a drawer (the
 * same editor as the epic's issue panel).
 */
import { useMemo, useState } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import ModalDialog, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import type { StrategyOverview } from '../../../src/contract/strategy';
import { BusinessCaseEditor, DecisionLozenge } from '../../shared/BusinessCaseEditor';
import { formatMoney, TextField } from '../../shared/BusinessCaseEditorFields';
import { SelectField } from '../../shared/Field';
import { DataTable } from '../../shared/table';

type Epic = StrategyOverview['epics'][number];
const SHOWN = 25;

export function CasesSection({ overview, onChanged }: { overview: StrategyOverview; onChanged: () => void }) {
  const [open, setOpen] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [which, setWhich] = useState<'open' | 'needs-go' | 'all'>('open');
  const done = overview.states.at(-1);
  const themeName = (id: string | null) => overview.themes.list.find((theme) => theme.id === id)?.name ?? '—';
  const rows = useMemo(() => {
    const text = filter.trim().toLowerCase();
    return overview.epics
      .filter((epic) => (which === 'all' ? true : which === 'needs-go' ? epic.needsGo : epic.state !== done))
      .filter((epic) => text === '' || `${epic.key} ${epic.summary} ${epic.valueStream}`.toLowerCase().includes(text))
      .sort((a, b) => (b.forecastCost ?? -1) - (a.forecastCost ?? -1) || a.key.localeCompare(b.key));
  }, [overview, filter, which, done]);
  const close = () => {
    setOpen(null);
    onChanged();
  };
  return (
    <Stack space="space.200" testId="cases-section">
      <Stack space="space.050">
        <Heading size="medium" as="h2">
          Epics and their business cases
        </Heading>
        <Text size="small" color="color.text.subtle">
          Largest forecast cost first. An epic above its approval threshold needs a go decision before it may enter {overview.commitment}.
        </Text>
      </Stack>
      <Inline space="space.200" alignBlock="end" shouldWrap>
        <TextField label="Find epics" value={filter} onChange={setFilter} width="16rem" testId="cases-filter" />
        <SelectField
          label="Show"
          value={which}
          options={[
            { value: 'open', label: 'Open epics' },
            { value: 'needs-go', label: 'Waiting for a go decision' },
            { value: 'all', label: 'All epics' },
          ]}
          onChange={(value) => setWhich(value as typeof which)}
        />
      </Inline>
      <DataTable
        caption="Epics with their forecast cost and decision"
        rowKey={(epic: Epic) => epic.key}
        rows={rows.slice(0, SHOWN)}
        columns={[
          {
            title: 'Epic',
            render: (epic) => (
              <Stack space="space.025">
                <Text weight="semibold">{epic.key}</Text>
                <Text size="small">{epic.summary}</Text>
              </Stack>
            ),
          },
          { title: 'State', render: (epic) => epic.state ?? '—' },
          { title: 'Value stream', render: (epic) => epic.valueStream },
          { title: 'Theme', render: (epic) => themeName(epic.themeId) },
          { title: 'Investment', render: (epic) => overview.guardrails.guardrails.investmentTypes.find((type) => type.id === epic.investmentType)?.name ?? epic.investmentType },
          { title: 'Forecast cost', numeric: true, render: (epic) => formatMoney(epic.forecastCost, overview.currency) },
          {
            title: 'Decision',
            render: (epic) => (
              <Inline space="space.050" shouldWrap>
                <DecisionLozenge decision={epic.decision} />
                {epic.needsGo && <Lozenge appearance="removed">Needs go</Lozenge>}
              </Inline>
            ),
          },
          {
            title: '',
            render: (epic) => (
              <Button appearance="subtle" onClick={() => setOpen(epic.key)} testId={`case-open-${epic.key}`}>
                Business case
              </Button>
            ),
          },
        ]}
      />
      {rows.length > SHOWN && <Text size="small" color="color.text.subtle">{`${rows.length - SHOWN} more: narrow the list with Find.`}</Text>}
      <ModalTransition>
        {open !== null && (
          <ModalDialog onClose={close} width="x-large" shouldScrollInViewport testId="case-drawer">
            <ModalHeader>
              <ModalTitle>{`${open} · ${overview.epics.find((epic) => epic.key === open)?.summary ?? ''}`}</ModalTitle>
            </ModalHeader>
            <ModalBody>
              <BusinessCaseEditor issueKey={open} />
            </ModalBody>
            <ModalFooter>
              <Button onClick={close} testId="case-close">
                Close
              </Button>
            </ModalFooter>
          </ModalDialog>
        )}
      </ModalTransition>
    </Stack>
  );
}
