/*
 * Lean Portfolio settings — the jira:adminPage (Custom UI, the app's Configure page): scope,
 * states, status mapping, roles and rules, editable (settings/save), and the configuration check.
 */
import Heading from '@atlaskit/heading';
import { Box, Stack } from '@atlaskit/primitives';
import { startPage } from '../shared/start';
import { SettingsEditor } from './SettingsEditor';

function AdminPage() {
  return (
    <Box padding="space.300">
      <Stack space="space.300">
        <Heading size="large" as="h1">
          Lean Portfolio settings
        </Heading>
        <SettingsEditor />
      </Stack>
    </Box>
  );
}

void startPage(<AdminPage />);
