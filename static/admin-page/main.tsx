/*
 * Lean Portfolio settings — the jira:adminPage (Custom UI, the app's Configure page): scope,
 * states, status mapping, roles and rules, editable (settings/save), and the configuration check.
 */
import Heading from '@atlaskit/heading';
import { Box, Stack } from '@atlaskit/primitives';
import { startPage } from '../shared/start';
import { SyncBanner } from '../shared/SyncBanner';
import { SettingsEditor } from './SettingsEditor';

/** The settings form keeps what an admin is typing: a completed sync does not reload it. */
const noReload = () => undefined;

function AdminPage() {
  return (
    <Box padding="space.300">
      <Stack space="space.300">
        <Heading size="large" as="h1">
          Lean Portfolio settings
        </Heading>
        {/* The configuration check reads the portfolio: it says so while a sync runs or after one stopped. */}
        <SyncBanner onSynced={noReload} />
        <SettingsEditor />
      </Stack>
    </Box>
  );
}

void startPage(<AdminPage />);
