/**
 * The settings, editable: one draft of the one versioned document, saved as a whole with the
 * version it was read at. A save someone else beat comes back as a conflict: the fields that
 * differ are shown with both values, and the admin takes theirs or keeps theirs as the new base.
 */
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import { showFlag } from '@forge/bridge';
import type { ResolverOutput } from '../../src/contract/resolvers';
import { invoke, type ResolverCallError } from '../shared/invoke';
import { ErrorMessage, Loaded } from '../shared/states';
import { DataTable } from '../shared/table';
import { asCallError, useResolver } from '../shared/useResolver';
import { CheckSection } from './CheckSection';
import { MappingSection } from './MappingSection';
import { RolesSection } from './RolesSection';
import { ScopeSection } from './ScopeSection';
import { StatesSection } from './StatesSection';
import { describeValue, differingFields, type Settings } from './settingsEdit';

type Loaded = ResolverOutput<'settings/get'>;

const saveBarStyles = xcss({
  position: 'sticky',
  insetBlockEnd: 'space.0',
  backgroundColor: 'elevation.surface.raised',
  boxShadow: 'elevation.shadow.overflow',
  borderRadius: 'radius.medium',
  padding: 'space.150',
  zIndex: 'card',
});

function ConflictView({ mine, theirs, onTakeTheirs, onKeepMine }: { mine: Settings; theirs: Loaded; onTakeTheirs: () => void; onKeepMine: () => void }) {
  const fields = differingFields(mine, theirs.settings);
  return (
    <SectionMessage appearance="warning" title={`Someone saved version ${theirs.version ?? '—'} while you edited`} testId="settings-conflict">
      <Stack space="space.100">
        <Text as="p">Nothing was overwritten. These fields differ between your draft and what is saved now:</Text>
        <DataTable
          caption="Your draft and the saved settings"
          rowKey={(field) => field}
          rows={fields}
          columns={[
            { title: 'Setting', render: (field) => field },
            { title: 'Yours', render: (field) => describeValue(mine[field]) },
            { title: `Saved (version ${theirs.version ?? '—'})`, render: (field) => describeValue(theirs.settings[field]) },
          ]}
        />
        <Inline space="space.100">
          <Button onClick={onTakeTheirs}>Load theirs</Button>
          <Button appearance="primary" onClick={onKeepMine}>
            Keep mine, then save over theirs
          </Button>
        </Inline>
      </Stack>
    </SectionMessage>
  );
}

function Editor({ loaded, canManage, managersGroup }: { loaded: Loaded; canManage: boolean; managersGroup: string }) {
  const [base, setBase] = useState<Loaded>(loaded);
  const [draft, setDraft] = useState<Settings>(loaded.settings);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<ResolverCallError | null>(null);
  const [theirs, setTheirs] = useState<Loaded | null>(null);
  // Sections that read the saved settings (mapping, check) remount after a save.
  const [generation, setGeneration] = useState(0);
  const changed = JSON.stringify(draft) !== JSON.stringify(base.settings);
  const disabled = !canManage || saving;

  const save = async () => {
    setSaving(true);
    setFailure(null);
    setTheirs(null);
    try {
      const saved = await invoke('settings/save', { settings: draft, version: base.version });
      setBase(saved);
      setDraft(saved.settings);
      setGeneration((n) => n + 1);
      showFlag({ id: `settings-saved-${saved.version}`, title: 'Settings saved', description: `Version ${saved.version}.`, type: 'success', isAutoDismiss: true });
    } catch (error) {
      const callError = asCallError(error);
      setFailure(callError);
      if (callError.code === 'conflict') setTheirs(await invoke('settings/get', {}).catch(() => null));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack space="space.300">
      {!canManage && (
        <SectionMessage appearance="information" title="View only">
          <Text as="p">{`Only Jira administrators and members of the group "${managersGroup}" may change these settings.`}</Text>
        </SectionMessage>
      )}
      <ScopeSection settings={draft} onChange={setDraft} disabled={disabled} />
      <StatesSection settings={draft} onChange={setDraft} disabled={disabled} />
      <MappingSection key={`mapping-${generation}`} settings={draft} onChange={setDraft} disabled={disabled} />
      <RolesSection key={`roles-${generation}`} settings={draft} onChange={setDraft} disabled={disabled} />
      <CheckSection key={`check-${generation}`} />
      {canManage && (
        <Box xcss={saveBarStyles} testId="settings-save-bar">
          <Stack space="space.100">
            {theirs !== null && (
              <ConflictView
                mine={draft}
                theirs={theirs}
                onTakeTheirs={() => {
                  setBase(theirs);
                  setDraft(theirs.settings);
                  setTheirs(null);
                  setFailure(null);
                  setGeneration((n) => n + 1);
                }}
                onKeepMine={() => {
                  setBase(theirs);
                  setTheirs(null);
                  setFailure(null);
                }}
              />
            )}
            {failure !== null && failure.code !== 'conflict' && <ErrorMessage error={failure} />}
            <Inline space="space.150" alignBlock="center">
              <Button appearance="primary" onClick={() => void save()} isLoading={saving} isDisabled={!changed} testId="settings-save">
                Save settings
              </Button>
              <Button onClick={() => setDraft(base.settings)} isDisabled={!changed || saving}>
                Discard changes
              </Button>
              <Text color="color.text.subtle" testId="settings-version">
                {base.version === null ? 'Defaults in use: nothing saved yet.' : `Saved version ${base.version}.`}
                {changed ? ' You have unsaved changes.' : ''}
              </Text>
            </Inline>
          </Stack>
        </Box>
      )}
    </Stack>
  );
}

export function SettingsEditor() {
  const settings = useResolver('settings/get', {});
  const me = useResolver('me/get', {});
  return (
    <Loaded state={settings.state} what="the settings" onRetry={settings.reload}>
      {(loaded) => (
        <Loaded state={me.state} what="your permissions" onRetry={me.reload}>
          {(access) => <Editor loaded={loaded} canManage={access.canManagePortfolio} managersGroup={loaded.settings.portfolioManagersGroup} />}
        </Loaded>
      )}
    </Loaded>
  );
}
