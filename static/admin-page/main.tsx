/*
 * Lean Portfolio settings — the jira:adminPage (Custom UI, the app's Configure page).
 * Issue 3 gives it its first real content: the current settings (settings/get) and the status
 * mapping (admin/statuses), read-only. A later issue makes them editable (settings/save).
 */
import Heading from '@atlaskit/heading';
import { Box, Stack } from '@atlaskit/primitives';
import { startPage } from '../shared/start';
import { SettingsSummary } from './SettingsSummary';

function AdminPage() {
  return (
    <Box padding="space.300">
      <Stack space="space.300">
        <Heading size="large" as="h1">
          Lean Portfolio settings
        </Heading>
        <SettingsSummary />
      </Stack>
    </Box>
  );
}

void startPage(<AdminPage />);
